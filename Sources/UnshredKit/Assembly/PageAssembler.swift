/// Puts pieces together into page images.
public enum PageAssembler {
    /// The image of one layout page. Every name must be in `pieces`.
    public static func assemble(_ page: Layout.Page, pieces: [String: GrayImage]) throws -> GrayImage {
        guard let anyName = page.rows.first?.first, let sample = pieces[anyName] else {
            throw AssemblyError.unknownPiece(name: page.rows.first?.first ?? "<none>")
        }
        let w = sample.width, h = sample.height
        var out = GrayImage(width: w * page.columnCount, height: h * page.rowCount)
        for (r, row) in page.rows.enumerated() {
            guard row.count == page.columnCount else { throw AssemblyError.ragged(row: r + 1, count: row.count, expected: page.columnCount) }
            for (c, name) in row.enumerated() {
                guard let piece = pieces[name] else { throw AssemblyError.unknownPiece(name: name) }
                guard piece.width == w, piece.height == h else { throw AssemblyError.sizeMismatch(name: name) }
                out.paste(piece, x: c * w, y: r * h)
            }
        }
        return out
    }

    /// The pages as the solvers see the pieces (`Piece.image`), gray, on a grid of equal cells.
    /// Pieces the layout marks turned stand turned back (180 degrees).
    public static func assemble(_ layout: Layout, pieces: PieceSet) throws -> [GrayImage] {
        let pieces = pieces.turning(layout.turned)
        let byName = Dictionary(uniqueKeysWithValues: pieces.pieces.map { ($0.name, $0.image) })
        return try layout.pages.map { try assemble($0, pieces: byName) }
    }

    /// The pages composed from the pieces as scanned: in colour when any piece has
    /// colour, gray otherwise; only paper pixels are painted (`Piece.paper`), onto white.
    ///
    /// A set of equal-size gray pieces that are all paper gives exactly `assemble`.
    /// Strips (a page of one row) are placed edge to edge by their paper: each strip
    /// stands where its left paper edge meets the previous strip's right paper edge,
    /// the median over the rows they share (so slanted strips interlock as they were
    /// cut), tops aligned; the page is as tall as the tallest strip. The pieces of a
    /// grid stand in cells as large as the largest piece. Pieces the layout marks
    /// turned (`~`) are turned back (180 degrees) first.
    public static func compose(_ layout: Layout, pieces: PieceSet) throws -> [PageImage] {
        if pieces.isPlain { return try assemble(layout, pieces: pieces).map(PageImage.gray) }
        let pieces = pieces.turning(layout.turned)
        let byName = Dictionary(uniqueKeysWithValues: pieces.pieces.map { ($0.name, $0) })
        let colour = pieces.hasColour
        return try layout.pages.map { try compose($0, pieces: byName, colour: colour) }
    }

    static func compose(_ page: Layout.Page, pieces: [String: Piece], colour: Bool) throws -> PageImage {
        var placed: [(piece: Piece, x: Int, y: Int)] = []
        for (r, row) in page.rows.enumerated() {
            guard row.count == page.columnCount else { throw AssemblyError.ragged(row: r + 1, count: row.count, expected: page.columnCount) }
            for name in row where pieces[name] == nil { throw AssemblyError.unknownPiece(name: name) }
        }
        let all = page.rows.flatMap { $0.map { pieces[$0]! } }
        guard !all.isEmpty else { throw AssemblyError.unknownPiece(name: "<none>") }
        if page.rowCount == 1 {
            var x = 0
            for (k, piece) in all.enumerated() {
                if k > 0 { x += step(from: all[k - 1], to: piece) }
                placed.append((piece, x, 0))
            }
        } else {
            let cellW = all.map(\.scan.width).max()!, cellH = all.map(\.scan.height).max()!
            for (r, row) in page.rows.enumerated() {
                for (c, name) in row.enumerated() { placed.append((pieces[name]!, c * cellW, r * cellH)) }
            }
        }
        // The page spans the painted paper.
        let spans = placed.map { p in (0..<p.piece.scan.height).map(p.piece.paperSpan).filter { !$0.isEmpty } }
        let left = zip(placed, spans).map { p, s in p.x + (s.map(\.lowerBound).min() ?? 0) }.min()!
        let right = zip(placed, spans).map { p, s in p.x + (s.map(\.upperBound).max() ?? 0) }.max()!
        let width = max(1, right - left), height = max(1, placed.map { $0.y + $0.piece.scan.height }.max()!)
        if colour {
            var out = RGBImage(width: width, height: height)
            for p in placed {
                let source = p.piece.colour ?? RGBImage(p.piece.scan)
                paint(p.piece, at: p.x - left, p.y, width: width) { dst, src in
                    out.pixels[3 * dst] = source.pixels[3 * src]
                    out.pixels[3 * dst + 1] = source.pixels[3 * src + 1]
                    out.pixels[3 * dst + 2] = source.pixels[3 * src + 2]
                }
            }
            return .colour(out)
        }
        var out = GrayImage(width: width, height: height)
        for p in placed {
            paint(p.piece, at: p.x - left, p.y, width: width) { dst, src in out.pixels[dst] = p.piece.scan.pixels[src] }
        }
        return .gray(out)
    }

    /// Calls `copy(destination, source)` for each paper pixel of `piece` placed at (x, y)
    /// on a page `width` wide (pixel indices; sources index the piece's scan).
    static func paint(_ piece: Piece, at x: Int, _ y: Int, width: Int, _ copy: (Int, Int) -> Void) {
        let w = piece.scan.width
        for row in 0..<piece.scan.height {
            for column in piece.paperSpan(row) where x + column >= 0 && x + column < width {
                copy((y + row) * width + x + column, row * w + column)
            }
        }
    }

    /// How far right of `a`'s origin `b`'s stands: the median over their shared rows of
    /// `a`'s right paper edge less `b`'s left paper edge (`a`'s width when they share none).
    static func step(from a: Piece, to b: Piece) -> Int {
        var steps: [Int] = []
        for y in 0..<min(a.scan.height, b.scan.height) {
            let sa = a.paperSpan(y), sb = b.paperSpan(y)
            if !sa.isEmpty && !sb.isEmpty { steps.append(sa.upperBound - sb.lowerBound) }
        }
        guard !steps.isEmpty else { return a.scan.width }
        steps.sort()
        return steps[steps.count / 2]
    }
}

public enum AssemblyError: Error, Equatable, CustomStringConvertible, Sendable {
    case unknownPiece(name: String)
    case sizeMismatch(name: String)
    case ragged(row: Int, count: Int, expected: Int)

    public var description: String {
        switch self {
        case let .unknownPiece(name): return "layout names piece \(name), which is not among the pieces"
        case let .sizeMismatch(name): return "piece \(name) differs in size from the others"
        case let .ragged(row, count, expected): return "layout row \(row) has \(count) pieces, the first row has \(expected)"
        }
    }
}
