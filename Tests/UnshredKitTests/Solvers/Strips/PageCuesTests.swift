import Testing
@testable import UnshredKit

/// Page cues beyond edges and lines: strips of one scan share its height, to a pixel or
/// two; one sheet's paper is one white.
@Suite struct PageCuesTests {
    @Test func heightsTellPagesApartOnlyWhenEachHeightIsAPagesWorth() {
        let two = [Int](repeating: 3471, count: 6) + [Int](repeating: 3477, count: 5)
        #expect(PageCues.heightsArePages(two, least: 4))
        // One height: nothing to tell. A height held by one strip: strips cut out of scans.
        #expect(!PageCues.heightsArePages([Int](repeating: 3471, count: 8), least: 4))
        #expect(!PageCues.heightsArePages(two + [3474], least: 4))
        let cues = PageCues(heights: two + [3469], white: [Float](repeating: 250, count: 12))
        #expect(!cues.byHeight)
        let byHeight = PageCues(heights: two + [3469, 3469, 3469, 3469], white: [Float](repeating: 250, count: 15))
        #expect(byHeight.byHeight)
        #expect(byHeight.compatible(0, 1))
        #expect(!byHeight.compatible(0, 6))
        // Two pixels apart is one scan (smarques-D006: 3508 and 3510).
        #expect(byHeight.compatible(0, 11))
        #expect(byHeight.compatible(Array(0..<6), Array(11..<15)))
        #expect(!byHeight.compatible(Array(0..<6), Array(6..<11)))
    }

    @Test func aStripFitsThePagesOfItsHeightAndPaper() {
        // Page a: white 249-250; page b: 244-246, both 100 rows; strips 10 (249.8), 11 (245).
        let white: [Float] = [249, 249.5, 250, 249.2, 244, 245, 246, 244.5, 249.8, 245]
        let cues = PageCues(heights: [Int](repeating: 100, count: 10), white: white)
        let a = [0, 1, 2, 3], b = [4, 5, 6, 7]
        #expect(cues.fits(8, page: a))
        #expect(!cues.fits(8, page: b))
        #expect(cues.fits(9, page: b))
        #expect(!cues.fits(9, page: a))
        // Just outside a page's range but within its spread: fits.
        let near = PageCues(heights: [Int](repeating: 100, count: 5), white: [249, 249.5, 250, 249.2, 250.3])
        #expect(near.fits(4, page: [0, 1, 2, 3]))
        // By height: a strip of another scan's height fits no page of this one.
        let tall = PageCues(heights: [100, 100, 100, 100, 120, 120, 120, 120], white: [Float](repeating: 250, count: 8))
        #expect(!tall.fits(4, page: [0, 1, 2]))
        #expect(tall.fits(4, page: [5, 6, 7]))
    }

    @Test func whiteIsTheBrighterHalfOfThePaper() {
        var image = GrayImage(width: 4, height: 10, fill: 240)
        for x in 0..<4 { for y in 0..<5 { image[x, y] = 0 } }
        #expect(PageCues.white(Piece(name: "a", image: image)) == 240)
        image[0, 9] = 250
        #expect(abs(PageCues.white(Piece(name: "b", image: image)) - 240.5) < 1e-3)
    }

    @Test func groupsOfAnotherHeightAreNotMergedAsFragments() {
        // b (6 strips) is too narrow for a page; its only partner is of another height.
        let a = PageSplitTests.strips("a", count: 10, height: 200), b = PageSplitTests.strips("b", count: 6, height: 210)
        let pieces = PieceSet(pieces: a + b)
        let cues = PageCues(pieces)
        #expect(cues.byHeight)
        let groups = [Array(0..<10), Array(10..<16)]
        let alike: ([Int], [Int]) -> Float = { _, _ in 0.9 }
        #expect(PageSplit.mergingFragments(groups, pieces: pieces, alike: alike).count == 1)
        #expect(PageSplit.mergingFragments(groups, pieces: pieces, alike: alike, compatible: cues.compatible).count == 2)
    }

    @Test func blankStripsGoToAPageOfTheirHeight() {
        // Page a (10 strips of 200 rows) is shorter of paper than b (12 of 210), but the
        // blank strips are 210 rows tall: they go to b.
        let pieces = PieceSet(pieces: PageSplitTests.strips("a", count: 10, height: 200)
            + PageSplitTests.strips("b", count: 12, height: 210) + PageSplitTests.strips("z", count: 4, height: 210))
        let pages = [Array(0..<10), Array(10..<22)]
        let plain = PageSplit.fillingOut(pages, with: Array(22..<26), pieces: pieces)
        #expect(plain[0].count > 10)
        let cued = PageSplit.fillingOut(pages, with: Array(22..<26), pieces: pieces, cues: PageCues(pieces))
        #expect(cued[0].count == 10 && cued[1].count == 16)
    }

    @Test func linesOfStripsThatCannotBeOfOnePageDoNotGroupThem() {
        // Four strips with the same lines; 0-1 and 2-3 are of different scans.
        var image = GrayImage(width: 12, height: 200)
        for y in stride(from: 20, to: 180, by: 14) { for x in 0..<12 { image[x, y] = 0; image[x, y + 1] = 0 } }
        let grid = LineGrid([image, image, image, image])
        #expect(grid.groups(threshold: 0.35, turns: false).count == 1)
        let apart = grid.groups(threshold: 0.35, turns: false) { ($0 < 2) == ($1 < 2) }
        #expect(apart == [[0, 1], [2, 3]])
    }
}
