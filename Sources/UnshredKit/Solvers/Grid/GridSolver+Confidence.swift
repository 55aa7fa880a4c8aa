import Foundation

extension GridSolver {
    /// The solved page as a `Solution`: every join with its confidence, read from the
    /// evidence (`inputs.evidence`, the costs before decisions priced them): a join is as
    /// sure as the better of its edge confidence (`JoinConfidence`, its rivals) and the
    /// firmer-held of its two pieces' placements (`placementConfidence`). Joins the user
    /// pinned are 1.
    static func solution(_ rows: [[Int]], inputs: Inputs, names: [String], constraints: JoinConstraints) -> Solution {
        let evidence = inputs.evidence
        let parallelFrom = inputs.configuration.parallelFrom
        let lrFloor = JoinConfidence.floor(for: evidence.leftRight)
        let tbFloor = JoinConfidence.floor(for: evidence.topBottom)
        let firmness = placementConfidence(rows, inputs: inputs)
        let lrRivals = JoinRivals(evidence.leftRight), tbRivals = JoinRivals(evidence.topBottom)
        // Each join's edge confidence reads its rivals: rows of the page on all cores
        // when there are many pieces.
        let confidences = Parallel.map(rows.count, parallel: inputs.images.count >= parallelFrom) { r in
            let row = rows[r]
            let right = row.indices.dropLast().map {
                JoinConfidence.of(row[$0], row[$0 + 1], cost: evidence.leftRight, rivals: lrRivals, floor: lrFloor)
            }
            let down = r + 1 < rows.count ? row.indices.filter { $0 < rows[r + 1].count }.map {
                JoinConfidence.of(row[$0], rows[r + 1][$0], cost: evidence.topBottom, rivals: tbRivals, floor: tbFloor)
            } : []
            return (right: right, down: down)
        }
        // At a cut through white space no join's own edges speak for the row order, and
        // every piece is held in its cell by its row (its firmness says nothing about which
        // row lies below): every join across the cut is as sure as the row order is.
        let boundaries = blockBoundaries(rows, inputs: inputs)
        let boundaryConfidence = Dictionary(boundaries.map { ($0.above, $0.confidence) }, uniquingKeysWith: min)
        var joins: [Solution.Join] = []
        for (r, row) in rows.enumerated() {
            for (c, piece) in row.enumerated() {
                if c + 1 < row.count {
                    let (a, b) = (names[piece], names[row[c + 1]])
                    let sure = max(confidences[r].right[c], min(firmness[r][c], firmness[r][c + 1]))
                    joins.append(Solution.Join(page: 0, row: r, column: c, direction: .leftRight, first: a, second: b,
                                               confidence: constraints.isPinned(a, b, .leftRight) ? 1 : sure))
                }
                if r + 1 < rows.count, c < rows[r + 1].count {
                    let (a, b) = (names[piece], names[rows[r + 1][c]])
                    var sure = max(confidences[r].down[c], min(firmness[r][c], firmness[r + 1][c]))
                    if let b = boundaryConfidence[r] { sure = min(sure, b) }
                    joins.append(Solution.Join(page: 0, row: r, column: c, direction: .topBottom, first: a, second: b,
                                               confidence: constraints.isPinned(a, b, .topBottom) ? 1 : sure))
                }
            }
        }
        return Solution(kind: .grid, layout: Layout(rows: rows.map { $0.map { names[$0] } }), joins: joins,
                        blockBoundaries: boundaries.map { Solution.BlockBoundary(page: 0, row: $0.above, confidence: $0.confidence) })
    }

    /// How well each cell's piece fits its neighbourhood compared with every other
    /// piece: `fit(x)` is the cost of piece `x` joined to the cell's current four
    /// neighbours (or the page edge), and the margin is `min fit(other) - fit(own)`;
    /// the confidence is `margin / (margin + typical join)`, 0 when another piece
    /// fits at least as well. A join whose own edges are ambiguous (paper against
    /// paper) is still sure when both its pieces are held in place by their other
    /// neighbours; a misplaced piece usually has a rival that fits its cell better.
    /// (Measured against truth on CUMCM 3-4 and rendered pages; see issue notes.)
    /// `fit` is `PageObjective.cell` on `inputs.evidence` (the costs before decisions).
    /// - Complexity: O(n^2).
    static func placementConfidence(_ rows: [[Int]], inputs: Inputs) -> [[Float]] {
        let rowCount = rows.count
        let n = inputs.images.count
        let objective = inputs.evidence
        let parallelFrom = inputs.configuration.parallelFrom
        let floor = max(inputs.typicalJoin, 1e-3)
        // Rows on all cores (each cell reads only the fixed rows).
        let one = { @Sendable (r: Int) -> [Float] in
            rows[r].indices.map { c in
                let left: Int? = c > 0 ? rows[r][c - 1] : nil
                let right: Int? = c + 1 < rows[r].count ? rows[r][c + 1] : nil
                let up: Int? = r > 0 && c < rows[r - 1].count ? rows[r - 1][c] : nil
                let down: Int? = r + 1 < rowCount && c < rows[r + 1].count ? rows[r + 1][c] : nil
                func fit(_ x: Int) -> Float { objective.cell(x, left: left, right: right, up: up, down: down) }
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
