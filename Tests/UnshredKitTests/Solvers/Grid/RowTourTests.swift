import Foundation
import Testing
@testable import UnshredKit

struct RowTourTests {
    /// Following the text along the rows, with no help from line profiles, finds
    /// CUMCM 3's rows nearly whole.
    @Test func tourFollowsTheRowsOfSetThree() throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(3))
        let truth = try Fixtures.truth(3).pages[0].rows
        let inputs = GridSolver.prepare(pieces.images, measure: .standard)
        let groups = RowTour.groups(inputs, grid: GridShape(rows: 11, columns: 19), lineWeights: [0])[0]
        #expect(groups.count == 11 && groups.allSatisfy { $0.count == 19 })
        #expect(Set(groups.flatMap { $0 }) == Set(0..<209))
        var whole = 0
        for group in groups {
            let rows = group.map { i in truth.firstIndex { $0.contains(pieces[i].name) }! }
            let majority = Dictionary(grouping: rows, by: { $0 }).values.map(\.count).max()!
            if majority == 19 { whole += 1 }
            #expect(majority >= 12)
        }
        #expect(whole >= 5)
    }

    /// The one-dot-product mismatch equals the plain correlation's.
    @Test func lineMismatchMatchesCorrelation() throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(4))
        let profiles = pieces.images.prefix(40).map { LineProfile($0) }
        let fast = RowTour.lineMismatch(Array(profiles))
        for x in profiles.indices {
            for y in profiles.indices where y != x {
                let plain = profiles[x].ink > 0 && profiles[y].ink > 0
                    ? (1 - LineProfile.correlation(profiles[x].density, profiles[y].density)) / 2 : 0
                #expect(abs(fast[x * profiles.count + y] - plain) < 1e-4)
            }
        }
    }

    /// Chains of any lengths come out as rows of exactly C pieces, every piece once.
    @Test func chainsAreEvenedToRows() {
        let inputs = BlockOrderTests.randomInputs(pieces: 12, seed: 3)
        for chains in [[[0, 1, 2, 3, 4, 5, 6], [7], [8, 9], [10, 11]],
                       [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
                       [[0, 1], [2, 3], [4, 5], [6, 7, 8, 9, 10, 11]]] {
            let rows = RowTour.even(chains, rows: 4, columns: 3, inputs: inputs)
            #expect(rows.count == 4 && rows.allSatisfy { $0.count == 3 }, "\(chains) -> \(rows)")
            #expect(rows.flatMap { $0 }.sorted() == Array(0..<12))
        }
    }
}
