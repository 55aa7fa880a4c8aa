import Foundation
import Testing
@testable import UnshredKit

/// Finding the paper of a piece (background, transparency) and the solvers' view of
/// strips of unequal size.
@Suite struct PaperTests {
    /// A `width x height` colour strip on a background: row y's paper is `spans[y]`,
    /// cream with a dark stroke at its left edge every 4th row (ink touching the cut).
    static func strip(width: Int, spans: [Range<Int>], background: (UInt8, UInt8, UInt8) = (0, 0, 0)) -> RGBImage {
        var image = RGBImage(width: width, height: spans.count, fill: background)
        for (y, span) in spans.enumerated() {
            for x in span {
                let ink = y % 4 == 0 && x < span.lowerBound + 2
                let value: (UInt8, UInt8, UInt8) = ink ? (20, 20, 60) : (240, 235, 220)
                image.pixels[3 * (y * width + x)] = value.0
                image.pixels[3 * (y * width + x) + 1] = value.1
                image.pixels[3 * (y * width + x) + 2] = value.2
            }
        }
        return image
    }

    @Test func darkBackgroundIsFoundRowByRow() throws {
        // A slanted strip with a wavy edge: paper 12 ..< 30 at the top, drifting right.
        let spans = (0..<90).map { y in (12 + y / 10 + (y % 7 == 0 ? 1 : 0))..<(30 + y / 10) }
        let colour = Self.strip(width: 48, spans: spans)
        let mask = try #require(PaperFinder.find(gray: colour.luma, colour: colour))
        #expect(mask.leftEdge == spans.map(\.lowerBound) && mask.rightEdge == spans.map(\.upperBound))
        // A blue background too, and with the gray only.
        let blue = Self.strip(width: 48, spans: spans, background: (30, 60, 160))
        #expect(PaperFinder.find(gray: blue.luma, colour: blue)?.leftEdge == spans.map(\.lowerBound))
        #expect(PaperFinder.find(gray: colour.luma, colour: nil)?.rightEdge == spans.map(\.upperBound))
    }

    @Test func paperToTheBorderHasNoBackground() throws {
        // Cropped to the paper: the border is paper (and some ink), nothing to remove.
        let colour = Self.strip(width: 30, spans: Array(repeating: 0..<30, count: 90))
        #expect(PaperFinder.find(gray: colour.luma, colour: colour) == nil)
        // The CUMCM pieces, gray and cropped, have none either.
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(1))
        #expect(pieces.pieces.allSatisfy { $0.paper == nil && $0.colour == nil && $0.scan == $0.image })
        #expect(pieces.isPlain)
    }

    @Test func transparencyIsNotPaper() throws {
        var alpha = GrayImage(width: 6, height: 3, fill: 255)
        alpha[0, 1] = 0; alpha[5, 1] = 10; alpha[4, 2] = 0; alpha[5, 2] = 0
        let mask = try #require(PaperFinder.find(alpha: alpha))
        #expect(mask.leftEdge == [0, 1, 0] && mask.rightEdge == [6, 5, 4])
        #expect(PaperFinder.find(alpha: GrayImage(width: 4, height: 4, fill: 200)) == nil)
    }

    @Test func maskFormsAndOverlap() {
        let a = PaperMask(width: 4, height: 2, leftEdge: [1, 0], rightEdge: [3, 0])
        #expect(a.image.pixels == [0, 255, 255, 0, 0, 0, 0, 0])
        #expect(a.paperRows == 1 && a.area == 2 && a.medianWidth == 2 && !a.isFull)
        let b = PaperMask(width: 4, height: 2, leftEdge: [2, 0], rightEdge: [4, 0])
        #expect(a.intersectionOverUnion(b) == 1.0 / 3.0)
        #expect(PaperMask.full(width: 4, height: 2).isFull)
    }

    // MARK: the solvers' view

    /// A strip piece: gray = the column index + 100 in its paper, background 0.
    static func piece(_ name: String, width: Int, spans: [Range<Int>]) -> Piece {
        var colour = RGBImage(width: width, height: spans.count, fill: (0, 0, 0))
        for (y, span) in spans.enumerated() {
            for x in span { for c in 0..<3 { colour.pixels[3 * (y * width + x) + c] = UInt8(100 + x - span.lowerBound) } }
        }
        colour.pixels[0] = 1  // not all gray
        return PieceLoader.piece(named: name, DecodedImage(gray: colour.luma, colour: colour))
    }

    @Test func stripsOfUnequalSizeAreSeenAtOneSizeWithTheirEdgesAtTheEnds() throws {
        let spans: [[Range<Int>]] = [
            (0..<100).map { y in (3 + y / 20)..<(33 + y / 20) },   // 30 wide, slanted
            (0..<98).map { _ in 2..<30 },                          // 28 wide, 2 rows short
            (0..<100).map { y in 5..<(36 + y % 2) },               // 31-32 wide, torn
        ]
        let pieces = zip(["a", "b", "c"], spans).map { Self.piece($0, width: 40, spans: $1) }
        #expect(pieces.allSatisfy { $0.paper != nil && $0.scan[0, 50] == 255 })  // background painted as paper
        let seen = try SolverView.prepare(pieces, folder: "f")
        #expect(seen.allSatisfy { $0.image.width == 30 && $0.image.height == 100 })
        for (piece, spans) in zip(seen, spans) {
            for (y, span) in spans.enumerated() {
                // Column 0 and 1: the left paper edge and the pixel inside; likewise at the right.
                #expect(piece.image[0, y] == 100 && piece.image[1, y] == 101)
                #expect(piece.image[29, y] == UInt8(100 + span.count - 1) && piece.image[28, y] == UInt8(100 + span.count - 2))
            }
        }
        #expect(seen[1].image.row(99).allSatisfy { $0 == 255 })  // below the short strip: paper
    }

    @Test func equalPiecesWithoutMasksAreSeenAsScanned() throws {
        let pieces = (0..<3).map { Piece(name: "\($0)", image: GrayImage(width: 5, height: 40, fill: UInt8(9 * $0))) }
        #expect(try SolverView.prepare(pieces, folder: "f") == pieces)
    }

    @Test func absurdOrNonStripSizesAreRefused() throws {
        let wide = Self.piece("wide", width: 90, spans: Array(repeating: 0..<90, count: 300))
        let normal = (0..<3).map { Self.piece("n\($0)", width: 30, spans: Array(repeating: 0..<30, count: 300)) }
        #expect { try SolverView.prepare(normal + [wide], folder: "f") } throws: { error in
            "\(error)".hasPrefix("f: strips differ too much in size to be one page's: the tallest is 300 px and most are 30 px wide (paper), but not wide (90 x 300)")
        }
        let short = Self.piece("short", width: 30, spans: Array(repeating: 0..<30, count: 200))
        #expect { try SolverView.prepare(normal + [short], folder: "f") } throws: { error in
            "\(error)".contains("but not short (30 x 200)")
        }
        let squares = [Piece(name: "a", image: GrayImage(width: 30, height: 30)), Piece(name: "b", image: GrayImage(width: 31, height: 30))]
        #expect { try SolverView.prepare(squares, folder: "f") } throws: { error in
            "\(error)" == "f: pieces differ in size: most are 30 x 30, but not b (31 x 30); pieces of unequal size are read as strips only (at least 3 times as tall as wide)"
        }
    }

    @Test func syntheticDarkStripsMatchTheirTrueMasks() throws {
        // fixtures/strips/dark: JPEG strips on black with torn, sheared edges, and their true masks.
        let folder = Fixtures.root + "/strips/dark"
        let set = try TestSet.load(folder)
        for piece in set.pieces.pieces {
            let truth = try ImageFile.read("\(folder)/masks/\(piece.name).png")
            let paper = try #require(piece.paper)
            var both = 0, either = 0
            for y in 0..<truth.height {
                for x in 0..<truth.width {
                    let t = truth[x, y] >= 128, f = paper.isPaper(x: x, y: y)
                    both += t && f ? 1 : 0
                    either += t || f ? 1 : 0
                }
            }
            #expect(Double(both) / Double(either) > 0.995, "\(piece.name): IoU \(Double(both) / Double(either))")
        }
    }
}
