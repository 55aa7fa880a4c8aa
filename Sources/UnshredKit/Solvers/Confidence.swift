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

    /// `of(a, b, cost:, floor:)` over the whole matrix, from `rivals` (no scans).
    public static func of(_ a: Int, _ b: Int, cost: CostMatrix, rivals: JoinRivals, floor: Float) -> Float {
        let chosen = cost[a, b]
        let rival = min(rivals.cheapestSuccessor(of: a, other: b), rivals.cheapestPredecessor(of: b, other: a))
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

/// The two cheapest successors and predecessors of every piece in a cost matrix,
/// found in one pass over it: a join's rival is then read, not searched for. The
/// scan of a predecessor runs down a column of the matrix, a cache miss per piece;
/// on 10,000 pieces the scans of every join cost seconds.
public struct JoinRivals: Sendable {
    private var successor: [Int32], successorCost: [Float], secondSuccessorCost: [Float]
    private var predecessor: [Int32], predecessorCost: [Float], secondPredecessorCost: [Float]

    public init(_ cost: CostMatrix) {
        let n = cost.count
        successor = [Int32](repeating: -1, count: n)
        predecessor = successor
        successorCost = [Float](repeating: .infinity, count: n)
        secondSuccessorCost = successorCost
        predecessorCost = successorCost
        secondPredecessorCost = successorCost
        cost.values.withUnsafeBufferPointer { values in
            for i in 0..<n {
                let row = values.baseAddress! + i * n
                for j in 0..<n where j != i {
                    let c = row[j]
                    if c < successorCost[i] {
                        secondSuccessorCost[i] = successorCost[i]
                        successorCost[i] = c
                        successor[i] = Int32(j)
                    } else if c < secondSuccessorCost[i] {
                        secondSuccessorCost[i] = c
                    }
                    if c < predecessorCost[j] {
                        secondPredecessorCost[j] = predecessorCost[j]
                        predecessorCost[j] = c
                        predecessor[j] = Int32(i)
                    } else if c < secondPredecessorCost[j] {
                        secondPredecessorCost[j] = c
                    }
                }
            }
        }
    }

    /// The least `cost[a, k]` over `k` other than `a` and `other`.
    public func cheapestSuccessor(of a: Int, other: Int) -> Float {
        successor[a] == Int32(other) ? secondSuccessorCost[a] : successorCost[a]
    }

    /// The least `cost[k, b]` over `k` other than `b` and `other`.
    public func cheapestPredecessor(of b: Int, other: Int) -> Float {
        predecessor[b] == Int32(other) ? secondPredecessorCost[b] : predecessorCost[b]
    }
}
