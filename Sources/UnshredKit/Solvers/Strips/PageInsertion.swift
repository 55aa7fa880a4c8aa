/// Which page a strip belongs to, asked of each page's order rather than of one join.
///
/// A strip's cheapest join with a page's strips says little on its own: a page's first
/// strip (its left margin side blank, a few lines at its right) joins well at one side
/// with the strips of any page whose text starts near a side. Put into a page's order, a
/// stray has to stand between two strips that joined each other well (it clashes at both
/// of its sides) or at an end, where the page edge says whether a page may end there. So
/// each page is ordered (the measure's costs over its strips and the candidates), and a
/// candidate's price for the page is its cheapest insertion into that order: at the left
/// end `opens(s) + c(s, first) - opens(first)`, at the right end likewise, between
/// neighbours `a`, `b`: `c(a, s) + c(s, b) - c(a, b)`; either way up when strips may be
/// turned. Candidates are placed one at a time, the cheapest first, each into the order
/// as the candidates placed before it left it: a page's first three strips, left over
/// together, go in one after the other, each next to the one before. Nothing is fitted:
/// the costs are the measure's, z-scored within each matrix of one page and the same
/// candidates, so the prices of one candidate in two pages are on one scale.
enum PageInsertion {
    /// The order (nodes of `costs`: strip `k` is node `k`, or `2k + t` when `turns`) of
    /// the strips `0 ..< count` of a matrix over them and some candidates after them.
    static func order(count: Int, costs: CostMatrix, edges: PageEdges, turns: Bool) -> [Int] {
        let members = Array(0..<count)
        guard count > 1 else { return turns ? members.map { 2 * $0 } : members }
        if turns {
            let bias = StripSolver.turnBias(members, costs: costs)
            return StripTurns.solve(members, costs: costs, edges: edges, bias: bias).map(\.node)
        }
        return StripSolver.order(members, costs: costs, edges: edges, confidenceFloor: 0).order
    }

    /// The cheapest insertion of a strip (its nodes `options`: one, or both ways up) into
    /// `path` (nodes, left to right), page ends included: its price, the node, and where
    /// (the index in `path` it would take).
    static func place(_ options: [Int], into path: [Int], costs: CostMatrix, edges: PageEdges) -> (price: Float, node: Int, at: Int) {
        guard let first = path.first, let last = path.last else { return (0, options[0], 0) }
        var best: (price: Float, node: Int, at: Int) = (.infinity, options[0], 0)
        func see(_ price: Float, _ node: Int, _ at: Int) { if price < best.price { best = (price, node, at) } }
        for s in options {
            see(edges.leftEdge[s] + costs[s, first] - edges.leftEdge[first], s, 0)
            for (k, (a, b)) in zip(path, path.dropFirst()).enumerated() {
                see(costs[a, s] + costs[s, b] - costs[a, b], s, k + 1)
            }
            see(costs[last, s] + edges.rightEdge[s] - edges.rightEdge[last], s, path.count)
        }
        return best
    }

    /// One page's matrix: `costs`/`edges` over the page's `count` strips first, then the
    /// candidates, oriented (`2k + t`) when `turns`.
    struct Page {
        var count: Int
        var costs: CostMatrix
        var edges: PageEdges
        var turns: Bool
    }

    /// Candidates `0 ..< candidates` (each the `count + k`-th strip of every page's matrix)
    /// placed one at a time, cheapest first, among the pages `allowed(k)` lets it join:
    /// the page of each, in the order given.
    static func assign(candidates: Int, pages: [Page], allowed: (Int) -> [Int]) -> [Int] {
        var paths = pages.map { order(count: $0.count, costs: $0.costs, edges: $0.edges, turns: $0.turns) }
        var page = [Int](repeating: -1, count: candidates)
        var left = Set(0..<candidates)
        while !left.isEmpty {
            var best: (k: Int, p: Int, price: Float, node: Int, at: Int)? = nil
            for k in left.sorted() {
                for p in allowed(k) {
                    let g = pages[p], s = g.count + k
                    let placed = place(g.turns ? [2 * s, 2 * s + 1] : [s], into: paths[p], costs: g.costs, edges: g.edges)
                    if best == nil || placed.price < best!.price { best = (k, p, placed.price, placed.node, placed.at) }
                }
            }
            guard let b = best else { break }
            page[b.k] = b.p
            paths[b.p].insert(b.node, at: b.at)
            left.remove(b.k)
        }
        return page
    }
}
