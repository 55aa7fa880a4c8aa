import Testing
@testable import UnshredKit

@Suite struct ScoreTests {
    let truth = Layout(rows: [["a", "b", "c"], ["d", "e", "f"]])

    @Test func perfect() {
        let s = Score.compare(truth, truth: truth)
        #expect(s == Score(neighbourAccuracy: 1, directAccuracy: 1, perfect: true))
    }

    @Test func oneSwapHandWorked() {
        // Swap a and b. True pairs: a>b b>c d>e e>f a v d b v e c v f = 7.
        // Result b a c / d e f keeps d>e, e>f, c v f = 3 of 7; cells right: 4 of 6.
        let result = Layout(rows: [["b", "a", "c"], ["d", "e", "f"]])
        let s = Score.compare(result, truth: truth)
        #expect(s.neighbourAccuracy == 3.0 / 7.0)
        #expect(s.directAccuracy == 4.0 / 6.0)
        #expect(!s.perfect)
    }

    @Test func identicalPiecesAreInterchangeable() {
        let blank = GrayImage(width: 2, height: 2, fill: 255)
        let ink = GrayImage(width: 2, height: 2, fill: 0)
        let pieces = PieceSet(pieces: [Piece(name: "x", image: blank), Piece(name: "y", image: blank), Piece(name: "z", image: ink)])
        let truth = Layout(rows: [["x", "y", "z"]])
        let swapped = Layout(rows: [["y", "x", "z"]])
        #expect(Score.compare(swapped, truth: truth, pieces: pieces).perfect)
        #expect(!Score.compare(swapped, truth: truth).perfect)
    }

    @Test func doubleSidedPagesMatchWhateverTheirOrder() {
        let truth = Layout(pages: [Layout.Page(title: "front", rows: [["1a", "2b"]]),
                                   Layout.Page(title: "back", rows: [["2a", "1b"]])])
        let swapped = Layout(pages: [truth.pages[1], truth.pages[0]])
        #expect(Score.compare(swapped, truth: truth) == Score(neighbourAccuracy: 1, directAccuracy: 1, perfect: true))
        // Hand-worked: back page reversed. True pairs 1a>2b, 2a>1b; kept 1 of 2; cells right 2 of 4.
        let halfWrong = Layout(pages: [Layout.Page(rows: [["1b", "2a"]]), truth.pages[0]])
        let s = Score.compare(halfWrong, truth: truth)
        #expect(s.neighbourAccuracy == 0.5 && s.directAccuracy == 0.5 && !s.perfect)
        // Only one page found: the other page's pairs and cells are all missing.
        let onePage = Layout(pages: [truth.pages[1]])
        let t = Score.compare(onePage, truth: truth)
        #expect(t.neighbourAccuracy == 0.5 && t.directAccuracy == 0.5 && !t.perfect)
    }

    static func join(_ a: String, _ b: String, _ d: JoinDirection, _ confidence: Float) -> Solution.Join {
        Solution.Join(page: 0, row: 0, column: 0, direction: d, first: a, second: b, confidence: confidence)
    }

    @Test func confidenceOfRightAndWrongJoinsHandWorked() {
        // Truth a b c / d e f. Joins: a|b right 0.75, d|e right but unsure 0.125 (a false
        // alarm), b|a wrong 0.5 (missed), a|c wrong and unsure 0.125 (flagged), a/d right 1,
        // e/a wrong (the truth has a over d, not e over a) 0.25 (not below 0.25).
        let joins = [Self.join("a", "b", .leftRight, 0.75), Self.join("d", "e", .leftRight, 0.125),
                     Self.join("b", "a", .leftRight, 0.5), Self.join("a", "c", .leftRight, 0.125),
                     Self.join("a", "d", .topBottom, 1), Self.join("e", "a", .topBottom, 0.25)]
        let s = ConfidenceScore.compare(Solution(kind: .grid, layout: truth, joins: joins), truth: truth)
        #expect(s == ConfidenceScore(threshold: 0.25, rightJoins: 3, wrongJoins: 3,
                                     meanRight: (0.75 + 0.125 + 1) / 3, meanWrong: (0.5 + 0.125 + 0.25) / 3,
                                     wrongFlagged: 1, rightFlagged: 1))
        // A direction matters: a|d is wrong although a/d is right.
        let sideways = ConfidenceScore.compare(Solution(kind: .grid, layout: truth, joins: [Self.join("a", "d", .leftRight, 0)]), truth: truth)
        #expect(sideways.wrongJoins == 1 && sideways.wrongFlagged == 1 && sideways.rightJoins == 0 && sideways.meanRight == nil)
    }

    @Test func confidenceOneWrongJoinFlaggedOneRightJoinFalselyFlagged() {
        let strips = Layout(rows: [["x", "y", "z"]])
        let solution = Solution(kind: .strips, layout: Layout(rows: [["x", "z", "y"]]),
                                joins: [Self.join("x", "z", .leftRight, 0.0625), Self.join("z", "y", .leftRight, 0.9)])
        let s = ConfidenceScore.compare(solution, truth: strips)
        #expect(s.wrongJoins == 2 && s.wrongFlagged == 1 && s.rightJoins == 0)
        let unsureButRight = Solution(kind: .strips, layout: strips,
                                      joins: [Self.join("x", "y", .leftRight, 0.0625), Self.join("y", "z", .leftRight, 0.9)])
        let t = ConfidenceScore.compare(unsureButRight, truth: strips)
        #expect(t.rightJoins == 2 && t.rightFlagged == 1 && t.wrongJoins == 0 && t.wrongFlagged == 0 && t.meanWrong == nil)
        // A higher threshold flags more.
        #expect(ConfidenceScore.compare(unsureButRight, truth: strips, threshold: 0.95).rightFlagged == 2)
    }

    @Test func confidenceIdenticalPiecesAreInterchangeable() {
        let blank = GrayImage(width: 2, height: 2, fill: 255)
        let ink = GrayImage(width: 2, height: 2, fill: 0)
        let pieces = PieceSet(pieces: [Piece(name: "x", image: blank), Piece(name: "y", image: blank), Piece(name: "z", image: ink)])
        let strips = Layout(rows: [["x", "y", "z"]])
        // y|x and x|z: with x and y alike, the truth has both (x|y and y|z).
        let solution = Solution(kind: .strips, layout: Layout(rows: [["y", "x", "z"]]),
                                joins: [Self.join("y", "x", .leftRight, 0.5), Self.join("x", "z", .leftRight, 0.5)])
        #expect(ConfidenceScore.compare(solution, truth: strips, pieces: pieces).rightJoins == 2)
        #expect(ConfidenceScore.compare(solution, truth: strips).rightJoins == 0)
    }

    @Test func confidencePooledWeighsByJoins() {
        let a = ConfidenceScore(threshold: 0.25, rightJoins: 3, wrongJoins: 1, meanRight: 0.5, meanWrong: 0.25, wrongFlagged: 0, rightFlagged: 1)
        let b = ConfidenceScore(threshold: 0.25, rightJoins: 1, wrongJoins: 0, meanRight: 1, meanWrong: nil, wrongFlagged: 0, rightFlagged: 0)
        #expect(ConfidenceScore.pooled([a, b]) == ConfidenceScore(threshold: 0.25, rightJoins: 4, wrongJoins: 1, meanRight: 0.625,
                                                                  meanWrong: 0.25, wrongFlagged: 0, rightFlagged: 1))
        #expect(ConfidenceScore.pooled([]) == nil)
        #expect(a.summaryText == "join confidence: right joins mean 0.50, wrong joins mean 0.25; below 0.25: 0 of 1 wrong join flagged, 1 of 3 right joins (false alarms)")
    }
}

@Suite struct ScoreTurnedTests {
    @Test func aTurnedPieceIsRightOnlyTheRightWayRound() throws {
        let truth = try Layout.parse("a b~ c\n")
        #expect(Score.compare(truth, truth: truth).perfect)
        // b upright where the truth has it turned: cells 2 of 3, pairs a>b~ and b~>c both lost.
        let upright = try Layout.parse("a b c\n")
        let s = Score.compare(upright, truth: truth)
        #expect(s.directAccuracy == 2.0 / 3.0 && s.neighbourAccuracy == 0 && !s.perfect)
        // The whole page turned over (reversed, all turned) is not the page.
        let over = try Layout.parse("c~ b a~\n")
        #expect(Score.compare(over, truth: truth).neighbourAccuracy == 0)
    }

    @Test func mixedPagesKeepPairsFoundOnAnyPage() throws {
        let truth = try Layout.parse("# p\na b c\n# q\nd e f\n")
        // Both pages run together: every true pair is still there, one page is missing.
        let together = try Layout.parse("a b c d e f\n")
        let s = Score.compare(together, truth: truth)
        #expect(s.neighbourAccuracy == 1 && !s.perfect && s.directAccuracy == 0.5)
        let found = try Layout.parse("# page 1\nd e f\n# page 2\na b c\n")
        #expect(Score.compare(found, truth: truth).perfect)
    }
}
