import Foundation

extension GridSolver {
    /// Row shifts: a run of blank pieces (no ink at all) moves from inside or one end of
    /// its row to an end, the other pieces of the row sliding over, when the page gets
    /// cheaper (`PageObjective`: the row's joins and edges, its top-bottom joins with
    /// the rows above and below, and how its text lines up with the page's margins,
    /// `PageObjective.alignment`).
    ///
    /// Blank pieces join paper to paper at no cost, so left-right joins cannot place them
    /// and a row's text can sit one piece too far left or right; where the cuts above and
    /// below carry ink the top-bottom joins tell, and where they run through white space
    /// the margins do: a row's text starts at the page's left margin, ends at its right
    /// margin, or is centred between them. A blank piece inside a line of text (between
    /// two pieces whose text runs on) pays the join it breaks, so it goes to an end.
    /// On a double-sided sheet a piece is blank when both its faces are, and both pages'
    /// margins are read.
    static func shiftBlanks(_ start: [[Int]], inputs: Inputs) -> [[Int]] {
        var rows = start
        let objective = inputs.objective
        guard rows.count > 1, let alignment = objective.alignment else { return rows }
        let blank = alignment.blank
        func local(_ row: [Int], at r: Int, margins: PageObjective.Alignment.Margins) -> Float {
            let above = r > 0 ? objective.rowSeam(rows[r - 1], row) : objective.topEdge(row)
            let below = r + 1 < rows.count ? objective.rowSeam(row, rows[r + 1]) : objective.bottomEdge(row)
            return objective.rowJoins(row) + above + below + objective.alignmentMisfit(row, margins: margins)
        }
        for _ in 0..<inputs.configuration.blankShiftRounds {
            var changed = false
            let margins = alignment.margins(rows)
            for r in rows.indices {
                let row = rows[r]
                let c = row.count
                guard c > 1, row.contains(where: { blank[$0] }), row.contains(where: { !blank[$0] }) else { continue }
                var best = local(row, at: r, margins: margins) - 1e-3
                var chosen: [Int]? = nil
                // Every run of blank pieces, to either end of the row.
                for i in 0..<c where blank[row[i]] {
                    var j = i
                    while j < c && blank[row[j]] {
                        j += 1
                        let run = Array(row[i..<j]), rest = Array(row[..<i] + row[j...])
                        for trial in [rest + run, run + rest] where trial != row {
                            let cost = local(trial, at: r, margins: margins)
                            if cost < best { best = cost; chosen = trial }
                        }
                    }
                }
                if let chosen {
                    rows[r] = chosen
                    changed = true
                }
            }
            if !changed { break }
        }
        return rows
    }
}
