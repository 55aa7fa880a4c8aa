import Testing
@testable import UnshredKit

/// Page-level cues for real-cut strips (`PageMargins`), on strips and costs made here.
@Suite struct PageMarginsTests {
    /// A white strip `width` x `height` with ink (0) in rows `rows` at columns `columns`.
    static func strip(width: Int = 40, height: Int = 600, ink: [(rows: Range<Int>, columns: Range<Int>)]) -> GrayImage {
        var image = GrayImage(width: width, height: height)
        for (rows, columns) in ink { for y in rows { for x in columns { image.pixels[y * width + x] = 0 } } }
        return image
    }

    @Test func sidesCountInkRowsInsideEachEdge() {
        // Text cut at the left edge in 100 rows, a line ending mid-strip in 30 more, a speck.
        let image = Self.strip(ink: [(0..<100, 2..<20), (200..<230, 10..<25), (400..<401, 20..<21)])
        let sides = PageMargins.sides(image)
        #expect(sides.left == 100 && sides.right == 0 && sides.rows == 131)
        #expect(sides.leftCarriesText && sides.rightIsBlank)
        #expect(sides.turned.right == 100 && sides.turned.left == 0)
        // The outermost column is not read (paper meets background there).
        #expect(PageMargins.sides(Self.strip(ink: [(0..<600, 0..<1)])).left == 0)
        // A strip with a speck or two is a margin strip; a ragged line's end is not.
        #expect(PageMargins.isMargin(PageMargins.sides(Self.strip(ink: [(10..<12, 15..<17)]))))
        #expect(!PageMargins.isMargin(PageMargins.sides(Self.strip(ink: [(10..<40, 15..<17)]))))
    }

    /// Costs where the cheapest cycle opens the page at a strip whose left side is cut
    /// text (a wrap: the page's right part before its left part); the vetoes open it at
    /// the strip whose left side is the margin.
    @Test func aPageOpensAndClosesInItsMargins() {
        // True order 0 1 2 3; 0's left and 3's right are blank, every other side cut text.
        let text = PageMargins.Sides(left: 300, right: 300, rows: 500, height: 600)
        let sides = [PageMargins.Sides(left: 0, right: 300, rows: 500, height: 600), text, text,
                     PageMargins.Sides(left: 300, right: 0, rows: 500, height: 600)]
        var costs = CostMatrix(count: 4, values: [Float](repeating: 5, count: 16))
        for k in 0..<4 { costs[k, k] = .infinity }
        costs[0, 1] = 1; costs[1, 2] = 3; costs[2, 3] = 1
        costs[3, 0] = 1.5  // the wrap: 3 left of 0 looks better than the true 1 | 2
        // The measure's page edges say nothing: all alike.
        let edges = PageEdges(leftEdge: [1, 1, 1, 1], rightEdge: [1, 1, 1, 1])
        let plain = StripSolver.order([0, 1, 2, 3], costs: costs, edges: edges, confidenceFloor: 0.1)
        #expect(plain.order != [0, 1, 2, 3])
        let (c, e) = PageMargins.vetoing(costs, edges: edges, sides: sides, nodes: [0, 1, 2, 3])
        #expect(e.leftEdge[0] == 1 && e.leftEdge[2] == 5 && e.rightEdge[3] == 1 && e.rightEdge[0] == 5)
        let vetoed = StripSolver.order([0, 1, 2, 3], costs: c, edges: e, confidenceFloor: 0.1)
        #expect(vetoed.order == [0, 1, 2, 3])
    }

    @Test func blankPaperDoesNotMeetCutText() {
        let blank = PageMargins.Sides(left: 0, right: 0, rows: 0, height: 600)
        let text = PageMargins.Sides(left: 200, right: 200, rows: 500, height: 600)
        let lineEnd = PageMargins.Sides(left: 200, right: 5, rows: 300, height: 600)
        #expect(PageMargins.clashes(text, blank) && PageMargins.clashes(blank, text))
        #expect(!PageMargins.clashes(blank, blank) && !PageMargins.clashes(text, text))
        #expect(!PageMargins.clashes(lineEnd, blank))
    }

    /// A side bar (little ink, no ink across its cuts) found left of the text goes to its right.
    @Test func aSmallIslandLeftOfTheTextGoesToItsRight() {
        func s(_ l: Int, _ r: Int, _ rows: Int) -> PageMargins.Sides { PageMargins.Sides(left: l, right: r, rows: rows, height: 600) }
        // 0, 1: a side bar (40 and 30 ink rows); 2: a margin strip; 3-6: the text (3 opens it, 6 ends ragged).
        let sides = [s(0, 20, 40), s(20, 0, 30), s(0, 0, 0), s(0, 300, 400), s(300, 300, 500), s(300, 300, 480), s(300, 0, 200)]
        let found = StripSolver.Result(order: [0, 1, 3, 4, 5, 6], confidence: [0.5, 0.1, 0.9, 0.9, 0.8], cost: 0)
        let fixed = PageMargins.aligningLeft(found, sides: sides)
        #expect(fixed.order == [3, 4, 5, 6, 0, 1])
        #expect(fixed.confidence == [0.9, 0.9, 0.8, 0, 0.5])
        // A margin strip left of the text stays there; so does a column as inked as the text.
        let margin = StripSolver.Result(order: [2, 3, 4, 5, 6], confidence: [0, 0.9, 0.9, 0.8], cost: 0)
        #expect(PageMargins.aligningLeft(margin, sides: sides).order == margin.order)
        let column = [s(0, 300, 450), s(300, 0, 450)] + sides[2...]
        #expect(PageMargins.aligningLeft(found, sides: Array(column)).order == found.order)
    }

    /// Margin strips split for equal margins; with prices the one with a speck the
    /// measure joins to the text stands next to it.
    @Test func marginStripsAreSplitForEqualMargins() {
        let images = (0..<6).map { _ in GrayImage(width: 40, height: 600) }
        let text = StripSolver.Result(order: [0, 1], confidence: [0.7], cost: 0)
        let plain = PageMargins.placing([2, 3, 4, 5], around: text, images: images)
        #expect(plain.order == [2, 3, 0, 1, 4, 5])
        #expect(plain.confidence == [0, 0, 0.7, 0, 0])
        // Strip 5 joins the text's right end cheaply, 2 its left; 4 opens the page best.
        let prices = PageMargins.Prices(
            join: { a, b in (a == 1 && b == 5) || (a == 2 && b == 0) ? 0 : 1 },
            opens: { $0 == 4 ? 0 : 1 }, closes: { _ in 1 })
        let priced = PageMargins.placing([2, 3, 4, 5], around: text, images: images, prices: prices)
        #expect(priced.order == [4, 2, 0, 1, 5, 3])
    }
}
