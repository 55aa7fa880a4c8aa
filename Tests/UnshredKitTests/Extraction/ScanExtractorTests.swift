import Foundation
import Testing
@testable import UnshredKit

/// Extraction on scans the tests draw: strips and cross-cut pieces of a made-up page,
/// turned, laid on coloured and dark sheets, some touching.
@Suite struct ScanExtractorTests {
    static let sheets: [(String, (UInt8, UInt8, UInt8))] = [
        ("black", (18, 18, 20)), ("blue", (38, 72, 158)), ("yellow", (246, 204, 74)), ("green", (58, 146, 84)),
    ]

    /// Every placed piece found exactly once, where it lies, turned back by its angle,
    /// its content the strip's (compared shifted by up to `shift` px across: a cut along a
    /// seam may fall a pixel or two off the true edge).
    static func checkFound(_ e: ScanExtraction, _ scan: SyntheticScan, angleTolerance: Double = 0.35, shift: Int = 0) {
        #expect(e.pieces.count == scan.placed.count, "\(e.pieces.count) pieces found, \(scan.placed.count) laid")
        for placed in scan.placed {
            let near = e.pieces.filter { abs($0.centreX - placed.centreX) < 6 && abs($0.centreY - placed.centreY) < 6 }
            #expect(near.count == 1, "piece \(placed.index) at (\(placed.centreX), \(placed.centreY)) found \(near.count) times")
            guard let p = near.first else { continue }
            #expect(abs(p.angle + placed.angle) < angleTolerance, "piece \(placed.index): turned by \(p.angle), laid at \(placed.angle)")
            #expect(abs(p.colour.width - placed.width) <= 4 && abs(p.colour.height - placed.height) <= 4,
                    "piece \(placed.index): \(p.colour.width) x \(p.colour.height), was \(placed.width) x \(placed.height)")
            // Its content is its own piece's: closer to it than to any other piece laid.
            let own = scan.placed.firstIndex { $0.index == placed.index }!
            func difference(_ k: Int) -> Double? {
                (-shift...shift).compactMap { innerDifference(p.colour, scan.pieces[k], inset: 4, dx: $0) }.min()
            }
            if let d = difference(own) {
                let others = scan.pieces.indices.filter { $0 != own }.compactMap(difference)
                #expect(d < 40 && d < 0.8 * (others.min() ?? .infinity),
                        "piece \(placed.index): differs by \(d) gray levels from its own content, \(others.min() ?? -1) from the nearest other")
            } else {
                Issue.record("piece \(placed.index): size \(p.colour.width) x \(p.colour.height) too far from \(placed.width) x \(placed.height)")
            }
        }
    }

    @Test(arguments: 0..<4)
    func stripsOnEachSheetAreFoundTurnedAndCut(sheet: Int) throws {
        let page = SyntheticScan.page(width: 480, height: 360, seed: UInt64(sheet + 1))
        let strips = SyntheticScan.strips(of: page, count: 8)
        var rng = SeededRandom(seed: UInt64(40 + sheet))
        let order = Array(0..<8).shuffled(using: &rng)
        let angles = (0..<8).map { _ in Double(Int(rng.next() % 51) - 25) / 10 }  // -2.5 ... 2.5
        let gaps = (0..<7).map { _ in 15 + Int(rng.next() % 31) }
        let scan = SyntheticScan.row(strips: strips, order: order, angles: angles, gaps: gaps, sheet: Self.sheets[sheet].1)
        let e = try ScanExtractor.extract(scan.image, path: "scan-\(Self.sheets[sheet].0).png")
        Self.checkFound(e, scan)
        #expect(e.pieces.map(\.name) == (1...8).map { String(format: "scan-\(Self.sheets[sheet].0)-%02d", $0) })
        // Left to right.
        #expect(e.pieces.map(\.centreX) == e.pieces.map(\.centreX).sorted())
        // Paper opaque inside, sheet transparent at the corners of a turned piece.
        for p in e.pieces {
            #expect(p.alpha[p.alpha.width / 2, p.alpha.height / 2] == 255)
            if abs(p.angle) > 1 { #expect(p.alpha[0, 0] == 0 || p.alpha[p.alpha.width - 1, 0] == 0) }
        }
    }

    /// The cut-out keeps its paper up to the edge: the real-cut measure reads a strip's
    /// outermost paper columns as the cut (a 2-px trim cost 81 -> 58 % on composed scans).
    @Test(arguments: 0..<4)
    func stripsKeepTheirPaperToTheEdge(sheet: Int) throws {
        let page = SyntheticScan.page(width: 240, height: 300, seed: UInt64(20 + sheet))
        let strips = SyntheticScan.strips(of: page, count: 4)
        let scan = SyntheticScan.row(strips: strips, order: [0, 1, 2, 3], angles: [0, 0, 0, 0], gaps: [20, 30, 25],
                                     sheet: Self.sheets[sheet].1)
        let e = try ScanExtractor.extract(scan.image, path: "edge.png")
        #expect(e.pieces.count == 4)
        for (p, strip) in zip(e.pieces, strips) {
            for y in [p.alpha.height / 4, p.alpha.height / 2, 3 * p.alpha.height / 4] {
                let opaque = (0..<p.alpha.width).filter { p.alpha[$0, y] == 255 }.count
                #expect(abs(opaque - strip.width) <= 1, "\(p.name) row \(y): \(opaque) opaque px, the strip is \(strip.width) wide")
            }
        }
    }

    @Test func stripsTouchingInPlacesAreSplit() throws {
        let page = SyntheticScan.page(width: 360, height: 400, seed: 7)
        let strips = SyntheticScan.strips(of: page, count: 6)
        // Pairs turned towards each other touch at one end: strip 1 leans right (top
        // towards strip 2), strip 2 leans left; a 4 px gap between their upright boxes
        // closes where they lean together.
        let angles = [0.0, 2.0, -2.0, 0.0, 1.5, -1.5]
        let gaps = [25, 2, 25, 25, 2]
        let scan = SyntheticScan.row(strips: strips, order: Array(0..<6), angles: angles, gaps: gaps, sheet: (38, 72, 158))
        let e = try ScanExtractor.extract(scan.image, path: "touching.png")
        Self.checkFound(e, scan, angleTolerance: 0.5)
        let split = e.notes.filter { if case .touchingSplit = $0 { return true } else { return false } }
        #expect(split.count == 2, "\(e.notes)")
    }

    @Test func stripsPressedTogetherAreReported() throws {
        let page = SyntheticScan.page(width: 300, height: 360, seed: 8)
        let strips = SyntheticScan.strips(of: page, count: 5)
        // Strips 2 and 3 lie edge to edge along their whole length.
        let scan = SyntheticScan.row(strips: strips, order: Array(0..<5), angles: [0, 0, 0, 0, 0], gaps: [30, 30, 0, 30], sheet: (58, 146, 84))
        let e = try ScanExtractor.extract(scan.image, path: "pressed.png")
        #expect(e.pieces.count == 4)
        let several = e.pieces.filter(\.maybeSeveral)
        #expect(several.count == 1 && several.first.map { abs($0.centreX - (scan.placed[2].centreX + scan.placed[3].centreX) / 2) < 4 } == true)
        #expect(e.notes.contains(.touchingUnsplit(scan: "pressed.png", piece: several.first?.name ?? "?")))
        // Nothing shows where one strip ends: no seam, no split.
        #expect(!e.notes.contains { if case .pressedSplit = $0 { return true } else { return false } })
    }

    /// Strip `s` with a seam drawn down its left edge: `columns` px `darker` levels
    /// darker (the shadow of an edge lying against the next strip); darker < 0 brightens.
    static func withSeam(_ strip: RGBImage, darker: Int, columns: Int = 3) -> RGBImage {
        var out = strip
        for y in 0..<strip.height {
            for x in 0..<columns {
                for k in 0..<3 {
                    let i = 3 * (y * strip.width + x) + k
                    out.pixels[i] = UInt8(max(0, min(255, Int(out.pixels[i]) - darker)))
                }
            }
        }
        return out
    }

    @Test(arguments: [(0, 28), (1, 22), (2, -18)])
    func stripsPressedTogetherWithASeamAreSplit(sheet: Int, darker: Int) throws {
        let page = SyntheticScan.page(width: 420, height: 420, seed: UInt64(20 + sheet))
        var strips = SyntheticScan.strips(of: page, count: 7)
        // Strips 2 and 3, and 3 and 4, lie edge to edge along their whole length (three
        // pressed together), each later one's edge showing as a faint line; all lean alike.
        strips[3] = Self.withSeam(strips[3], darker: darker)
        strips[4] = Self.withSeam(strips[4], darker: darker)
        let lean = [0.0, 1.2, -0.8, -0.8, -0.8, 0.4, 0.0]
        let scan = SyntheticScan.row(strips: strips, order: Array(0..<7), angles: lean, gaps: [30, 30, 0, 0, 30, 30],
                                     sheet: Self.sheets[sheet].1, seed: UInt64(sheet + 3))
        let e = try ScanExtractor.extract(scan.image, path: "pressed.png")
        Self.checkFound(e, scan, angleTolerance: 0.5, shift: 2)
        #expect(e.pieces.allSatisfy { !$0.maybeSeveral })
        let split = e.notes.compactMap { note -> [String]? in if case let .pressedSplit(_, pieces) = note { return pieces } else { return nil } }
        #expect(split == [["pressed-03", "pressed-04", "pressed-05"]], "\(e.notes)")
    }

    @Test func aWidePieceWithoutASeamIsNotSplit() throws {
        // One strip twice as wide as the others, among them: the width alone is no seam.
        let page = SyntheticScan.page(width: 420, height: 420, seed: 31)
        let strips = SyntheticScan.strips(of: page, count: 7)
        let wide = SyntheticScan.crop(page, x: 120, y: 0, width: 120, height: 420)
        let pieces = [strips[0], strips[1], wide, strips[4], strips[5], strips[6]]
        let scan = SyntheticScan.row(strips: pieces, order: Array(0..<6), angles: [0, 0.5, -0.5, 0, 1, 0], gaps: [30, 30, 30, 30, 30],
                                     sheet: (246, 204, 74))
        let e = try ScanExtractor.extract(scan.image, path: "wide.png")
        #expect(e.pieces.count == 6)
        #expect(e.pieces.filter(\.maybeSeveral).map(\.name) == ["wide-03"])
        #expect(!e.notes.contains { if case .pressedSplit = $0 { return true } else { return false } })
    }

    @Test func stripsAreAPageOfStripsCrossCutPiecesAreNot() throws {
        let page = SyntheticScan.page(width: 360, height: 360, seed: 12)
        let strips = SyntheticScan.strips(of: page, count: 6)
        let row = SyntheticScan.row(strips: strips, order: [2, 0, 5, 1, 4, 3], angles: [0, 1, 0, -1, 0.5, 0],
                                    gaps: [25, 30, 20, 35, 25], sheet: (38, 72, 158))
        let e = try ScanExtractor.extract(row.image, path: "strips.png")
        #expect(ScanExtractor.stripShape([e]) == GridShape(rows: 1, columns: 6))
        var pieces: [RGBImage] = []
        for r in 0..<2 { for c in 0..<3 { pieces.append(SyntheticScan.crop(page, x: c * 120, y: r * 180, width: 120, height: 180)) } }
        let spots: [(Double, Double)] = [(90, 120), (240, 120), (390, 120), (90, 340), (240, 340), (390, 340)]
        let grid = SyntheticScan.lay(pieces, width: 480, height: 460, sheet: (18, 18, 20), centres: spots, angles: [0, 0, 0, 0, 0, 0])
        let g = try ScanExtractor.extract(grid.image, path: "grid.png")
        #expect(g.pieces.count == 6)
        #expect(ScanExtractor.stripShape([g]) == nil)
    }

    @Test func crossCutPiecesOnADarkSheetKeepTheirEdgeInkAndReadingOrder() throws {
        let page = SyntheticScan.page(width: 240, height: 240, seed: 9)
        var pieces: [RGBImage] = []
        for r in 0..<2 { for c in 0..<3 { pieces.append(SyntheticScan.crop(page, x: c * 80, y: r * 120, width: 80, height: 120)) } }
        // Laid in two rows, shuffled: the numbering follows where they lie, not the page.
        let spots: [(Double, Double)] = [(300, 100), (80, 110), (190, 95), (85, 270), (305, 260), (195, 275)]
        let angles = [1.0, -1.5, 0.5, 2.0, -0.5, 0]
        let scan = SyntheticScan.lay(pieces, width: 400, height: 360, sheet: (18, 18, 20), centres: spots, angles: angles)
        let e = try ScanExtractor.extract(scan.image, path: "grid.png")
        Self.checkFound(e, scan, angleTolerance: 0.6)
        // Reading order: top row left to right (pieces 1, 2, 0), then the bottom row (3, 5, 4).
        let expected = [1, 2, 0, 3, 5, 4].map { spots[$0] }
        for (p, spot) in zip(e.pieces, expected) {
            #expect(abs(p.centreX - spot.0) < 6 && abs(p.centreY - spot.1) < 6, "\(p.name) at (\(p.centreX), \(p.centreY)), expected \(spot)")
        }
        // Ink reaching a piece's edge on a black sheet stays paper (opaque).
        for p in e.pieces {
            let mid = p.alpha.width / 2
            let opaqueTop = (0..<p.alpha.height).first { p.alpha[mid, $0] == 255 } ?? p.alpha.height
            #expect(opaqueTop <= 2 + 3, "\(p.name): first opaque row in the middle column is \(opaqueTop)")
        }
    }

    @Test func dustIsIgnoredAndAPieceAtTheScanEdgeIsReported() throws {
        let page = SyntheticScan.page(width: 240, height: 300, seed: 10)
        let strips = SyntheticScan.strips(of: page, count: 4)
        var scan = SyntheticScan.lay(strips, width: 420, height: 400, sheet: (246, 204, 74),
                                     centres: [(60, 200), (160, 200), (260, 200), (370, 150)], angles: [0, 1, -1, 0])
        // Strip 3 reaches past the top edge: what is shown is 300 - 0... of it.
        // Specks of white dust.
        for (x, y) in [(20, 20), (200, 385), (330, 360), (120, 30)] {
            for dy in 0..<4 { for dx in 0..<4 { scan.image.dot(x + dx, y + dy, (255, 255, 255)) } }
        }
        let e = try ScanExtractor.extract(scan.image, path: "edge.png")
        #expect(e.pieces.count == 4)
        let onEdge = e.pieces.filter { !$0.cutEdges.isEmpty }
        #expect(onEdge.count == 1 && onEdge.first?.cutEdges == [.top])
        #expect(e.notes.contains(.cutByEdge(scan: "edge.png", pieces: onEdge.map(\.name))))
    }

    @Test func aScanWithoutPiecesIsAnError() {
        let blank = RGBImage(width: 300, height: 200, fill: (38, 72, 158))
        #expect(throws: ExtractionError.self) { try ScanExtractor.extract(blank, path: "blank.png") }
        let white = RGBImage(width: 300, height: 200)
        #expect(throws: ExtractionError.self) { try ScanExtractor.extract(white, path: "white.png") }
        var specks = RGBImage(width: 300, height: 200, fill: (18, 18, 20))
        for x in 100..<104 { for y in 50..<54 { specks.dot(x, y, (250, 250, 250)) } }
        #expect(throws: ExtractionError.noPieces(path: "specks.png", reason: "nothing on the sheet larger than dust")) {
            try ScanExtractor.extract(specks, path: "specks.png")
        }
    }

    @Test func backgroundModelFindsTheSheetUnderLotsOfPaper() throws {
        // Paper covers 70 % of the scan; the sheet still wins among non-white colours.
        var image = RGBImage(width: 200, height: 100, fill: (246, 204, 74))
        for y in 0..<100 { for x in 0..<140 { image.dot(x, y, (250, 248, 244)) } }
        let model = try #require(BackgroundModel.estimate(image, minimumSpread: 4))
        #expect(abs(model.mean[0] - 246) < 2 && abs(model.mean[1] - 204) < 2 && abs(model.mean[2] - 74) < 2)
        #expect(!model.isDark)
        #expect(BackgroundModel(mean: [18, 18, 20], spread: [4, 4, 4]).isDark)
    }
}
