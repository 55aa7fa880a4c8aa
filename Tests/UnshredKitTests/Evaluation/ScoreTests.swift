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
}
