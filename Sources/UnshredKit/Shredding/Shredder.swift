/// Cuts a page into equal pieces and shuffles them under random names: the way
/// test sets are made, reproducibly from a seed.
///
/// The seed fixes everything: the same page, options and seed give the same
/// pieces, names and truth, byte for byte. The shuffle, the face letters and the
/// noise draw from separate generators derived from the seed, so adding noise
/// does not change which piece gets which name.
public enum Shredder {
    public struct Cut: Sendable {
        /// The pieces, sorted by name: `000`, `001`, ... in shuffled order
        /// (double-sided: the faces `000a`, `000b`, `001a`, ...).
        public var pieces: [Piece]
        /// Where each piece truly belongs. Double-sided: pages `front` and `back`.
        public var truth: Layout
        /// Pixels trimmed from the right and bottom so the page divides evenly.
        public var trimmed: (right: Int, bottom: Int)
        /// The grid the page was cut into.
        public var grid: GridShape = GridShape(rows: 1, columns: 1)
        /// Piece size in pixels.
        public var pieceWidth: Int = 0
        public var pieceHeight: Int = 0
    }

    /// How to cut and how to spoil the page first.
    public struct Options: Sendable, Equatable {
        /// Rows x columns (strips: one row).
        public var grid: GridShape
        public var seed: UInt64
        /// Standard deviation of gaussian noise added to every pixel (0: none),
        /// after the blur; results are rounded and clamped to 0...255.
        public var noise: Double
        /// Gaussian blur of the whole page before cutting, like a scanner's optics:
        /// the blur's standard deviation in pixels (0: none).
        public var blur: Double

        public init(grid: GridShape, seed: UInt64 = 1, noise: Double = 0, blur: Double = 0) {
            self.grid = grid
            self.seed = seed
            self.noise = noise
            self.blur = blur
        }
    }

    /// Cuts `page` into `grid.rows` x `grid.columns` pieces (strips: one row).
    public static func cut(_ page: GrayImage, grid: GridShape, seed: UInt64) -> Cut {
        precondition(page.width / grid.columns > 0 && page.height / grid.rows > 0, "page too small for the grid")
        // Cannot throw: one page, no noise, no blur, the size checked above.
        return try! cut(page, options: Options(grid: grid, seed: seed))
    }

    /// Cuts `front` (and, for a double-sided sheet, `back`) into pieces.
    ///
    /// Double-sided: the sheet turns over about its vertical axis, so the piece at
    /// front cell (r, c) carries back cell (r, columns-1-c). Both faces are cut
    /// from upright, readable page images and stay so (nothing is mirrored). Each
    /// piece gets one number and two faces; which face is `a` is decided at random
    /// per piece, so the letter does not tell the page.
    public static func cut(_ front: GrayImage, back: GrayImage? = nil, options: Options) throws -> Cut {
        let grid = options.grid
        guard grid.rows > 0, grid.columns > 0 else { throw ShredError.badGrid(grid) }
        let w = front.width / grid.columns, h = front.height / grid.rows
        guard w > 0, h > 0 else {
            throw ShredError.pageTooSmall(width: front.width, height: front.height, grid: grid)
        }
        if let back, back.width != front.width || back.height != front.height {
            throw ShredError.backSizeMismatch(front: (front.width, front.height), back: (back.width, back.height))
        }
        guard options.noise >= 0, options.noise.isFinite else { throw ShredError.badNoise(options.noise) }
        guard options.blur >= 0, options.blur.isFinite else { throw ShredError.badBlur(options.blur) }

        let count = grid.rows * grid.columns
        var rng = SeededRandom(seed: options.seed)
        var numbers = Array(0..<count)
        numbers.shuffle(using: &rng)
        let digits = max(3, String(count - 1).count)
        func name(_ k: Int) -> String {
            let s = String(numbers[k])
            return String(repeating: "0", count: digits - s.count) + s
        }

        // Spoil the pages the way a scanner would: optics first, then sensor noise.
        var noiseRNG = SeededRandom(seed: options.seed ^ 0x6E6F_6973_6521_0001)
        func spoil(_ image: GrayImage) -> GrayImage {
            var image = image
            if options.blur > 0 { image = ImageFilters.gaussianBlur(image, sigma: options.blur) }
            if options.noise > 0 { image = ImageFilters.addNoise(image, sigma: options.noise, using: &noiseRNG) }
            return image
        }
        let frontPage = spoil(front)
        let backPage = back.map(spoil)

        // Face letters: per piece, a coin decides whether the front face is `a`.
        var faceRNG = SeededRandom(seed: options.seed ^ 0x6661_6365_7321_0002)
        let frontIsA = (0..<count).map { _ in faceRNG.next() & 1 == 0 }

        var pieces: [Piece] = []
        var frontRows: [[String]] = [], backRows: [[String]] = []
        for r in 0..<grid.rows {
            var frontRow: [String] = [], backRow: [String] = []
            for c in 0..<grid.columns {
                let k = r * grid.columns + c
                let frontImage = frontPage.cropped(x: c * w, y: r * h, width: w, height: h)
                guard let backPage else {
                    pieces.append(Piece(name: name(k), image: frontImage))
                    frontRow.append(name(k))
                    continue
                }
                let frontName = name(k) + (frontIsA[k] ? "a" : "b")
                pieces.append(Piece(name: frontName, image: frontImage))
                frontRow.append(frontName)
                // Back cell (r, c) belongs to the piece at front cell (r, C-1-c).
                let owner = r * grid.columns + (grid.columns - 1 - c)
                let backName = name(owner) + (frontIsA[owner] ? "b" : "a")
                pieces.append(Piece(name: backName, image: backPage.cropped(x: c * w, y: r * h, width: w, height: h)))
                backRow.append(backName)
            }
            frontRows.append(frontRow)
            if back != nil { backRows.append(backRow) }
        }
        pieces.sort { $0.name < $1.name }
        let truth = back == nil
            ? Layout(rows: frontRows)
            : Layout(pages: [Layout.Page(title: "front", rows: frontRows), Layout.Page(title: "back", rows: backRows)])
        return Cut(pieces: pieces, truth: truth,
                   trimmed: (front.width - w * grid.columns, front.height - h * grid.rows),
                   grid: grid, pieceWidth: w, pieceHeight: h)
    }
}

/// Why a page cannot be shredded as asked.
public enum ShredError: Error, Equatable, CustomStringConvertible, Sendable {
    case badGrid(GridShape)
    case pageTooSmall(width: Int, height: Int, grid: GridShape)
    case backSizeMismatch(front: (width: Int, height: Int), back: (width: Int, height: Int))
    case badNoise(Double)
    case badBlur(Double)

    public var description: String {
        switch self {
        case let .badGrid(grid): return "grid \(grid) has no pieces"
        case let .pageTooSmall(width, height, grid):
            return "page of \(width) x \(height) px is too small to cut into \(grid.rows) rows x \(grid.columns) columns"
        case let .backSizeMismatch(front, back):
            return "back page is \(back.width) x \(back.height) px, the front page \(front.width) x \(front.height) px; both sides must be the same size"
        case let .badNoise(sigma): return "noise must be zero or positive, not \(sigma)"
        case let .badBlur(radius): return "blur must be zero or positive, not \(radius)"
        }
    }

    public static func == (a: ShredError, b: ShredError) -> Bool { a.description == b.description }
}
