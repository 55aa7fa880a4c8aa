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
    ///
    /// Blank strips (all paper) are interchangeable and carry no evidence, so they
    /// are left out of the search and put at the page's ends, split so that the
    /// left and right margins come out as equal as the strip width allows.
    public static func solve(_ pieces: PieceSet, measure: EdgeCostMeasure = .standard,
                             constraints: JoinConstraints = JoinConstraints()) -> Result {
        let images = pieces.images
        let rawCosts = CostMatrix.leftRight(images, measure: measure)
        let floor = JoinConfidence.floor(for: rawCosts)
        let edges = PageEdges.horizontal(images, typicalJoin: typicalJoin(rawCosts))
        var costs = rawCosts
        constraints.apply(to: &costs, names: pieces.names, direction: .leftRight)
        // A blank strip named in a decision takes part in the search like any other.
        let decided = constraints.names
        let isFree = images.indices.map { PaperModel.isBlank(images[$0]) && !decided.contains(pieces[$0].name) }
        let blank = images.indices.filter { isFree[$0] }
        let inked = images.indices.filter { !isFree[$0] }
        guard !inked.isEmpty else {
            return Result(order: blank, confidence: [Float](repeating: 0, count: max(0, blank.count - 1)), cost: 0)
        }
        var result = order(inked, costs: costs, edges: edges, confidenceFloor: floor)
        // Confidence speaks of the evidence, not of the prices decisions put on it.
        result.confidence = zip(result.order, result.order.dropFirst()).map {
            JoinConfidence.of($0, $1, cost: rawCosts, among: inked, floor: floor)
        }
        guard !blank.isEmpty else { return result }
        let width = pieces.width
        let leftBand = PaperModel.blankColumnsFromLeft(images[result.order.first!])
        let rightBand = PaperModel.blankColumnsFromRight(images[result.order.last!])
        let ideal = (Double(blank.count * width + rightBand - leftBand) / Double(2 * width)).rounded()
        let leftCount = max(0, min(blank.count, Int(ideal)))
        let left = Array(blank.prefix(leftCount)), right = Array(blank.dropFirst(leftCount))
        result.order = left + result.order + right
        // Joins with blank strips are guesses by nature.
        result.confidence = [Float](repeating: 0, count: left.count) + result.confidence + [Float](repeating: 0, count: right.count)
        return result
    }

    /// The median over pieces of their cheapest join that is not free: what a true
    /// join across ink usually costs.
    public static func typicalJoin(_ costs: CostMatrix) -> Float {
        let n = costs.count
        guard n > 1 else { return 1e-3 }
        var best: [Float] = []
        for i in 0..<n {
            var b = Float.infinity
            for j in 0..<n where j != i { b = min(b, costs[i, j]) }
            best.append(b)
        }
        // Paper-to-paper joins cost nothing and say nothing; they would drag the
        // median to zero on pages whose cuts mostly fall between text lines.
        let informative = best.filter { $0 > 1e-6 && $0 < .infinity }.sorted()
        guard !informative.isEmpty else { return 1e-3 }
        return max(1e-3, informative[informative.count / 2])
    }
}
