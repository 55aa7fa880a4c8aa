import Testing
@testable import UnshredKit

@Suite struct CandidateListsTests {
    /// The k first of a full sort by (cost, index): what partial selection must give.
    static func sorted(_ n: Int, k: Int, _ cost: (Int, Int) -> Float, successors: Bool) -> [[Int]] {
        (0..<n).map { i in
            let others = (0..<n).filter { $0 != i }
            let keyed = others.map { (successors ? cost(i, $0) : cost($0, i), $0) }
            return Array(keyed.sorted { $0 < $1 }.prefix(k).map(\.1))
        }
    }

    @Test(arguments: [(1, 4), (2, 4), (5, 12), (30, 8), (97, 12)])
    func selectionEqualsAFullSort(n: Int, k: Int) {
        var rng = SeededRandom(seed: UInt64(n))
        // Few distinct values: many ties, which must go to the lower index.
        var m = (0..<(n * n)).map { _ in Float(Int.random(in: 0..<6, using: &rng)) }
        for i in 0..<n { m[i * n + i] = .infinity }
        let lists = CandidateLists(cost: m, count: n, k: k)
        let kk = min(k, n - 1)
        #expect(lists.k == kk)
        let succ = Self.sorted(n, k: kk, { m[$0 * n + $1] }, successors: true)
        let pred = Self.sorted(n, k: kk, { m[$0 * n + $1] }, successors: false)
        for i in 0..<n {
            #expect(lists.successors(of: i).map(Int.init) == succ[i], "successors of \(i)")
            #expect(lists.predecessors(of: i).map(Int.init) == pred[i], "predecessors of \(i)")
            for t in 0..<kk {
                #expect(lists.successorCosts[i * kk + t] == m[i * n + succ[i][t]])
                #expect(lists.predecessorCosts[i * kk + t] == m[pred[i][t] * n + i])
            }
        }
    }

    /// Straight from the borders (no full matrix) gives the lists of the full matrix.
    @Test(arguments: [(7, 3), (40, 12), (203, 10)])
    func fromBordersEqualsFromTheMatrix(count: Int, k: Int) {
        let images = EdgeCostKernelTests.randomImages(count, width: 3, height: 24, seed: UInt64(count))
        let full = CandidateLists(CostMatrix.leftRight(images), k: k)
        let streamed = CandidateLists.leftRight(images, k: k)
        #expect(streamed == full)
        let fullTB = CandidateLists(CostMatrix.topBottom(images), k: k)
        #expect(CandidateLists.topBottom(images, k: k) == fullTB)
    }

    @Test func fromACostFunction() {
        let n = 50
        let cost: @Sendable (Int, Int) -> Float = { i, j in Float((i * 31 + j * 17) % 23) }
        var m = (0..<(n * n)).map { cost($0 / n, $0 % n) }
        for i in 0..<n { m[i * n + i] = .infinity }
        #expect(CandidateLists(count: n, k: 9, cost: cost) == CandidateLists(cost: m, count: n, k: 9))
    }

    @Test func memoryIsLinearInTheNodes() {
        let n = 1_000, k = 12
        let lists = CandidateLists(count: n, k: k) { i, j in Float((i &* 7919 &+ j &* 104_729) % 1_000) }
        #expect(lists.successors.count == n * k && lists.predecessors.count == n * k)
        #expect(lists.successorCosts.count == n * k && lists.predecessorCosts.count == n * k)
        #expect(lists.bytes == 2 * n * k * 8)
        // 1,000 nodes: 192 kB against 4 MB for one full Float matrix (10,000: 1.9 MB against 400 MB).
        #expect(lists.bytes * 20 < n * n * 4)
    }
}
