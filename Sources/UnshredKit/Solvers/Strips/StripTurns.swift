/// Orders strips some of which may have been scanned upside down (turned 180 degrees).
///
/// Each strip appears twice, as scanned and turned: oriented node `2 * i + t` is strip
/// `i` turned when `t == 1`, its borders read from the turned pixels (the turned
/// strip's left border is the scanned right border, bottom to top). A page is then a
/// path through one node of every strip: a generalised travelling-salesman path,
/// which the Noon-Bean transformation makes an ordinary asymmetric one for
/// `AsymmetricTSP`. A strip's two nodes are joined by a free arc; the tour enters a
/// strip at the node of the orientation it stands in, crosses to the other at no cost
/// and leaves from there, paying the oriented join of the orientation it entered in:
/// ```
///   ... -> (i, t) --0--> (i, 1-t) --[cost of (i, t) -> (j, t')] + M--> (j, t') ...
/// ```
/// Every arc between strips carries `M`, so a tour that visits a strip's nodes apart
/// pays `M` more than one that does not. Costs are scaled to 0...1 first.
/// Then `polish` runs local moves on the oriented path that the transformed tour
/// cannot make in one step: a segment moved (up to three strips) and optionally turned
/// (reversed, each strip turned), and any segment turned in place (the mirror of a
/// true run of strips costs what the run costs, so a run built the wrong way round is
/// repaired at once).
///
/// Edge costs alone cannot tell a page from the page turned over (all strips turned,
/// in reverse order): that is decided by the caller (`StripSolver.upright`).
/// - Complexity: the tour on 2n + 1 nodes (`AsymmetricTSP`), then O(n^2) per polish pass.
enum StripTurns {
    /// One strip as it stands: its index and whether it is turned.
    struct Placed: Sendable, Equatable {
        var piece: Int
        var turned: Bool
        var node: Int { 2 * piece + (turned ? 1 : 0) }
    }

    /// The separating constant of the transformation, in units of the scaled costs.
    static let separation: Float = 3

    /// Orders `members` (strip indices) over oriented costs `costs` (`2n x 2n`, node
    /// `2i + t`) and page edges `edges` (per oriented node). Left to right. Each strip
    /// standing turned pays `bias` (so that strips the edges say nothing about stay
    /// as scanned).
    static func solve(_ members: [Int], costs unbiased: CostMatrix, edges unbiasedEdges: PageEdges,
                      bias: Float = 0, seed: UInt64 = 1) -> [Placed] {
        let k = members.count
        guard k > 1 else { return members.map { Placed(piece: $0, turned: false) } }
        // The bias is paid on arriving at a turned node: from its left neighbour or the page edge.
        var costs = unbiased, edges = unbiasedEdges
        if bias > 0 {
            let m = costs.count
            for u in 0..<m { for v in stride(from: 1, to: m, by: 2) where u != v { costs[u, v] += bias } }
            for v in stride(from: 1, to: m, by: 2) { edges.leftEdge[v] += bias }
        }
        // Scale to 0...1 over the finite values the tour may use.
        var low = Float.infinity, high = -Float.infinity
        func see(_ v: Float) { if v.isFinite { low = min(low, v); high = max(high, v) } }
        for a in members {
            for t in 0..<2 {
                see(edges.leftEdge[2 * a + t]); see(edges.rightEdge[2 * a + t])
                for b in members where b != a { for u in 0..<2 { see(costs[2 * a + t, 2 * b + u]) } }
            }
        }
        if !low.isFinite { low = 0; high = 1 }
        let scale = max(high - low, 1e-9)
        func scaled(_ v: Float) -> Float { v.isFinite ? (v - low) / scale : 2 * separation }
        let m = 2 * k + 1
        var matrix = [Float](repeating: .infinity, count: m * m)
        for a in 0..<k {
            for t in 0..<2 {
                let entry = 1 + 2 * a + t, exit = 1 + 2 * a + (1 - t)
                let oriented = 2 * members[a] + t
                matrix[entry * m + exit] = 0
                matrix[0 * m + entry] = scaled(edges.leftEdge[oriented]) + separation
                matrix[exit * m + 0] = scaled(edges.rightEdge[oriented]) + separation
                for b in 0..<k where b != a {
                    for u in 0..<2 {
                        matrix[exit * m + 1 + 2 * b + u] = scaled(costs[oriented, 2 * members[b] + u]) + separation
                    }
                }
            }
        }
        let tour = AsymmetricTSP.solve(cost: matrix, count: m, seed: seed)
        // Each strip stands the way its first node met says.
        var seen = Set<Int>()
        var path: [Placed] = []
        for node in tour.dropFirst() {
            let a = (node - 1) / 2
            guard seen.insert(a).inserted else { continue }
            path.append(Placed(piece: members[a], turned: (node - 1) % 2 == 1))
        }
        return polish(path, costs: costs, edges: edges)
    }

    /// The cost of a path: its page edges and joins.
    static func cost(_ path: [Placed], costs: CostMatrix, edges: PageEdges) -> Float {
        guard let first = path.first, let last = path.last else { return 0 }
        var total = edges.leftEdge[first.node] + edges.rightEdge[last.node]
        for (a, b) in zip(path, path.dropFirst()) { total += costs[a.node, b.node] }
        return total
    }

    /// The segment reversed, each strip turned: how the same run of paper looks
    /// from the other side of the page turned over.
    static func mirrored(_ segment: ArraySlice<Placed>) -> [Placed] {
        segment.reversed().map { Placed(piece: $0.piece, turned: !$0.turned) }
    }

    /// Local moves until none gains: each segment turned in place; each segment of up
    /// to three strips moved elsewhere, as it is or turned. First gain taken.
    static func polish(_ start: [Placed], costs: CostMatrix, edges: PageEdges, maxPasses: Int = 50) -> [Placed] {
        var path = start
        let n = path.count
        guard n > 1 else { return path }
        let epsilon: Float = 1e-5 * max(1, abs(cost(path, costs: costs, edges: edges)))
        func join(_ a: Placed?, _ b: Placed?) -> Float {
            switch (a, b) {
            case let (a?, b?): return costs[a.node, b.node]
            case let (nil, b?): return edges.leftEdge[b.node]
            case let (a?, nil): return edges.rightEdge[a.node]
            default: return 0
            }
        }
        for _ in 0..<maxPasses {
            var improved = false
            // Forward and mirrored internal costs of every prefix.
            var forward = [Float](repeating: 0, count: n), backward = forward
            for i in 1..<n {
                let a = path[i - 1], b = path[i]
                forward[i] = forward[i - 1] + costs[a.node, b.node]
                // Mirrored: b turned stands left of a turned.
                backward[i] = backward[i - 1] + costs[2 * b.piece + (b.turned ? 0 : 1), 2 * a.piece + (a.turned ? 0 : 1)]
            }
            // Turn a segment [i, j] in place.
            search: for i in 0..<n {
                for j in i..<n {
                    let before = i > 0 ? path[i - 1] : nil, after = j + 1 < n ? path[j + 1] : nil
                    let old = join(before, path[i]) + join(path[j], after) + forward[j] - forward[i]
                    let first = Placed(piece: path[j].piece, turned: !path[j].turned)
                    let last = Placed(piece: path[i].piece, turned: !path[i].turned)
                    let new = join(before, first) + join(last, after) + backward[j] - backward[i]
                    if new < old - epsilon {
                        path.replaceSubrange(i...j, with: mirrored(path[i...j]))
                        improved = true
                        break search
                    }
                }
            }
            if improved { continue }
            // Move a segment [i, i + len) between two others, as it is or turned.
            move: for len in 1...min(3, n - 1) {
                for i in 0...(n - len) {
                    let segment = Array(path[i..<(i + len)])
                    let before = i > 0 ? path[i - 1] : nil, after = i + len < n ? path[i + len] : nil
                    let inside = forward[i + len - 1] - forward[i]
                    let removed = join(before, segment.first) + join(segment.last, after) - join(before, after)
                    var rest = path
                    rest.removeSubrange(i..<(i + len))
                    let turned = mirrored(segment[...])
                    let turnedInside = backward[i + len - 1] - backward[i]
                    for p in 0...rest.count where p != i {
                        let l = p > 0 ? rest[p - 1] : nil, r = p < rest.count ? rest[p] : nil
                        let base = -join(l, r)
                        let asIs = base + join(l, segment.first) + join(segment.last, r) + inside
                        let asTurned = base + join(l, turned.first) + join(turned.last, r) + turnedInside
                        let gain = removed + inside - min(asIs, asTurned)
                        if gain > epsilon {
                            rest.insert(contentsOf: asIs <= asTurned ? segment : turned, at: p)
                            path = rest
                            improved = true
                            break move
                        }
                    }
                }
            }
            if !improved { break }
        }
        return path
    }

    /// How sure the solver is of the oriented join `u -> v`, as `JoinConfidence`: the
    /// cheapest rival is another node after `u` or before `v`, either way up, never
    /// `u`'s or `v`'s own strip.
    static func confidence(_ u: Int, _ v: Int, costs: CostMatrix, among members: [Int], floor: Float) -> Float {
        let chosen = costs[u, v]
        var rival = Float.infinity
        for piece in members where piece != u / 2 {
            for t in 0..<2 {
                let k = 2 * piece + t
                if k != v { rival = min(rival, costs[u, k]) }
            }
        }
        for piece in members where piece != v / 2 {
            for t in 0..<2 {
                let k = 2 * piece + t
                if k != u { rival = min(rival, costs[k, v]) }
            }
        }
        if rival == .infinity { return 1 }
        return max(0, min(1, (rival - chosen) / (rival + floor)))
    }
}
