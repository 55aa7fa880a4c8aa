import Foundation
import Testing
@testable import UnshredKit

@Suite struct ConfidenceTests {
    /// A matrix of few distinct values (so ties abound), the diagonal infinite.
    static func randomCosts(_ n: Int, seed: UInt64) -> CostMatrix {
        var rng = SeededRandom(seed: seed)
        var values = (0..<(n * n)).map { _ in Float(Int.random(in: 0...6, using: &rng)) }
        for i in 0..<n { values[i * n + i] = .infinity }
        return CostMatrix(count: n, values: values)
    }

    /// Rivals read from `JoinRivals` give every join the confidence a scan gives it.
    @Test(arguments: [UInt64(1), 2, 3])
    func rivalsGiveTheScannedConfidence(seed: UInt64) {
        let n = 23
        let cost = Self.randomCosts(n, seed: seed)
        let rivals = JoinRivals(cost)
        let floor = JoinConfidence.floor(for: cost)
        for a in 0..<n {
            for b in 0..<n where b != a {
                #expect(JoinConfidence.of(a, b, cost: cost, rivals: rivals, floor: floor)
                        == JoinConfidence.of(a, b, cost: cost, floor: floor))
            }
        }
    }

    /// The rival of a join is the runner-up when the join is its pieces' cheapest.
    @Test func rivalSkipsTheJoinItself() {
        let cost = CostMatrix(count: 3, values: [.infinity, 1, 5,
                                                 4, .infinity, 2,
                                                 3, 6, .infinity])
        let rivals = JoinRivals(cost)
        #expect(rivals.cheapestSuccessor(of: 0, other: 1) == 5)
        #expect(rivals.cheapestSuccessor(of: 0, other: 2) == 1)
        #expect(rivals.cheapestPredecessor(of: 1, other: 0) == 6)
        #expect(rivals.cheapestPredecessor(of: 0, other: 2) == 4)
    }
}
