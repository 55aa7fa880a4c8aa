import Foundation
import Testing
@testable import UnshredKit

@Suite struct LineRhythmTests {
    @Test func lineRhythmContinuesAcrossTrueRowsOnly() throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(3))
        let truth = try Fixtures.truth(3).pages[0].rows.map { $0.map { pieces.index(of: $0)! } }
        let rhythm = LineRhythm(rows: truth, profiles: pieces.images.map { LineProfile($0) })
        #expect(abs(rhythm.pitch - 68.25) < 1.5)
        let trueBreaks = (0..<10).map { rhythm.breakage(above: $0, below: $0 + 1) }
        #expect(trueBreaks.allSatisfy { $0 < 0.25 })
    }

    /// One piece 10 px wide and 60 tall with 6 px text lines starting at `tops`.
    static func piece(lines tops: [Int]) -> GrayImage {
        var image = GrayImage(width: 10, height: 60)
        for t in tops { for y in t..<(t + 6) { for x in 0..<10 { image.pixels[y * 10 + x] = 0 } } }
        return image
    }

    /// Lines 6 px tall at a 12 px pitch, paragraphs half a line apart (12 px of white
    /// instead of 6), every cut between rows in white space. Row a's last paragraph ends
    /// 8 px above the cut and row b's first line starts 4 px below it: 12 px, the gap
    /// between row b's own paragraphs, though the phase is half a pitch off. Row c (its
    /// last line 14 px above its foot) above b leaves 18 px, a gap the page never shows,
    /// though its phase happens to fit b's: the gap must tell, not the phase.
    @Test func aParagraphGapContinuesTheRhythm() {
        let a = Self.piece(lines: [10, 22, 34, 46]), b = Self.piece(lines: [4, 16, 28, 46]),
            c = Self.piece(lines: [4, 16, 28, 40])
        let images = [a, a, b, b, c, c]
        let rows = [[0, 1], [2, 3], [4, 5]]
        let rhythm = LineRhythm(rows: rows, profiles: images.map { LineProfile($0) })
        #expect(abs(rhythm.pitch - 12) < 1)
        // The phase alone prefers c above b; with the gap, a above b is cheaper.
        #expect(rhythm.phaseBreakage(above: 0, below: 1) > rhythm.phaseBreakage(above: 2, below: 1) + 0.3)
        #expect(rhythm.gapBreakage(above: 0, below: 1).map { $0 < 0.1 } == true)
        #expect(rhythm.gapBreakage(above: 2, below: 1).map { $0 > 0.8 } == true)
        #expect(rhythm.breakage(above: 2, below: 1) > rhythm.breakage(above: 0, below: 1) + 0.1)
        // Where ink meets the cut, the gap says nothing: the phase alone.
        let d = Self.piece(lines: [0, 12, 24, 36, 54])
        let touching = LineRhythm(rows: [[0, 1], [2, 3]], profiles: [a, a, d, d].map { LineProfile($0) })
        #expect(touching.gapBreakage(above: 1, below: 0) == nil)
        #expect(touching.gapBreakage(above: 0, below: 1) == nil)
    }
}
