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
}
