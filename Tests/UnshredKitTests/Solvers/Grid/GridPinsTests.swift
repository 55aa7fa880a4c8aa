import Foundation
import Testing
@testable import UnshredKit

@Suite struct GridConstraintTests {
    /// Pins chained through shared pieces (left of and above one piece, a run along a
    /// row, one at a page corner) all hold after enforcement, from any starting grid.
    @Test func chainedPinsAllHold() {
        var inputs = BlockOrderTests.randomInputs(pieces: 20, seed: 9)
        let truth = (0..<4).map { r in (0..<5).map { r * 5 + $0 } }
        inputs.pinnedLinks = [(truth[2][1], truth[2][2]), (truth[2][2], truth[2][3]), (truth[0][3], truth[0][4])]
        inputs.pinnedBelow = [(truth[1][2], truth[2][2]), (truth[2][3], truth[3][3]), (truth[0][4], truth[1][4])]
        for seed in 1...20 as ClosedRange<UInt64> {
            var rng = SeededRandom(seed: seed)
            let shuffled = Array(0..<20).shuffled(using: &rng)
            let start = (0..<4).map { Array(shuffled[($0 * 5)..<($0 * 5 + 5)]) }
            let rows = GridSolver.enforcePins(start, inputs: inputs)
            #expect(rows.flatMap { $0 }.sorted() == Array(0..<20))
            func at(_ p: Int) -> (Int, Int) { let r = rows.firstIndex { $0.contains(p) }!; return (r, rows[r].firstIndex(of: p)!) }
            for (a, b) in inputs.pinnedLinks { #expect(at(b) == (at(a).0, at(a).1 + 1), "seed \(seed): \(a)|\(b)") }
            for (a, b) in inputs.pinnedBelow { #expect(at(b) == (at(a).0 + 1, at(a).1), "seed \(seed): \(a)/\(b)") }
        }
    }

    /// A pinned left-right join holds in the result even when the edges disagree,
    /// and a pinned join reports full confidence.
    @Test func pinnedJoinIsHonoured() throws {
        let cut = Shredder.cut(try Fixtures.page("zh-song-1368x1980"), grid: GridShape(rows: 8, columns: 12), seed: 5)
        let pieces = PieceSet(pieces: cut.pieces)
        let truth = cut.truth.pages[0].rows
        let wrong = JoinConstraints.Join(truth[2][3], truth[5][7], .leftRight)
        let solution = try Unshredder.solve(pieces, options: .init(constraints: JoinConstraints(pinned: [wrong])))
        let row = try #require(solution.layout.pages[0].rows.first { $0.contains(wrong.first) })
        let at = try #require(row.firstIndex(of: wrong.first))
        #expect(at + 1 < row.count && row[at + 1] == wrong.second)
        let join = solution.joins.first { $0.first == wrong.first && $0.second == wrong.second && $0.direction == .leftRight }
        #expect(join?.confidence == 1)
    }
}

extension GridConstraintTests {
    /// A pinned top-bottom join holds too, even one the edges would never choose.
    @Test func pinnedTopBottomJoinIsHonoured() throws {
        let cut = Shredder.cut(try Fixtures.page("zh-hei-1200x1500"), grid: GridShape(rows: 6, columns: 10), seed: 5)
        let pieces = PieceSet(pieces: cut.pieces)
        let truth = cut.truth.pages[0].rows
        let wrong = JoinConstraints.Join(truth[1][4], truth[4][8], .topBottom)
        let solution = try Unshredder.solve(pieces, options: .init(constraints: JoinConstraints(pinned: [wrong])))
        let rows = solution.layout.pages[0].rows
        let r = try #require(rows.firstIndex { $0.contains(wrong.first) })
        let c = try #require(rows[r].firstIndex(of: wrong.first))
        #expect(r + 1 < rows.count && rows[r + 1][c] == wrong.second, "\(rows.map { $0.joined(separator: " ") }.joined(separator: "\n")) pin \(wrong)")
    }
}
