/// How sure the solver is of one join, from 0 (a coin toss) to 1 (no rival comes close).
///
/// For a join `a -> b` it compares the cost paid with the cheapest rival on either
/// side: another successor of `a`, or another predecessor of `b`:
/// `confidence = clamp((rival - chosen) / (rival + floor), 0, 1)`. Two paper
/// borders (cost 0 with rivals at 0) score 0: honest, since nothing says they belong.
enum JoinConfidence {
    static func of(_ a: Int, _ b: Int, cost: CostMatrix, among members: [Int]? = nil, floor: Float) -> Float {
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

    /// `of(a, b, cost:, floor:)` over the whole matrix, from `rivals` (no scans).
    static func of(_ a: Int, _ b: Int, cost: CostMatrix, rivals: JoinRivals, floor: Float) -> Float {
        let chosen = cost[a, b]
        let rival = min(rivals.cheapestSuccessor(of: a, other: b), rivals.cheapestPredecessor(of: b, other: a))
        if rival == .infinity { return 1 }
        let margin = (rival - chosen) / (rival + floor)
        return max(0, min(1, margin))
    }

    /// A scale below which cost differences mean nothing: a small share of the typical best join.
    static func floor(for cost: CostMatrix) -> Float {
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

/// The two cheapest successors and predecessors of every piece in a cost matrix,
/// found in one pass over it: a join's rival is then read, not searched for. The
/// scan of a predecessor runs down a column of the matrix, a cache miss per piece;
/// on 10,000 pieces the scans of every join cost seconds.
struct JoinRivals: Sendable {
    /// The lowest cost offered, whose it is, and the runner-up.
    struct TwoLowest: Sendable {
        var lowest: Float = .infinity
        var owner: Int32 = -1
        var second: Float = .infinity

        mutating func offer(_ cost: Float, from k: Int) {
            if cost < lowest {
                second = lowest
                lowest = cost
                owner = Int32(k)
            } else if cost < second {
                second = cost
            }
        }

        /// The lowest cost not offered by `k`.
        func lowest(other k: Int) -> Float { owner == Int32(k) ? second : lowest }
    }

    /// Per piece: its cheapest successors (row of the matrix) and predecessors (column).
    private(set) var successors: [TwoLowest], predecessors: [TwoLowest]

    init(_ cost: CostMatrix) {
        let n = cost.count
        successors = [TwoLowest](repeating: TwoLowest(), count: n)
        predecessors = successors
        cost.values.withUnsafeBufferPointer { values in
            for i in 0..<n {
                let row = values.baseAddress! + i * n
                for j in 0..<n where j != i {
                    successors[i].offer(row[j], from: j)
                    predecessors[j].offer(row[j], from: i)
                }
            }
        }
    }

    /// The least `cost[a, k]` over `k` other than `a` and `other`.
    func cheapestSuccessor(of a: Int, other: Int) -> Float { successors[a].lowest(other: other) }

    /// The least `cost[k, b]` over `k` other than `b` and `other`.
    func cheapestPredecessor(of b: Int, other: Int) -> Float { predecessors[b].lowest(other: other) }
}
