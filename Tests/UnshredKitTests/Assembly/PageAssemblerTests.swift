import Foundation
import Testing
@testable import UnshredKit

@Suite struct PageAssemblerTests {
    @Test func raggedLayoutIsAnErrorNotACrash() throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(1))
        let layout = Layout(pages: [Layout.Page(rows: [["000", "001"], ["002"]])])
        #expect(throws: AssemblyError.ragged(row: 2, count: 1, expected: 2)) {
            try PageAssembler.assemble(layout, pieces: pieces)
        }
    }
}
