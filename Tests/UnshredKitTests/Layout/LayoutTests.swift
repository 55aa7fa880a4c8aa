import Testing
@testable import UnshredKit

@Suite struct LayoutTests {
    @Test func parsesPagesAndRoundTrips() throws {
        let text = "# front\na b c\nd e f\n# back\ng h i\nj k l\n"
        let layout = try Layout.parse(text)
        #expect(layout.pages.count == 2)
        #expect(layout.pages[0].title == "front")
        #expect(layout.pages[1].rows[1] == ["j", "k", "l"])
        #expect(layout.text == text)
    }

    @Test func untitledSinglePage() throws {
        let layout = try Layout.parse("008 014 012\n")
        #expect(layout.pages.count == 1 && layout.pages[0].title == nil)
        #expect(layout.text == "008 014 012\n")
    }

    @Test func raggedRowsAreRefused() {
        #expect(throws: LayoutError.ragged(path: "t.txt", row: 2, expected: 3, found: 2)) {
            try Layout.parse("a b c\nd e\n", path: "t.txt")
        }
    }

    @Test func truthFilesParse() throws {
        #expect(try Fixtures.truth(3).pages[0].rowCount == 11)
        #expect(try Fixtures.truth(3).pages[0].columnCount == 19)
        #expect(try Fixtures.truth(5).pages.map(\.title) == ["front", "back"])
    }
}
