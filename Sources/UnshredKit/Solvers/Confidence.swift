/// How sure the solver is of one join, from 0 (a coin toss) to 1 (no rival comes close).
///
/// For a join `a -> b` it compares the cost paid with the cheapest rival on either
/// side: another successor of `a`, or another predecessor of `b`:
/// `confidence = clamp((rival - chosen) / (rival + floor), 0, 1)`. Two paper
/// borders (cost 0 with rivals at 0) score 0: honest, since nothing says they belong.
public enum JoinConfidence {
    public static func of(_ a: Int, _ b: Int, cost: CostMatrix, among members: [Int]? = nil, floor: Float) -> Float {
        let chosen = cost[a, b]
        var rival = Float.infinity
        if let pool = members {
            for k in pool where k != b && k != a { rival = min(rival, cost[a, k]) }
            for k in pool where k != a && k != b { rival = min(rival, cost[k, b]) }
        } else {
            for k in 0..<cost.count where k != b && k != a { rival = min(rival, cost[a, k]) }
            for k in 0..<cost.count where k != a && k != b { rival = min(rival, cost[k, b]) }
        }
        if rival == .infinity { return 1 }
        let margin = (rival - chosen) / (rival + floor)
        return max(0, min(1, margin))
    }

    /// A scale below which cost differences mean nothing: a small share of the typical best join.
    public static func floor(for cost: CostMatrix) -> Float {
        let best = (0..<cost.count).map { i -> Float in
            // The row's least cost off the diagonal (0 for a single piece), without copies.
            var least: Float? = nil
            for j in 0..<cost.count where j != i {
                let c = cost[i, j]
                if let l = least { if c < l { least = c } } else { least = c }
            }
            return least ?? 0
        }
        let sorted = best.sorted()
        let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        return max(1e-4, median * 0.05)
    }
}
