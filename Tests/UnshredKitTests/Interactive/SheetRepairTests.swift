import Foundation
import Testing
@testable import UnshredKit

/// A double-sided sheet the solver gets right, spoilt by hand (pieces swapped, a piece
/// turned over, two rows swapped), answered by an oracle that reads the truth: every
/// answer is repaired around, not solved again, and the sheet comes back.
@Suite struct SheetRepairTests {
    static func cut() throws -> Shredder.Cut {
        try DoubleSidedTests.cut("en-mono-960x1280", "zh-hei-1200x1500", grid: "8x12", seed: 12)
    }

    /// The truth as items, spoilt by `spoil`, as the session's first solution.
    static func session(_ cut: Shredder.Cut, spoil: (inout [[Int]]) -> Void) throws -> (InteractiveSession, SheetRepair) {
        let pieces = PieceSet(pieces: cut.pieces)
        let repair = try #require(SheetRepair(pieces: pieces, measure: .standard))
        var rows = try #require(repair.rows(of: cut.truth))
        spoil(&rows)
        let start = repair.solution(rows, constraints: JoinConstraints(), shapeEstimate: nil)
        let session = try InteractiveSession(pieces: pieces, options: Unshredder.Options(grid: GridShape(rows: 8, columns: 12)),
                                             initial: start)
        return (session, repair)
    }

    /// The true join at the spoilt place, pinned: the sheet comes back whole by repair
    /// alone (no re-solve), in well under half a second (release builds).
    @Test(arguments: ["swap", "turn", "rows"])
    func aSpoiltSheetIsRepairedByOneAnswer(spoil: String) throws {
        let cut = try Self.cut()
        let front = cut.truth.pages[0].rows
        let (session, _) = try Self.session(cut) { rows in
            switch spoil {
            case "swap": (rows[1][3], rows[5][7]) = (rows[5][7], rows[1][3])
            case "turn": rows[3][4] = Sheet.turned(rows[3][4])
            default: rows.swapAt(2, 3)
            }
        }
        #expect(!Score.compare(session.solution.layout, truth: cut.truth, pieces: session.pieces).perfect)
        let pin: JoinConstraints.Join
        switch spoil {
        case "swap": pin = JoinConstraints.Join(front[1][2], front[1][3], .leftRight)
        case "turn": pin = JoinConstraints.Join(front[3][3], front[3][4], .leftRight)
        default: pin = JoinConstraints.Join(front[1][5], front[2][5], .topBottom)
        }
        try session.answer(.accept(pin))
        #expect(session.lastApplication?.kind == .repaired, "\(String(describing: session.lastApplication))")
        let score = Score.compare(session.solution.layout, truth: cut.truth, pieces: session.pieces)
        #expect(score.perfect, "\(spoil): neighbour \(score.neighbourAccuracy)")
        #expect((session.lastApplication?.seconds ?? 9) <= 0.5 || !Self.optimised)
    }

    /// Every answer is honoured by the repair itself (no re-solve): a pin is met on both
    /// pages, a forbidden join is gone from both.
    @Test func answersHoldOnBothPagesWithoutSolvingAgain() throws {
        let cut = try Self.cut()
        let (session, repair) = try Self.session(cut) { rows in (rows[0][2], rows[6][9]) = (rows[6][9], rows[0][2]) }
        let front = cut.truth.pages[0].rows
        let pin = JoinConstraints.Join(front[0][1], front[0][2], .leftRight)
        try session.answer(.accept(pin))
        #expect(session.lastApplication?.kind == .repaired)
        let map = Oracle.TruthMap(session.solution.layout)
        #expect(map.neighbour(of: pin.first, .leftRight) == pin.second)
        // The mirror on the other page: the other faces, the other way round.
        let partner = DoubleSidedSolver.partners(pieces: session.pieces, pairs: repair.pairs)
        #expect(map.neighbour(of: partner[pin.second]!, .leftRight) == partner[pin.first]!)
        // The pinned join and its mirror are no longer doubtful.
        #expect(session.solution.joins.filter { $0.first == partner[pin.second]! && $0.second == partner[pin.first]! }
            .allSatisfy { $0.confidence == 1 })
        let rows = try #require(repair.rows(of: session.solution.layout))
        let wrong = JoinConstraints.Join(session.pieces.names[repair.sheet.front(rows[4][5])],
                                         session.pieces.names[repair.sheet.front(rows[4][6])], .leftRight)
        try session.answer(.reject(wrong))
        #expect(session.lastApplication?.kind == .repaired)
        let after = Oracle.TruthMap(session.solution.layout)
        #expect(after.neighbour(of: wrong.first, .leftRight) != wrong.second)
        #expect(after.neighbour(of: partner[wrong.second]!, .leftRight) != partner[wrong.first]!)
        #expect(after.neighbour(of: pin.first, .leftRight) == pin.second)
    }

    /// Timings hold for release builds only.
    static var optimised: Bool {
        #if DEBUG
        return false
        #else
        return true
        #endif
    }
}
