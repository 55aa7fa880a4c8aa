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

            Real damage, so that sets look like scanned shredder strips: --kerf, \
            --jitter, --edge-damage and --skew (single-sided strips only), --jpeg, \
            --background and --flip (any cut). Kerf and jitter make strips of unequal \
            width and a height less than the page's; a flipped piece's name is marked \
            with ~ in truth.txt (007~). Damaged pieces are written as PNG (gray, RGB on \
            a coloured background, RGBA when transparent) or JPEG.
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

    @Option(help: ArgumentHelp("Paper lost at each cut between strips (the cuts' kerf).", valueName: "px"))
    var kerf: Int = 0

    @Option(help: ArgumentHelp("Shift each strip up or down by up to px (strips are cut from rows px+d ..< height-px+d).", valueName: "px"))
    var jitter: Int = 0

    @Flag(help: "Blade damage or a torn edge: the outer 1-3 px of each cut edge lose their paper (background shows), the ink next to them is dotted.")
    var edgeDamage = false

    @Option(help: ArgumentHelp("Turn each strip by a random angle of up to deg degrees either way (0-10).", valueName: "deg"))
    var skew: Double = 0

    @Option(help: ArgumentHelp("Write the pieces as JPEG of this quality (1-100).", valueName: "quality"))
    var jpeg: Int?

    @Option(help: ArgumentHelp("Lay each piece on this, 6 px all round: black, dark, gray, white, red, green, blue, yellow, brown, #RRGGBB or transparent.", valueName: "colour"))
    var background: String?

    @Option(help: ArgumentHelp("Turn this share of the pieces by 180 degrees (0-1); truth.txt marks them ~.", valueName: "fraction"))
    var flip: Double = 0

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
        if kerf < 0 { throw ValidationError("--kerf must be zero or positive") }
        if jitter < 0 { throw ValidationError("--jitter must be zero or positive") }
        if !(skew >= 0 && skew <= ShredDamage.maxSkew) {
            throw ValidationError("--skew takes degrees from 0 to \(Int(ShredDamage.maxSkew))")
        }
        if let jpeg, !(1...100).contains(jpeg) { throw ValidationError("--jpeg takes a quality from 1 to 100") }
        if !(flip >= 0 && flip <= 1) { throw ValidationError("--flip takes a fraction from 0 to 1") }
        if let background {
            guard let colour = ShredDamage.Background(background) else {
                throw ValidationError("--background takes a colour name, #RRGGBB or transparent, not '\(background)'")
            }
            if colour == .transparent, jpeg != nil {
                throw ValidationError("--jpeg cannot be transparent: give --background a colour")
            }
        }
        if let option = damage.stripsOnly.first {
            if back != nil { throw ValidationError("\(option) is for single-sided strips, not with --back") }
            if shape.rows > 1 { throw ValidationError("\(option) is for strips (--strips N), not a grid of \(shape.rows) rows") }
        }
    }

    var damage: ShredDamage {
        ShredDamage(kerf: kerf, jitter: jitter, edgeDamage: edgeDamage, skew: skew, jpegQuality: jpeg,
                    background: background.flatMap(ShredDamage.Background.init), flip: flip)
    }

    var shape: GridShape { grid.flatMap(GridShape.init) ?? GridShape(rows: 1, columns: strips ?? 1) }

    func run() throws {
        let front = try ImageFile.read(page)
        let backImage = try back.map { try ImageFile.read($0) }
        let cut: Shredder.Cut
        do {
            cut = try Shredder.cut(front, back: backImage,
                                   options: .init(grid: shape, seed: seed, noise: noise, blur: blur, damage: damage))
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
        line += " of \(sizes(cut)) px, \(cut.grid.rows) x \(cut.grid.columns), in \(output)"
        if cut.trimmed.right > 0 || cut.trimmed.bottom > 0 {
            line += "; trimmed \(cut.trimmed.right) px at the right, \(cut.trimmed.bottom) px at the bottom"
        }
        if !cut.flipped.isEmpty { line += "; \(cut.flipped.count) turned by 180 degrees (marked ~)" }
        Terminal.standardError(line)
    }

    /// `W x H`, or the ranges (`78-81 x 1270`) when the pieces differ.
    func sizes(_ cut: Shredder.Cut) -> String {
        guard !cut.files.isEmpty else { return "\(cut.pieceWidth) x \(cut.pieceHeight)" }
        func range(_ values: [Int]) -> String {
            let lo = values.min() ?? 0, hi = values.max() ?? 0
            return lo == hi ? "\(lo)" : "\(lo)-\(hi)"
        }
        return "\(range(cut.files.map(\.image.width))) x \(range(cut.files.map(\.image.height)))"
    }
}
