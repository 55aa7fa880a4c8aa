import Foundation

extension DoubleSidedSolver {
    /// Turns over blocks of the sheet in place, while the sheet gets cheaper: the `h` x `w`
    /// block at (r, c) has each of its rows reversed and every piece turned over, which is
    /// that part of the sheet seen from the other side (what page 1 showed there, page 2
    /// now shows at the mirrored place).
    ///
    /// Such a block is a likely mistake: its joins inside cost the same either way (a join
    /// `P|Q` is paid as `lr(P.front, Q.front) + lr(Q.back, P.back)`, and `Q'|P'` turned is the
    /// same two sightings), so only its border and the page edges tell which way it lies;
    /// the solver, which orients pieces one at a time or whole rows (`RowTurns`), cannot
    /// reach it once the pieces inside agree among themselves. Seen on fresh corpora:
    /// the three pieces at the end of a bottom row turned over together. Single pieces
    /// (`repair`) and whole rows (`RowTurns`) are left to those steps.
    ///
    /// A turn stands only when it breaks no more decisions and the sheet (decisions
    /// priced in) gets cheaper.
    /// - Complexity: O(R^2 C^2) blocks per pass, each priced by its border only
    ///   (O(h + w)); at most `passes` passes.
    static func turnBlocks(_ start: [[Int]], objective: PageObjective, decisions: ItemDecisions = ItemDecisions(),
                           passes: Int = 4) -> [[Int]] {
        let rowCount = start.count
        guard rowCount > 0, let columns = start.first?.count, columns > 0, start.allSatisfy({ $0.count == columns }),
              rowCount * columns > 1 else { return start }
        var grid = start
        var broken = decisions.violations(grid)
        /// What the block's border costs: its left-right joins with the pieces beside it
        /// (or the page edge), its top-bottom joins with the rows above and below (or the
        /// page's top and bottom), as the block now lies in `grid`.
        func border(_ r: Int, _ c: Int, _ h: Int, _ w: Int) -> Float {
            var total: Float = 0
            for y in r..<(r + h) {
                let first = grid[y][c], last = grid[y][c + w - 1]
                total += c > 0 ? objective.leftRight[grid[y][c - 1], first] : objective.horizontalEdges.leftEdge[first]
                total += c + w < columns ? objective.leftRight[last, grid[y][c + w]] : objective.horizontalEdges.rightEdge[last]
            }
            for x in c..<(c + w) {
                let top = grid[r][x], bottom = grid[r + h - 1][x]
                total += r > 0 ? objective.topBottom[grid[r - 1][x], top] : objective.verticalEdges.leftEdge[top]
                total += r + h < rowCount ? objective.topBottom[bottom, grid[r + h][x]] : objective.verticalEdges.rightEdge[bottom]
            }
            return total
        }
        func turn(_ r: Int, _ c: Int, _ h: Int, _ w: Int) {
            for y in r..<(r + h) {
                let run = grid[y][c..<(c + w)].reversed().map(Sheet.turned)
                grid[y].replaceSubrange(c..<(c + w), with: run)
            }
        }
        for _ in 0..<passes {
            var improved = false
            for h in 1...rowCount {
                for w in 1...columns where h * w > 1 && w < columns {
                    for r in 0...(rowCount - h) {
                        for c in 0...(columns - w) {
                            let before = border(r, c, h, w)
                            turn(r, c, h, w)
                            let after = border(r, c, h, w)
                            if after < before - 1e-4, decisions.isEmpty || decisions.violations(grid) <= broken {
                                broken = decisions.violations(grid)
                                improved = true
                            } else {
                                turn(r, c, h, w)
                            }
                        }
                    }
                }
            }
            if !improved { break }
        }
        return grid
    }
}
