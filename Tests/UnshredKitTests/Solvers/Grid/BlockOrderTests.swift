import Foundation
import Testing
@testable import UnshredKit

/// `BlockOrder` prices moves from prefix sums; these tests hold it to the plain
/// definition of a block's cost, computed here straight from the cost matrices.
struct BlockOrderTests {
    static func randomInputs(pieces n: Int, seed: UInt64) -> GridSolver.Inputs {
        var rng = SeededRandom(seed: seed)
        func matrix() -> CostMatrix {
            var m = CostMatrix(count: n, values: (0..<(n * n)).map { _ in Float.random(in: 0..<10, using: &rng) })
            for i in 0..<n { m[i, i] = .infinity }
            return m
        }
        func edges() -> PageEdges {
            PageEdges(leftEdge: (0..<n).map { _ in Float.random(in: 0..<10, using: &rng) },
                      rightEdge: (0..<n).map { _ in Float.random(in: 0..<10, using: &rng) })
        }
        return GridSolver.Inputs(images: [], leftRight: matrix(), topBottom: matrix(),
                                 horizontalEdges: edges(), verticalEdges: edges(), profiles: [],
                                 typicalJoin: 1, typicalVerticalJoin: 1)
    }

    /// The block's cost with its columns in `order`, from the definition.
    static func referenceCost(_ order: [Int], rows: [[Int]], block: ClosedRange<Int>,
                              inputs: GridSolver.Inputs, verticalWeight: Float) -> Float {
        let c = order.count
        var total: Float = 0
        for r in block {
            let row = order.map { rows[r][$0] }
            total += inputs.horizontalEdges.leftEdge[row[0]] + inputs.horizontalEdges.rightEdge[row[c - 1]]
            for t in 0..<(c - 1) { total += inputs.leftRight[row[t], row[t + 1]] }
        }
        for t in 0..<c {
            let top = rows[block.lowerBound][order[t]], bottom = rows[block.upperBound][order[t]]
            total += verticalWeight * (block.lowerBound > 0 ? inputs.topBottom[rows[block.lowerBound - 1][t], top]
                                                           : inputs.verticalEdges.leftEdge[top])
            total += verticalWeight * (block.upperBound + 1 < rows.count ? inputs.topBottom[bottom, rows[block.upperBound + 1][t]]
                                                                      : inputs.verticalEdges.rightEdge[bottom])
        }
        return total
    }

    @Test(arguments: [(0...0), (1...1), (3...3), (1...2), (0...3)])
    func improvedOrderIsALocalOptimumOfTheTrueCost(block: ClosedRange<Int>) {
        let rowsCount = 4, columns = 9
        for seed in 1...5 as ClosedRange<UInt64> {
            let inputs = Self.randomInputs(pieces: rowsCount * columns, seed: seed)
            var rng = SeededRandom(seed: seed &* 31)
            let pieces = Array(0..<(rowsCount * columns)).shuffled(using: &rng)
            let rows = (0..<rowsCount).map { Array(pieces[($0 * columns)..<(($0 + 1) * columns)]) }
            let weight: Float = 0.7
            var objective = inputs.objective
            objective.weights.vertical = weight
            let model = BlockOrder(rows: rows, block: block, objective: objective)
            func truth(_ order: [Int]) -> Float {
                Self.referenceCost(order, rows: rows, block: block, inputs: inputs, verticalWeight: weight)
            }
            let start = Array(0..<columns)
            #expect(abs(model.cost(start) - truth(start)) < 1e-3)
            var order = start
            let reached = model.improve(&order)
            // The running total of accepted deltas is the true cost of the order reached...
            #expect(abs(reached - truth(order)) < 1e-3)
            #expect(Set(order) == Set(start))
            #expect(truth(order) < truth(start))
            // ...and no single exchange or swap, priced from scratch, improves on it.
            let best = truth(order)
            for i in 0..<columns {
                for j in (i + 1)..<columns {
                    for k in (j + 1)...columns {
                        var trial = order
                        trial.replaceSubrange(i..<k, with: Array(order[j..<k] + order[i..<j]))
                        #expect(truth(trial) >= best - 1e-3, "exchange \(i) \(j) \(k) improves")
                    }
                    var swapped = order
                    swapped.swapAt(i, j)
                    #expect(truth(swapped) >= best - 1e-3, "swap \(i) \(j) improves")
                }
            }
        }
    }
}
