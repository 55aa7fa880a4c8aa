/// Disjoint sets over `0..<count`: union-find with path halving (Tarjan and van
/// Leeuwen, "Worst-case analysis of set union algorithms", 1984).
///
/// `union(a, into: b)` always hangs `a`'s root under `b`'s, so which element ends up
/// the root is the caller's choice, as the solvers' tie-breaks rely on it (no union by
/// rank). Sizes are kept for callers that cap them.
///
/// - Complexity: `find` and `union` O(log n) amortised (path halving alone).
struct UnionFind {
    private var parent: [Int]
    private var sizes: [Int]

    init(count: Int) {
        parent = Array(0..<count)
        sizes = Array(repeating: 1, count: count)
    }

    /// The root of `x`'s set.
    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    /// Elements in the set of root `root`.
    func size(ofRoot root: Int) -> Int { sizes[root] }

    /// Joins the sets of `a` and `b`, `a`'s root under `b`'s. False (nothing changed)
    /// when they were one set already.
    @discardableResult
    mutating func union(_ a: Int, into b: Int) -> Bool {
        let ra = find(a), rb = find(b)
        guard ra != rb else { return false }
        parent[ra] = rb
        sizes[rb] += sizes[ra]
        return true
    }
}
