import Foundation
import Testing
@testable import UnshredKit

@Suite struct RowClusteringTests {
    @Test func lineProfilesTellTheRowsOfSetThreeApart() throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(3))
        let truth = try Fixtures.truth(3).pages[0].rows
        let groups = RowClustering.cluster(pieces.images.map { LineProfile($0) }, rows: 11, columns: 19)
        #expect(groups.count == 11 && groups.allSatisfy { $0.count == 19 })
        // Each group is mostly one true row.
        for group in groups {
            let rows = group.map { i in truth.firstIndex { $0.contains(pieces[i].name) }! }
            let majority = Dictionary(grouping: rows, by: { $0 }).values.map(\.count).max()!
            #expect(majority >= 17)
        }
    }

    /// A fragment that fits nowhere overfills a group; balancing moves pieces until
    /// every group holds one row's worth, so the page stays rectangular.
    @Test func overfullGroupsAreEvenedOut() throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(3))
        let profiles = pieces.images.prefix(12).map { LineProfile($0) }
        let lopsided = [Array(0..<6), Array(6..<8), Array(8..<12)]
        let balanced = RowClustering.balance(lopsided, profiles: Array(profiles), columns: 4)
        #expect(balanced.map(\.count) == [4, 4, 4])
        #expect(Set(balanced.flatMap { $0 }) == Set(0..<12))
    }
}
