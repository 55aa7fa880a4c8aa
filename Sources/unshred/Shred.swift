import ArgumentParser
import Foundation
import UnshredKit

struct Shred: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cut a page image into a shuffled test set: the pieces and truth.txt.",
        discussion: """
            The page (PNG or BMP, any size) is cut into equal pieces; what does not divide \
            evenly is trimmed from the right and bottom edges and reported. The pieces get \
            random numeric names (000, 001, ...; double-sided: 000a/000b, the face letter \
            chosen at random per piece) and are written as 8-bit gray PNG with truth.txt \
            (the layout format) into the output folder. The same seed gives the same set, \
            byte for byte.
            """)

    @Argument(help: "The page image (PNG or BMP).")
    var page: String

    @Option(help: "The back of the sheet (same size), for a double-sided set. Cut upright; the sheet turns over about its vertical axis.")
    var back: String?

    @Option(help: "Cut into ROWSxCOLUMNS pieces, e.g. 11x19.")
    var grid: String?

    @Option(help: "Cut into N vertical strips (the same as --grid 1xN).")
    var strips: Int?

    @Option(help: "Seed for the shuffle, the face letters and the noise.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Gaussian noise added to every pixel: its standard deviation in gray levels.", valueName: "sigma"))
    var noise: Double = 0

    @Option(help: ArgumentHelp("Gaussian blur of the whole page before cutting, like a scanner: its radius (standard deviation) in pixels.", valueName: "radius"))
    var blur: Double = 0

    @Option(name: .shortAndLong, help: "The folder to write the set into (created if missing).")
    var output: String

    @Flag(help: "Replace an existing non-empty output folder (only if it holds nothing but a test set).")
    var force = false

    @Flag(name: .shortAndLong, help: "Print no summary on standard error.")
    var quiet = false

    func validate() throws {
        switch (grid, strips) {
        case (nil, nil): throw ValidationError("give --grid ROWSxCOLUMNS or --strips N")
        case (.some, .some): throw ValidationError("give --grid or --strips, not both")
        default: break
        }
        if let grid, GridShape(grid) == nil { throw ValidationError("--grid takes ROWSxCOLUMNS, e.g. 11x19, not '\(grid)'") }
        if let strips, strips < 1 { throw ValidationError("--strips must be positive") }
        if !(noise >= 0 && noise.isFinite) { throw ValidationError("--noise must be zero or positive") }
        if !(blur >= 0 && blur.isFinite) { throw ValidationError("--blur must be zero or positive") }
    }

    var shape: GridShape { grid.flatMap(GridShape.init) ?? GridShape(rows: 1, columns: strips ?? 1) }

    func run() throws {
        let front = try ImageFile.read(page)
        let backImage = try back.map { try ImageFile.read($0) }
        let cut: Shredder.Cut
        do {
            cut = try Shredder.cut(front, back: backImage,
                                   options: .init(grid: shape, seed: seed, noise: noise, blur: blur))
        } catch let error as ShredError {
            if case .backSizeMismatch = error, let back { throw CLIError("\(back): \(error)") }
            throw CLIError("\(page): \(error)")
        }
        do {
            try TestSet.write(cut, to: output, replace: force, inputs: [page] + (back.map { [$0] } ?? []))
        } catch let error as TestSetError {
            throw CLIError(error.description)
        }
        guard !quiet else { return }
        let sheets = cut.grid.rows * cut.grid.columns
        var line = "unshred: \(Terminal.count(sheets, "piece"))"
        if back != nil { line += " (\(Terminal.count(cut.pieces.count, "face")))" }
        line += " of \(cut.pieceWidth) x \(cut.pieceHeight) px, \(cut.grid.rows) x \(cut.grid.columns), in \(output)"
        if cut.trimmed.right > 0 || cut.trimmed.bottom > 0 {
            line += "; trimmed \(cut.trimmed.right) px at the right, \(cut.trimmed.bottom) px at the bottom"
        }
        Terminal.standardError(line)
    }
}
