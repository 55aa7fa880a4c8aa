import Foundation

extension GridSolver {
    /// Block shifts: a block of consecutive rows (one row, several, the whole page) turned
    /// cyclically by whole columns, every row of it alike, when the page gets cheaper
    /// (`PageObjective`: the block's left-right joins and side edges, its top-bottom joins
    /// with the rows above and below it, how each row's text lines up with the page's
    /// margins, and how equal the side margins are, `Alignment.imbalance`).
    ///
    /// ```
    ///   | .. | Lo | re | m  |        | Lo | re | m  | .. |
    ///   | .. | ip | su | m. |   ->   | ip | su | m. | .. |    a block one column right
    ///   | .. | do | lo | r  |        | do | lo | r  | .. |    of the page's margin
    /// ```
    ///
    /// Where a column of blank pieces runs down a block (margins wider than a piece), the
    /// joins inside the block cannot say at which end it goes, and rows tied together by
    /// text crossing their cuts cannot move one by one (`shiftBlanks`); the cuts above and
    /// below the block often run through white space too. The margins tell: the block's
    /// text should start where the other rows' does, and a page whose blank columns all
    /// sit at one side is less likely than one with them shared out.
    /// - Complexity: O(R C^2) for the tables, O(R^3 C log R) for the trials of a round.
    static func shiftBlocks(_ start: [[Int]], inputs: Inputs) -> [[Int]] {
        var rows = start
        let objective = inputs.objective
        let rowCount = rows.count
        guard rowCount > 0, let alignment = objective.alignment,
              rows.allSatisfy({ $0.count == rows[0].count }) else { return rows }
        let columns = rows[0].count
        guard columns >= 2 else { return rows }
        let faces = alignment.faces.count
        let alignScale = objective.weights.alignment * objective.typicalJoin
        let balanceScale = objective.weights.balance * objective.typicalJoin
        func rotated(_ row: [Int], _ k: Int) -> [Int] { k == 0 ? row : Array(row[k...] + row[..<k]) }
        for _ in 0..<inputs.configuration.blockShiftRounds {
            // Per row r and turn k (row r turned left by k columns): its joins, its seams
            // with the unturned rows above and below, its text's extent on each face.
            var joins = [Float](repeating: 0, count: rowCount * columns)
            var above = joins, below = joins
            var extents = [[(left: Int, right: Int)?]](repeating: [], count: faces)
            for f in 0..<faces { extents[f] = [(left: Int, right: Int)?](repeating: nil, count: rowCount * columns) }
            for r in 0..<rowCount {
                for k in 0..<columns {
                    let t = rotated(rows[r], k)
                    let at = r * columns + k
                    joins[at] = objective.rowJoins(t)
                    above[at] = r > 0 ? objective.rowSeam(rows[r - 1], t) : objective.topEdge(t)
                    below[at] = r + 1 < rowCount ? objective.rowSeam(t, rows[r + 1]) : objective.bottomEdge(t)
                    for f in 0..<faces { extents[f][at] = alignment.extent(t, face: f) }
                }
            }
            // prefix[k][r + 1]: rows 0...r's joins, each turned by k.
            var prefix = [[Float]](repeating: [Float](repeating: 0, count: rowCount + 1), count: columns)
            for k in 0..<columns {
                for r in 0..<rowCount { prefix[k][r + 1] = prefix[k][r] + joins[r * columns + k] }
            }
            /// The alignment terms of the page with rows `block` turned by `k`, the rest as they are.
            func aligned(_ block: ClosedRange<Int>, _ k: Int) -> Float {
                var spans = [[(left: Int, right: Int)]](repeating: [], count: faces)
                for f in 0..<faces {
                    for r in 0..<rowCount {
                        if let e = extents[f][r * columns + (block.contains(r) ? k : 0)] { spans[f].append(e) }
                    }
                }
                let margins = alignment.margins(spans)
                var total: Float = 0
                for f in 0..<faces {
                    for e in spans[f] { total += alignment.misalignment(e, face: f, margins: margins) }
                }
                let inked = spans.map(\.count).max() ?? 0
                return alignScale * total + balanceScale * Float(inked) * alignment.imbalance(margins)
            }
            let now = aligned(0...0, 0)
            var best: (delta: Float, block: ClosedRange<Int>, k: Int)? = nil
            for a in 0..<rowCount {
                for b in a..<rowCount {
                    for k in 1..<columns {
                        let delta = (prefix[k][b + 1] - prefix[k][a]) - (prefix[0][b + 1] - prefix[0][a])
                            + above[a * columns + k] - above[a * columns] + below[b * columns + k] - below[b * columns]
                        // The alignment terms cannot pay back more than they hold.
                        if delta >= now + (best?.delta ?? -1e-3) { continue }
                        let total = delta + aligned(a...b, k) - now
                        if total < (best?.delta ?? -1e-3) { best = (total, a...b, k) }
                    }
                }
            }
            guard let best else { break }
            for r in best.block { rows[r] = rotated(rows[r], best.k) }
        }
        return rows
    }
}
