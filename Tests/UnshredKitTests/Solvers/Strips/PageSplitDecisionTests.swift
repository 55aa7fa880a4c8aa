import Testing
@testable import UnshredKit

/// Decisions on strips of two pages mixed in one folder (`PageSplitTests.mixed`: CUMCM
/// strip sets 1 and 2, renamed): the pages are kept, each solved with the decisions
/// inside it; a pinned join between two pages makes them one.
@Suite struct PageSplitDecisionTests {
    static func join(_ a: String, _ b: String) -> JoinConstraints.Join { JoinConstraints.Join(a, b, .leftRight) }

    static func solve(_ pieces: PieceSet, _ constraints: JoinConstraints, cuts: Unshredder.Cuts = .clean) throws -> Solution {
        var options = Unshredder.Options(constraints: constraints)
        options.findsPages = true
        options.cuts = cuts
        return try Unshredder.solve(pieces, options: options)
    }

    /// The pages of `layout` as sets of names.
    static func pageSets(_ layout: Layout) -> Set<Set<String>> {
        Set(layout.pages.map { Set($0.rows.flatMap { $0 }) })
    }

    @Test(arguments: [UInt64(1), 2])
    func decisionsWithinPagesKeepThePages(seed: UInt64) throws {
        let (pieces, truth) = try PageSplitTests.mixed(seed: seed)
        let one = truth.pages[0].rows[0], two = truth.pages[1].rows[0]
        // A true join of page 1 forbidden, a wrong one pinned; a true join of page 2 pinned.
        let forbidden = Self.join(one[5], one[6]), wrong = Self.join(one[2], one[9]), right = Self.join(two[3], two[4])
        let constraints = JoinConstraints(pinned: [wrong, right], forbidden: [forbidden])
        let solution = try Self.solve(pieces, constraints)
        #expect(solution.layout.pages.count == 2)
        #expect(Self.pageSets(solution.layout) == Self.pageSets(truth))
        #expect(GridRepair.broken(solution.layout, constraints: constraints) == nil)
        let joins = Set(solution.joins.map { Self.join($0.first, $0.second) })
        #expect(joins.contains(wrong) && joins.contains(right) && !joins.contains(forbidden))
        #expect(solution.joins.filter { $0.confidence == 1 }.count >= 2)
        // Still no join across pages, and page 2 (a true join pinned) comes out right.
        #expect(solution.joins.count == 36)
        let page2 = solution.layout.pages.first { Set($0.rows[0]) == Set(two) }
        #expect(page2?.rows[0] == two)
    }

    @Test func aPinnedJoinBetweenPagesMakesThemOne() throws {
        let (pieces, truth) = try PageSplitTests.mixed(seed: 1)
        let one = truth.pages[0].rows[0], two = truth.pages[1].rows[0]
        let across = Self.join(one.last!, two.first!)
        let constraints = JoinConstraints(pinned: [across])
        let solution = try Self.solve(pieces, constraints)
        #expect(solution.layout.pages.count == 1)
        #expect(GridRepair.broken(solution.layout, constraints: constraints) == nil)
    }

    @Test func anAnswerInTheSessionKeepsThePages() throws {
        let (pieces, truth) = try PageSplitTests.mixed(seed: 2)
        let session = try InteractiveSession(pieces: pieces)
        #expect(session.solution.layout.pages.count == 2)
        let one = truth.pages[0].rows[0]
        try session.answer(.reject(Self.join(one[7], one[8])))
        #expect(session.solution.layout.pages.count == 2)
        #expect(Self.pageSets(session.solution.layout) == Self.pageSets(truth))
        #expect(GridRepair.broken(session.solution.layout, constraints: session.constraints) == nil)
    }

    @Test func pagesJoinByPinsOnly() {
        let pieces = PieceSet(pieces: PageSplitTests.strips("s", count: 12))
        let pages = [Array(0..<4), Array(4..<8), Array(8..<12)]
        let name = { pieces[$0].name }
        // Pinned s05|s09 joins pages 2 and 3; forbids and joins within a page change nothing.
        let constraints = JoinConstraints(pinned: [Self.join(name(5), name(9)), Self.join(name(0), name(1))],
                                          forbidden: [Self.join(name(3), name(4))])
        #expect(PageSplit.joined(pages, pieces: pieces, by: constraints) == [Array(0..<4), Array(4..<12)])
        #expect(PageSplit.joined(pages, pieces: pieces, by: JoinConstraints(forbidden: [Self.join(name(3), name(4))])) == pages)
        // Pins running through all three: one page.
        let all = JoinConstraints(pinned: [Self.join(name(3), name(4)), Self.join(name(11), name(0))])
        #expect(PageSplit.joined(pages, pieces: pieces, by: all) == nil)
        #expect(constraints.within(Set((4..<12).map(name))) == JoinConstraints(pinned: [Self.join(name(5), name(9))]))
    }
}
