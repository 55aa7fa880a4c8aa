/// Orders vertical strips (or the pieces of one page row) left to right.
///
/// The strips form an asymmetric travelling-salesman path. A node standing for
/// "outside the page" closes the path into a cycle: reaching it costs the last
/// strip's right-edge cost, leaving it the first strip's left-edge cost (`PageEdges`).
/// Without that anchor the cheapest path would wrap round through the white margins.
public enum StripSolver {
    public struct Result: Sendable, Equatable {
        /// Piece indices, left to right.
        public var order: [Int]
        /// `confidence[k]` is for the join between `order[k]` and `order[k + 1]`.
        public var confidence: [Float]
        public var cost: Float
    }

    /// Orders `members` (indices into the cost matrix and page edges).
    public static func order(_ members: [Int], costs: CostMatrix, edges: PageEdges,
                             confidenceFloor: Float, seed: UInt64 = 1) -> Result {
        let m = members.count + 1
        var matrix = [Float](repeating: 0, count: m * m)
        for (a, i) in members.enumerated() {
            matrix[0 * m + a + 1] = edges.leftEdge[i]
            matrix[(a + 1) * m + 0] = edges.rightEdge[i]
            for (b, j) in members.enumerated() where a != b {
                matrix[(a + 1) * m + b + 1] = costs[i, j]
            }
        }
        for k in 0..<m { matrix[k * m + k] = .infinity }
        let tour = AsymmetricTSP.solve(cost: matrix, count: m, seed: seed)
        let order = tour.dropFirst().map { members[$0 - 1] }
        let confidence = zip(order, order.dropFirst()).map {
            JoinConfidence.of($0, $1, cost: costs, among: members, floor: confidenceFloor)
        }
        return Result(order: order, confidence: confidence,
                      cost: AsymmetricTSP.tourCost(tour, cost: matrix, count: m))
    }

    /// Orders a whole set of strips.
    public static func solve(_ pieces: PieceSet, measure: EdgeCostMeasure = .standard) -> Result {
        let images = pieces.images
        let costs = CostMatrix.leftRight(images, measure: measure)
        let floor = JoinConfidence.floor(for: costs)
        let edges = PageEdges.horizontal(images, typicalJoin: typicalJoin(costs))
        return order(Array(0..<pieces.count), costs: costs, edges: edges, confidenceFloor: floor)
    }

    /// The median over pieces of their cheapest join: what a true join usually costs.
    public static func typicalJoin(_ costs: CostMatrix) -> Float {
        let n = costs.count
        guard n > 1 else { return 1 }
        var best: [Float] = []
        for i in 0..<n {
            var b = Float.infinity
            for j in 0..<n where j != i { b = min(b, costs[i, j]) }
            best.append(b)
        }
        best.sort()
        return max(1, best[n / 2])
    }
}
