import Foundation

extension GridSolver {
    /// The join between two neighbours in a row; `nil` stands for the page's edge.
    @inline(__always)
    static func rowLink(_ a: Int?, _ b: Int?, inputs: Inputs) -> Float { inputs.objective.join(a, b) }

    /// The cost of a row as ordered: its joins, its margins, and its pieces' line misfit.
    static func rowCost(_ row: [Int], inputs: Inputs) -> Float { inputs.objective.rowCost(row) }

    static func misfit(_ row: [Int], inputs: Inputs) -> Float { inputs.objective.misfit(row) }

    /// Replaces rows `a` and `b` by the trial rows when their cost together falls.
    static func keepIfCheaper(_ trialA: [Int], _ trialB: [Int], _ a: Int, _ b: Int,
                              rows: inout [[Int]], costs: inout [Float], inputs: Inputs) -> Bool {
        let ca = rowCost(trialA, inputs: inputs), cb = rowCost(trialB, inputs: inputs)
        guard ca + cb < costs[a] + costs[b] - 1e-3 else { return false }
        rows[a] = trialA
        rows[b] = trialB
        costs[a] = ca
        costs[b] = cb
        return true
    }

    /// Tries ranked trades in order and keeps the first whose two trial rows cost less
    /// together (`keepIfCheaper`). A trade that fails is remembered under its key (which
    /// carries the two rows' versions) and not tried again while those rows stand.
    /// Returns the two rows changed, or nil.
    static func keepFirstCheaper<T, K: Hashable>(_ ranked: [T], failed: inout Set<K>, rows: inout [[Int]],
                                                 costs: inout [Float], inputs: Inputs, key: (T) -> K,
                                                 trial: (T, [[Int]]) -> (a: Int, b: Int, rowA: [Int], rowB: [Int])) -> (Int, Int)? {
        for t in ranked {
            let k = key(t)
            if failed.contains(k) { continue }
            let (a, b, rowA, rowB) = trial(t, rows)
            if keepIfCheaper(rowA, rowB, a, b, rows: &rows, costs: &costs, inputs: inputs) { return (a, b) }
            failed.insert(k)
        }
        return nil
    }

    /// The change in the joins of rows `ra` and `rb` when their runs at `i..<i + length`
    /// trade places: only the seams at both ends of the run, in both rows, change.
    static func seamChange(_ ra: [Int], _ rb: [Int], at i: Int, length: Int, inputs: Inputs) -> Float {
        func link(_ a: Int?, _ b: Int?) -> Float { rowLink(a, b, inputs: inputs) }
        func at(_ row: [Int], _ k: Int) -> Int? { k >= 0 && k < row.count ? row[k] : nil }
        let end = i + length
        let before = link(at(ra, i - 1), ra[i]) + link(ra[end - 1], at(ra, end))
            + link(at(rb, i - 1), rb[i]) + link(rb[end - 1], at(rb, end))
        let after = link(at(ra, i - 1), rb[i]) + link(rb[end - 1], at(ra, end))
            + link(at(rb, i - 1), ra[i]) + link(ra[end - 1], at(rb, end))
        return after - before
    }

    /// Trades equal-length runs of pieces between two rows, in place, while the
    /// rows' joins plus their pieces' line misfit fall. Rows whose text lines sit at
    /// the same heights get mixed by clustering in runs (a paragraph's end, a word),
    /// and a run moves back in one step where single swaps would each cost more.
    /// Only rows `a` and `b` change in an iteration, so each pair of rows keeps its
    /// ranked runs until one of its rows changes, and a trial that failed is not
    /// repeated while its rows stand. The outcome is that of `exchangeSegmentsReference`
    /// (a plain form kept with the tests, Support/References.swift).
    static func exchangeSegments(_ start: [[Int]], inputs: Inputs, seed: UInt64) -> [[Int]] {
        var rows = start
        guard rows.count > 1, rows.allSatisfy({ $0.count == rows[0].count }) else { return rows }
        let rowCount = rows.count
        let columns = rows[0].count
        var costs = rows.map { rowCost($0, inputs: inputs) }
        let longest = max(1, columns / 2)
        let shown = inputs.configuration.segmentRunsShown
        struct Run { var delta: Float; var a: Int; var b: Int; var i: Int; var length: Int }
        func before(_ x: Run, _ y: Run) -> Bool {
            // The order of a stable sort of runs listed by (a, b, i, length).
            (x.delta, x.a, x.b, x.i, x.length) < (y.delta, y.a, y.b, y.i, y.length)
        }
        func runs(_ a: Int, _ b: Int) -> [Run] {
            let ra = rows[a], rb = rows[b]
            var list: [Run] = []
            for i in 0..<columns {
                for length in 1...min(longest, columns - i) {
                    let delta = seamChange(ra, rb, at: i, length: length, inputs: inputs)
                    if delta < -1e-4 { list.append(Run(delta: delta, a: a, b: b, i: i, length: length)) }
                }
            }
            list.sort(by: before)
            return Array(list.prefix(shown))
        }
        var pairs = [[Run]](repeating: [], count: rowCount * rowCount)
        for a in 0..<rowCount { for b in (a + 1)..<rowCount { pairs[a * rowCount + b] = runs(a, b) } }
        var version = [Int](repeating: 0, count: rowCount)
        struct Trial: Hashable { var a: Int; var b: Int; var i: Int; var length: Int; var va: Int; var vb: Int }
        var failed = Set<Trial>()
        for _ in 0..<(2 * inputs.images.count) {
            var best: [Run] = []
            for a in 0..<rowCount {
                for b in (a + 1)..<rowCount {
                    keepBest(pairs[a * rowCount + b], in: &best, limit: shown, by: before)
                }
            }
            let applied = keepFirstCheaper(best, failed: &failed, rows: &rows, costs: &costs, inputs: inputs,
                                           key: { Trial(a: $0.a, b: $0.b, i: $0.i, length: $0.length, va: version[$0.a], vb: version[$0.b]) },
                                           trial: { t, rows in
                var ra = rows[t.a], rb = rows[t.b]
                let span = t.i..<(t.i + t.length)
                let run = Array(ra[span])
                ra.replaceSubrange(span, with: rb[span])
                rb.replaceSubrange(span, with: run)
                return (t.a, t.b, ra, rb)
            })
            guard let (a, b) = applied else { break }
            version[a] += 1
            version[b] += 1
            for r in [a, b] {
                for other in 0..<rowCount where other != r {
                    let (x, y) = (min(r, other), max(r, other))
                    pairs[x * rowCount + y] = runs(x, y)
                }
            }
        }
        return rows
    }

    /// Best-improvement swaps of two pieces between rows, rows re-ordered after each.
    /// Candidates are ranked by a cheap estimate (remove, then insert at the best
    /// place); the best few are checked with the true row costs.
    ///
    /// Only rows `a` and `b` change in an iteration, so everything else is kept:
    /// each piece's line fit with every row's template, each piece's best other row,
    /// each piece's ranked trades, and which trials failed on the rows as they stand
    /// (a trial is deterministic: it fails again until one of its rows changes).
    /// The outcome is that of `refineReference` (kept with the tests), step for step.
    static func refine(_ start: [[Int]], inputs: Inputs, seed: UInt64) -> [[Int]] {
        var rows = start
        let rowCount = rows.count
        guard rowCount > 1 else { return rows }
        let n = inputs.images.count
        var costs = rows.map { rowCost($0, inputs: inputs) }
        let shown = inputs.configuration.refineTradesShown
        let kernel = ProfileCorrelation(inputs.profiles.map(\.density))
        var templates = rows.map { RowClustering.template($0, profiles: inputs.profiles) }
        // fits[piece * rowCount + b]: correlation of the piece's profile with row b's template.
        var fits = [Float](repeating: 0, count: n * rowCount)
        func refit(_ b: Int) {
            guard !templates[b].isEmpty else { return }
            let column = kernel.correlations(with: templates[b])
            for p in 0..<n { fits[p * rowCount + b] = column[p] }
        }
        for b in 0..<rowCount { refit(b) }
        var rowOf = [Int](repeating: -1, count: n)
        func locate(_ r: Int) { for p in rows[r] { rowOf[p] = r } }
        for r in 0..<rowCount { locate(r) }
        var alternative = [Int](repeating: -1, count: n)
        func choose(_ p: Int) {
            let a = rowOf[p]
            var best = -1
            var bestFit = -Float.infinity
            for b in 0..<rowCount where b != a {
                let fit = fits[p * rowCount + b]
                if fit > bestFit { bestFit = fit; best = b }
            }
            alternative[p] = best
        }
        struct Trade { var delta: Float; var a: Int; var i: Int; var b: Int; var j: Int }
        func before(_ x: Trade, _ y: Trade) -> Bool {
            // The order of a stable sort of trades listed by (a, i, j).
            (x.delta, x.a, x.i, x.j) < (y.delta, y.a, y.i, y.j)
        }
        // Each inked piece's best `shown` trades, ranked.
        var trades = [[Trade]](repeating: [], count: n)
        // take[a][q]: for every position i of row a, the change of replacing row a's
        // piece i by piece q (`refineDelta(rows[a], at: i, with: q)`); kept until row a changes.
        var take = [[Int: [Float]]](repeating: [:], count: rowCount)
        func taking(_ a: Int, _ q: Int) -> [Float] {
            if let known = take[a][q] { return known }
            let values = replacements(rows[a], with: q, inputs: inputs)
            take[a][q] = values
            return values
        }
        func rank(_ p: Int) {
            trades[p] = []
            let a = rowOf[p], b = alternative[p]
            guard a >= 0, b >= 0, inputs.profiles[p].ink > 0 else { return }
            let i = rows[a].firstIndex(of: p)!
            let give = replacements(rows[b], with: p, inputs: inputs)
            var list: [Trade] = []
            list.reserveCapacity(rows[b].count)
            for j in rows[b].indices {
                let d = taking(a, rows[b][j])[i] + give[j]
                list.append(Trade(delta: d, a: a, i: i, b: b, j: j))
            }
            list.sort(by: before)
            trades[p] = Array(list.prefix(shown))
        }
        for p in 0..<n where rowOf[p] >= 0 { choose(p); rank(p) }
        var version = [Int](repeating: 0, count: rowCount)
        struct Trial: Hashable { var a: Int; var i: Int; var b: Int; var j: Int; var va: Int; var vb: Int }
        var failed = Set<Trial>()
        for _ in 0..<(4 * n) {
            // The best `shown` trades of all: each piece's list is ranked, so a list is
            // read only while it still beats the worst kept.
            var best: [Trade] = []
            for p in 0..<n {
                keepBest(trades[p], in: &best, limit: shown, by: before)
            }
            let applied = keepFirstCheaper(best, failed: &failed, rows: &rows, costs: &costs, inputs: inputs,
                                           key: { Trial(a: $0.a, i: $0.i, b: $0.b, j: $0.j, va: version[$0.a], vb: version[$0.b]) },
                                           trial: { t, rows in
                var rowA = rows[t.a], rowB = rows[t.b]
                (rowA[t.i], rowB[t.j]) = (rowB[t.j], rowA[t.i])
                (rowA, rowB) = orderRows(rowA, rowB, inputs: inputs, seed: seed)
                return (t.a, t.b, rowA, rowB)
            })
            guard let (a, b) = applied else { break }
            version[a] += 1
            version[b] += 1
            take[a] = [:]
            take[b] = [:]
            locate(a)
            locate(b)
            templates[a] = RowClustering.template(rows[a], profiles: inputs.profiles)
            templates[b] = RowClustering.template(rows[b], profiles: inputs.profiles)
            refit(a)
            refit(b)
            for p in 0..<n where rowOf[p] >= 0 {
                let old = alternative[p]
                let own = rowOf[p]
                if own == a || own == b || old == a || old == b {
                    choose(p)
                } else {
                    // Only the fits with rows a and b changed: either may now beat the old choice.
                    for r in [a, b].sorted() {
                        let fit = fits[p * rowCount + r], current = fits[p * rowCount + alternative[p]]
                        if fit > current || (fit == current && r < alternative[p]) { alternative[p] = r }
                    }
                }
                if own == a || own == b || old == a || old == b || alternative[p] != old { rank(p) }
            }
        }
        return rows
    }

    /// `refineDelta(row, at: k, with: piece)` for every `k`, the same Floats in O(C):
    /// the best gap of the row without row[k] is the best of the gaps before it, the
    /// gap its removal opens, and the gaps after it.
    static func replacements(_ row: [Int], with piece: Int, inputs: Inputs) -> [Float] {
        let c = row.count
        guard c > 0 else { return [] }
        func link(_ a: Int?, _ b: Int?) -> Float { rowLink(a, b, inputs: inputs) }
        func at(_ t: Int) -> Int? { t >= 0 && t < c ? row[t] : nil }
        func gap(_ l: Int?, _ r: Int?) -> Float { link(l, piece) + link(piece, r) - link(l, r) }
        // gaps[g]: the piece between row[g - 1] and row[g] (g = 0...c).
        let gaps = (0...c).map { gap(at($0 - 1), at($0)) }
        var prefix = [Float](repeating: .infinity, count: c + 2)   // min of gaps[0..<g]
        for g in 0...c { prefix[g + 1] = min(prefix[g], gaps[g]) }
        var suffix = [Float](repeating: .infinity, count: c + 2)   // min of gaps[g...c]
        for g in stride(from: c, through: 0, by: -1) { suffix[g] = min(suffix[g + 1], gaps[g]) }
        return (0..<c).map { k in
            let removed = link(at(k - 1), row[k]) + link(row[k], at(k + 1)) - link(at(k - 1), at(k + 1))
            let best = min(prefix[k], gap(at(k - 1), at(k + 1)), suffix[min(k + 2, c + 1)])
            return best - removed
        }
    }
}
