import Foundation

extension GridSolver {
    /// With the rows stacked, re-orders the columns of each block of consecutive
    /// rows (one row, two rows, ...) with the same permutation, knowing the rows
    /// above and below: exchanges of two adjacent segments, and swaps of two
    /// columns, are kept while the block's left-right joins plus its top-bottom joins
    /// at the block's upper and lower boundary get cheaper. Joins inside the block
    /// move with it. A block is needed where text lines cross the cuts between its
    /// rows (so they must move together) but not the cuts around it.
    /// - Parameter settled: blocks (with the rows around them) already searched to no
    ///   effect; each block's kicks draw from a generator seeded by its content, so
    ///   searching a settled block again would give the same nothing, and is skipped.
    /// Kicks thin out with the row's length (`kicks(columns:configuration:)`).
    static func polish(_ start: [[Int]], inputs: Inputs, settled: inout Set<[Int]>) -> [[Int]] {
        let config = inputs.configuration
        var rows = start
        let rowCount = rows.count
        guard rowCount > 0, rows.allSatisfy({ $0.count == rows[0].count }) else { return rows }
        let columns = rows[0].count
        guard columns >= 2 else { return rows }

        let identity = Array(0..<columns)
        let longestBlock = min(rowCount, columns <= config.allBlocksColumns ? rowCount : config.longBlockRows)
        for _ in 0..<config.polishRounds {
            var changed = false
            for length in 1...longestBlock {
                for a in 0...(rowCount - length) {
                    let b = a + length - 1
                    // The block and its context: what the search's outcome depends on.
                    var key = [a, b]
                    for r in max(0, a - 1)...min(rowCount - 1, b + 1) { key += rows[r] }
                    if settled.contains(key) { continue }
                    var rng = SeededRandom(seed: key.reduce(0x5EED as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 })
                    let block = BlockOrder(rows: rows, block: a...b, objective: inputs.objective)
                    var perm = identity
                    var best = block.improve(&perm)
                    // Kicks the exchange search cannot undo in one step, as in `AsymmetricTSP`.
                    if length == 1 && columns >= 4 {
                        // The cuts do not depend on the order: drawn up front, in the same sequence.
                        let cuts: [[[Int]]] = (0..<kicks(columns: columns, configuration: config)).map { _ in
                            (0..<2).map { _ in
                                let cuts = (0..<3).map { _ in Int.random(in: 0...columns, using: &rng) }.sorted()
                                return cuts[0] == cuts[1] || cuts[1] == cuts[2] ? [0, 1, 2] : cuts
                            }
                        }
                        kick(block, cuts: cuts, perm: &perm, best: &best, parallel: columns >= config.parallelKickColumns)
                    }
                    if perm != identity {
                        for r in a...b { rows[r] = perm.map { rows[r][$0] } }
                        changed = true
                    } else {
                        settled.insert(key)
                    }
                }
            }
            if !changed { break }
        }
        return rows
    }

    /// The kicks in turn, each from the best order so far, kept when cheaper. In
    /// parallel, two kicks are searched at once from the same order; when the first
    /// is kept, the second is searched again from the new order, so the outcome is
    /// the sequential one.
    static func kick(_ block: BlockOrder, cuts: [[[Int]]], perm: inout [Int], best: inout Float, parallel: Bool) {
        func kicked(_ start: [Int], _ t: Int) -> [Int] {
            var trial = start
            for c in cuts[t] {
                trial.replaceSubrange(c[0]..<c[2], with: Array(trial[c[1]..<c[2]] + trial[c[0]..<c[1]]))
            }
            return trial
        }
        var t = 0
        while t < cuts.count {
            if parallel && t + 1 < cuts.count {
                let kicks = [kicked(perm, t), kicked(perm, t + 1)]
                let improved = Parallel.map(2) { u in
                    var trial = kicks[u]
                    let cost = block.improve(&trial)
                    return (trial: trial, cost: cost)
                }
                let trials = improved.map(\.trial), found = improved.map(\.cost)
                if found[0] < best - 1e-4 {
                    best = found[0]
                    perm = trials[0]
                    t += 1
                    continue
                }
                if found[1] < best - 1e-4 {
                    best = found[1]
                    perm = trials[1]
                }
                t += 2
            } else {
                var trial = kicked(perm, t)
                let c = block.improve(&trial)
                if c < best - 1e-4 {
                    best = c
                    perm = trial
                }
                t += 1
            }
        }
    }

    /// A search costs O(C^3) moves; past 20 columns the kicks are thinned so that a
    /// row's polish costs about what a 20-column row's does (at least 4 kicks).
    /// From `fewerKicksColumns` (pages of thousands of pieces), `fewKicks`; from
    /// `noKicksColumns`, none (`Configuration`).
    static func kicks(columns: Int, configuration config: Configuration) -> Int {
        if columns >= config.noKicksColumns { return 0 }
        if columns >= config.fewerKicksColumns { return config.fewKicks }
        let perRow = config.kicksPerRow
        return columns <= 20 ? perRow : max(4, perRow * 8000 / (columns * columns * columns))
    }
}
