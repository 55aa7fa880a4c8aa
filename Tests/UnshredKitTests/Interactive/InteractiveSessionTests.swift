import Foundation
import Testing
@testable import UnshredKit

/// Answers questions the way a person who knows the true page would.
struct TruthOracle {
    let truePairs: Set<JoinConstraints.Join>

    init(truth: Layout) {
        var pairs = Set<JoinConstraints.Join>()
        for page in truth.pages {
            for (r, row) in page.rows.enumerated() {
                for (c, name) in row.enumerated() {
                    if c + 1 < row.count { pairs.insert(.init(name, row[c + 1], .leftRight)) }
                    if r + 1 < page.rows.count { pairs.insert(.init(name, page.rows[r + 1][c], .topBottom)) }
                }
            }
        }
        truePairs = pairs
    }

    func answer(_ proposed: JoinConstraints.Join, alternatives: [JoinConstraints.Join]) -> Decision {
        if truePairs.contains(proposed) { return .accept(proposed) }
        if let right = alternatives.first(where: truePairs.contains) { return .pick(question: proposed, chosen: right) }
        return .reject(proposed)
    }
}

/// The strip set the automatic solver gets wrong: monospace text cut into 30 strips,
/// where white-on-white seams leave several joins a coin toss.
enum HardStrips {
    static let page = "en-mono-960x1280"
    static let strips = 30
    static func cut() throws -> Shredder.Cut {
        Shredder.cut(try Fixtures.page(page), grid: GridShape(rows: 1, columns: strips), seed: UInt64(strips))
    }
}

@Suite struct InteractiveSessionTests {
    @Test func theHardSetReallyFailsWithoutHelp() throws {
        let cut = try HardStrips.cut()
        let pieces = PieceSet(pieces: cut.pieces)
        let solution = try Unshredder.solve(pieces)
        let score = Score.compare(solution.layout, truth: cut.truth, pieces: pieces)
        #expect(!score.perfect)
        // Every wrong join is among the ones the session would ask about.
        let oracle = TruthOracle(truth: cut.truth)
        let session = try InteractiveSession(pieces: pieces)
        let asked = Set(session.uncertain.map { JoinConstraints.Join($0.first, $0.second, $0.direction) })
        let wrong = solution.joins.map { JoinConstraints.Join($0.first, $0.second, $0.direction) }.filter { !oracle.truePairs.contains($0) }
        #expect(!wrong.isEmpty)
        #expect(wrong.allSatisfy(asked.contains))
    }

    @Test func anOracleReachesTheTrueLayout() throws {
        let cut = try HardStrips.cut()
        let pieces = PieceSet(pieces: cut.pieces)
        let session = try InteractiveSession(pieces: pieces)
        let oracle = TruthOracle(truth: cut.truth)
        var questions = 0
        while let q = session.nextQuestion(), questions < 200 {
            questions += 1
            try session.answer(oracle.answer(q.proposed, alternatives: q.alternatives))
        }
        #expect(session.solution.layout == cut.truth)
        #expect(session.uncertain.isEmpty)
        #expect(session.state.interventions > 0)
        #expect(questions < 60, "\(questions) questions")
    }

    @Test(arguments: [1, 2])
    func cumcmStripSetsAskNothing(set: Int) throws {
        let session = try InteractiveSession(pieces: PieceLoader.load(folder: Fixtures.cumcm(set)))
        #expect(session.nextQuestion() == nil)
        #expect(session.solution.layout == (try Fixtures.truth(set)))
    }

    @Test func undoRestoresTheLayoutBefore() throws {
        let cut = try HardStrips.cut()
        let session = try InteractiveSession(pieces: PieceSet(pieces: cut.pieces))
        let before = session.solution
        let q = try #require(session.nextQuestion())
        try session.answer(.reject(q.proposed))
        #expect(session.solution.layout != before.layout)
        #expect(!session.solution.joins.contains { $0.first == q.join.first && $0.second == q.join.second })
        try session.answer(.undo)
        #expect(session.solution == before)
        #expect(session.state.answers.isEmpty)
        #expect(throws: DecisionError.nothingToUndo) { try session.answer(.undo) }
    }

    @Test func afterARejectTheSameSpotIsAskedAgain() throws {
        let cut = try HardStrips.cut()
        let session = try InteractiveSession(pieces: PieceSet(pieces: cut.pieces))
        let q = try #require(session.nextQuestion())
        try session.answer(.reject(q.proposed))
        let next = try #require(session.nextQuestion())
        #expect(next.join.first == q.join.first)
        #expect(next.join.second != q.join.second)
        #expect(!next.alternatives.contains(q.proposed))
    }
}

@Suite struct DecisionStateTests {
    typealias J = JoinConstraints.Join

    @Test func answersBecomeConstraintsAndInterventionsCountPicksAndRejects() throws {
        var state = DecisionState()
        try state.record(.accept(J("a", "b", .leftRight)))
        try state.record(.pick(question: J("b", "c", .leftRight), chosen: J("b", "d", .leftRight)))
        try state.record(.reject(J("d", "e", .leftRight)))
        #expect(state.constraints.pinned == [J("a", "b", .leftRight), J("b", "d", .leftRight)])
        #expect(state.constraints.forbidden == [J("d", "e", .leftRight)])
        #expect(state.interventions == 2 && state.accepts == 1)
        try state.record(.undo)
        #expect(state.interventions == 1)
        #expect(state.constraints.forbidden.isEmpty)
    }

    @Test func contradictoryPinsAreRefused() throws {
        var state = DecisionState()
        try state.record(.accept(J("a", "b", .leftRight)))
        #expect(throws: DecisionError.self) { try state.record(.accept(J("a", "c", .leftRight))) }
        #expect(throws: DecisionError.self) { try state.record(.accept(J("c", "b", .leftRight))) }
        #expect(throws: DecisionError.self) { try state.record(.accept(J("b", "a", .leftRight))) }  // a loop
        #expect(throws: DecisionError.self) { try state.record(.reject(J("a", "b", .leftRight))) }
        #expect(throws: DecisionError.self) {
            try state.record(.pick(question: J("c", "d", .leftRight), chosen: J("e", "f", .leftRight)))
        }
        // Another direction is another matter.
        try state.record(.accept(J("a", "c", .topBottom)))
        #expect(state.answers.count == 2)
        #expect(throws: DecisionError.unknownPiece("zz")) { try state.record(.accept(J("zz", "c", .leftRight)), names: ["a", "b", "c"]) }
    }
}
