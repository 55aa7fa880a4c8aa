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

    public static func assemble(_ layout: Layout, pieces: PieceSet) throws -> [GrayImage] {
        let byName = Dictionary(uniqueKeysWithValues: pieces.pieces.map { ($0.name, $0.image) })
        return try layout.pages.map { try assemble($0, pieces: byName) }
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
