/// Shortest Hamiltonian cycles on an asymmetric cost matrix (`cost[i * n + j]`,
/// the cost of going from `i` to `j`). A path problem becomes a cycle problem by
/// adding a node that stands for "outside the page" (see `StripSolver`).
///
/// - Exact Held-Karp dynamic programming up to `exactLimit` nodes.
///   Complexity: O(2^n n^2) time, O(2^n n) memory.
/// - Beyond that: greedy-edge construction over candidate arcs, then local search
///   with segment exchanges (the asymmetric 3-opt move `p B C q -> p C B q`, which
///   never reverses a segment, so costs stay valid) and Or-opt moves (a segment of
///   up to three nodes moved next to a candidate neighbour), iterated with seeded
///   four-arc kicks. Moves are found from candidate arcs (`CandidateLists`) and
///   nodes wait in a work queue (a node is looked at again only when an arc at it
///   changed), so a pass costs O(n k^2), an applied move O(shortest two of the
///   three segments), and a kick only re-examines the nodes it touched.
///
/// The dense entry point takes the full matrix; `solve(candidates:cost:seed:effort:)`
/// takes candidate lists and a cost function for the few other arcs the search
/// prices, for thousands of nodes without an n x n matrix.
enum AsymmetricTSP {
    static let exactLimit = 14

    /// A cycle through all `n` nodes, starting at node 0.
    static func solve(cost: [Float], count n: Int, seed: UInt64 = 1, effort: Int = 1) -> [Int] {
        precondition(cost.count == n * n)
        if n <= 3 { return bestOfPermutations(cost: cost, count: n) }
        if n <= exactLimit { return heldKarp(cost: cost, count: n) }
        return iteratedLocalSearch(cost: cost, count: n, seed: seed, effort: effort)
    }

    /// For many nodes: the search reads only `candidates` and `cost(i, j)` for arcs
    /// of the current tour and the moves it tries (never all n^2).
    static func solve(candidates: CandidateLists, seed: UInt64 = 1, effort: Int = 1,
                             cost: (Int, Int) -> Float) -> [Int] {
        let n = candidates.count
        if n <= 3 {
            var dense = [Float](repeating: .infinity, count: n * n)
            for i in 0..<n { for j in 0..<n where i != j { dense[i * n + j] = cost(i, j) } }
            return bestOfPermutations(cost: dense, count: n)
        }
        return withoutActuallyEscaping(cost) { cost in
            iteratedLocalSearch(ClosureArcs(cost: cost), count: n, candidates: candidates, seed: seed, effort: effort)
        }
    }

    static func tourCost(_ tour: [Int], cost: [Float], count n: Int) -> Float {
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

    /// Candidates per node for the dense entry point.
    static let candidateCount = 12

    static func iteratedLocalSearch(cost: [Float], count n: Int, seed: UInt64, effort: Int) -> [Int] {
        let candidates = CandidateLists(cost: cost, count: n, k: min(n - 1, candidateCount))
        return cost.withUnsafeBufferPointer { buffer in
            iteratedLocalSearch(DenseArcs(base: buffer.baseAddress!, count: n), count: n,
                                candidates: candidates, seed: seed, effort: effort)
        }
    }

    static func iteratedLocalSearch<C: ArcCosts>(_ cost: C, count n: Int, candidates: CandidateLists,
                                                seed: UInt64, effort: Int) -> [Int] {
        var search = LocalSearch(cost: cost, candidates: candidates,
                                 tour: greedyEdge(cost, count: n, candidates: candidates))
        search.descend()
        var bestTour = search.tour
        var bestArcs = search.tourArc
        var bestCost = search.length()
        var current = bestCost
        var rng = SeededRandom(seed: seed)
        // Kicks are cheap (the repair is local): long tours get more, and more patience.
        let kicks = max(50, min(20_000, 20 * n)) * max(1, effort)
        // Patience rises from 4n to 10n between 100 and 250 nodes, without a step:
        // a step at 100 made the 101-node rows of a 100-column grid 2.5x as slow.
        let patience = max(40, n <= 100 ? 4 * n : n * (4 + 6 * min(n - 100, 150) / 150))
        var sinceImprovement = 0
        for _ in 0..<kicks {
            current += search.kick(rng: &rng)
            current -= search.improve()
            if current < bestCost - 1e-4 {
                // Re-add exactly: the running sum drifts with every move.
                current = search.length()
                bestCost = current
                bestTour = search.tour
                bestArcs = search.tourArc
                sinceImprovement = 0
            } else {
                search.reset(to: bestTour, arcs: bestArcs)
                current = bestCost
                sinceImprovement += 1
                if sinceImprovement > patience { break }
            }
        }
        search.reset(to: bestTour, arcs: bestArcs)
        search.descend()
        return rotated(search.tour, toStartAt: 0)
    }

    static func rotated(_ tour: [Int], toStartAt node: Int) -> [Int] {
        guard let k = tour.firstIndex(of: node) else { return tour }
        return Array(tour[k...] + tour[..<k])
    }

    /// Greedy edge over the candidate arcs: take them cheapest first while each node
    /// keeps one successor and one predecessor and no early cycle closes; then chain
    /// the fragments, each time to the fragment whose first node is cheapest to reach.
    static func greedyEdge<C: ArcCosts>(_ cost: C, count n: Int, candidates: CandidateLists) -> [Int] {
        let k = candidates.k
        var arcs: [(Float, Int32, Int32)] = []
        arcs.reserveCapacity(n * k)
        for i in 0..<n {
            for t in 0..<k where candidates.successors[i * k + t] >= 0 {
                arcs.append((candidates.successorCosts[i * k + t], Int32(i), candidates.successors[i * k + t]))
            }
        }
        arcs.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        var next = [Int](repeating: -1, count: n)
        var prev = [Int](repeating: -1, count: n)
        var fragments = UnionFind(count: n)
        var joined = 0
        for (_, a, b) in arcs where joined < n - 1 {
            let i = Int(a), j = Int(b)
            if next[i] != -1 || prev[j] != -1 { continue }
            if fragments.find(i) == fragments.find(j) { continue }
            next[i] = j
            prev[j] = i
            fragments.union(i, into: j)
            joined += 1
        }
        // Fragments: paths from a node with no predecessor. Chain them nearest first.
        var heads = (0..<n).filter { prev[$0] == -1 }
        var tour: [Int] = []
        tour.reserveCapacity(n)
        func walk(_ head: Int) { var node = head; while node != -1 { tour.append(node); node = next[node] } }
        let first = heads.removeFirst()
        walk(first)
        while !heads.isEmpty {
            let tail = tour[tour.count - 1]
            var best = 0
            var bestCost = Float.infinity
            for (h, head) in heads.enumerated() {
                let c = cost(tail, head)
                if c < bestCost { bestCost = c; best = h }
            }
            walk(heads[best])
            heads.swapAt(best, heads.count - 1)
            heads.removeLast()
        }
        return tour
    }
}

/// The cost of an arc, however it is stored.
protocol ArcCosts {
    func callAsFunction(_ i: Int, _ j: Int) -> Float
    /// Costly to evaluate (computed from borders): the search then keeps the cost of
    /// every tour arc and looks in the candidate lists before asking.
    static var isExpensive: Bool { get }
}

struct DenseArcs: ArcCosts {
    static var isExpensive: Bool { false }
    let base: UnsafePointer<Float>
    let count: Int
    @inline(__always) func callAsFunction(_ i: Int, _ j: Int) -> Float { base[i * count + j] }
}

struct ClosureArcs: ArcCosts {
    static var isExpensive: Bool { true }
    let cost: (Int, Int) -> Float
    @inline(__always) func callAsFunction(_ i: Int, _ j: Int) -> Float { cost(i, j) }
}

/// The tour as an array with every node's position, and a queue of nodes to look at.
///
/// Moves, all without reversing a segment (costs are asymmetric):
/// - **segment exchange** `p [B] [C] q -> p [C] [B] q`: removes `p->B.first`,
///   `B.last->C.first`, `C.last->q`; adds `p->C.first`, `B.last->q`, `C.last->B.first`.
///   Found the Lin-Kernighan way along that alternating cycle: `C.first` among p's
///   candidate successors with `g1 = c(p,B.first) - c(p,C.first) > 0`, then `q` among
///   B.last's candidate successors with `g2 = g1 + c(B.last,C.first) - c(B.last,q) > 0`;
///   `C.last` is q's predecessor. Every improving exchange has a rotation with all
///   partial gains positive, and each rotation is this search from another node,
///   so with full lists no improving exchange is missed. The same exchange is also
///   tried with `C.last` among B.first's candidate predecessors.
/// - **Or-opt**: the segment of 1-3 nodes after `p` moved between `u` and `v`,
///   where `u` is a candidate predecessor of its first node or `v` a candidate
///   successor of its last: it catches moves with a single cheap new arc.
///
/// An exchange rewrites only the two shortest of the three segments (the cyclic
/// orders `B C R`, `C B R`: swapping any two neighbouring segments gives the same
/// cycle), and puts the six nodes at the changed arcs back in the queue.
struct LocalSearch<C: ArcCosts> {
    let cost: C
    let n: Int
    let k: Int
    let successors: [Int32]
    let successorCosts: [Float]
    let predecessors: [Int32]
    var tour: [Int]
    var position: [Int]
    var queue: [Int]
    var queueHead = 0
    var queued: [Bool]
    var scratch: [Int] = []
    /// For expensive costs: `tourArc[i]` is the cost of the arc from i to its successor.
    var tourArc: [Float] = []
    static var epsilon: Float { 1e-4 }

    init(cost: C, candidates: CandidateLists, tour: [Int]) {
        self.cost = cost
        n = tour.count
        k = candidates.k
        successors = candidates.successors
        successorCosts = candidates.successorCosts
        predecessors = candidates.predecessors
        self.tour = tour
        position = [Int](repeating: 0, count: tour.count)
        for (i, node) in tour.enumerated() { position[node] = i }
        queue = tour
        queued = [Bool](repeating: true, count: tour.count)
        if C.isExpensive {
            tourArc = [Float](repeating: 0, count: n)
            for i in 0..<n { tourArc[i] = lookup(i, next(i)) }
        }
    }

    func length() -> Float {
        var total: Float = 0
        for i in 0..<n { total += arc(tour[i], tour[i + 1 == n ? 0 : i + 1]) }
        return total
    }

    /// The cost of i -> j: from the kept tour arcs or the candidate lists when the
    /// cost is expensive to compute.
    @inline(__always) func arc(_ i: Int, _ j: Int) -> Float {
        if C.isExpensive {
            if next(i) == j { return tourArc[i] }
            return lookup(i, j)
        }
        return cost(i, j)
    }

    func lookup(_ i: Int, _ j: Int) -> Float {
        let base = i * k
        for t in 0..<k where successors[base + t] == Int32(j) { return successorCosts[base + t] }
        return cost(i, j)
    }

    /// Keeps `tourArc` up to date for the arc leaving `node`.
    @inline(__always) mutating func refreshArc(_ node: Int) {
        if C.isExpensive { tourArc[node] = lookup(node, next(node)) }
    }

    /// The node just before tour position `index`.
    @inline(__always) func nodeBefore(_ index: Int) -> Int { tour[(index + n - 1) % n] }
    @inline(__always) func next(_ node: Int) -> Int { let p = position[node] + 1; return tour[p == n ? 0 : p] }
    @inline(__always) func previous(_ node: Int) -> Int { let p = position[node]; return tour[p == 0 ? n - 1 : p - 1] }
    /// How far `node` lies after `from`, going forward (0 for `from` itself).
    @inline(__always) func offset(_ node: Int, from: Int) -> Int {
        let d = position[node] - position[from]
        return d < 0 ? d + n : d
    }

    mutating func push(_ node: Int) {
        if queued[node] { return }
        queued[node] = true
        queue.append(node)
    }

    /// Puts back a saved tour (and its positions, and its arcs' costs); the queue starts empty.
    mutating func reset(to saved: [Int], arcs: [Float]) {
        tour = saved
        tourArc = arcs
        for (i, node) in saved.enumerated() { position[node] = i }
        for node in queue[queueHead...] { queued[node] = false }
        queue.removeAll(keepingCapacity: true)
        queueHead = 0
    }

    /// Local search to a true local optimum: queue every node until a pass over all
    /// of them finds no move (the queue alone can miss a move that a change far away
    /// made possible by putting its segments in order). Returns the total gain.
    @discardableResult
    mutating func descend() -> Float {
        var gain: Float = 0
        while true {
            for node in tour { push(node) }
            let g = improve()
            gain += g
            if g == 0 { return gain }
        }
    }

    /// Applies improving moves until the queue is empty; returns the total gain.
    @discardableResult
    mutating func improve() -> Float {
        var gain: Float = 0
        while queueHead < queue.count {
            let p = queue[queueHead]
            queueHead += 1
            queued[p] = false
            if queueHead > 4096 && queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            // A move re-queues p (and the other nodes at changed arcs).
            if let g = tryMoves(from: p) { gain += g }
        }
        queue.removeAll(keepingCapacity: true)
        queueHead = 0
        return gain
    }

    /// Finds the best improving move that starts at `p` (removes `p -> next(p)`)
    /// and applies it; returns its gain.
    mutating func tryMoves(from p: Int) -> Float? {
        let bFirst = next(p)
        let removedPB = arc(p, bFirst)
        var best: (gain: Float, bFirst: Int, cFirst: Int, cLast: Int, p: Int) = (Self.epsilon, -1, -1, -1, -1)
        // Segment exchanges.
        for t in 0..<k {
            let cFirst = Int(successors[p * k + t])
            if cFirst < 0 { break }
            let g1 = removedPB - successorCosts[p * k + t]
            if g1 <= 0 { break }
            if cFirst == bFirst { continue }
            let dc = offset(cFirst, from: bFirst)
            let bLast = previous(cFirst)
            let g1b = g1 + arc(bLast, cFirst)
            for u in 0..<k {
                let q = Int(successors[bLast * k + u])
                if q < 0 { break }
                let g2 = g1b - successorCosts[bLast * k + u]
                if g2 <= best.gain { break }
                // q follows C: offset from B.first in dc+1 ... n-1 (q may be p itself).
                let dq = offset(q, from: bFirst)
                if dq <= dc { continue }
                let cLast = previous(q)
                let gain = g2 + arc(cLast, q) - arc(cLast, bFirst)
                if gain > best.gain { best = (gain, bFirst, cFirst, cLast, p) }
            }
            // The same exchange found from its third new arc: C.last among B.first's
            // candidate predecessors (catches moves whose arc B.last -> q is not cheap).
            for u in 0..<k {
                let cLast = Int(predecessors[bFirst * k + u])
                if cLast < 0 { break }
                // Partial gain over the first two new arcs must stay positive (cheapest first).
                let g2 = g1b - arc(cLast, bFirst)
                if g2 <= 0 { break }
                let dl = offset(cLast, from: bFirst)
                if dl < dc || dl > n - 2 { continue }
                let q = next(cLast)
                let gain = g2 + arc(cLast, q) - arc(bLast, q)
                if gain > best.gain { best = (gain, bFirst, cFirst, cLast, p) }
            }
        }
        // Or-opt: the segment s...e after p (s = B.first), 1 to 3 nodes, moved between
        // u and v = next(u): p [s..e] [y..u] v -> p [y..u] [s..e] v, an exchange too.
        // u among the candidate predecessors of s, or v among the candidate successors of e.
        var e = bFirst
        for length in 1...3 {
            if length > 1 { e = next(e) }
            let y = next(e)
            if y == p || e == p { break }
            let closing = removedPB + arc(e, y) - arc(p, y)
            if closing <= best.gain { continue }
            for t in 0..<(2 * k) {
                let u: Int, v: Int
                if t < k {
                    u = Int(predecessors[bFirst * k + t])
                    if u < 0 { continue }
                    v = next(u)
                } else {
                    v = Int(successors[e * k + t - k])
                    if v < 0 { continue }
                    u = previous(v)
                }
                // u outside p, s...e: offsets from s in length ... n-2.
                let du = offset(u, from: bFirst)
                if du < length || u == p { continue }
                let gain = closing + arc(u, v) - arc(u, bFirst) - arc(e, v)
                if gain > best.gain { best = (gain, bFirst, y, u, p) }
            }
        }
        guard best.bFirst >= 0 else { return nil }
        exchange(p: best.p, bFirst: best.bFirst, cFirst: best.cFirst, cLast: best.cLast)
        return best.gain
    }

    /// `p [B] [C] q -> p [C] [B] q` with `B = bFirst...previous(cFirst)`, `C = cFirst...cLast`.
    mutating func exchange(p: Int, bFirst: Int, cFirst: Int, cLast: Int) {
        let bLast = previous(cFirst), q = next(cLast)
        let lb = offset(cFirst, from: bFirst)
        let lc = offset(cLast, from: cFirst) + 1
        let lr = n - lb - lc
        // Swap the two neighbouring segments with the fewest nodes.
        if lb + lc <= lc + lr && lb + lc <= lr + lb {
            swapSegments(start: position[bFirst], lb, lc)
        } else if lc + lr <= lr + lb {
            swapSegments(start: position[cFirst], lc, lr)
        } else {
            swapSegments(start: position[q], lr, lb)
        }
        for node in [p, bLast, cLast] { refreshArc(node) }
        for node in [p, bFirst, bLast, cFirst, cLast, q] { push(node) }
    }

    /// Tour positions `start ..< start + l1` and the `l2` after them (cyclic) change
    /// places: `X Y -> Y X`.
    mutating func swapSegments(start: Int, _ l1: Int, _ l2: Int) {
        scratch.removeAll(keepingCapacity: true)
        var i = start
        for _ in 0..<(l1 + l2) { scratch.append(tour[i]); i += 1; if i == n { i = 0 } }
        i = start
        for t in 0..<l2 { let node = scratch[l1 + t]; tour[i] = node; position[node] = i; i += 1; if i == n { i = 0 } }
        for t in 0..<l1 { let node = scratch[t]; tour[i] = node; position[node] = i; i += 1; if i == n { i = 0 } }
    }

    /// A kick the exchange search cannot undo in one move (four arcs change): either
    /// two random nodes trade places, or three neighbouring segments `B C D` (cut at
    /// random anywhere in the tour) become `D C B`. Only the nodes at the changed
    /// arcs are queued, so the repair stays local however far apart the cuts are.
    /// Returns the cost change.
    mutating func kick(rng: inout SeededRandom) -> Float {
        if n < 8 || Bool.random(using: &rng) {
            let i = Int.random(in: 0..<n, using: &rng)
            let j = (i + Int.random(in: 1..<n, using: &rng)) % n
            // Arcs leaving positions i-1, i, j-1, j change (fewer when i, j are neighbours).
            let i0 = (i + n - 1) % n, j0 = (j + n - 1) % n
            let distinctJ0 = j0 != i && j0 != i0, distinctJ = j != i0
            func sum() -> Float {
                var total = arc(tour[i0], tour[i]) + arc(tour[i], tour[(i + 1) % n])
                if distinctJ0 { total += arc(tour[j0], tour[j]) }
                if distinctJ { total += arc(tour[j], tour[(j + 1) % n]) }
                return total
            }
            let before = sum()
            let a = tour[i], b = tour[j]
            tour[i] = b; tour[j] = a
            position[b] = i; position[a] = j
            refreshArc(tour[i0]); refreshArc(tour[i]); refreshArc(tour[j0]); refreshArc(tour[j])
            let after = sum()
            push(tour[i0]); push(tour[i]); push(tour[(i + 1) % n])
            push(tour[j0]); push(tour[j]); push(tour[(j + 1) % n])
            return after - before
        }
        var cuts = [Int.random(in: 1..<n, using: &rng), Int.random(in: 1..<n, using: &rng), Int.random(in: 1..<n, using: &rng)]
        cuts.sort()
        if cuts[0] == cuts[1] || cuts[1] == cuts[2] { return 0 }
        let l1 = cuts[1] - cuts[0], l2 = cuts[2] - cuts[1], l3 = n - cuts[2]
        let start = Int.random(in: 0..<n, using: &rng)
        let p = tour[(start + n - 1) % n]
        let ends = [start, start + l1, start + l1 + l2, start + l1 + l2 + l3].map { $0 % n }
        let before = arc(p, tour[ends[0]]) + arc(nodeBefore(ends[1]), tour[ends[1]])
            + arc(nodeBefore(ends[2]), tour[ends[2]]) + arc(nodeBefore(ends[3]), tour[ends[3]])
        // B C D -> D C B: swap B with C D, then C with D inside.
        swapSegments(start: ends[0], l1, l2 + l3)
        swapSegments(start: ends[0], l2, l3)
        let cutsAfter = [start, start + l3, start + l3 + l2, start + l1 + l2 + l3].map { $0 % n }
        for e in cutsAfter { refreshArc(nodeBefore(e)) }
        let after = arc(p, tour[cutsAfter[0]]) + arc(nodeBefore(cutsAfter[1]), tour[cutsAfter[1]])
            + arc(nodeBefore(cutsAfter[2]), tour[cutsAfter[2]]) + arc(nodeBefore(cutsAfter[3]), tour[cutsAfter[3]])
        for e in cutsAfter { push(tour[e]); push(nodeBefore(e)) }
        return after - before
    }
}
