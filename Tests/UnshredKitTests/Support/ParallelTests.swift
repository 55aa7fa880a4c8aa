import Foundation
import Testing
@testable import UnshredKit

@Suite struct ParallelTests {
    @Test(arguments: [0, 1, 2, 7, 1000])
    func mapKeepsTheOrderOnAllCores(count: Int) {
        let serial = Parallel.map(count, parallel: false) { $0 * $0 - 3 }
        #expect(serial == (0..<count).map { $0 * $0 - 3 })
        #expect(Parallel.map(count) { $0 * $0 - 3 } == serial)
        #expect(Parallel.map(count) { String($0) } == serial.indices.map { String($0) })  // non-trivial payloads
    }

    @Test func forEachVisitsEveryIndexOnce() {
        var seen = [Int](repeating: 0, count: 500)
        seen.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendable(buffer.baseAddress!)
            Parallel.forEach(500) { out.value[$0] += 1 }
        }
        #expect(seen.allSatisfy { $0 == 1 })
    }

    @Test func unionFindHangsTheFirstRootUnderTheSecond() {
        var sets = UnionFind(count: 6)
        let joined = [sets.union(0, into: 1), sets.union(2, into: 1), sets.union(0, into: 2), sets.union(4, into: 5)]
        #expect(joined == [true, true, false, true])
        let roots = (0..<6).map { sets.find($0) }
        #expect(roots == [1, 1, 1, 3, 5, 5])
        #expect(sets.size(ofRoot: 1) == 3 && sets.size(ofRoot: 5) == 2)
        let last = sets.union(1, into: 4)
        let after = (0..<6).map { sets.find($0) }
        #expect(last && after == [5, 5, 5, 3, 5, 5])
    }
}
