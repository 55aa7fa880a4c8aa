import Foundation
import Testing
@testable import UnshredKit

/// Composing pages from the pieces as scanned: colour, masks, strips of unequal size.
@Suite struct ComposeTests {
    @Test func plainGraySetsComposeExactlyAsBefore() throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(1))
        let truth = try Fixtures.truth(1)
        #expect(try PageAssembler.compose(truth, pieces: pieces) == PageAssembler.assemble(truth, pieces: pieces).map(PageImage.gray))
    }

    @Test func colourStripsOfUnequalWidthComposeInColourSideBySide() throws {
        let set = try TestSet.load(Fixtures.root + "/strips/white")
        #expect(set.pieces.hasColour && !set.pieces.isPlain)
        let pages = try PageAssembler.compose(set.truth, pieces: set.pieces)
        guard case let .colour(page)? = pages.first else { Issue.record("not a colour page"); return }
        let widths = set.truth.names.map { name in set.pieces.pieces.first { $0.name == name }!.scan.width }
        #expect(page.width == widths.reduce(0, +))
        #expect(page.height == set.pieces.pieces.map(\.scan.height).max())
        // Each strip's pixels stand where the strips before it end.
        var x = 0
        for name in set.truth.names {
            let piece = set.pieces.pieces.first { $0.name == name }!
            let colour = try #require(piece.colour)
            for y in [0, piece.scan.height / 2, piece.scan.height - 1] {
                #expect(Array(page.pixels[(3 * (y * page.width + x))..<(3 * (y * page.width + x) + 3 * colour.width)])
                        == Array(colour.pixels[(3 * y * colour.width)..<(3 * (y + 1) * colour.width)]), "\(name) row \(y)")
            }
            x += colour.width
        }
    }

    @Test func backgroundIsNotPaintedOverNeighbours() throws {
        // Two strips whose paper interlocks along a slanted cut; each has a black margin.
        func strip(_ spans: [Range<Int>], value: UInt8) -> Piece {
            var colour = RGBImage(width: 20, height: spans.count, fill: (0, 0, 0))
            for (y, span) in spans.enumerated() {
                for x in span { colour.pixels[3 * (y * 20 + x)] = value; colour.pixels[3 * (y * 20 + x) + 1] = value; colour.pixels[3 * (y * 20 + x) + 2] = 255 }
            }
            return PieceLoader.piece(named: "\(value)", DecodedImage(gray: colour.luma, colour: colour))
        }
        let a = strip((0..<60).map { y in 2..<(12 + y / 10) }, value: 200)
        let b = strip((0..<60).map { y in (3 + y / 10)..<15 }, value: 100)
        #expect(a.paper != nil && b.paper != nil)
        let pieces = PieceSet(pieces: [a, b])
        let pages = try PageAssembler.compose(Layout(rows: [[a.name, b.name]]), pieces: pieces)
        guard case let .colour(page)? = pages.first else { Issue.record("not a colour page"); return }
        // b's left edge meets a's right edge in every row: 2 + 10 + 12 = 24 px of paper, no black.
        #expect(page.width == 22 && page.height == 60)
        for y in 0..<60 {
            let right = 10 + y / 10  // a's paper: 0 ..< right on the page
            for x in 0..<page.width {
                let red = page.pixels[3 * (y * page.width + x)]
                #expect(red == (x < right ? 200 : 100), "row \(y) x \(x)")
            }
        }
    }

    @Test func maskedGrayPiecesComposeInGray() throws {
        var alpha = GrayImage(width: 4, height: 12, fill: 255)
        for y in 0..<12 { alpha[3, y] = 0 }
        let scan = GrayImage(width: 4, height: 12, fill: 10)
        let piece = PieceLoader.piece(named: "p", DecodedImage(gray: scan, alpha: alpha))
        let other = Piece(name: "q", image: GrayImage(width: 4, height: 12, fill: 50))
        let pages = try PageAssembler.compose(Layout(rows: [["p", "q"]]), pieces: PieceSet(pieces: [piece, other]))
        guard case let .gray(page)? = pages.first else { Issue.record("not a gray page"); return }
        // p's transparent last column is not paper: q stands right after p's paper.
        #expect(page.width == 7 && page.row(0) == [10, 10, 10, 50, 50, 50, 50])
    }
}
