import Foundation
import Testing
@testable import UnshredKit

@Suite struct ShapeDetectorTests {
    @Test(arguments: [(1, "1x19"), (2, "1x19"), (3, "11x19"), (4, "11x19")])
    func cumcmShapes(set number: Int, expected: String) throws {
        #expect(ShapeDetector.detect(try PieceLoader.load(folder: Fixtures.cumcm(number))) == GridShape(expected)!)
    }

    @Test(arguments: [
        ("en-serif-1368x1980", "11x19"), ("en-sans-1152x1600", "15x20"), ("zh-hei-1200x1500", "10x15"),
        ("zh-hei-1200x1500", "5x5"), ("en-serif-1368x1980", "20x10"), ("en-sans-1152x1600", "1x30"),
    ])
    func syntheticShapes(page: String, grid: String) throws {
        let cut = Shredder.cut(try Fixtures.page(page), grid: GridShape(grid)!, seed: 5)
        #expect(ShapeDetector.detect(PieceSet(pieces: cut.pieces)) == GridShape(grid)!)
    }
}
