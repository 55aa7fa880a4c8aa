import Foundation
import Testing
@testable import UnshredKit

/// A block of a sheet turned over in place (each row of it reversed, every piece
/// turned) costs the same inside and differs only at its border: `turnBlocks` turns it
/// back, and leaves a right sheet as it is.
@Suite struct SheetBlockTurnsTests {
    static func turned(_ rows: [[Int]], r: Int, c: Int, h: Int, w: Int) -> [[Int]] {
        var out = rows
        for y in r..<(r + h) { out[y].replaceSubrange(c..<(c + w), with: rows[y][c..<(c + w)].reversed().map(Sheet.turned)) }
        return out
    }

    @Test(arguments: [(3, 4, 2, 3), (7, 0, 1, 3), (0, 9, 3, 3)])
    func aTurnedBlockIsTurnedBack(block: (Int, Int, Int, Int)) throws {
        let cut = try SheetRepairTests.cut()
        let pieces = PieceSet(pieces: cut.pieces)
        let repair = try #require(SheetRepair(pieces: pieces, measure: .standard))
        let truth = try #require(repair.rows(of: cut.truth))
        let objective = repair.sheet.itemObjective(repair.items)
        let spoilt = Self.turned(truth, r: block.0, c: block.1, h: block.2, w: block.3)
        #expect(spoilt != truth)
        // Inside the block nothing changed: the sheet is dearer only by its border.
        #expect(objective.pageCost(spoilt) > objective.pageCost(truth))
        #expect(DoubleSidedSolver.turnBlocks(spoilt, objective: objective) == truth)
        #expect(DoubleSidedSolver.turnBlocks(truth, objective: objective) == truth)
    }
}
