import ArgumentParser
import Foundation
import UnshredKit

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find, straighten and cut out the pieces on flatbed scans.",
        discussion: """
            Each scan shows pieces (strips or cross-cut) lying on a dark or coloured sheet. \
            Every piece is turned upright and written at full resolution as an RGBA PNG \
            (paper opaque, sheet transparent) named SCANSTEM-NN.png, numbered left to right, \
            top to bottom; pieces.csv says where each came from and contact.png shows every \
            scan small with each piece outlined and numbered. The folder must be new or \
            empty; `unshred DIR` then restores the page.
            """)

    @Argument(help: "Scans (JPEG, PNG or BMP).")
    var scans: [String]

    @Option(name: .shortAndLong, help: "Folder to write the pieces into (new or empty).")
    var output: String

    @Option(help: "Refuse scans larger than this many pixels.")
    var maxPixels: Int = ImageLimits.default.maxPixels

    @Flag(name: .shortAndLong, help: "Print no notes or summary on standard error.")
    var quiet = false

    func validate() throws {
        if scans.isEmpty { throw ValidationError("give at least one scan") }
        if maxPixels < 1 { throw ValidationError("--max-pixels must be positive") }
    }

    func run() throws {
        let started = Date()
        var settings = ExtractionSettings.default
        settings.maxPixels = maxPixels
        let extractions = try Self.extract(scans, into: output, settings: settings)
        if !quiet {
            Self.report(extractions)
            let count = extractions.reduce(0) { $0 + $1.pieces.count }
            Terminal.standardError("unshred: \(count) pieces from \(extractions.count) \(extractions.count == 1 ? "scan" : "scans") into \(output) (check \((output as NSString).appendingPathComponent(ExtractionOutput.contactName))), \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        }
    }

    /// Checks the folder, extracts every scan, then writes everything (all or nothing).
    static func extract(_ scans: [String], into folder: String, settings: ExtractionSettings) throws -> [ScanExtraction] {
        try ExtractionOutput.check(folder: folder, scans: scans)
        let extractions = try ScanExtractor.extract(paths: scans, settings: settings)
        try ExtractionOutput.write(extractions, to: folder)
        return extractions
    }

    /// One line per scan and one per note, on standard error.
    static func report(_ extractions: [ScanExtraction]) {
        for e in extractions {
            Terminal.standardError("unshred: \(e.scan): \(e.pieces.count) \(e.pieces.count == 1 ? "piece" : "pieces")")
            for note in e.notes { Terminal.standardError("note: \(note)") }
        }
    }
}
