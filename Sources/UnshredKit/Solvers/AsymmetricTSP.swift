/// Shortest Hamiltonian cycles on an asymmetric cost matrix (`cost[i * n + j]`,
/// the cost of going from `i` to `j`). A path problem becomes a cycle problem by
/// adding a node that stands for "outside the page" (see `StripSolver`).
///
/// - Exact Held-Karp dynamic programming up to `exactLimit` nodes.
///   Complexity: O(2^n n^2) time, O(2^n n) memory.
/// - Beyond that: greedy-edge construction, then local search with segment
///   exchanges (the asymmetric 3-opt move `p B C q -> p C B q`, which never
///   reverses a segment, so costs stay valid; Or-opt is its short-segment case),
///   iterated with seeded four-arc kicks. Candidate lists keep each pass
///   near O(n k^2).
public enum AsymmetricTSP {
    public static let exactLimit = 14

    /// A cycle through all `n` nodes, starting at node 0.
    public static func solve(cost: [Float], count n: Int, seed: UInt64 = 1, effort: Int = 1) -> [Int] {
        precondition(cost.count == n * n)
        if n <= 3 { return bestOfPermutations(cost: cost, count: n) }
        if n <= exactLimit { return heldKarp(cost: cost, count: n) }
        return iteratedLocalSearch(cost: cost, count: n, seed: seed, effort: effort)
    }

    public static func tourCost(_ tour: [Int], cost: [Float], count n: Int) -> Float {
        var total: Float = 0
        for k in 0..<tour.count { total += cost[tour[k] * n + tour[(k + 1) % tour.count]] }
        return total
    }

    static func bestOfPermutations(cost: [Float], count n: Int) -> [Int] {
        if n <= 2 { return Array(0..<n) }
        let a = [0, 1, 2], b = [0, 2, 1]
        return tourCost(a, cost: cost, count: 3) <= tourCost(b, cost: cost, count: 3) ? a : b
    }

    /// Exact: the cheapest cycle through all nodes, starting at 0.
    static func heldKarp(cost: [Float], count n: Int) -> [Int] {
        let m = n - 1  // nodes 1..n-1 are subset bits 0..m-1
        let full = 1 << m
        var best = [Float](repeating: .infinity, count: full * m)
        var parent = [Int8](repeating: -1, count: full * m)
        for k in 0..<m { best[(1 << k) * m + k] = cost[0 * n + (k + 1)] }
        for set in 1..<full {
            for last in 0..<m where set & (1 << last) != 0 {
                let here = best[set * m + last]
                if here == .infinity { continue }
                for next in 0..<m where set & (1 << next) == 0 {
                    let nextSet = set | (1 << next)
                    let value = here + cost[(last + 1) * n + (next + 1)]
                    if value < best[nextSet * m + next] {
                        best[nextSet * m + next] = value
                        parent[nextSet * m + next] = Int8(last)
                    }
                }
            }
        }
        var bestLast = 0
        var bestValue = Float.infinity
        for last in 0..<m {
            let v = best[(full - 1) * m + last] + cost[(last + 1) * n + 0]
            if v < bestValue { bestValue = v; bestLast = last }
        }
        var tour: [Int] = []
        var set = full - 1
        var last = bestLast
        while last >= 0 {
            tour.append(last + 1)
            let p = Int(parent[set * m + last])
            set &= ~(1 << last)
            last = p
        }
        return [0] + tour.reversed()
    }

    // MARK: Heuristic

    static func iteratedLocalSearch(cost: [Float], count n: Int, seed: UInt64, effort: Int) -> [Int] {
        let candidates = CandidateLists(cost: cost, count: n, k: min(n - 1, 12))
        var tour = greedyEdge(cost: cost, count: n)
        improve(&tour, cost: cost, count: n, candidates: candidates)
        var bestTour = tour
        var bestCost = tourCost(tour, cost: cost, count: n)
        var rng = SeededRandom(seed: seed)
        let kicks = max(50, min(2000, 20 * n)) * max(1, effort)
        var sinceImprovement = 0
        for _ in 0..<kicks {
            var trial = bestTour
            kick(&trial, rng: &rng)
            improve(&trial, cost: cost, count: n, candidates: candidates)
            let c = tourCost(trial, cost: cost, count: n)
            if c < bestCost - 1e-4 {
                bestCost = c
                bestTour = trial
                sinceImprovement = 0
            } else {
                sinceImprovement += 1
                if sinceImprovement > max(40, 4 * n) { break }
            }
        }
        return rotated(bestTour, toStartAt: 0)
    }

    static func rotated(_ tour: [Int], toStartAt node: Int) -> [Int] {
        guard let k = tour.firstIndex(of: node) else { return tour }
        return Array(tour[k...] + tour[..<k])
    }

    /// Greedy edge: take arcs cheapest first while each node keeps one successor
    /// and one predecessor and no early cycle closes; then chain the fragments.
    static func greedyEdge(cost: [Float], count n: Int) -> [Int] {
        var arcs: [(Float, Int32, Int32)] = []
        arcs.reserveCapacity(n * (n - 1))
        for i in 0..<n { for j in 0..<n where i != j { arcs.append((cost[i * n + j], Int32(i), Int32(j))) } }
        arcs.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        var next = [Int](repeating: -1, count: n)
        var prev = [Int](repeating: -1, count: n)
        var group = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while group[x] != x { group[x] = group[group[x]]; x = group[x] }
            return x
        }
        var joined = 0
        for (_, a, b) in arcs where joined < n - 1 {
            let i = Int(a), j = Int(b)
            if next[i] != -1 || prev[j] != -1 { continue }
            let gi = find(i), gj = find(j)
            if gi == gj { continue }
            next[i] = j
            prev[j] = i
            group[gi] = gj
            joined += 1
        }
        // One fragment remains: close it.
        var start = 0
        while prev[start] != -1 { start = prev[start]; if start == 0 { break } }
        var tour: [Int] = []
        var node = start
        while node != -1 && tour.count < n { tour.append(node); node = next[node] }
        return tour
    }

    /// A kick the segment-exchange search cannot undo in one move: four arcs change.
    /// (The symmetric TSP's double bridge, A C B D, is itself a segment exchange here.)
    static func kick(_ tour: inout [Int], rng: inout SeededRandom) {
        let n = tour.count
        if n < 8 || Bool.random(using: &rng) {
            let a = Int.random(in: 1..<n, using: &rng), b = Int.random(in: 1..<n, using: &rng)
            tour.swapAt(a, b)
            return
        }
        var cuts = [Int.random(in: 1..<n, using: &rng), Int.random(in: 1..<n, using: &rng), Int.random(in: 1..<n, using: &rng)]
        cuts.sort()
        if cuts[0] == cuts[1] || cuts[1] == cuts[2] { return }
        let a = tour[0..<cuts[0]], b = tour[cuts[0]..<cuts[1]], c = tour[cuts[1]..<cuts[2]], d = tour[cuts[2]...]
        tour = Array(a + d + c + b)
    }

    /// Segment exchange local search until no move gains: `p [B] [C] q -> p [C] [B] q`.
    /// New arcs: p -> C.first, C.last -> B.first, B.last -> q. The move is found from
    /// candidate arcs: C.first among p's cheap successors, B.first among C.last's.
    static func improve(_ tour: inout [Int], cost: [Float], count n: Int, candidates: CandidateLists) {
        var position = [Int](repeating: 0, count: n)
        var improved = true
        var rounds = 0
        while improved && rounds < 1000 {
            improved = false
            rounds += 1
            for k in 0..<n { position[tour[k]] = k }
            search: for pIndex in 0..<n {
                let p = tour[pIndex]
                let bFirstIndex = (pIndex + 1) % n
                let bFirst = tour[bFirstIndex]
                let removedPB = cost[p * n + bFirst]
                for cFirst in candidates.successors(of: p) {
                    let gain1 = removedPB - cost[p * n + cFirst]
                    if gain1 <= 0 { break }
                    // Offsets from B.first: C.first at distance dc (>= 1), C.last at >= dc.
                    let dc = (position[cFirst] - bFirstIndex + n) % n
                    if dc < 1 || dc >= n - 1 { continue }
                    let bLast = tour[(bFirstIndex + dc - 1) % n]
                    let removedBC = cost[bLast * n + cFirst]
                    // Try every C.last from C.first up to (but excluding) p.
                    for dl in dc..<(n - 1) {
                        let cLast = tour[(bFirstIndex + dl) % n]
                        let q = tour[(bFirstIndex + dl + 1) % n]
                        if q == p { break }
                        let delta = cost[p * n + cFirst] + cost[cLast * n + bFirst] + cost[bLast * n + q]
                            - removedPB - removedBC - cost[cLast * n + q]
                        if delta < -1e-4 {
                            let bStart = bFirstIndex
                            var newTour: [Int] = []
                            newTour.reserveCapacity(n)
                            // Rebuild starting from p: p, C, B, rest.
                            newTour.append(p)
                            for t in dc...dl { newTour.append(tour[(bStart + t) % n]) }
                            for t in 0..<dc { newTour.append(tour[(bStart + t) % n]) }
                            var t = dl + 1
                            while (bStart + t) % n != pIndex { newTour.append(tour[(bStart + t) % n]); t += 1 }
                            tour = newTour
                            improved = true
                            break search
                        }
                    }
                }
            }
        }
    }
}

/// The k cheapest successors of every node, cheapest first.
struct CandidateLists {
    let k: Int
    let lists: [Int]

    init(cost: [Float], count n: Int, k: Int) {
        self.k = k
        var lists = [Int](repeating: 0, count: n * k)
        for i in 0..<n {
            let order = (0..<n).filter { $0 != i }.sorted { (cost[i * n + $0], $0) < (cost[i * n + $1], $1) }
            for t in 0..<k { lists[i * k + t] = order[t] }
        }
        self.lists = lists
    }

    func successors(of i: Int) -> ArraySlice<Int> { lists[(i * k)..<(i * k + k)] }
}
