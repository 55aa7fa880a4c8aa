/// One scanned piece: its name (the file stem), the pixels the solvers read, and
/// the piece as scanned.
///
/// For a set of equal-size gray pieces that are paper from end to end (every set
/// before real scans), `image == scan`, `colour` and `paper` are nil.
/// Strips of unequal size, or on a background, are seen by the solvers through
/// `image`: all of a set's the same size, each row's paper spread over the full
/// width, so that column 0 and the last column are the row's paper edges
/// (`SolverView`). The page is composed from `colour` (or `scan`), painting only `paper`.
public struct Piece: Equatable, Sendable {
    public let name: String
    /// What the solvers and edge costs read: 8-bit gray, the same size for every piece
    /// of a set, paper edges at the first and last column of each row.
    public let image: GrayImage
    /// The piece as scanned, in gray, background painted as paper (255).
    public let scan: GrayImage
    /// The piece's colour pixels as scanned (same size as `scan`), nil for a gray file.
    public let colour: RGBImage?
    /// Where `scan` is paper, per row (`PaperMask.leftEdge[y]`, `rightEdge[y]`);
    /// nil when all of it is.
    public let paper: PaperMask?

    /// A piece whose pixels are all paper and gray: the solvers read the scan itself.
    public init(name: String, image: GrayImage) {
        self.init(name: name, image: image, scan: image, colour: nil, paper: nil)
    }

    public init(name: String, image: GrayImage, scan: GrayImage, colour: RGBImage?, paper: PaperMask?) {
        precondition(colour.map { $0.width == scan.width && $0.height == scan.height } ?? true, "Piece: colour and scan differ in size")
        precondition(paper.map { $0.width == scan.width && $0.height == scan.height } ?? true, "Piece: mask and scan differ in size")
        self.name = name
        self.image = image
        self.scan = scan
        self.colour = colour
        self.paper = paper
    }

    /// The same piece, read by the solvers through `image`.
    public func seen(as image: GrayImage) -> Piece {
        Piece(name: name, image: image, scan: scan, colour: colour, paper: paper)
    }

    /// The paper edges of row `y` of the scan: all of it when there is no mask.
    public func paperSpan(_ y: Int) -> Range<Int> {
        guard let paper else { return 0..<scan.width }
        return paper.leftEdge[y]..<max(paper.leftEdge[y], paper.rightEdge[y])
    }
}

/// All the pieces of one folder, sorted by name so that results do not depend on
/// the order the file system lists them in. Their `image`s are all the same size.
public struct PieceSet: Sendable {
    public let pieces: [Piece]
    public var width: Int { pieces.first?.image.width ?? 0 }
    public var height: Int { pieces.first?.image.height ?? 0 }
    public var count: Int { pieces.count }

    public init(pieces: [Piece]) {
        self.pieces = pieces.sorted { $0.name < $1.name }
    }

    public subscript(i: Int) -> Piece { pieces[i] }
    public var names: [String] { pieces.map(\.name) }
    public var images: [GrayImage] { pieces.map(\.image) }
    /// True when some piece has colour: the page is composed in colour.
    public var hasColour: Bool { pieces.contains { $0.colour != nil } }
    /// True when the page is composed from the pieces as the solvers see them: gray,
    /// all paper, as scanned (every set of equal-size gray pieces).
    public var isPlain: Bool { pieces.allSatisfy { $0.colour == nil && $0.paper == nil && $0.scan == $0.image } }

    public func index(of name: String) -> Int? { pieces.firstIndex { $0.name == name } }
}
