import Foundation

extension GridSolver {
    /// How well each cell's piece fits its neighbourhood compared with every other
    /// piece: `fit(x)` is the cost of piece `x` joined to the cell's current four
    /// neighbours (or the page edge), and the margin is `min fit(other) - fit(own)`;
    /// the confidence is `margin / (margin + typical join)`, 0 when another piece
    /// fits at least as well. A join whose own edges are ambiguous (paper against
    /// paper) is still sure when both its pieces are held in place by their other
    /// neighbours; a misplaced piece usually has a rival that fits its cell better.
    /// (Measured against truth on CUMCM 3-4 and rendered pages; see issue notes.)
    /// - Complexity: O(n^2).
    /// - Parameter parallelFrom: from this many pieces, rows are worked on all cores.
    static func placementConfidence(_ rows: [[Int]], inputs: Inputs, parallelFrom: Int = 1000) -> [[Float]] {
        let rowCount = rows.count
        let n = inputs.images.count
        let lr = inputs.leftRight, tb = inputs.topBottom
        let h = inputs.horizontalEdges, v = inputs.verticalEdges
        let floor = max(inputs.typicalJoin, 1e-3)
        // Rows on all cores (each cell reads only the fixed rows).
        let one = { @Sendable (r: Int) -> [Float] in
            rows[r].indices.map { c in
                let left: Int? = c > 0 ? rows[r][c - 1] : nil
                let right: Int? = c + 1 < rows[r].count ? rows[r][c + 1] : nil
                let up: Int? = r > 0 && c < rows[r - 1].count ? rows[r - 1][c] : nil
                let down: Int? = r + 1 < rowCount && c < rows[r + 1].count ? rows[r + 1][c] : nil
                func fit(_ x: Int) -> Float {
                    (left.map { lr[$0, x] } ?? h.leftEdge[x]) + (right.map { lr[x, $0] } ?? h.rightEdge[x])
                        + (up.map { tb[$0, x] } ?? v.leftEdge[x]) + (down.map { tb[x, $0] } ?? v.rightEdge[x])
                }
                let own = rows[r][c]
                let mine = fit(own)
                var rival = Float.infinity
                for x in 0..<n where x != own && x != left && x != right && x != up && x != down {
                    rival = min(rival, fit(x))
                }
                guard rival.isFinite else { return 1 }
                let margin = rival - mine
                return margin <= 0 ? 0 : margin / (margin + floor)
            }
        }
        return Parallel.map(rows.count, parallel: n >= parallelFrom, one)
    }
}
