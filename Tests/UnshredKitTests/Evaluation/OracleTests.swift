import Foundation
import Testing
@testable import UnshredKit

/// A solver that plays back prepared solutions and records the options it was given.
final class ScriptedSolver: @unchecked Sendable {
    private let lock = NSLock()
    private var script: [Solution]
    private(set) var received: [Unshredder.Options] = []

    init(_ script: [Solution]) { self.script = script }

    var solve: Oracle.Solve {
        { [self] _, options in
            lock.lock(); defer { lock.unlock() }
            received.append(options)
            guard !script.isEmpty else { throw SolveError.unsupportedShape("script exhausted") }
            return script.count == 1 ? script[0] : script.removeFirst()
        }
    }
}

/// A strip solution `names` with the given confidences for its joins.
func strips(_ names: [String], _ confidence: [Float]) -> Solution {
    let joins = confidence.enumerated().map { k, c in
        Solution.Join(page: 0, row: 0, column: k, direction: .leftRight, first: names[k], second: names[k + 1], confidence: c)
    }
    return Solution(kind: .strips, layout: Layout(rows: [names]), joins: joins)
}

@Suite struct OracleTests {
    let truth = Layout(rows: [["a", "b", "c", "d"]])
    let pieces = PieceSet(pieces: ["a", "b", "c", "d"].enumerated().map {
        Piece(name: $1, image: GrayImage(width: 2, height: 2, fill: UInt8($0 * 50)))
    })

    @Test func noAnswersWhenTheSolverIsRight() throws {
        let solver = ScriptedSolver([strips(["a", "b", "c", "d"], [0.5, 0.5, 0.5])])
        let outcome = try Oracle.run(pieces: pieces, truth: truth, solve: solver.solve)
        #expect(outcome.reached && outcome.interventions == 0 && outcome.solves == 1)
    }

    @Test func handWorkedTwoAnswers() throws {
        // Solve 1: b a c d, joins b|a (0.9) a|c (0.2) c|d (0.5). Weakest first: a|c is
        //   wrong; a's true right neighbour is b, so the oracle pins a|b.
        // Solve 2: a b d c, joins a|b (0.1) b|d (0.3) d|c (0.8). a|b is right, b|d is
        //   wrong; the oracle pins b|c.
        // Solve 3: a b c d, perfect: 2 interventions.
        let solver = ScriptedSolver([
            strips(["b", "a", "c", "d"], [0.9, 0.2, 0.5]),
            strips(["a", "b", "d", "c"], [0.1, 0.3, 0.8]),
            strips(["a", "b", "c", "d"], [0.4, 0.4, 0.4]),
        ])
        let outcome = try Oracle.run(pieces: pieces, truth: truth, solve: solver.solve)
        #expect(outcome.reached)
        #expect(outcome.interventions == 2)
        #expect(outcome.answers == [.pin(.init("a", "b", .leftRight)), .pin(.init("b", "c", .leftRight))])
        #expect(outcome.solves == 3)
        // The answers reach the solver as constraints, accumulating.
        #expect(solver.received.map(\.constraints.pinned.count) == [0, 1, 2])
        #expect(solver.received[2].constraints.pinned == [.init("a", "b", .leftRight), .init("b", "c", .leftRight)])
    }

    @Test func aWrongJoinFromThePageEdgeIsForbidden() throws {
        // d is the last strip of the page: it has no true right neighbour to pin.
        let solver = ScriptedSolver([
            strips(["d", "a", "b", "c"], [0.1, 0.9, 0.9]),
            strips(["a", "b", "c", "d"], [0.9, 0.9, 0.9]),
        ])
        let outcome = try Oracle.run(pieces: pieces, truth: truth, solve: solver.solve)
        #expect(outcome.answers == [.forbid(.init("d", "a", .leftRight))])
        #expect(outcome.reached)
        #expect(solver.received[1].constraints.forbidden == [.init("d", "a", .leftRight)])
    }

    @Test func givenSolutionSavesTheFirstSolve() throws {
        let solver = ScriptedSolver([strips(["a", "b", "c", "d"], [0.5, 0.5, 0.5])])
        let outcome = try Oracle.run(pieces: pieces, truth: truth, initial: strips(["a", "c", "b", "d"], [0.5, 0.5, 0.5]),
                                     solve: solver.solve)
        #expect(outcome.answers == [.pin(.init("a", "b", .leftRight))])
        #expect(outcome.reached && solver.received.count == 1)
    }

    @Test func capStopsTheOracle() throws {
        let solver = ScriptedSolver([
            strips(["b", "a", "c", "d"], [0.9, 0.2, 0.5]),
            strips(["a", "b", "d", "c"], [0.1, 0.3, 0.8]),
            strips(["a", "b", "c", "d"], [0.4, 0.4, 0.4]),
        ])
        let outcome = try Oracle.run(pieces: pieces, truth: truth, cap: 1, solve: solver.solve)
        #expect(!outcome.reached && outcome.interventions == 1)
        #expect(outcome.stopReason?.contains("within 1 answers") == true)
    }

    @Test func aSolverThatIgnoresAnswersIsCaught() throws {
        let solver = ScriptedSolver([strips(["b", "a", "c", "d"], [0.9, 0.2, 0.5])]) // forever the same
        let outcome = try Oracle.run(pieces: pieces, truth: truth, solve: solver.solve)
        #expect(!outcome.reached && outcome.interventions == 1)
        #expect(outcome.stopReason?.contains("did not honour the answer pin a|b") == true)
    }

    @Test func wrongShapeIsAnsweredWithTheGrid() throws {
        let truth = Layout(rows: [["a", "b"], ["c", "d"]])
        let grid = Solution(kind: .grid, layout: truth, joins: [])
        let solver = ScriptedSolver([strips(["a", "b", "c", "d"], [0.5, 0.5, 0.5]), grid])
        let outcome = try Oracle.run(pieces: pieces, truth: truth, solve: solver.solve)
        #expect(outcome.answers == [.grid(GridShape(rows: 2, columns: 2))])
        #expect(outcome.reached)
        #expect(solver.received[1].grid == GridShape(rows: 2, columns: 2))
    }

    @Test func aFailingResolveIsReportedNotThrown() throws {
        let solver = ScriptedSolver([strips(["b", "a", "c", "d"], [0.9, 0.2, 0.5])])
        let failing: Oracle.Solve = { pieces, options in
            if !options.constraints.isEmpty { throw SolveError.unsupportedShape("no") }
            return try solver.solve(pieces, options)
        }
        let outcome = try Oracle.run(pieces: pieces, truth: truth, solve: failing)
        #expect(!outcome.reached && outcome.stopReason?.contains("solver failed") == true)
        // The first solve failing is the caller's problem.
        #expect(throws: SolveError.self) {
            try Oracle.run(pieces: pieces, truth: truth, solve: { _, _ in throw SolveError.unsupportedShape("no") })
        }
    }

    @Test func identicalPiecesNeedNoAnswers() throws {
        // x and y are both blank: x y and y x make the same page.
        let blank = GrayImage(width: 2, height: 2, fill: 255)
        let pieces = PieceSet(pieces: [Piece(name: "x", image: blank), Piece(name: "y", image: blank),
                                       Piece(name: "z", image: GrayImage(width: 2, height: 2, fill: 0))])
        let solver = ScriptedSolver([strips(["y", "x", "z"], [0, 0.5])])
        let outcome = try Oracle.run(pieces: pieces, truth: Layout(rows: [["x", "y", "z"]]), solve: solver.solve)
        #expect(outcome.reached && outcome.interventions == 0)
    }

    /// The real strip solver, its answer spoiled by a starting constraint that forbids
    /// a true join: the oracle must find its way back, with answers that agree with the truth.
    @Test func realSolverRecoversFromAForbiddenTrueJoin() throws {
        let page = try Fixtures.page("en-mono-960x1280").cropped(x: 0, y: 0, width: 480, height: 640)
        let cut = try Shredder.cut(page, options: .init(grid: GridShape(rows: 1, columns: 8), seed: 5))
        let pieces = PieceSet(pieces: cut.pieces)
        let clean = try Oracle.run(pieces: pieces, truth: cut.truth)
        #expect(clean.reached && clean.interventions == 0)

        let row = cut.truth.pages[0].rows[0]
        let trueJoin = JoinConstraints.Join(row[3], row[4], .leftRight)
        let spoiled = Unshredder.Options(constraints: JoinConstraints(forbidden: [trueJoin]))
        let first = try Unshredder.solve(pieces, options: spoiled)
        #expect(!Score.compare(first.layout, truth: cut.truth, pieces: pieces).perfect)
        let outcome = try Oracle.run(pieces: pieces, truth: cut.truth, options: spoiled, initial: first)
        #expect(outcome.reached)
        #expect(outcome.interventions >= 1)
        #expect(Score.compare(outcome.solution.layout, truth: cut.truth, pieces: pieces).perfect)
        let trueJoins = Set(zip(row, row.dropFirst()).map { JoinConstraints.Join($0, $1, .leftRight) })
        for answer in outcome.answers {
            switch answer {
            case let .pin(join): #expect(trueJoins.contains(join))
            case let .forbid(join): #expect(!trueJoins.contains(join))
            case .grid: Issue.record("strips need no grid answer")
            }
        }
    }
}

extension OracleTests {
    /// A spent budget stops the oracle before its next answer, with a note saying so;
    /// a budget not spent changes nothing.
    @Test func aSpentBudgetStopsTheOracle() throws {
        let script = [strips(["b", "a", "c", "d"], [0.9, 0.2, 0.5]),
                      strips(["a", "b", "d", "c"], [0.1, 0.3, 0.8]),
                      strips(["a", "b", "c", "d"], [0.4, 0.4, 0.4])]
        let spent = try Oracle.run(pieces: pieces, truth: truth, budget: 0, solve: ScriptedSolver(script).solve)
        #expect(!spent.reached && spent.interventions == 0)
        #expect(spent.stopReason == "not reached within the time budget (0 answers in 0 s)")
        let ample = try Oracle.run(pieces: pieces, truth: truth, budget: 600, solve: ScriptedSolver(script).solve)
        let none = try Oracle.run(pieces: pieces, truth: truth, solve: ScriptedSolver(script).solve)
        #expect(ample.reached && ample.answers == none.answers && ample.interventions == 2)
    }
}
