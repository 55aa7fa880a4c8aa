/// Where a scanned piece is paper, row by row.
///
/// Row `y`'s paper is the columns `leftEdge[y] ..< rightEdge[y]` of the piece as
/// scanned (`Piece.scan`, `Piece.colour`); a row with `leftEdge[y] >= rightEdge[y]`
/// holds no paper. The rest is background (whatever lay behind the strip on the
/// scanner) or, in a PNG, transparent. `leftEdge[y]` is the first paper column and
/// `rightEdge[y] - 1` the last: where a torn or slanted cut is read in that row.
///
/// One span per row, not a free-form mask: a strip's paper is one run in each row,
/// and anything inside the run (ink, dirt, a hole) counts as paper.
/// ```
///   x:  0 1 2 3 4 5 6 7
///   y0  . . # # # # . .     leftEdge[0] = 2, rightEdge[0] = 6
///   y1  . . . # # # # .     leftEdge[1] = 3, rightEdge[1] = 7
/// ```
public struct PaperMask: Equatable, Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// First paper column of each row.
    public let leftEdge: [Int]
    /// One past the last paper column of each row.
    public let rightEdge: [Int]

    public init(width: Int, height: Int, leftEdge: [Int], rightEdge: [Int]) {
        precondition(leftEdge.count == height && rightEdge.count == height, "PaperMask: edges for \(height) rows")
        precondition(zip(leftEdge, rightEdge).allSatisfy { l, r in l >= 0 && r <= width && (l < r || (l == 0 && r == 0)) },
                     "PaperMask: each row's span must be within 0...\(width) (an empty row is 0 ..< 0)")
        self.width = width
        self.height = height
        self.leftEdge = leftEdge
        self.rightEdge = rightEdge
    }

    /// Every pixel paper.
    public static func full(width: Int, height: Int) -> PaperMask {
        PaperMask(width: width, height: height, leftEdge: [Int](repeating: 0, count: height),
                  rightEdge: [Int](repeating: width, count: height))
    }

    public func isPaper(x: Int, y: Int) -> Bool { x >= leftEdge[y] && x < rightEdge[y] }

    /// Paper columns of row `y` (0 for a row without paper).
    public func paperWidth(_ y: Int) -> Int { rightEdge[y] - leftEdge[y] }

    public var isFull: Bool { leftEdge.allSatisfy { $0 == 0 } && rightEdge.allSatisfy { $0 == width } }

    /// Rows holding paper.
    public var paperRows: Int { (0..<height).reduce(0) { $0 + (rightEdge[$1] > leftEdge[$1] ? 1 : 0) } }

    /// The median paper width over rows with paper (0 when there are none).
    public var medianWidth: Int {
        let widths = (0..<height).map(paperWidth).filter { $0 > 0 }.sorted()
        return widths.isEmpty ? 0 : widths[widths.count / 2]
    }

    /// Paper pixels in all.
    public var area: Int { (0..<height).reduce(0) { $0 + paperWidth($1) } }

    /// 0 (background) and 255 (paper) per pixel, row-major: the form of the datasets' masks.
    public var image: GrayImage {
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height where rightEdge[y] > leftEdge[y] {
            for x in leftEdge[y]..<rightEdge[y] { pixels[y * width + x] = 255 }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// The share of pixels paper in both masks among those paper in either (1 when both are empty).
    public func intersectionOverUnion(_ other: PaperMask) -> Double {
        precondition(width == other.width && height == other.height)
        var both = 0, either = 0
        for y in 0..<height {
            let a = leftEdge[y]..<max(leftEdge[y], rightEdge[y]), b = other.leftEdge[y]..<max(other.leftEdge[y], other.rightEdge[y])
            let overlap = max(0, min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound))
            both += overlap
            either += a.count + b.count - overlap
        }
        return either == 0 ? 1 : Double(both) / Double(either)
    }
}
