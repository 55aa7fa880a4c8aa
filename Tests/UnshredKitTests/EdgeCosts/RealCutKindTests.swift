import Foundation
import Testing
@testable import UnshredKit

/// Which kind a strip is read as, and where its band starts (`RealCutKind`), on strips
/// the tests draw: white paper with straight (blade) cuts laid on a coloured sheet with
/// the edge pixels paper and sheet mixed, as a scanner sees them, then cut out by
/// `unshred extract`; and torn strips with wavy edges.
@Suite struct RealCutKindTests {
    static let paper: (UInt8, UInt8, UInt8) = (250, 248, 244)

    /// `pieces` laid on a `sheet` scan, piece k centred at `centres[k]` and turned
    /// clockwise by `angles[k]` degrees; each scan pixel is the mean of 4 x 4 samples,
    /// so a pixel the cut crosses is paper and sheet in proportion. Seeded noise of +-3.
    static func layMixed(_ pieces: [RGBImage], width: Int, height: Int, sheet: (UInt8, UInt8, UInt8),
                         centres: [(Double, Double)], angles: [Double]) -> RGBImage {
        var image = RGBImage(width: width, height: height, fill: sheet)
        let sub = 4
        for (k, piece) in pieces.enumerated() {
            let (cx, cy) = centres[k]
            let t = angles[k] * .pi / 180, c = cos(t), s = sin(t)
            let reach = Double(piece.width + piece.height) / 2 + 2
            for y in max(0, Int(cy - reach))..<min(height, Int(cy + reach)) {
                for x in max(0, Int(cx - reach))..<min(width, Int(cx + reach)) {
                    var sum = (0.0, 0.0, 0.0), covered = 0
                    for sy in 0..<sub {
                        for sx in 0..<sub {
                            let dx = Double(x) + (Double(sx) + 0.5) / Double(sub) - cx
                            let dy = Double(y) + (Double(sy) + 0.5) / Double(sub) - cy
                            let u = c * dx + s * dy + Double(piece.width) / 2, v = -s * dx + c * dy + Double(piece.height) / 2
                            guard u >= 0, v >= 0, u < Double(piece.width), v < Double(piece.height) else { continue }
                            let i = 3 * (Int(v) * piece.width + Int(u))
                            sum.0 += Double(piece.pixels[i]); sum.1 += Double(piece.pixels[i + 1]); sum.2 += Double(piece.pixels[i + 2])
                            covered += 1
                        }
                    }
                    guard covered > 0 else { continue }
                    let n = Double(sub * sub), a = Double(covered) / n, o = 3 * (y * width + x)
                    let mixed = [sum.0, sum.1, sum.2].enumerated().map { ch, v in v / n + (1 - a) * Double(image.pixels[o + ch]) }
                    for ch in 0..<3 { image.pixels[o + ch] = UInt8(min(255, max(0, mixed[ch].rounded()))) }
                }
            }
        }
        var rng = SeededRandom(seed: 5)
        for i in 0..<image.pixels.count {
            image.pixels[i] = UInt8(max(0, min(255, Int(image.pixels[i]) + Int(rng.next() % 7) - 3)))
        }
        return image
    }

    /// The strips of a made-up page laid apart on `sheet` with edges mixed, cut out by
    /// `unshred extract` and loaded as its RGBA pieces are; each with the page column its
    /// left cut was at.
    static func extractedWhiteStrips(sheet: (UInt8, UInt8, UInt8), seed: UInt64) throws -> (pieces: PieceSet, page: RGBImage, cuts: [Int]) {
        let page = SyntheticScan.page(width: 300, height: 320, seed: seed)
        let strips = SyntheticScan.strips(of: page, count: 6)
        let angles = [0.7, -1.3, 2.1, -0.4, 1.6, -2.3]
        var centres: [(Double, Double)] = [], x = 30.0
        for strip in strips {
            centres.append((x + Double(strip.width) / 2 + 0.37, 200.3))
            x += Double(strip.width) + 33
        }
        let scan = layMixed(strips, width: Int(x) + 30, height: 400, sheet: sheet, centres: centres, angles: angles)
        let e = try ScanExtractor.extract(scan, path: "white.png")
        #expect(e.pieces.count == strips.count, "\(e.pieces.count) strips found, 6 laid")
        let pieces = e.pieces.map { p in
            PieceLoader.piece(named: p.name, DecodedImage(gray: p.colour.luma, colour: p.colour, alpha: p.alpha))
        }
        // Pieces are numbered left to right, as laid: strip k is the k-th.
        return (PieceSet(pieces: pieces), page, (0..<strips.count).map { $0 * strips[0].width })
    }

    /// White strips with straight cuts, cut out of a scan, are read as the white kind
    /// (the dark kind is fitted to torn edges), and each row's band starts on clean paper,
    /// not on the outermost pixel the cut crosses (paper and sheet mixed): on the rows
    /// where the page is blank paper near the cut, the band's first columns read as
    /// little ink as the paper itself.
    @Test(arguments: [("black", (18, 18, 20)), ("blue", (38, 72, 158)), ("green", (58, 146, 84))] as [(String, (UInt8, UInt8, UInt8))])
    func whiteStripsCutOutOfAScanAreReadAsWhiteFromCleanPaper(sheet: (String, (UInt8, UInt8, UInt8))) throws {
        let (pieces, page, cuts) = try Self.extractedWhiteStrips(sheet: sheet.1, seed: 31)
        let strips = RealCutMeasure.strips(pieces)
        #expect(strips.allSatisfy { !$0.dark }, "\(sheet.0): \(strips.filter(\.dark).count) of \(strips.count) strips read as torn (dark)")
        #expect(RealCutMeasure.kind(strips) == .white)
        let gray = page.luma, paperInk = 1 - Float(0.299 * 250 + 0.587 * 248 + 0.114 * 244) / 255
        let k = RealCutMeasure.band
        var read: [Float] = [], fromMixed: [Float] = []
        for (index, strip) in strips.enumerated() {
            // Rows whose page columns 3 px either side of the strip's two cuts are blank paper.
            let width = page.width / strips.count, left = cuts[index], right = cuts[index] + width - 1
            let blank = (8..<(min(strip.height, page.height) - 8)).filter { y in
                (-3...3).allSatisfy { d in
                    [left + d, right + d].allSatisfy { x in x < 0 || x >= page.width || gray[x, y] > 240 }
                }
            }
            #expect(blank.count > 40, "strip \(index): \(blank.count) blank rows to read")
            guard !blank.isEmpty else { continue }
            // The same strip read from its outermost paper pixel, for comparison.
            let piece = pieces[index]
            let mixed = RealCutKind.strip(gray: RealCutMeasure.luma(piece.colour!), paper: piece.paper, skip: 0)
            for (band, mixedBand) in [(strip.left, mixed.left), (strip.right, mixed.right)] {
                read.append(blank.map { band[$0 * k] }.reduce(0, +) / Float(blank.count))
                fromMixed.append(blank.map { mixedBand[$0 * k] }.reduce(0, +) / Float(blank.count))
            }
        }
        // Mean ink of the bands' outer column over both sides of every strip: read from
        // the blended pixel it is 0.1-0.3 above the paper's on these sheets.
        let outer = read.reduce(0, +) / Float(max(1, read.count)), outerMixed = fromMixed.reduce(0, +) / Float(max(1, fromMixed.count))
        #expect(outer < paperInk + 0.03, "\(sheet.0): the bands' outer column reads ink \(outer) on blank rows (paper \(paperInk))")
        #expect(outerMixed > paperInk + 0.04, "\(sheet.0): read from the outermost paper pixel it reads \(outerMixed): no mixing to tell")
    }

    /// A strip of paper on black whose long edges wave by `amplitude` px (torn), as a
    /// piece loaded from a JPEG-like scan (no alpha) and as an RGBA cut-out.
    static func tornStrip(amplitude: Double, name: String) -> (onBlack: Piece, cutOut: Piece) {
        let w = 60, h = 400
        var colour = RGBImage(width: w, height: h, fill: (12, 12, 12))
        var alpha = GrayImage(width: w, height: h, fill: 0)
        for y in 0..<h {
            let l = 10 + Int((amplitude * sin(Double(y) / 9)).rounded()), r = 50 + Int((amplitude * cos(Double(y) / 7)).rounded())
            for x in l..<r {
                let ink: UInt8 = (y / 12) % 3 == 0 && x % 5 < 2 ? 60 : 245
                colour.dot(x, y, (ink, ink, ink))
                alpha.pixels[y * w + x] = 255
            }
        }
        let onBlack = PieceLoader.piece(named: name + "-1", DecodedImage(gray: colour.luma, colour: colour))
        let cutOut = PieceLoader.piece(named: name + "-2", DecodedImage(gray: colour.luma, colour: colour, alpha: alpha))
        return (onBlack, cutOut)
    }

    /// Torn strips stay the dark kind, whether their background is in the image or transparent;
    /// the same strips cut straight are white.
    @Test func tornEdgesAreDarkStraightEdgesWhite() {
        let torn = Self.tornStrip(amplitude: 3, name: "a-torn"), straight = Self.tornStrip(amplitude: 0, name: "b-straight")
        let set = PieceSet(pieces: [torn.onBlack, torn.cutOut, straight.onBlack, straight.cutOut])
        #expect(set.names == ["a-torn-1", "a-torn-2", "b-straight-1", "b-straight-2"])
        #expect(RealCutMeasure.strips(set).map(\.dark) == [true, true, false, false])
        #expect(RealCutKind.edgeResidual(torn.cutOut.paper!)! > 2 * RealCutKind.straightEdge)
        #expect(RealCutKind.edgeResidual(straight.cutOut.paper!)! < 0.1)
    }

    /// A slanted straight edge is straight: the residual is from the fitted line, not from upright.
    @Test func aSlantedStraightEdgeIsStraight() {
        let w = 80, h = 600
        let left = (0..<h).map { 10 + $0 / 60 }, right = (0..<h).map { 60 + $0 / 60 }
        let mask = PaperMask(width: w, height: h, leftEdge: left, rightEdge: right)
        #expect(RealCutKind.edgeResidual(mask)! < RealCutKind.straightEdge)
        // Waves of 2 px are not.
        let wavy = PaperMask(width: w, height: h, leftEdge: left.enumerated().map { $1 + ($0 / 20) % 2 * 3 },
                             rightEdge: right)
        #expect(RealCutKind.edgeResidual(wavy)! > RealCutKind.straightEdge)
    }
}
