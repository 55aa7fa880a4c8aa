import ArgumentParser
import Foundation
import UnshredKit

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Restore a page from a folder of pieces (the default command).")

    @Argument(help: "Folder holding the pieces (.png/.bmp/.jpg; all the same size, except strips), or scans (image files) to extract the pieces from first (see `unshred extract`).")
    var inputs: [String]

    @Option(help: "With scans: keep the extracted pieces in this folder (new or empty) instead of a temporary one.")
    var keepPieces: String?

    @Option(name: .shortAndLong, help: "Where to write the restored page (PNG; in colour when the pieces are).")
    var output: String?

    @Option(help: "Write the layout table here instead of standard output.")
    var layout: String?

    @Option(help: ArgumentHelp("Write what was taken as paper, one PNG per piece (255 = paper), into this existing folder.",
                               valueName: "folder"))
    var paperMasks: String?

    @Option(help: "Rows x columns of a cross-cut page, e.g. 11x19, if known.")
    var grid: String?

    @Option(help: "Refuse pieces larger than this many pixels.")
    var maxPixels: Int = ImageLimits.default.maxPixels

    @Option(help: "Refuse folders with more pieces than this.")
    var maxPieces: Int = 100_000

    @Flag(name: .shortAndLong, help: "Print no summary on standard error.")
    var quiet = false

    @OptionGroup var strips: StripFlags

    @Option(help: ArgumentHelp("Edge measure for strips: clean (cut by a program), real (a shredder's cuts, docs/real-measure.md) or automatic. Default: real for scans and for folders `unshred extract` wrote (they hold pieces.csv), clean otherwise.", valueName: "KIND"))
    var cuts: Unshredder.Cuts?

    @OptionGroup(title: "Interactive mode")
    var interaction: InteractiveOptions

    /// Image files instead of a folder: extract their pieces first.
    var scans: [String]? {
        var isDir: ObjCBool = false
        let one = inputs.count == 1 && FileManager.default.fileExists(atPath: inputs[0], isDirectory: &isDir) && isDir.boolValue
        return one || inputs.count == 1 && !FileManager.default.fileExists(atPath: inputs[0]) ? nil : inputs
    }

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give a folder of pieces, or scans") }
        if let scans {
            for scan in scans {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: scan, isDirectory: &isDir), isDir.boolValue {
                    throw ValidationError("give one folder of pieces, or scans (image files), not both: \(scan) is a folder")
                }
            }
        } else if keepPieces != nil {
            throw ValidationError("--keep-pieces goes with scans (image files), not a folder of pieces")
        }
        if let grid, GridShape(grid) == nil { throw ValidationError("--grid takes ROWSxCOLUMNS, e.g. 11x19, not '\(grid)'") }
        if maxPixels < 1 { throw ValidationError("--max-pixels must be positive") }
        if maxPieces < 1 { throw ValidationError("--max-pieces must be positive") }
    }

    func run() throws {
        let started = Date()
        let outputs = [output, layout, interaction.review].compactMap { $0 }
        var folder = inputs[0]
        var temporary: String? = nil
        var shape = grid.flatMap(GridShape.init)
        defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
        if let scans {
            try OutputCheck.refuseOverwritingScans(outputs, scans: scans)
            if let keepPieces {
                folder = keepPieces
            } else {
                temporary = try OutputCheck.temporaryFolder()
                folder = (temporary! as NSString).appendingPathComponent("pieces")
            }
            var settings = ExtractionSettings.default
            settings.maxPixels = maxPixels
            let extractions = try Extract.extract(scans, into: folder, settings: settings)
            if !quiet { Extract.report(extractions) }
            // Extracted strips are solved as strips: shape inference is for cut-outs of
            // equal size.
            if shape == nil { shape = ScanExtractor.stripShape(extractions, settings: settings) }
        }
        try OutputCheck.refuseOverwritingInputs(outputs, folder: folder)
        if let paperMasks { try OutputCheck.checkMaskFolder(paperMasks, folder: folder) }
        var limits = ImageLimits.default
        limits.maxPixels = maxPixels
        let pieces = try PieceLoader.load(folder: folder, limits: limits, maxPieces: maxPieces)
        if let paperMasks {
            for piece in pieces.pieces {
                let mask = piece.paper ?? PaperMask.full(width: piece.scan.width, height: piece.scan.height)
                try ImageFile.writePNG(mask.image, to: (paperMasks as NSString).appendingPathComponent(piece.name + ".png"))
            }
        }
        var options = Unshredder.Options(grid: shape)
        options.findsTurnedStrips = !strips.upright
        options.findsPages = !strips.onePage
        // Pieces cut out of a flatbed scan are real paper; a program's cuts are clean.
        let extracted = scans != nil || FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(ExtractionOutput.tableName))
        options.cuts = cuts ?? (extracted ? .real : .clean)
        let outcome = try interaction.solve(pieces, options: options)
        let solution = outcome.solution
        let pages = try PageAssembler.compose(solution.layout, pieces: pieces)
        if let output, !OutputCheck.discards(output) {
            for (path, image) in zip(OutputCheck.pagePaths(output, count: pages.count), pages) {
                try ImageFile.writePNG(image, to: path)
            }
        }
        try interaction.writeReview(solution, pieces: pieces, places: outcome.places, options: options)
        if let layout {
            if !OutputCheck.discards(layout) { try AtomicFile.write(solution.layout.text, to: layout) }
        } else {
            try OutputCheck.writeStandardOutput(solution.layout.text)
        }
        if !quiet {
            // Solving time only: the person's thinking time is said apart.
            let seconds = Date().timeIntervalSince(started) - outcome.waiting
            let count = solution.kind == .doubleSided
                ? "\(Terminal.count(pieces.count / 2, "piece")) (\(Terminal.count(pieces.count, "face")))"
                : Terminal.count(pieces.count, "piece")
            var line = "unshred: \(count), \(solution.shapeDescription), \(String(format: "%.2f", seconds)) s"
            if interaction.interactive { line += " solving (+ \(String(format: "%.1f", outcome.waiting)) s waiting for answers)" }
            if let weak = solution.weakestJoin {
                line += ", least confident join \(weak.first)\(weak.direction == .leftRight ? "|" : "/")\(weak.second) (\(String(format: "%.2f", weak.confidence)))"
            }
            Terminal.standardError(line)
        }
        if let estimate = solution.shapeEstimate, estimate.isDoubtful, let other = estimate.runnerUp {
            // Printed even with -q: the user may have to choose.
            Terminal.standardError("unshred: warning: the shape is doubtful: \(estimate.shape) (chosen) or \(other), "
                + "\(String(format: "%.2f", estimate.margin)) apart; choose with --grid \(estimate.shape) or --grid \(other)")
        }
    }
}
