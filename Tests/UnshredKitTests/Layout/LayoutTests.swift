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

@Suite struct LayoutTurnMarkTests {
    @Test func turnMarkIsReadAsAnOrientationNotANamePart() throws {
        let layout = try Layout.parse("003 007~ 011\n")
        #expect(layout.pages[0].rows == [["003", "007", "011"]])
        #expect(layout.pages[0].turned == ["007"])
        #expect(layout.pages[0].isTurned("007") && !layout.pages[0].isTurned("003"))
        #expect(layout.text == "003 007~ 011\n")
    }

    @Test func marksBelongToTheirPage() throws {
        let text = "# page 1\na~ b\n# page 2\nc d~\n"
        let layout = try Layout.parse(text)
        #expect(layout.pages.map(\.turned) == [["a"], ["d"]])
        #expect(layout.turned == ["a", "d"])
        #expect(layout.text == text)
    }

    @Test func layoutsWithoutMarksAreUnchanged() throws {
        let text = "# front\n136a 047b\n005b 152b\n"
        let layout = try Layout.parse(text)
        #expect(layout.turned.isEmpty)
        #expect(layout == Layout(pages: [Layout.Page(title: "front", rows: [["136a", "047b"], ["005b", "152b"]])]))
        #expect(layout.text == text)
    }

    @Test func aBareOrDoubledMarkIsRefused() {
        #expect(throws: LayoutError.badCell(path: "t.txt", cell: "~")) { try Layout.parse("a ~ b\n", path: "t.txt") }
        #expect(throws: LayoutError.badCell(path: "t.txt", cell: "a~~")) { try Layout.parse("a~~ b\n", path: "t.txt") }
    }
}
