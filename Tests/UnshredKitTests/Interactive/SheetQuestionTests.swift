import Foundation
import Testing
@testable import UnshredKit

/// Questions on a double-sided sheet are about places, as on a one-page grid (which
/// rows come next, is a row shifted, which piece belongs here), chosen by what an
/// answer would move: a sheet spoilt by hand comes back whole within a couple of
/// truthful answers, and no question is about a seam neither face shows ink at.
@Suite struct SheetQuestionTests {
    static func interview(spoil: (inout [[Int]]) -> Void) throws -> (Oracle.Interview, InteractiveSession) {
        let cut = try SheetRepairTests.cut()
        let (session, _) = try SheetRepairTests.session(cut, spoil: spoil)
        #expect(!Score.compare(session.solution.layout, truth: cut.truth, pieces: session.pieces).perfect)
        let interview = try Oracle.interview(pieces: session.pieces, truth: cut.truth, options: session.options,
                                             initial: session.solution, cap: 6)
        return (interview, session)
    }

    @Test(arguments: ["rows", "shift", "swap"])
    func aSpoiltSheetIsFixedByFewPlaceAnswers(spoil: String) throws {
        let (interview, session) = try Self.interview { rows in
            switch spoil {
            case "rows": rows.swapAt(2, 5)
            case "shift": rows[4] = Array(rows[4][3...] + rows[4][..<3])
            default: (rows[1][3], rows[5][7]) = (rows[5][7], rows[1][3])
            }
        }
        #expect(session.asksAboutPlaces)
        #expect(interview.reached, "\(spoil): \(interview.trail) \(interview.stopReason ?? "")")
        #expect(interview.answerCount <= 3, "\(spoil): \(interview.trail)")
        // The first question is about the place spoilt, not a join.
        #expect(interview.trail.first.map { !$0.hasPrefix("join") } ?? false, "\(interview.trail)")
    }

    /// Every seam a sheet's question pins shows ink on at least one face of one side:
    /// a person can judge it.
    @Test func questionsPinSeamsThatShowInk() throws {
        let cut = try SheetRepairTests.cut()
        let (session, repair) = try SheetRepairTests.session(cut) { rows in rows.swapAt(1, 6) }
        let questions = session.doubts
        #expect(!questions.isEmpty)
        let ink = Dictionary(uniqueKeysWithValues: session.pieces.pieces.map { ($0.name, EdgeInk($0.image)) })
        let partner = DoubleSidedSolver.partners(pieces: session.pieces, pairs: repair.pairs)
        for q in questions {
            for join in q.proposal.pins + q.options.flatMap(\.pins) {
                let a = try #require(ink[join.first]), b = try #require(ink[join.second])
                let backA = try #require(ink[partner[join.first]!]), backB = try #require(ink[partner[join.second]!])
                let seen = join.direction == .leftRight
                    ? a.right || b.left || backA.left || backB.right
                    : a.bottom || b.top || backA.bottom || backB.top
                // Row boundaries through white space fall back to pieces with any ink.
                let anyInk = !PaperModel.isBlank(session.pieces[session.pieces.names.firstIndex(of: join.first)!].image)
                    || !PaperModel.isBlank(session.pieces[session.pieces.names.firstIndex(of: join.second)!].image)
                #expect(seen || (q.kind == .rows && anyInk), "\(q.kind) \(join)")
            }
        }
    }
}
