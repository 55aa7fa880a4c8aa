import Testing
@testable import UnshredKit

@Suite struct AsymmetricTSPTests {
    func randomMatrix(_ n: Int, seed: UInt64) -> [Float] {
        var rng = SeededRandom(seed: seed)
        var m = (0..<(n * n)).map { _ in Float.random(in: 0..<100, using: &rng) }
        for i in 0..<n { m[i * n + i] = .infinity }
        return m
    }

    @Test(arguments: 0..<8)
    func heuristicReachesTheExactOptimumOnSmallInstances(seed: Int) {
        let n = 11
        let m = randomMatrix(n, seed: UInt64(seed))
        let exact = AsymmetricTSP.heldKarp(cost: m, count: n)
        let heuristic = AsymmetricTSP.iteratedLocalSearch(cost: m, count: n, seed: 7, effort: 1)
        #expect(Set(heuristic) == Set(0..<n) && heuristic.count == n)
        let e = AsymmetricTSP.tourCost(exact, cost: m, count: n)
        let h = AsymmetricTSP.tourCost(heuristic, cost: m, count: n)
        #expect(abs(e - h) < 1e-3, "seed \(seed): exact \(e), heuristic \(h)")
    }

    @Test func exactBeatsOrTiesEveryPermutationOnATinyInstance() {
        let n = 6
        let m = randomMatrix(n, seed: 99)
        let exact = AsymmetricTSP.tourCost(AsymmetricTSP.heldKarp(cost: m, count: n), cost: m, count: n)
        var best = Float.infinity
        func permute(_ rest: [Int], _ prefix: [Int]) {
            if rest.isEmpty { best = min(best, AsymmetricTSP.tourCost(prefix, cost: m, count: n)); return }
            for (k, x) in rest.enumerated() { var r = rest; r.remove(at: k); permute(r, prefix + [x]) }
        }
        permute(Array(1..<n), [0])
        #expect(abs(best - exact) < 1e-3)
    }

    @Test func hiddenPathIsFoundAmongNoise() {
        // A planted cheap cycle through 300 nodes in shuffled order.
        let n = 300
        var rng = SeededRandom(seed: 3)
        var m = (0..<(n * n)).map { _ in Float.random(in: 50..<100, using: &rng) }
        let order = Array(0..<n).shuffled(using: &rng)
        for k in 0..<n { m[order[k] * n + order[(k + 1) % n]] = Float.random(in: 0..<10, using: &rng) }
        for i in 0..<n { m[i * n + i] = .infinity }
        let tour = AsymmetricTSP.solve(cost: m, count: n)
        let start = order.firstIndex(of: tour[0])!
        let expected = Array(order[start...] + order[..<start])
        #expect(tour == expected)
    }
}
