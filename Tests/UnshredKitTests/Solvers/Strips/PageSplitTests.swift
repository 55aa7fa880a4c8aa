import Testing
@testable import UnshredKit

/// Strips of two pages mixed in one folder: CUMCM strip sets 1 and 2 (the same strip
/// size, different text), renamed so the names say nothing of the page.
@Suite struct PageSplitTests {
    static func mixed(seed: UInt64) throws -> (pieces: PieceSet, truth: Layout) {
        var rng = SeededRandom(seed: seed)
        var numbers = Array(0..<38)
        numbers.shuffle(using: &rng)
        var pieces: [Piece] = [], pages: [Layout.Page] = []
        var next = 0
        for set in [1, 2] {
            let loaded = try PieceLoader.load(folder: Fixtures.cumcm(set))
            var rename: [String: String] = [:]
            for piece in loaded.pieces {
                rename[piece.name] = String(format: "m%03d", numbers[next])
                next += 1
                pieces.append(piece.renamed(rename[piece.name]!))
            }
            pages.append(Layout.Page(title: "set \(set)", rows: [try Fixtures.truth(set).pages[0].rows[0].map { rename[$0]! }]))
        }
        return (PieceSet(pieces: pieces), Layout(pages: pages))
    }

    @Test(arguments: [UInt64(1), 2])
    func twoPagesAreFoundAndEachRestored(seed: UInt64) throws {
        let (pieces, truth) = try Self.mixed(seed: seed)
        var options = Unshredder.Options()
        options.findsPages = true
        let solution = try Unshredder.solve(pieces, options: options)
        #expect(solution.layout.pages.count == 2)
        #expect(solution.layout.pages.map(\.title) == ["page 1", "page 2"])
        let score = Score.compare(solution.layout, truth: truth)
        #expect(score.neighbourAccuracy == 1 && score.perfect)
        // No join across pages; every page's joins within it.
        #expect(solution.joins.count == 36)
        #expect(Set(solution.joins.map(\.page)) == [0, 1])
        #expect(try PageAssembler.compose(solution.layout, pieces: pieces).count == 2)
    }

    @Test func withoutTheSearchTheyRunTogether() throws {
        let (pieces, truth) = try Self.mixed(seed: 1)
        let solution = try Unshredder.solve(pieces)  // the page search is off by default
        #expect(solution.layout.pages.count == 1)
        #expect(!Score.compare(solution.layout, truth: truth).perfect)
    }

    @Test func stripsOfOnePageShareTheirLines() throws {
        let (pieces, _) = try Self.mixed(seed: 3)
        let groups = LineGrid(pieces.images).groups(threshold: PageSplit.threshold, turns: true)
        let big = groups.filter { $0.count >= PageSplit.minPageStrips }
        #expect(big.count == 2)
        // No big group mixes strips of the two sets (set 1's piece names were 000-018).
        let original1 = try PieceLoader.load(folder: Fixtures.cumcm(1))
        let set1 = Set(original1.pieces.map(\.image))
        for group in big {
            let fromSet1 = group.filter { set1.contains(pieces[$0].image) }.count
            #expect(fromSet1 == 0 || fromSet1 == group.count)
        }
    }

    @Test func aSplitNeedsBadJoinsBetweenItsPages() {
        let cost: (Int, Int) -> Float = { a, b in (a < 3) == (b < 3) ? 1 : 5 }
        #expect(PageSplit.confirmed([[0, 1, 2], [3, 4, 5]], order: [0, 1, 2, 3, 4, 5], cost: cost))
        let cheap: (Int, Int) -> Float = { _, _ in 1 }
        #expect(!PageSplit.confirmed([[0, 1, 2], [3, 4, 5]], order: [0, 1, 2, 3, 4, 5], cost: cheap))
    }

    @Test func pageIndicesFromStarts() {
        let result = StripSolver.Result(order: [4, 2, 0, 1, 3], confidence: [0.5, 0, 0.5, 0.5], cost: 0, pageStarts: [2])
        #expect(result.pages == [[4, 2], [0, 1, 3]])
    }
}
