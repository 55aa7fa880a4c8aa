import Foundation
import Testing
@testable import UnshredKit

/// Blank pieces placed by the margins (`shiftBlanks`, `PageObjective.Alignment`) and
/// cuts through white space reported with their confidence (`blockBoundaries`).
struct BlanksTests {
    /// A 10 x 10 piece with ink in columns `from..<to` (all rows), or blank.
    static func piece(ink columns: Range<Int>?) -> GrayImage {
        var image = GrayImage(width: 10, height: 10)
        if let columns {
            for y in 2..<8 { for x in columns { image.pixels[y * 10 + x] = 0 } }
        }
        return image
    }

    /// Inputs whose top-bottom joins and edges cost nothing, and whose left-right joins
    /// cost 1 where ink meets the cut on one side only (text broken off), else 0: only
    /// broken text and the margins can place pieces.
    static func flatInputs(_ images: [GrayImage]) -> GridSolver.Inputs {
        let n = images.count
        var zero = CostMatrix(count: n, values: [Float](repeating: 0, count: n * n))
        for i in 0..<n { zero[i, i] = .infinity }
        var lr = zero
        for a in 0..<n {
            for b in 0..<n where a != b {
                let out = PaperModel.blankColumnsFromRight(images[a]) == 0, into = PaperModel.blankColumnsFromLeft(images[b]) == 0
                lr[a, b] = out != into ? 1 : 0
            }
        }
        let edges = PageEdges(leftEdge: [Float](repeating: 0, count: n), rightEdge: [Float](repeating: 0, count: n))
        return GridSolver.Inputs(images: images, leftRight: lr, topBottom: zero, horizontalEdges: edges,
                                 verticalEdges: edges, profiles: images.map { LineProfile($0) },
                                 typicalJoin: 1, typicalVerticalJoin: 1, alignment: PageObjective.Alignment(images))
    }

    /// Rows of full text around a short last line (two inked pieces, then blanks). The
    /// short line slid one piece right (a blank before it) goes back flush left; every
    /// other row is already aligned and stays.
    @Test func aShortLineGoesBackToTheLeftMargin() {
        // Pieces 0-3, 8-11: full rows (ink from the left margin, 2 px, to 2 px from the right).
        // Pieces 4-5 the short line's text (ending 3 px into piece 5), 6-7 blank.
        var images: [GrayImage] = []
        for k in 0..<12 {
            switch k {
            case 0, 8: images.append(Self.piece(ink: 2..<10))
            case 3, 11: images.append(Self.piece(ink: 0..<8))
            case 4: images.append(Self.piece(ink: 2..<10))
            case 5: images.append(Self.piece(ink: 0..<3))
            case 6, 7: images.append(Self.piece(ink: nil))
            default: images.append(Self.piece(ink: 0..<10))
            }
        }
        let inputs = Self.flatInputs(images)
        let truth = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
        #expect(GridSolver.shiftBlanks(truth, inputs: inputs) == truth)
        // The two blank pieces are alike: the short line's text must start the row.
        func restored(_ rows: [[Int]]) -> Bool {
            rows[0] == truth[0] && rows[2] == truth[2] && Array(rows[1].prefix(2)) == [4, 5] && Set(rows[1]) == Set(truth[1])
        }
        let slid = [[0, 1, 2, 3], [6, 4, 5, 7], [8, 9, 10, 11]]
        #expect(restored(GridSolver.shiftBlanks(slid, inputs: inputs)))
        let farther = [[0, 1, 2, 3], [6, 7, 4, 5], [8, 9, 10, 11]]
        #expect(restored(GridSolver.shiftBlanks(farther, inputs: inputs)))
        // A blank piece inside the line of text goes to the end as well.
        let inside = [[0, 1, 2, 3], [4, 6, 5, 7], [8, 9, 10, 11]]
        #expect(restored(GridSolver.shiftBlanks(inside, inputs: inputs)))
    }

    /// A centred title (blank pieces on both sides, the same distance from each margin)
    /// is aligned as it is: the margins leave it where it stands.
    @Test func aCentredTitleStays() {
        var images: [GrayImage] = []
        for k in 0..<12 {
            switch k {
            case 0, 8: images.append(Self.piece(ink: 2..<10))
            case 3, 11: images.append(Self.piece(ink: 0..<8))
            case 4, 7: images.append(Self.piece(ink: nil))
            case 5: images.append(Self.piece(ink: 4..<10))
            case 6: images.append(Self.piece(ink: 0..<6))
            default: images.append(Self.piece(ink: 0..<10))
            }
        }
        let rows = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
        #expect(GridSolver.shiftBlanks(rows, inputs: Self.flatInputs(images)) == rows)
        let alignment = PageObjective.Alignment(images)
        let margins = alignment.margins(rows)
        #expect(alignment.misalignment(rows[1], margins: margins) == 0)
        #expect(alignment.misalignment([5, 6, 4, 7], margins: margins) > 0)
    }

    /// A double-sided row: page 2 reads it right to left, each face's own bands; a piece
    /// is blank only when both its faces are.
    @Test func page2ReadsTheRowReversed() {
        let front = [Self.piece(ink: 2..<10), Self.piece(ink: 0..<10), Self.piece(ink: nil), Self.piece(ink: nil)]
        let back = [Self.piece(ink: nil), Self.piece(ink: 0..<10), Self.piece(ink: 3..<10), Self.piece(ink: nil)]
        let alignment = PageObjective.Alignment(faces: [front, back])
        #expect(alignment.blank == [false, false, false, true])
        let row = [0, 1, 2, 3]
        #expect(alignment.extent(row, face: 0)?.left == 2)
        #expect(alignment.extent(row, face: 0)?.right == 20)
        // Page 2 from its left: piece 3 (blank), then piece 2's back face, ink from 3 px.
        #expect(alignment.extent(row, face: 1)?.left == 13)
        #expect(alignment.extent(row, face: 1)?.right == 10)
    }

    /// On CUMCM 4's true page, the reported boundaries are exactly the cuts where no
    /// piece has ink on the cut's line, each with a confidence in 0...1, and the solution
    /// gives every join across each at most that confidence (its pieces' firmness in
    /// their rows says nothing about which row lies below).
    @Test func blockBoundariesAreTheBlankCuts() throws {
        let (inputs, truth) = try Fixtures.grid(4)
        let boundaries = GridSolver.blockBoundaries(truth, inputs: inputs)
        let blank = (0..<(truth.count - 1)).filter { a in
            truth[a].allSatisfy { PaperModel.blankRowsFromBottom(inputs.images[$0]) > 0 }
                && truth[a + 1].allSatisfy { PaperModel.blankRowsFromTop(inputs.images[$0]) > 0 }
        }
        #expect(boundaries.map(\.above) == blank)
        #expect(boundaries.allSatisfy { (0...1).contains($0.confidence) })
        let names = (0..<inputs.images.count).map { String(format: "%03d", $0) }
        let solution = GridSolver.solution(truth, inputs: inputs, names: names, constraints: JoinConstraints())
        #expect(solution.blockBoundaries.map(\.row) == blank)
        for b in solution.blockBoundaries {
            let across = solution.joins.filter { $0.direction == .topBottom && $0.row == b.row }
            #expect(!across.isEmpty && across.allSatisfy { $0.confidence <= b.confidence })
        }
    }
}
