import Testing
@testable import UnshredKit

/// Pieces of one gray level each (`levels[k]` for piece `"k"`), `width` x `height`.
func flatPieces(_ levels: [UInt8], width: Int = 20, height: Int = 20) -> PieceSet {
    PieceSet(pieces: levels.enumerated().map { k, v in Piece(name: "\(k)", image: GrayImage(width: width, height: height, fill: v)) })
}

@Suite struct PagePlacesTests {
    let grid = Layout(rows: [["a", "b", "c"], ["d", "e", "f"]])

    @Test func seamsAreFoundWhereThePiecesMeet() {
        #expect(grid.seam(of: .init("b", "c", .leftRight))! == (0, SeamLine(.leftRight, at: 2, span: 0..<1)))
        #expect(grid.seam(of: .init("b", "e", .topBottom))! == (0, SeamLine(.topBottom, at: 1, span: 1..<2)))
        // Not neighbours, the wrong order, the wrong direction: no seam.
        #expect(grid.seam(of: .init("a", "c", .leftRight)) == nil)
        #expect(grid.seam(of: .init("c", "b", .leftRight)) == nil)
        #expect(grid.seam(of: .init("a", "b", .topBottom)) == nil)
        #expect(grid.seam(of: .init("a", "zz", .leftRight)) == nil)
    }

    @Test func placesAreNumberedInTheOrderGivenSkippingJoinsNotOnThePage() {
        let joins = [
            Solution.Join(page: 0, row: 1, column: 0, direction: .leftRight, first: "d", second: "e", confidence: 0.1),
            Solution.Join(page: 0, row: 0, column: 0, direction: .leftRight, first: "a", second: "c", confidence: 0.0),
            Solution.Join(page: 0, row: 0, column: 2, direction: .topBottom, first: "c", second: "f", confidence: 0.2),
        ]
        let places = DoubtfulPlace.numbered(joins, in: grid)
        #expect(places.map(\.number) == [1, 2])
        #expect(places.map(\.label) == ["d|e", "c/f"])
        #expect(places[1].lines == [SeamLine(.topBottom, at: 1, span: 2..<3)])
        #expect(places[0].confidence == 0.1)
    }

    @Test func questionsAreNumberedInTheOrderTheyWillBeAsked() throws {
        let cut = try SpoiltGrid.cut()
        let session = try SpoiltGrid.session(cut, layout: SpoiltGrid.movedRows(cut.truth))
        let doubts = session.doubts
        let places = session.places
        #expect(doubts.count > 1)
        #expect(places.map(\.number) == Array(1...places.count))
        #expect(places.map(\.spot) == doubts.map(\.spot))
        #expect(places.map(\.confidence) == doubts.map(\.confidence))
        // The first question is about a block of rows: its place is the row boundary, all across.
        let first = try #require(session.nextQuestion())
        #expect(first.kind == .rows)
        let row = try #require(first.at).rows.lowerBound
        #expect(places[0].label == "below row \(row + 1)")
        #expect(places[0].lines == [SeamLine(.topBottom, at: row + 1, span: 0..<SpoiltGrid.grid.columns)])
        #expect(first.text == "Which rows come below row \(row + 1)?")
    }

    @Test func linesInPixels() {
        let r = SeamLine(.leftRight, at: 2, span: 1..<3).pixels(cellWidth: 10, cellHeight: 30)
        #expect(r == (20, 30, 0, 60))
        let h = SeamLine(.topBottom, at: 1, span: 0..<2).pixels(cellWidth: 10, cellHeight: 30)
        #expect(h == (0, 30, 20, 0))
    }

    @Test func cuttingPastTheEdgeGivesPaperAndResamplingAverages() {
        let image = GrayImage(width: 2, height: 2, pixels: [0, 100, 200, 50])
        let cut = image.cut(x: -1, y: 1, width: 3, height: 2)
        #expect(cut.pixels == [255, 200, 50, 255, 255, 255])
        #expect(image.resampled(width: 1, height: 1).pixels == [88])  // (0 + 100 + 200 + 50) / 4 = 87.5
        #expect(image.resampled(width: 2, height: 1).pixels == [100, 75])
        #expect(image.resampled(width: 2, height: 2) == image)
    }
}

@Suite struct ReviewPictureTests {
    @Test func doubtfulSeamsAreColouredByConfidenceAndNumbered() throws {
        let pieces = flatPieces([255, 255, 255, 255], width: 48, height: 48)
        let layout = Layout(rows: [["0", "1"], ["2", "3"]])
        let places = [
            DoubtfulPlace(number: 1, page: 0, lines: [SeamLine(.leftRight, at: 1, span: 0..<1)], confidence: 0, label: "0|1"),
            DoubtfulPlace(number: 7, page: 0, lines: [SeamLine(.topBottom, at: 1, span: 1..<2)], confidence: 0.25, label: "1/3"),
        ]
        let pages = try ReviewPicture.render(layout, pieces: pieces, places: places, threshold: 0.25)
        #expect(pages.count == 1)
        let page = pages[0]
        #expect(page.width == 96 && page.height == 96)
        func pixel(_ x: Int, _ y: Int) -> [UInt8] { Array(page.pixels[(3 * (y * page.width + x))..<(3 * (y * page.width + x) + 3)]) }
        // Along the vertical seam near the top: red (confidence 0).
        let red = pixel(48, 2)
        #expect(red[0] > 190 && red[1] < 90 && red[2] < 90)
        // Along the horizontal seam, right half, far from its label: yellow (at the threshold).
        let yellow = pixel(52, 48)
        #expect(yellow[0] > 190 && yellow[1] > 160 && yellow[2] < 60)
        // Away from every seam: the page as it was.
        #expect(pixel(10, 70) == [255, 255, 255])
        #expect(pixel(48, 80) == [255, 255, 255])
        // The labels: black digits in a white box at the middle of each seam.
        let box = (0..<96).flatMap { y in (0..<96).map { x in (x, y) } }.filter { pixel($0.0, $0.1) == [0, 0, 0] }
        #expect(box.contains { abs($0.0 - 48) < 12 && abs($0.1 - 24) < 12 })
        #expect(box.contains { abs($0.0 - 72) < 12 && abs($0.1 - 48) < 12 })
        #expect(ReviewPicture.colour(confidence: 0, threshold: 0.25) == (220, 30, 30))
        #expect(ReviewPicture.colour(confidence: 1, threshold: 0.25) == (240, 200, 0))
    }

    @Test func colourPiecesAreDrawnInColour() throws {
        // Two colour pieces (blue, green) and a gray one, 16 x 16; the solvers see their luma.
        func piece(_ name: String, _ rgb: (UInt8, UInt8, UInt8)?) -> Piece {
            guard let rgb else { return Piece(name: name, image: GrayImage(width: 16, height: 16, fill: 90)) }
            let colour = RGBImage(width: 16, height: 16, fill: rgb)
            return Piece(name: name, image: colour.luma, scan: colour.luma, colour: colour, paper: nil)
        }
        let pieces = PieceSet(pieces: [piece("0", (0, 0, 200)), piece("1", (0, 160, 0)), piece("2", nil)])
        let place = DoubtfulPlace(number: 1, page: 0, lines: [SeamLine(.leftRight, at: 1, span: 0..<1)], confidence: 0, label: "0|1")
        let page = try #require(try ReviewPicture.render(Layout(rows: [["0", "1", "2"]]), pieces: pieces, places: [place],
                                                        threshold: 0.25).first)
        #expect(page.width == 48 && page.height == 16)
        func pixel(_ x: Int, _ y: Int) -> [UInt8] { Array(page.pixels[(3 * (y * page.width + x))..<(3 * (y * page.width + x) + 3)]) }
        #expect(pixel(2, 14) == [0, 0, 200])
        #expect(pixel(30, 14) == [0, 160, 0])
        #expect(pixel(44, 14) == [90, 90, 90])
        // The seam's mark is still drawn over it.
        let red = pixel(16, 0)
        #expect(red[0] > 150 && red[2] < 90)
    }

    @Test func onePicturePerPage() throws {
        let pieces = flatPieces([255, 0], width: 8, height: 8)
        let layout = Layout(pages: [.init(rows: [["0"]]), .init(rows: [["1"]])])
        let pages = try ReviewPicture.render(layout, pieces: pieces, places: [], threshold: 0.25)
        #expect(pages.map(\.pixels) == [RGBImage(GrayImage(width: 8, height: 8, fill: 255)).pixels,
                                        RGBImage(GrayImage(width: 8, height: 8, fill: 0)).pixels])
    }
}

@Suite struct PageOverviewTests {
    @Test func seamsAreMarkedDashedAndNumbersStandBesideThem() {
        // 2 x 1 pieces of 20 x 20: dark left, paper right; shown at full size (40 columns, 10 lines).
        var page = GrayImage(width: 40, height: 20)
        for y in 0..<20 { for x in 0..<20 { page[x, y] = 0 } }
        let place = DoubtfulPlace(number: 3, page: 0, lines: [SeamLine(.leftRight, at: 1, span: 0..<1)], confidence: 0, label: "0|1")
        let overview = PageOverview.make(page, cellWidth: 20, cellHeight: 20, places: [place], columns: 40, lines: 10)
        #expect(overview.width == 40 && overview.lines.count == 10)
        #expect(overview.lines[0][5].top == 0 && overview.lines[0][30].bottom == 255)
        let marked = (0..<10).filter { overview.lines[$0][20].place == 0 && overview.lines[$0][20].seam == .leftRight }
        #expect(marked == [0, 2, 4, 6, 8])
        let labelled = overview.lines.enumerated().flatMap { l, cells in
            cells.enumerated().compactMap { c, cell in cell.character.map { (l, c, $0) } }
        }
        #expect(labelled.count == 1)
        #expect(labelled.first.map { $0.1 == 21 && $0.2 == "3" && abs($0.0 - 4) <= 1 } == true)
        #expect(overview.unlabelled.isEmpty)
    }

    @Test func theWholePageFitsAndCrowdedNumbersKeepApart() {
        let page = GrayImage(width: 1000, height: 200)
        // 24 seams 8 px apart on a 1000-px page shown 50 wide: less than one column apart.
        let places = (0..<24).map { k in
            DoubtfulPlace(number: k + 1, page: 0, lines: [SeamLine(.leftRight, at: k + 1, span: 0..<1)], confidence: 0, label: "\(k)")
        }
        let overview = PageOverview.make(page, cellWidth: 8, cellHeight: 200, places: places, columns: 50, lines: 30)
        #expect(overview.width == 50 && overview.lines.count == 5)
        var numbersSeen = 0
        for cells in overview.lines {
            var lastEnd: Int? = nil
            var k = 0
            while k < cells.count {
                if cells[k].character != nil {
                    var end = k
                    while end + 1 < cells.count, cells[end + 1].character != nil, cells[end + 1].place == cells[k].place { end += 1 }
                    if let lastEnd { #expect(k - lastEnd >= 2, "two numbers touch") }
                    lastEnd = end
                    numbersSeen += 1
                    k = end + 1
                } else { k += 1 }
            }
        }
        #expect(numbersSeen + overview.unlabelled.count == 24)
        #expect(!overview.unlabelled.isEmpty)
        #expect(overview.unlabelled.first! > 0)  // the weakest place gets its number first
    }
}

@Suite struct PlacePicturesTests {
    let strip = Layout(rows: [["a", "b", "c", "d", "e", "f"]])

    @Test func anAlternativeMovesItsRunBesideTheAnchor() {
        let after = PlacePictures.joinOptions(proposed: .init("b", "c", .leftRight), alternatives: [.init("b", "e", .leftRight)], in: strip)
        #expect(after.count == 2)
        #expect(after[0].layout == strip)
        #expect(after[1].layout.pages[0].rows == [["a", "b", "e", "f", "c", "d"]])
        let before = PlacePictures.joinOptions(proposed: .init("c", "d", .leftRight), alternatives: [.init("a", "d", .leftRight)], in: strip)
        #expect(before[1].layout.pages[0].rows == [["c", "b", "a", "d", "e", "f"]])
        // Every option's seam is where the question's is.
        #expect(after.allSatisfy { $0.seams == [SeamLine(.leftRight, at: 2, span: 0..<1)] })
        // In a grid, down a column; every piece stays on the page once.
        let grid = Layout(rows: [["a", "b"], ["c", "d"], ["e", "f"]])
        let down = PlacePictures.joinOptions(proposed: .init("a", "c", .topBottom), alternatives: [.init("a", "f", .topBottom)], in: grid)
        #expect(down[1].layout.pages[0].rows == [["a", "b"], ["f", "d"], ["e", "c"]])
        #expect(Set(down[1].layout.names) == Set(grid.names))
        // A join the layout does not hold has no options.
        #expect(PlacePictures.joinOptions(proposed: .init("a", "c", .leftRight), alternatives: [], in: strip).isEmpty)
    }

    @Test func thePictureIsCentredOnTheSeamAndMarksIt() throws {
        let pieces = flatPieces([0, 255], width: 30, height: 30)
        let option = PlaceOption(layout: Layout(rows: [["0", "1"]]), page: 0, seams: [SeamLine(.leftRight, at: 1, span: 0..<1)])
        let picture = try #require(try PlacePictures.make([option], pieces: pieces, width: 20, height: 30, scale: 0.5).first)
        #expect(picture.image.width == 20 && picture.image.height == 30)
        #expect((picture.x, picture.width) == (10, 40))
        #expect(picture.marks == [.init(direction: .leftRight, at: 10, span: 8..<23)])
        #expect(picture.image[9, 15] == 0 && picture.image[10, 15] == 255)
        // Beyond the page: paper.
        #expect(picture.image[10, 0] == 255 && picture.image[0, 2] == 255)
    }

    @Test func alongALongSeamTheWindowGoesWhereTheInkIs() throws {
        // Two tall strips; ink beside the seam only at rows 300-311.
        var left = GrayImage(width: 16, height: 600), right = GrayImage(width: 16, height: 600)
        for y in 300..<312 { left[15, y] = 0; right[0, y] = 0 }
        let pieces = PieceSet(pieces: [Piece(name: "l", image: left), Piece(name: "r", image: right)])
        let option = PlaceOption(layout: Layout(rows: [["l", "r"]]), page: 0, seams: [SeamLine(.leftRight, at: 1, span: 0..<1)])
        let picture = try #require(try PlacePictures.make([option], pieces: pieces, width: 32, height: 40, scale: 1).first)
        #expect(picture.y <= 300 && picture.y + picture.height >= 312)
        #expect(picture.image.pixels.contains(0))
    }

    @Test func blockRowShiftAndPieceOptions() {
        let grid = Layout(rows: [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"], ["j", "k", "l"]])
        // Rows 2-3 after row 0: the seam is the block's top, all across.
        let blocks = PlacePictures.blockOptions(page: 0, after: 0, blocks: [1..<2, 2..<4, 0..<1], in: grid)
        #expect(blocks.count == 2)  // a block holding row 0 itself is no answer
        #expect(blocks[0].layout == grid)
        #expect(blocks[1].layout.pages[0].rows.map { $0[0] } == ["a", "g", "j", "d"])
        #expect(blocks[1].seams == [SeamLine(.topBottom, at: 1, span: 0..<3)])
        // Row 1 shifted one to the right, the last piece round to the front; seams above and below.
        let shifts = PlacePictures.rowShiftOptions(page: 0, row: 1, shifts: [0, 1, -1], in: grid)
        #expect(shifts.map { $0.layout.pages[0].rows[1] } == [["d", "e", "f"], ["f", "d", "e"], ["e", "f", "d"]])
        #expect(shifts[1].seams == [SeamLine(.topBottom, at: 1, span: 0..<3), SeamLine(.topBottom, at: 2, span: 0..<3)])
        // A piece for the corner cell: swapped in; the seams are the two sides inside the page.
        let corner = PlacePictures.pieceOptions(page: 0, row: 0, column: 0, candidates: ["k", "zz"], in: grid)
        #expect(corner.count == 1)
        #expect(corner[0].layout.pages[0].rows[0] == ["k", "b", "c"] && corner[0].layout.pages[0].rows[3] == ["j", "a", "l"])
        #expect(corner[0].seams == [SeamLine(.leftRight, at: 1, span: 0..<1), SeamLine(.topBottom, at: 1, span: 0..<1)])
    }

    @Test func anOptionFromItsJoinsOrItsCells() throws {
        let grid = Layout(rows: [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]])
        let joined = try #require(PlaceOption(layout: grid, page: 0, joins: [.init("d", "g", .topBottom), .init("e", "h", .topBottom),
                                                                              .init("a", "i", .leftRight)]))
        #expect(joined.seams == [SeamLine(.topBottom, at: 2, span: 0..<1), SeamLine(.topBottom, at: 2, span: 1..<2)])
        // No join held: the outline of the cells, inside the page.
        let cells = try #require(PlaceOption(layout: grid, page: 0, joins: [.init("a", "i", .leftRight)], rows: 0...1, columns: 1...1))
        #expect(cells.seams == [SeamLine(.leftRight, at: 1, span: 0..<2), SeamLine(.leftRight, at: 2, span: 0..<2),
                                SeamLine(.topBottom, at: 2, span: 1..<2)])
        #expect(PlaceOption(layout: grid, page: 0, joins: []) == nil)
        #expect(PlaceOption(layout: grid, page: 1, joins: [.init("a", "b", .leftRight)]) == nil)
    }

    @Test func aCellsPictureIsCentredOnTheCell() throws {
        let pieces = flatPieces([255, 0, 255, 255, 255, 255, 255, 255, 255], width: 10, height: 10)
        let grid = Layout(rows: [["0", "2", "3"], ["4", "1", "5"], ["6", "7", "8"]])
        let option = try #require(PlacePictures.pieceOptions(page: 0, row: 1, column: 1, candidates: ["1"], in: grid).first)
        let picture = try #require(try PlacePictures.make([option], pieces: pieces, width: 20, height: 20, scale: 1).first)
        #expect((picture.x, picture.y) == (5, 5))
        #expect(picture.image[10, 10] == 0 && picture.image[2, 2] == 255)
        #expect(picture.marks.count == 4)
    }

    @Test func linePitchOfRuledLines() {
        var page = GrayImage(width: 50, height: 600)
        for y in stride(from: 10, to: 600, by: 30) { for x in 0..<50 { page[x, y] = 0; page[x, y + 1] = 0 } }
        #expect(PlacePictures.linePitch(page) == 30)
        #expect(PlacePictures.linePitch(GrayImage(width: 50, height: 600)) == nil)
    }
}
