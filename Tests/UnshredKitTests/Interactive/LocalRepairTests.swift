import Foundation
import Testing
@testable import UnshredKit

/// A grid page the solver gets right, and the same page spoiled by hand the ways the
/// grid solver goes wrong (a block of rows in the wrong place, a shifted row, a run of
/// pieces in a blank place), to ask about and repair.
enum SpoiltGrid {
    static let grid = GridShape(rows: 8, columns: 12)

    static func cut() throws -> Shredder.Cut {
        Shredder.cut(try Fixtures.page("en-sans-1152x1600"), grid: grid, seed: 201)
    }

    /// The session's start: `layout` as if the solver had found it.
    static func session(_ cut: Shredder.Cut, layout: Layout) throws -> InteractiveSession {
        let pieces = PieceSet(pieces: cut.pieces)
        let repair = GridRepair(pieces: pieces, measure: .standard)
        let rows = try #require(repair.rows(of: layout))
        let start = GridRepair.gridSolution(rows, pieces: pieces, raw: repair.raw, constraints: JoinConstraints())
        return try InteractiveSession(pieces: pieces, options: Unshredder.Options(grid: grid), initial: start)
    }

    /// A person who knows the page answers the session's questions in its order (at most
    /// `cap`): the true page must come back within three answers, none refused.
    static func expectTheOracleFixes(_ session: InteractiveSession, _ cut: Shredder.Cut, cap: Int,
                                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let outcome = try Oracle.interview(pieces: session.pieces, truth: cut.truth, options: session.options,
                                           initial: session.solution, cap: cap)
        #expect(outcome.reached, "\(outcome.trail) \(outcome.stopReason ?? "")", sourceLocation: sourceLocation)
        #expect(outcome.answerCount <= 3, "\(outcome.trail)", sourceLocation: sourceLocation)
        #expect(outcome.refused.isEmpty, sourceLocation: sourceLocation)
    }

    static func movedRows(_ truth: Layout) -> Layout {
        var rows = truth.pages[0].rows
        let block = Array(rows[2...3])
        rows.removeSubrange(2...3)
        rows.append(contentsOf: block)
        return Layout(rows: rows)
    }

    static func shiftedRow(_ truth: Layout) -> Layout {
        var rows = truth.pages[0].rows
        rows[4] = Array(rows[4][3...] + rows[4][..<3])
        return Layout(rows: rows)
    }
}

@Suite struct LocalRepairTests {
    /// The block's true place is offered by a rows question (its option's page shows the
    /// block moved), and a person who knows the page puts it back in a few answers.
    @Test func aMovedBlockOfRowsIsOfferedAndPutBackInAFewAnswers() throws {
        let cut = try SpoiltGrid.cut()
        let session = try SpoiltGrid.session(cut, layout: SpoiltGrid.movedRows(cut.truth))
        let truth = Oracle.TruthMap(cut.truth)
        func isTrue(_ j: JoinConstraints.Join) -> Bool { truth.neighbour(of: j.first, j.direction) == j.second }
        let rows = session.doubts.filter { $0.kind == .rows }
        let q = try #require(rows.first { q in q.options.contains { $0.pins.allSatisfy(isTrue) } }, "no rows question offers the truth")
        #expect(!q.proposal.pins.allSatisfy(isTrue))
        let k = try #require(q.options.firstIndex { $0.pins.allSatisfy(isTrue) })
        #expect(q.options[k].moved > 0 && q.options[k].layout != session.solution.layout)
        try SpoiltGrid.expectTheOracleFixes(session, cut, cap: 4)
    }

    @Test func aShiftedRowIsAskedAboutAndPutBack() throws {
        let cut = try SpoiltGrid.cut()
        let session = try SpoiltGrid.session(cut, layout: SpoiltGrid.shiftedRow(cut.truth))
        try SpoiltGrid.expectTheOracleFixes(session, cut, cap: 6)
    }

    @Test func acceptingEverythingKeepsThePageAndAsksEachPlaceOnce() throws {
        let cut = try SpoiltGrid.cut()
        let spoilt = SpoiltGrid.movedRows(cut.truth)
        let session = try SpoiltGrid.session(cut, layout: spoilt)
        var spots = Set<String>()
        var asked = 0
        while let q = session.nextQuestion(), asked < 100 {
            #expect(!spots.contains(q.spot), "asked twice: \(q.spot)")
            spots.insert(q.spot)
            asked += 1
            try session.answer(q.decision(0), to: q)
            #expect(session.lastApplication?.kind == .kept)
        }
        #expect(asked > 0 && asked < 100)
        #expect(session.solution.layout == spoilt)
        #expect(session.state.interventions == 0 && session.state.accepts == asked)
    }

    @Test func noneOfTheseRulesOutTheProposalAndUndoRestoresIt() throws {
        let cut = try SpoiltGrid.cut()
        let session = try SpoiltGrid.session(cut, layout: SpoiltGrid.movedRows(cut.truth))
        let before = session.solution
        let q = try #require(session.nextQuestion())
        try session.answer(q.decision(nil), to: q)
        let map = Oracle.TruthMap(session.solution.layout)
        for join in q.noneForbids { #expect(map.neighbour(of: join.first, join.direction) != join.second) }
        #expect(session.state.rejects == 1)
        try session.answer(.undo)
        #expect(session.solution == before)
    }

    @Test func anAnswerNoArrangementHonoursIsRefusedWithAReason() throws {
        let cut = try SpoiltGrid.cut()
        let session = try SpoiltGrid.session(cut, layout: cut.truth)
        let rows = cut.truth.pages[0].rows
        // One piece both right of and below another: consistent per direction, impossible on a page.
        let a = rows[1][1], b = rows[1][2]
        let impossible = Decision.settle(Settlement(kind: .piece, choice: 1, move: nil,
                                                    pins: [.init(a, b, .leftRight), .init(a, b, .topBottom)],
                                                    forbids: [], label: "test"))
        let before = session.solution
        do {
            try session.answer(impossible)
            Issue.record("an impossible answer was taken")
        } catch DecisionError.refused(let why) {
            #expect(!why.isEmpty)
        }
        #expect(session.solution == before && session.state.answers.isEmpty)
    }

    @Test func aJournalOfRepairedAnswersReplaysAloneToTheSamePage() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let cut = try SpoiltGrid.cut()
        let pieces = PieceSet(pieces: cut.pieces)
        let session = try SpoiltGrid.session(cut, layout: SpoiltGrid.movedRows(cut.truth))
        let path = folder.file("d.jsonl")
        let settings = JournalSettings(session.options)
        #expect(settings.answersAreRepaired)
        do {
            let journal = try DecisionJournal(path: path, pieces: PieceFingerprint(of: pieces), settings: settings, create: true)
            var given = 0
            while let q = session.nextQuestion(), given < 4 {
                let decision = q.decision(given == 1 ? nil : (q.options.isEmpty ? 0 : 1))
                try session.check(decision)
                try journal.append(decision, confidence: q.confidence)
                try? session.answer(decision, to: q)
                given += 1
            }
            try journal.append(.undo)
            try session.answer(.undo)
        }
        let reopened = try DecisionJournal(path: path, pieces: PieceFingerprint(of: pieces), create: false)
        #expect(reopened.replayed.contains { if case .settle = $0 { return true } else { return false } })
        // Replayed without the grid flag: the journal's grid is used.
        let resolved = try #require(reopened.settings).resolve(Unshredder.Options(), path: path)
        #expect(resolved.options.grid == SpoiltGrid.grid)
        let replay = try SpoiltGrid.session(cut, layout: SpoiltGrid.movedRows(cut.truth))
        try replay.replay(reopened.replayed, resolving: !(reopened.settings?.answersAreRepaired ?? false))
        #expect(replay.solution.layout == session.solution.layout)
        #expect(replay.state == session.state)
    }

    @Test func movesApplyByName() {
        let layout = Layout(rows: [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]])
        #expect(PageMove.rows(first: ["g"], below: nil).applied(to: layout)?.pages[0].rows.map { $0[0] } == ["g", "a", "d"])
        #expect(PageMove.rows(first: ["a", "d"], below: "g").applied(to: layout)?.pages[0].rows.map { $0[0] } == ["g", "a", "d"])
        #expect(PageMove.shift(first: ["d"], by: 1).applied(to: layout)?.pages[0].rows[1] == ["e", "f", "d"])
        #expect(PageMove.swap("a", "i").applied(to: layout)?.pages[0].rows == [["i", "b", "c"], ["d", "e", "f"], ["g", "h", "a"]])
        #expect(PageMove.blocks("a", "c", rows: 2, columns: 1).applied(to: layout)?.pages[0].rows
                == [["c", "b", "a"], ["f", "e", "d"], ["g", "h", "i"]])
        #expect(PageMove.blocks("a", "b", rows: 1, columns: 2).applied(to: layout) == nil)  // overlapping
        #expect(PageMove.rows(first: ["a", "g"], below: nil).applied(to: layout) == nil)  // not consecutive
    }
}

/// The repair stays at the place an answer is about.
@Suite struct LocalRepairPlaceTests {
    /// Two inked pieces swapped, and the wrong join beside one of them ruled out (a
    /// piece question's "none of these"): the repair puts the two back and moves
    /// nothing else (no whole rows first, no new row order: the answer was about one cell).
    @Test func aJoinRuledOutAtOneCellIsRepairedThere() throws {
        let cut = try SpoiltGrid.cut()
        let pieces = PieceSet(pieces: cut.pieces)
        let repair = GridRepair(pieces: pieces, measure: .standard)
        let truth = try #require(repair.rows(of: cut.truth))
        var rows = truth
        (rows[3][5], rows[5][8]) = (truth[5][8], truth[3][5])
        for forbid in [JoinConstraints.Join(repair.names[rows[3][4]], repair.names[rows[3][5]], .leftRight),
                       JoinConstraints.Join(repair.names[rows[2][5]], repair.names[rows[3][5]], .topBottom)] {
            let constraints = JoinConstraints(pinned: [], forbidden: [forbid])
            let local = try #require(repair.repair(rows, constraints: constraints, seed: 1, wholeRows: false))
            #expect(local == truth)
        }
    }

    /// A piece question's block option pins the joins all round the block, so it is
    /// taken only when the whole block fits where it goes, not only its first piece.
    @Test func aBlockOptionPinsTheJoinsAroundTheBlock() throws {
        let cut = try SpoiltGrid.cut()
        let pieces = PieceSet(pieces: cut.pieces)
        let repair = GridRepair(pieces: pieces, measure: .standard)
        let rows = try #require(repair.rows(of: cut.truth))
        let picker = QuestionPicker(pieces: pieces)
        let solution = GridRepair.gridSolution(rows, pieces: pieces, raw: repair.raw, constraints: JoinConstraints())
        let page = GridPage(rows: rows, repair: repair, inputs: repair.priced(JoinConstraints()), blank: picker.blankFlags,
                            edgeInk: picker.edgeInk, constraints: JoinConstraints(), solution: solution)
        let block = Set(page.pins(at: 3, 4, h: 2, w: 3, in: rows))
        var outline = Set<JoinConstraints.Join>()
        for y in 3...4 {
            outline.insert(page.join(rows[y][3], rows[y][4], .leftRight))
            outline.insert(page.join(rows[y][6], rows[y][7], .leftRight))
        }
        for x in 4...6 {
            outline.insert(page.join(rows[2][x], rows[3][x], .topBottom))
            outline.insert(page.join(rows[4][x], rows[5][x], .topBottom))
        }
        let judged = outline.filter { page.evident(repair.index[$0.first]!, repair.index[$0.second]!, $0.direction) }
        #expect(!judged.isEmpty)
        #expect(block == judged)
        // Joins inside the block are not among them; one cell alone is its own four sides.
        #expect(!block.contains(page.join(rows[3][4], rows[3][5], .leftRight)))
        #expect(Set(page.pins(at: 3, 4, h: 1, w: 1, in: rows)) == Set(page.pins(at: 3, 4, in: rows)))
    }
}
