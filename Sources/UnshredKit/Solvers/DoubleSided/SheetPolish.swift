import Foundation

extension DoubleSidedSolver {
    /// Improves a solved sheet while the sheet gets cheaper (`PageObjective.pageCost` on
    /// the item objective: every join paid on both pages, decisions priced in), fewer
    /// broken decisions first.
    ///
    /// The steps before leave layouts the grid solver's own moves would improve: after
    /// rows are turned over and pieces re-oriented (`RowTurns`, `repair`), the grid
    /// solver is not run again on the pieces as they finally lie. On fresh corpora the
    /// true sheet was cheaper than the one found on five of six failing sheets looked
    /// at (pieces at the ends of rows traded between rows, rows out of order), so the
    /// search, not the objective, fell short there. Each round, with every piece as it
    /// now lies (`Sheet.gridInputs`):
    /// - `rearrange`: the grid solver's whole arrangement from the current rows
    ///   (`GridSolver.arrange`: each row ordered, runs and pieces traded between rows,
    ///   the row order, swaps and block polish, blank shifts); otherwise its local moves
    ///   only (pins enforced, swaps, block polish without kicks), as an answer's repair
    ///   needs;
    /// - then pieces turned over and swapped (`repair`), and blocks of the sheet turned
    ///   over in place (`turnBlocks`).
    /// A round's outcome stands only when it is cheaper; a round that changes nothing ends it.
    static func polishSheet(_ start: [[Int]], sheet: Sheet, objective: PageObjective,
                            itemConstraints: JoinConstraints, itemNames: [String], decisions: ItemDecisions,
                            configuration: GridSolver.Configuration, seed: UInt64, rounds: Int,
                            rearrange: Bool, views: Sheet.ItemViews? = nil) -> [[Int]] {
        var grid = start
        var cost = objective.pageCost(grid)
        var broken = decisions.violations(grid)
        @discardableResult
        func consider(_ next: [[Int]]) -> Bool {
            let v = decisions.violations(next)
            let c = objective.pageCost(next)
            guard v < broken || (v == broken && c < cost - 1e-4) else { return false }
            grid = next
            cost = c
            broken = v
            return true
        }
        for _ in 0..<rounds {
            var changed = false
            if grid.count > 1, let columns = grid.first?.count, columns > 1, grid.allSatisfy({ $0.count == columns }) {
                let chosen = grid.flatMap { $0 }
                let inputs = sheet.gridInputs(chosen, constraints: itemConstraints, names: chosen.map { itemNames[$0] },
                                              configuration: configuration, views: views)
                let local = (0..<grid.count).map { r in (0..<columns).map { r * columns + $0 } }
                func back(_ rows: [[Int]]) -> [[Int]] { rows.map { $0.map { chosen[$0] } } }
                var rows: [[Int]]
                if rearrange {
                    rows = GridSolver.enforcePins(GridSolver.arrange(local, inputs: inputs, seed: seed), inputs: inputs)
                } else {
                    rows = GridSolver.enforcePins(local, inputs: inputs)
                    changed = consider(back(rows)) || changed
                    rows = GridSolver.swapPieces(rows, inputs: inputs)
                    var settled = Set<[Int]>()
                    var calm = inputs
                    calm.configuration.noKicksColumns = 0
                    rows = GridSolver.polish(rows, inputs: calm, settled: &settled)
                }
                changed = consider(back(rows)) || changed
            }
            changed = consider(repair(grid, objective: objective, decisions: decisions)) || changed
            changed = consider(turnBlocks(grid, objective: objective, decisions: decisions)) || changed
            if !changed { break }
        }
        return grid
    }
}
