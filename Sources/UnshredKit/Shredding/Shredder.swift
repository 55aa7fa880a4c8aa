/// Cuts a page into equal pieces and shuffles them under random names: the way
/// test sets are made, reproducibly from a seed.
public enum Shredder {
    public struct Cut: Sendable {
        /// The pieces, named `000`, `001`, ... in shuffled order.
        public var pieces: [Piece]
        /// Where each piece truly belongs.
        public var truth: Layout
        /// Pixels trimmed from the right and bottom so the page divides evenly.
        public var trimmed: (right: Int, bottom: Int)
    }

    /// Cuts `page` into `grid.rows` x `grid.columns` pieces (strips: one row).
    public static func cut(_ page: GrayImage, grid: GridShape, seed: UInt64) -> Cut {
        let w = page.width / grid.columns, h = page.height / grid.rows
        precondition(w > 0 && h > 0, "page too small for the grid")
        let count = grid.rows * grid.columns
        var rng = SeededRandom(seed: seed)
        var names = Array(0..<count)
        names.shuffle(using: &rng)
        let digits = max(3, String(count - 1).count)
        func name(_ k: Int) -> String {
            let s = String(names[k])
            return String(repeating: "0", count: digits - s.count) + s
        }
        var pieces: [Piece] = []
        var rows: [[String]] = []
        for r in 0..<grid.rows {
            var row: [String] = []
            for c in 0..<grid.columns {
                let k = r * grid.columns + c
                pieces.append(Piece(name: name(k), image: page.cropped(x: c * w, y: r * h, width: w, height: h)))
                row.append(name(k))
            }
            rows.append(row)
        }
        pieces.sort { $0.name < $1.name }
        return Cut(pieces: pieces, truth: Layout(rows: rows),
                   trimmed: (page.width - w * grid.columns, page.height - h * grid.rows))
    }
}
