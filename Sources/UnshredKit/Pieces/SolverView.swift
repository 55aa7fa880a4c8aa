/// How the solvers see strips of unequal size or with paper masks: every strip as a
/// gray image of one common size, each row's paper spread over the full width.
///
/// Row `y` of a strip's view holds the scan's paper `leftEdge[y] ..< rightEdge[y]`
/// resampled (nearest pixel) to the common width `W`, so column 0 is the row's left
/// paper edge, column 1 the pixel inside it, and columns `W - 1`, `W - 2` likewise
/// the right edge: exactly what the edge measures read (`BorderProfile`), per row,
/// at a torn or slanted cut. The middle is stretched or squeezed by the difference
/// between the row's paper width and `W` (the median strip's paper width; a few per
/// cent on real strips), which only the margin and blank-strip tests look at.
/// Strips are aligned at the top; rows below a shorter strip's end, and rows without
/// paper, are paper (255): they carry no evidence either way.
///
/// Pieces that are not strips (cross-cut) are not resampled: of equal size they are
/// seen as scanned (a mask then only guides composing the page); of unequal size they
/// are refused.
enum SolverView {
    /// Strips are at least this many times as tall as their paper is wide.
    static let stripAspect = 3
    /// A strip's height may be this share of the tallest, no less.
    static let minHeightShare = 0.75
    /// A strip's paper width may be this far (a factor) from the median strip's.
    static let widthFactor = 2.0

    /// The pieces with their solver `image` set.
    static func prepare(_ pieces: [Piece], folder: String) throws -> [Piece] {
        guard let first = pieces.first else { return pieces }
        let equalSize = pieces.allSatisfy { $0.scan.width == first.scan.width && $0.scan.height == first.scan.height }
        let masked = pieces.contains { $0.paper != nil }
        if equalSize && !masked { return pieces }
        let widths = pieces.map(paperWidth)
        let strips = zip(pieces, widths).allSatisfy { piece, width in piece.scan.height >= stripAspect * max(1, width) }
        guard strips else {
            if equalSize { return pieces }
            throw PieceLoader.sizeMismatch(pieces, folder: folder, note: "pieces of unequal size are read as strips only"
                                           + " (at least \(stripAspect) times as tall as wide)")
        }
        let height = pieces.map(\.scan.height).max()!
        let width = max(2, widths.sorted()[widths.count / 2])
        let odd = zip(pieces, widths).filter { piece, w in
            Double(piece.scan.height) < minHeightShare * Double(height)
                || Double(w) * widthFactor < Double(width) || Double(w) > widthFactor * Double(width)
        }
        if !odd.isEmpty {
            throw PieceError.unequalStrips(path: folder, width: width, height: height,
                                           oddOnes: odd.map { "\($0.0.name) (\($0.1) x \($0.0.scan.height))" })
        }
        return pieces.map { $0.seen(as: view($0, width: width, height: height)) }
    }

    /// The median paper width of a piece's rows (its width when it has no mask).
    static func paperWidth(_ piece: Piece) -> Int {
        piece.paper?.medianWidth ?? piece.scan.width
    }

    /// One strip's view: `width x height`, row `y` the scan's paper of row `y` resampled.
    static func view(_ piece: Piece, width: Int, height: Int) -> GrayImage {
        var out = GrayImage(width: width, height: height)
        let scan = piece.scan
        for y in 0..<min(height, scan.height) {
            let span = piece.paperSpan(y)
            guard !span.isEmpty else { continue }
            let p = span.count, row = y * scan.width + span.lowerBound
            for x in 0..<width {
                // Nearest pixel, ends on ends: x = 0 -> first paper column, x = width - 1 -> last.
                let offset = p == 1 ? 0 : (2 * x * (p - 1) + (width - 1)) / (2 * (width - 1))
                out.pixels[y * width + x] = scan.pixels[row + offset]
            }
        }
        return out
    }
}
