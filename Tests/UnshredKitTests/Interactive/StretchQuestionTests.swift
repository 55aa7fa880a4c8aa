import Foundation
import Testing
@testable import UnshredKit

/// "This stretch of a row is in the wrong place: where does it go?" on the spoilt grid
/// of `SpoiltGrid`: a run of inked pieces moved within its row, and two runs of two
/// rows changed places.
@Suite struct StretchQuestionTests {
    /// Row 5's pieces 2-5 taken out and put back after piece 9 (the pieces between close up).
    static func movedStretch(_ truth: Layout) -> Layout {
        var rows = truth.pages[0].rows
        var row = rows[5]
        let run = Array(row[2...5])
        row.removeSubrange(2...5)
        row.insert(contentsOf: run, at: 6)
        rows[5] = row
        return Layout(rows: rows)
    }

    /// Rows 2 and 6 change their pieces 3-6.
    static func exchangedStretches(_ truth: Layout) -> Layout {
        var rows = truth.pages[0].rows
        for c in 3...6 { (rows[2][c], rows[6][c]) = (rows[6][c], rows[2][c]) }
        return Layout(rows: rows)
    }

    static func isTrue(_ truth: Layout) -> (JoinConstraints.Join) -> Bool {
        let map = Oracle.TruthMap(truth)
        return { map.neighbour(of: $0.first, $0.direction) == $0.second }
    }

    @Test(arguments: [0, 1])
    func aStretchInTheWrongPlaceIsAskedWithItsTruePlaceAmongTheOptions(_ spoil: Int) throws {
        let cut = try SpoiltGrid.cut()
        let spoilt = spoil == 0 ? Self.movedStretch(cut.truth) : Self.exchangedStretches(cut.truth)
        let session = try SpoiltGrid.session(cut, layout: spoilt)
        let isTrue = Self.isTrue(cut.truth)
        let stretches = session.doubts.filter { $0.kind == .stretch }
        #expect(!stretches.isEmpty, "\(session.doubts.map(\.spot))")
        // Some stretch question offers the true place, its proposal is wrong, and taking
        // that option puts the page right in one answer.
        let q = try #require(stretches.first { q in q.options.contains { $0.pins.allSatisfy(isTrue) } },
                             "no stretch question offers the true place: \(stretches.map { $0.options.map(\.label) })")
        #expect(!q.proposal.pins.allSatisfy(isTrue))
        let k = try #require(q.options.firstIndex { $0.pins.allSatisfy(isTrue) })
        #expect(q.options[k].moved >= 4 && q.value > 0)
        // The oracle answers it as a person would: that option.
        #expect(Oracle.answer(q, isTrue: isTrue) == .option(k + 1))
        try session.answer(q.decision(k + 1), to: q)
        #expect(session.solution.layout == cut.truth)
        #expect(session.lastApplication?.kind == .repaired)
        #expect((session.lastApplication?.seconds ?? 9) < 0.5)
    }

    /// A person who knows the page, answering the session's questions in its order
    /// (stretches among them), reaches the true page in a few answers.
    @Test func theOraclePutsTheStretchBackInAFewAnswers() throws {
        let cut = try SpoiltGrid.cut()
        let session = try SpoiltGrid.session(cut, layout: Self.movedStretch(cut.truth))
        try SpoiltGrid.expectTheOracleFixes(session, cut, cap: 4)
    }

    @Test func aStretchMoveAppliesByName() throws {
        let layout = Layout(rows: [["a", "b", "c", "d", "e"], ["f", "g", "h", "i", "j"]])
        #expect(PageMove.stretch(first: "b", length: 2, before: "e").applied(to: layout)?.pages[0].rows[0] == ["a", "d", "b", "c", "e"])
        #expect(PageMove.stretch(first: "b", length: 2, before: nil).applied(to: layout)?.pages[0].rows[0] == ["a", "d", "e", "b", "c"])
        #expect(PageMove.stretch(first: "c", length: 3, before: "a").applied(to: layout)?.pages[0].rows[0] == ["c", "d", "e", "a", "b"])
        #expect(PageMove.stretch(first: "d", length: 3, before: nil).applied(to: layout) == nil)  // past the row's end
        #expect(PageMove.stretch(first: "b", length: 2, before: "d").applied(to: layout) == nil)  // no change
        // Journaled and read back.
        let move = PageMove.stretch(first: "b", length: 2, before: "e")
        let data = try JSONEncoder().encode(move)
        #expect(try JSONDecoder().decode(PageMove.self, from: data) == move)
    }
}
