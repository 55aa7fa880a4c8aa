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
        /// Piece size in pixels (with damage: the size of a whole cell before it).
        public var pieceWidth: Int = 0
        public var pieceHeight: Int = 0
        /// With damage (`Options.damage`): every piece as it is to be written, in
        /// the order of `pieces` (whose images are these files' gray). Empty for a
        /// clean cut, written as 8-bit gray PNG.
        public var files: [ShredFile] = []
        /// JPEG quality of the files, nil for PNG.
        public var jpegQuality: Int? = nil
        /// The names of the pieces turned by 180 degrees; `truth` holds plain names,
        /// `truthText` marks these.
        public var flipped: Set<String> = []

        /// `truth` in the layout format, each turned piece marked `~` after its
        /// name (`007~`), as `Layout` reads it.
        public var truthText: String {
            guard !flipped.isEmpty else { return truth.text }
            var marked = truth
            for p in marked.pages.indices {
                marked.pages[p].rows = marked.pages[p].rows.map { row in
                    row.map { flipped.contains($0) ? $0 + ShredDamage.flipMark : $0 }
                }
            }
            return marked.text
        }
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
        /// A real shredder's and scanner's damage to the pieces (none by default).
        public var damage: ShredDamage

        public init(grid: GridShape, seed: UInt64 = 1, noise: Double = 0, blur: Double = 0, damage: ShredDamage = ShredDamage()) {
            self.grid = grid
            self.seed = seed
            self.noise = noise
            self.blur = blur
            self.damage = damage
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
        let damage = options.damage
        try check(damage, grid: grid, doubleSided: back != nil, cell: (w, h))

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

        // Which pieces (by front cell) are turned by 180 degrees: exactly round(flip x count).
        var flipRNG = SeededRandom(seed: options.seed ^ 0x666C_6970_2100_0003)
        var turned = [Bool](repeating: false, count: count)
        if damage.flip > 0 {
            var cells = Array(0..<count)
            cells.shuffle(using: &flipRNG)
            for k in cells.prefix(Int((damage.flip * Double(count)).rounded())) { turned[k] = true }
        }
        var damaging = Damaging(damage: damage, seed: options.seed, columns: grid.columns, cell: (w, h))

        var pieces: [Piece] = [], files: [ShredFile] = []
        var flipped: Set<String> = []
        func add(_ name: String, _ page: GrayImage, row r: Int, column c: Int, turned: Bool) -> String {
            if damage.isNone {
                pieces.append(Piece(name: name, image: page.cropped(x: c * w, y: r * h, width: w, height: h)))
                return name
            }
            let file = damaging.piece(name, of: page, row: r, column: c, turned: turned)
            files.append(file)
            pieces.append(Piece(name: name, image: file.gray))
            if turned { flipped.insert(name) }
            return name
        }
        var frontRows: [[String]] = [], backRows: [[String]] = []
        for r in 0..<grid.rows {
            var frontRow: [String] = [], backRow: [String] = []
            for c in 0..<grid.columns {
                let k = r * grid.columns + c
                guard let backPage else {
                    frontRow.append(add(name(k), frontPage, row: r, column: c, turned: turned[k]))
                    continue
                }
                let frontName = name(k) + (frontIsA[k] ? "a" : "b")
                frontRow.append(add(frontName, frontPage, row: r, column: c, turned: turned[k]))
                // Back cell (r, c) belongs to the piece at front cell (r, C-1-c).
                let owner = r * grid.columns + (grid.columns - 1 - c)
                let backName = name(owner) + (frontIsA[owner] ? "b" : "a")
                backRow.append(add(backName, backPage, row: r, column: c, turned: turned[owner]))
            }
            frontRows.append(frontRow)
            if back != nil { backRows.append(backRow) }
        }
        pieces.sort { $0.name < $1.name }
        files.sort { $0.name < $1.name }
        let truth = back == nil
            ? Layout(rows: frontRows)
            : Layout(pages: [Layout.Page(title: "front", rows: frontRows), Layout.Page(title: "back", rows: backRows)])
        return Cut(pieces: pieces, truth: truth,
                   trimmed: (front.width - w * grid.columns, front.height - h * grid.rows),
                   grid: grid, pieceWidth: w, pieceHeight: h,
                   files: files, jpegQuality: damage.jpegQuality, flipped: flipped)
    }

    /// Refuses damage that cannot be done to this cut.
    static func check(_ damage: ShredDamage, grid: GridShape, doubleSided: Bool, cell: (w: Int, h: Int)) throws {
        if let option = damage.stripsOnly.first, grid.rows > 1 || doubleSided {
            throw ShredError.stripsOnly(option: option)
        }
        guard damage.kerf >= 0 else { throw ShredError.badDamage("kerf must be zero or positive, not \(damage.kerf)") }
        guard damage.jitter >= 0 else { throw ShredError.badDamage("jitter must be zero or positive, not \(damage.jitter)") }
        guard damage.skew >= 0, damage.skew <= ShredDamage.maxSkew else {
            throw ShredError.badDamage("skew must be from 0 to \(Int(ShredDamage.maxSkew)) degrees, not \(damage.skew)")
        }
        guard damage.flip >= 0, damage.flip <= 1 else { throw ShredError.badDamage("flip must be a fraction from 0 to 1, not \(damage.flip)") }
        if let q = damage.jpegQuality, !(1...100).contains(q) {
            throw ShredError.badDamage("JPEG quality must be from 1 to 100, not \(q)")
        }
        if damage.jpegQuality != nil, damage.background == .transparent {
            throw ShredError.badDamage("JPEG has no transparency: give --background a colour")
        }
        // Every strip keeps at least one column and one row.
        let interior = grid.columns > 2 ? damage.kerf : grid.columns == 2 ? damage.kerf - damage.kerf / 2 : 0
        if cell.w - interior < 1 {
            throw ShredError.badDamage("kerf of \(damage.kerf) px leaves nothing of strips \(cell.w) px wide")
        }
        if cell.h - 2 * damage.jitter < 1 {
            throw ShredError.badDamage("jitter of \(damage.jitter) px leaves nothing of strips \(cell.h) px tall")
        }
    }
}

/// Cuts damaged pieces one by one: the generators of each kind of damage, and the geometry.
struct Damaging {
    let damage: ShredDamage
    let columns: Int
    let cell: (w: Int, h: Int)
    var jitterRNG: SeededRandom
    var edgeRNG: SeededRandom
    var skewRNG: SeededRandom

    init(damage: ShredDamage, seed: UInt64, columns: Int, cell: (w: Int, h: Int)) {
        self.damage = damage
        self.columns = columns
        self.cell = cell
        jitterRNG = SeededRandom(seed: seed ^ 0x6A69_7474_6572_0004)
        edgeRNG = SeededRandom(seed: seed ^ 0x6564_6765_7321_0005)
        skewRNG = SeededRandom(seed: seed ^ 0x736B_6577_2100_0006)
    }

    /// Columns of the page that strip `c` keeps: the cell less its share of the kerf.
    func columns(of c: Int) -> Range<Int> {
        let k = damage.kerf
        let start = c * cell.w + (c > 0 ? k - k / 2 : 0)
        let end = (c + 1) * cell.w - (c < columns - 1 ? k / 2 : 0)
        return start..<end
    }

    mutating func piece(_ name: String, of page: GrayImage, row r: Int, column c: Int, turned: Bool) -> ShredFile {
        let xs = columns(of: c)
        var y0 = r * cell.h, height = cell.h
        if damage.jitter > 0 {
            let j = damage.jitter
            let d = Int(jitterRNG.next() % UInt64(2 * j + 1)) - j
            y0 = j + d
            height = cell.h - 2 * j
        }
        var sheet = DamagedSheet(page.cropped(x: xs.lowerBound, y: y0, width: xs.count, height: height))
        if damage.edgeDamage {
            if c > 0 { sheet.damageEdge(left: true, using: &edgeRNG) }
            if c < columns - 1 { sheet.damageEdge(left: false, using: &edgeRNG) }
        }
        if damage.skew > 0 {
            let u = Double(skewRNG.next() >> 11) / 9_007_199_254_740_992
            sheet = sheet.rotated(degrees: (2 * u - 1) * damage.skew)
        }
        if damage.background != nil { sheet = sheet.padded(ShredDamage.border) }
        return sheet.file(name: name, background: damage.background, flipped: turned)
    }
}

/// Why a page cannot be shredded as asked.
public enum ShredError: Error, Equatable, CustomStringConvertible, Sendable {
    case badGrid(GridShape)
    case pageTooSmall(width: Int, height: Int, grid: GridShape)
    case backSizeMismatch(front: (width: Int, height: Int), back: (width: Int, height: Int))
    case badNoise(Double)
    case badBlur(Double)
    case stripsOnly(option: String)
    case badDamage(String)

    public var description: String {
        switch self {
        case let .badGrid(grid): return "grid \(grid) has no pieces"
        case let .pageTooSmall(width, height, grid):
            return "page of \(width) x \(height) px is too small to cut into \(grid.rows) rows x \(grid.columns) columns"
        case let .backSizeMismatch(front, back):
            return "back page is \(back.width) x \(back.height) px, the front page \(front.width) x \(front.height) px; both sides must be the same size"
        case let .badNoise(sigma): return "noise must be zero or positive, not \(sigma)"
        case let .badBlur(radius): return "blur must be zero or positive, not \(radius)"
        case let .stripsOnly(option): return "\(option) is for single-sided strips (--strips N, no --back)"
        case let .badDamage(text): return text
        }
    }

    public static func == (a: ShredError, b: ShredError) -> Bool { a.description == b.description }
}
