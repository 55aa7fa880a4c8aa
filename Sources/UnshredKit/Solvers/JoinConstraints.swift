/// Joins the user (or an oracle) has decided: pinned joins must appear in the
/// result, forbidden ones must not. The solvers honour them by pricing:
/// a pinned join makes every rival of it prohibitively expensive, a forbidden join
/// is itself prohibitively expensive.
public struct JoinConstraints: Sendable, Equatable, Codable {
    public struct Join: Sendable, Hashable, Codable, CustomStringConvertible {
        public var first: String
        public var second: String
        public var direction: JoinDirection

        public init(_ first: String, _ second: String, _ direction: JoinDirection) {
            self.first = first
            self.second = second
            self.direction = direction
        }

        public var description: String { "\(first)\(direction == .leftRight ? "|" : "/")\(second)" }
    }

    public var pinned: Set<Join>
    public var forbidden: Set<Join>

    public init(pinned: Set<Join> = [], forbidden: Set<Join> = []) {
        self.pinned = pinned
        self.forbidden = forbidden
    }

    public var isEmpty: Bool { pinned.isEmpty && forbidden.isEmpty }

    /// The price that keeps a join out of any sensible solution: well above any
    /// real join, yet small enough that Float sums of a whole tour keep their
    /// resolution (1e7 swamped the small differences the searches compare).
    static func prohibitive(for costs: CostMatrix) -> Float {
        var highest: Float = 0
        for v in costs.values where v.isFinite { highest = max(highest, v) }
        return 4 * highest + 1
    }

    public func isPinned(_ first: String, _ second: String, _ direction: JoinDirection) -> Bool {
        pinned.contains(Join(first, second, direction))
    }

    /// Names mentioned by any constraint.
    public var names: Set<String> {
        Set((pinned.union(forbidden)).flatMap { [$0.first, $0.second] })
    }

    /// The constraints whose two pieces are both among `names` (one page's of several).
    public func within(_ names: Set<String>) -> JoinConstraints {
        let inside: (Join) -> Bool = { names.contains($0.first) && names.contains($0.second) }
        return JoinConstraints(pinned: pinned.filter(inside), forbidden: forbidden.filter(inside))
    }

    /// Applies the constraints of `direction` to a cost matrix over `names`.
    func apply(to costs: inout CostMatrix, names: [String], direction: JoinDirection) {
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let n = costs.count
        let prohibitive = Self.prohibitive(for: costs)
        for join in forbidden where join.direction == direction {
            guard let a = index[join.first], let b = index[join.second] else { continue }
            costs[a, b] = prohibitive
        }
        // Sorted, so that conflicting pins resolve the same way on every run.
        for join in pinned.sorted(by: { ($0.first, $0.second) < ($1.first, $1.second) }) where join.direction == direction {
            guard let a = index[join.first], let b = index[join.second] else { continue }
            for k in 0..<n where k != a && k != b {
                costs[a, k] = prohibitive
                costs[k, b] = prohibitive
            }
            costs[a, b] = 0
        }
    }
}
