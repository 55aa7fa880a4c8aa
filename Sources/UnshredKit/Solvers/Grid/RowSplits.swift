import Foundation

/// Re-groups the rows of a stacked page where they were grouped wrongly across a
/// white gap: a band of columns (a row's tail, its head, or a stretch between two
/// gaps) is re-ordered down the page, every other column standing, when the whole
/// page's joins get cheaper (`PageObjective.bandPrices`) and the line rhythm broken
/// between its rows does not undo the gain (`PageObjective.groupingCost`).
///
/// Where a row's text has a blank gap running its full height (the gutter between
/// the columns of an article, a table's white column, the end of short lines), the
/// left-right joins across the gap are all paper: nothing in them says which row's
/// right part goes with which left part, and the line profiles need not say either
/// (the columns of a page need not share their text lines' heights). Row grouping
/// then pairs each left part with another row's right part. Single swaps and runs
/// traded between two rows cannot repair that when the right parts are shifted by
/// several rows (each step alone breaks more seams than it mends); the right parts'
/// own top-bottom joins, read as one sequence down the page, can: the band's order is
/// searched as a whole (swaps and moves of runs of row parts), priced by its seams,
/// its joins across both gaps, and the page's top and bottom edges.
enum RowSplits {
    /// The page with its best band re-ordered, again and again while the page gets
    /// cheaper (at most `rowSplitRounds` times).
    static func improve(_ start: [[Int]], inputs: GridSolver.Inputs) -> [[Int]] {
        var rows = start
        let config = inputs.configuration
        let rowCount = rows.count
        guard rowCount > 1, !inputs.decided, inputs.images.count <= config.rowSplitLimit,
              let columns = rows.first?.count, columns > 1, rows.allSatisfy({ $0.count == columns }) else { return rows }
        let objective = inputs.objective
        // Tails and heads (one gap) get the full search (runs of up to `rowSplitLongestRun`
        // parts moved); stretches between two gaps, many more of them, swaps and single moves.
        var bands: [(Range<Int>, Int)] = []
        let longest = min(rowCount - 1, config.rowSplitLongestRun)
        for k in 1..<columns { bands.append((k..<columns, longest)); bands.append((0..<k, longest)) }
        if columns <= config.rowSplitMiddleColumns {
            for k1 in 1..<columns { for k2 in (k1 + 1)..<columns { bands.append((k1..<k2, 1)) } }
        }
        let list = bands
        for _ in 0..<config.rowSplitRounds {
            let seams = PageObjective.ColumnSeams(rows, objective: objective)
            let current = rows
            let found = Parallel.map(list.count, parallel: inputs.images.count >= 128) { b in
                let prices = objective.bandPrices(current, columns: list[b].0, seams: seams)
                return search(prices, longestRun: list[b].1)
            }
            // The bands whose joins gain most, priced with the rows' line rhythm too
            // (`PageObjective.groupingCost`): the one that lowers that most is applied.
            let ranked = found.indices.filter { found[$0].gain > 1e-3 }
                .sorted { (found[$0].gain, $1) > (found[$1].gain, $0) }
                .prefix(config.rowSplitChecks)
            let standing = objective.groupingCost(current)
            var best: (cost: Float, rows: [[Int]])? = nil
            for b in ranked {
                var trial = current
                let band = list[b].0, order = found[b].order
                for p in 0..<rowCount { trial[p].replaceSubrange(band, with: current[order[p]][band]) }
                let cost = objective.groupingCost(trial)
                if cost < standing - 1e-3 && cost < (best?.cost ?? .infinity) { best = (cost, trial) }
            }
            guard let best else { break }
            rows = best.rows
        }
        return rows
    }

    /// The cheapest order of the band's row parts found from the standing one by swaps
    /// of two parts and moves of runs of up to `longestRun` parts, first improvement;
    /// `gain` is how much cheaper it is.
    static func search(_ prices: PageObjective.BandPrices, longestRun: Int) -> (order: [Int], gain: Float) {
        let r = prices.rowCount
        var order = Array(0..<r)
        var trial = order
        let start = prices.cost(order)
        var cost = start
        var improved = true
        var passes = 0
        while improved && passes < 4 * r {
            improved = false
            passes += 1
            for p in 0..<r {
                for q in (p + 1)..<r {
                    order.swapAt(p, q)
                    let c = prices.cost(order)
                    if c < cost - 1e-4 { cost = c; improved = true } else { order.swapAt(p, q) }
                }
            }
            for length in 1...max(1, min(longestRun, r - 1)) {
                for i in 0...(r - length) {
                    for j in 0...(r - length) where j != i {
                        // The run order[i..<i + length] taken out and put back at j.
                        for p in 0..<r {
                            if p < min(i, j) || p >= max(i, j) + length {
                                trial[p] = order[p]
                            } else if p >= j && p < j + length {
                                trial[p] = order[i + p - j]
                            } else {
                                trial[p] = j < i ? order[p - length] : order[p + length]
                            }
                        }
                        let c = prices.cost(trial)
                        if c < cost - 1e-4 { cost = c; swap(&order, &trial); improved = true }
                    }
                }
            }
        }
        return (order, start - cost)
    }
}
