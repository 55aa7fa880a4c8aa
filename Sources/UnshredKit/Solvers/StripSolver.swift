/// Orders vertical strips (or the pieces of one page row) left to right.
///
/// The strips form an asymmetric travelling-salesman path. A node standing for
/// "outside the page" closes the path into a cycle: reaching it costs the last
/// strip's right-edge cost, leaving it the first strip's left-edge cost (`PageEdges`).
/// Without that anchor the cheapest path would wrap round through the white margins.
enum StripSolver {
    struct Result: Sendable, Equatable {
        /// Piece indices, left to right.
        var order: [Int]
        /// `confidence[k]` is for the join between `order[k]` and `order[k + 1]`.
        var confidence: [Float]
        var cost: Float
    }

    /// Orders `members` (indices into the cost matrix and page edges).
    static func order(_ members: [Int], costs: CostMatrix, edges: PageEdges,
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
    static func solve(_ pieces: PieceSet, measure: EdgeCostMeasure = .standard,
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

    /// Orders strips cut by a real shredder with `RealCutMeasure`: its cost matrix and
    /// its outside-node costs (the page-edge cue it learned). Blank strips are not set
    /// aside: the measure's edge scores place margin strips itself.
    static func solveRealCuts(_ pieces: PieceSet, weights: RealCutMeasure.Weights = .fitted,
                                     constraints: JoinConstraints = JoinConstraints()) -> Result {
        let strips = RealCutMeasure.strips(pieces)
        let (rawCosts, edges) = RealCutMeasure.costs(strips, weights: weights)
        var costs = rawCosts
        constraints.apply(to: &costs, names: pieces.names, direction: .leftRight)
        let floor = JoinConfidence.floor(for: rawCosts)
        var result = order(Array(pieces.pieces.indices), costs: costs, edges: edges, confidenceFloor: floor)
        result.confidence = zip(result.order, result.order.dropFirst()).map {
            JoinConfidence.of($0, $1, cost: rawCosts, floor: floor)
        }
        return result
    }

    /// The median over pieces of their cheapest join that is not free: what a true
    /// join across ink usually costs.
    static func typicalJoin(_ costs: CostMatrix) -> Float {
        let n = costs.count
        guard n > 1 else { return 1e-3 }
        let best = cheapestJoins(costs)
        // Paper-to-paper joins say nothing; they would drag the median to zero (or,
        // on a noisy scan, to the noise's cost) on pages whose cuts mostly fall
        // between text lines.
        let paper = max(1e-6, paperJoinCost(best: best))
        let informative = best.filter { $0 > paper && $0 < .infinity }.sorted()
        guard !informative.isEmpty else { return 1e-3 }
        return max(1e-3, informative[informative.count / 2])
    }

    /// Each piece's cheapest join (`costs[i, j]`, `j != i`).
    static func cheapestJoins(_ costs: CostMatrix) -> [Float] {
        let n = costs.count
        return (0..<n).map { i in
            var b = Float.infinity
            for j in 0..<n where j != i { b = min(b, costs[i, j]) }
            return b
        }
    }

    /// Up to what cost a join may be two borders of plain paper. On a clean page such
    /// joins cost 0. Scanner noise makes them cost a little (the per-pixel noise,
    /// raised to the measure's power, summed along the cut), about the same for every
    /// pair of blank borders: they are then the cheapest joins of the page, and a
    /// fixed threshold cannot tell them from joins across ink. So: `paperJoinFactor`
    /// times the cheapest join of all (which on a clean page with any two blank
    /// borders is 0). On en-serif 8x12 and 11x19 pages with noise 5-30 (and blur),
    /// paper joins spread up to 2.5-6 times the cheapest; joins across ink start
    /// higher (noise 30: 6 times).
    static func paperJoinCost(_ costs: CostMatrix) -> Float {
        paperJoinCost(best: cheapestJoins(costs))
    }

    static func paperJoinCost(best: [Float]) -> Float {
        guard let cheapest = best.min(), cheapest.isFinite else { return 0 }
        return paperJoinFactor * cheapest
    }

    static let paperJoinFactor: Float = 8
}
