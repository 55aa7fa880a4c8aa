import Foundation
import Testing
@testable import UnshredKit

/// Blocks of rows turned by whole columns (`shiftBlocks`), side margins kept equal
/// (`Alignment.imbalance`), and the page's top and bottom rows read from their blank
/// bands (`PageObjective.rowMargins`).
struct BlockShiftTests {
    /// A page of `rows` x 5 pieces: a blank column at each side (the margins), text in
    /// columns 1-3 starting 2 px into column 1 and ending 2 px before column 4.
    static func page(rows: Int) -> (images: [GrayImage], truth: [[Int]]) {
        var images: [GrayImage] = []
        var truth: [[Int]] = []
        for _ in 0..<rows {
            var row: [Int] = []
            for c in 0..<5 {
                row.append(images.count)
                switch c {
                case 0, 4: images.append(BlanksTests.piece(ink: nil))
                case 1: images.append(BlanksTests.piece(ink: 2..<10))
                case 3: images.append(BlanksTests.piece(ink: 0..<8))
                default: images.append(BlanksTests.piece(ink: 0..<10))
                }
            }
            truth.append(row)
        }
        return (images, truth)
    }

    /// `BlanksTests.flatInputs`, with a piece whose ink touches the page's side paying 1
    /// there, and top-bottom joins between two inked pieces costing 1
    /// unless the lower is the upper's neighbour below in `truth`: text crossing the cuts
    /// ties the rows of a block together.
    static func tiedInputs(_ images: [GrayImage], truth: [[Int]]) -> GridSolver.Inputs {
        var inputs = BlanksTests.flatInputs(images)
        var below = [Int: Int]()
        for r in 0..<(truth.count - 1) { for c in truth[r].indices { below[truth[r][c]] = truth[r + 1][c] } }
        let blank = images.map(PaperModel.isBlank)
        var tb = inputs.topBottom
        for a in images.indices {
            for b in images.indices where a != b {
                tb[a, b] = !blank[a] && !blank[b] && below[a] != b ? 1 : 0
            }
        }
        inputs.topBottom = tb
        inputs.objective.horizontalEdges = PageEdges(
            leftEdge: images.map { PaperModel.blankColumnsFromLeft($0) == 0 ? 1 : 0 },
            rightEdge: images.map { PaperModel.blankColumnsFromRight($0) == 0 ? 1 : 0 })
        return inputs
    }

    static func turned(_ row: [Int], by k: Int) -> [Int] {
        let c = row.count
        let s = ((k % c) + c) % c
        return Array(row[s...] + row[..<s])
    }

    /// Rows 1-3 of 5, tied by their text, one column right of the margins: no single row
    /// can move back (it would break its seams), the block can, and does.
    @Test func aBlockOfRowsTurnsBackToTheMargins() {
        let (images, truth) = Self.page(rows: 5)
        let inputs = Self.tiedInputs(images, truth: truth)
        #expect(GridSolver.shiftBlocks(truth, inputs: inputs) == truth)
        var shifted = truth
        for r in 1...3 { shifted[r] = Self.turned(truth[r], by: -1) }
        // Row by row, the blank runs cannot restore the page.
        #expect(GridSolver.shiftBlanks(shifted, inputs: inputs) != truth)
        #expect(GridSolver.shiftBlocks(shifted, inputs: inputs) == truth)
    }

    /// The whole page one column right: every row lines up with every other, only the
    /// unequal side margins tell, and the page comes back with them equal.
    @Test func aWholePageShiftedComesBackToEqualMargins() {
        let (images, truth) = Self.page(rows: 4)
        let inputs = Self.tiedInputs(images, truth: truth)
        let shifted = truth.map { Self.turned($0, by: -1) }
        let alignment = PageObjective.Alignment(images)
        #expect(alignment.imbalance(alignment.margins(truth)) == 0)
        #expect(alignment.imbalance(alignment.margins(shifted)) == 1)
        #expect(GridSolver.shiftBlocks(shifted, inputs: inputs) == truth)
    }

    /// A 20 px tall piece with ink on rows `ink` (all columns).
    static func tall(ink rows: Range<Int>) -> GrayImage {
        var image = GrayImage(width: 10, height: 20)
        for y in rows { for x in 0..<10 { image.pixels[y * 10 + x] = 0 } }
        return image
    }

    /// Three rows whose cuts all run through white space and whose joins price every
    /// order alike: the row with the deepest blank band on top goes first, the one with
    /// the deepest at the bottom last.
    @Test func theDeepestBandsMarkThePageTopAndBottom() {
        let images = [Self.tall(ink: 8..<18), Self.tall(ink: 8..<18),     // the top row: 8 px of top margin
                      Self.tall(ink: 3..<17), Self.tall(ink: 3..<17),     // a middle row
                      Self.tall(ink: 2..<12), Self.tall(ink: 2..<12)]     // the bottom row: 8 px of bottom margin
        var inputs = BlanksTests.flatInputs(images)
        inputs.objective.weights.rhythm = 0
        let (top, middle, bottom) = ([0, 1], [2, 3], [4, 5])
        let margins = inputs.objective.rowMargins([top, middle, bottom])
        #expect(margins.top[0] == 0 && margins.top[1] > 0 && margins.top[2] > 0)
        #expect(margins.bottom[2] == 0 && margins.bottom[0] > 0)
        for start in [[bottom, top, middle], [middle, bottom, top], [bottom, middle, top]] {
            #expect(GridSolver.orderRows(start, inputs: inputs, seed: 1) == [top, middle, bottom])
        }
    }
}
