import Foundation

extension GridSolver {
    /// With the rows stacked, trades a run of one row for a run of as many pieces of a
    /// row whose text lines sit at the same heights, when the page gets cheaper with
    /// both rows re-ordered (`BlockOrder`, knowing the rows above and below).
    ///
    /// Line profiles cannot tell such rows apart, so the grouping swaps runs between
    /// them, and no cost of a row alone says which row a run belongs to; the top-bottom
    /// joins with the rows around it do, and they exist only once rows are stacked.
    /// A trade is ranked by how much better each run's top-bottom joins get in the
    /// other row (placed at its best column there) less what its own row pays for
    /// losing it, and kept only when the whole page's cost falls.
    static func stackedTrades(_ start: [[Int]], inputs: Inputs) -> [[Int]] {
        var rows = start
        let rowCount = rows.count
        let config = inputs.configuration
        guard rowCount > 2, !inputs.decided, inputs.images.count <= config.stackedTradesLimit,
              rows.allSatisfy({ $0.count == rows[0].count }) else { return rows }
        let columns = rows[0].count
        let longest = min(config.longestStackedRun, columns / 2)
        guard longest >= 1 else { return rows }
        let objective = inputs.objective
        func link(_ a: Int?, _ b: Int?) -> Float { objective.join(a, b) }

        let templates = rows.map { RowClustering.template($0, profiles: inputs.profiles) }
        var partners = [[Int]](repeating: [], count: rowCount)
        for a in 0..<rowCount {
            let others = (0..<rowCount).filter { $0 != a }
            let likeness: [(Float, Int)] = others.map { (LineProfile.correlation(templates[a], templates[$0]), $0) }
            let ranked = likeness.sorted { (x: (Float, Int), y: (Float, Int)) -> Bool in x.0 != y.0 ? x.0 > y.0 : x.1 < y.1 }
            partners[a] = ranked.prefix(config.stackedTradePartners).map { $0.1 }
        }
        var pairSet = Set<[Int]>()
        for a in 0..<rowCount { for b in partners[a] { pairSet.insert([min(a, b), max(a, b)]) } }
        let pairs = pairSet.sorted { $0.lexicographicallyPrecedes($1) }

        struct Trade { var estimate: Float; var a: Int; var i: Int; var b: Int; var j: Int; var length: Int }
        var cost = objective.pageCost(rows)
        // Each pair's ranked trades, kept until one of its rows or their neighbours changes.
        var known = [[Int]: [Trade]]()
        var version = [Int](repeating: 0, count: rowCount)
        var failed = Set<[Int]>()
        for _ in 0..<(4 * rowCount) {
            // Piece x at column c of row r: its top-bottom joins with the rows around it.
            func place(_ r: Int, _ x: Int, _ c: Int) -> Float {
                objective.stack(r > 0 ? rows[r - 1][c] : nil, x) + objective.stack(x, r + 1 < rowCount ? rows[r + 1][c] : nil)
            }
            /// For each run length, the best run of row `a` to move into row `b`: (estimate, start in a, start in b).
            func moves(_ a: Int, _ b: Int) -> [(Float, Int, Int)] {
                let ra = rows[a]
                var best = [(Float, Int, Int)](repeating: (.infinity, -1, -1), count: longest + 1)
                // here[t]: piece ra[t] where it stands; prefix sums along the row.
                var here = [Float](repeating: 0, count: columns + 1)
                for t in 0..<columns { here[t + 1] = here[t] + place(a, ra[t], t) }
                var there = [Float](repeating: 0, count: columns + 1)
                for shift in -(columns - 1)...(columns - 1) {
                    // there[t]: piece ra[t] at column t + shift of row b (0 off the row).
                    for t in 0..<columns {
                        let c = t + shift
                        there[t + 1] = there[t] + (c >= 0 && c < columns ? place(b, ra[t], c) : 0)
                    }
                    for i in 0..<columns {
                        for length in 1...min(longest, columns - i) {
                            let j = i + shift
                            guard j >= 0, j + length <= columns else { continue }
                            let end = i + length
                            let out = link(i > 0 ? ra[i - 1] : nil, end < columns ? ra[end] : nil)
                                - link(i > 0 ? ra[i - 1] : nil, ra[i]) - link(ra[end - 1], end < columns ? ra[end] : nil)
                            let gain = (there[end] - there[i]) - (here[end] - here[i]) + out
                            if gain < best[length].0 { best[length] = (gain, i, j) }
                        }
                    }
                }
                return best
            }
            var trades: [Trade] = []
            for p in pairs {
                let (a, b) = (p[0], p[1])
                if known[p] == nil {
                    let ab = moves(a, b), ba = moves(b, a)
                    known[p] = (1...longest).compactMap { k in
                        guard ab[k].1 >= 0, ba[k].1 >= 0, ab[k].0 + ba[k].0 < 0 else { return nil }
                        return Trade(estimate: ab[k].0 + ba[k].0, a: a, i: ab[k].1, b: b, j: ba[k].1, length: k)
                    }
                }
                trades += known[p]!
            }
            trades.sort { ($0.estimate, $0.a, $0.b, $0.length) < ($1.estimate, $1.a, $1.b, $1.length) }
            var applied = false
            var tried = 0
            for t in trades where tried < config.stackedTrials {
                // A trial depends on its two rows and the rows around them: while they
                // stand, one that failed fails again.
                let key = [t.a, t.i, t.b, t.j, t.length] + [t.a - 1, t.a, t.a + 1, t.b - 1, t.b, t.b + 1].map { $0 >= 0 && $0 < rowCount ? version[$0] : 0 }
                if failed.contains(key) { continue }
                tried += 1
                var trial = rows
                let runA = Array(rows[t.a][t.i..<(t.i + t.length)]), runB = Array(rows[t.b][t.j..<(t.j + t.length)])
                // Each run goes where the other stood; then each row is re-ordered around it.
                trial[t.a].replaceSubrange(t.i..<(t.i + t.length), with: runB)
                trial[t.b].replaceSubrange(t.j..<(t.j + t.length), with: runA)
                for r in [t.a, t.b] {
                    let block = BlockOrder(rows: trial, block: r...r, objective: objective)
                    var perm = Array(0..<columns)
                    _ = block.improve(&perm)
                    trial[r] = perm.map { trial[r][$0] }
                }
                let trialCost = objective.pageCost(trial)
                if trialCost < cost - 1e-3 {
                    rows = trial
                    cost = trialCost
                    applied = true
                    version[t.a] += 1
                    version[t.b] += 1
                    let touched = Set([t.a - 1, t.a, t.a + 1, t.b - 1, t.b, t.b + 1])
                    for p in pairs where touched.contains(p[0]) || touched.contains(p[1]) { known[p] = nil }
                    break
                }
                failed.insert(key)
            }
            if !applied { break }
        }
        return rows
    }
}
