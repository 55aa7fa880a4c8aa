import Foundation
import Testing
@testable import UnshredKit

/// Shapes inferred from pieces alone, on document-like pages made here from a seed:
/// A4 proportions, ragged lines of "words" (runs of random strokes), paragraphs
/// parted by blank lines, uneven margins.
@Suite struct ShapeInferenceTests {
    /// A page `width x height` px: margins (top, right, bottom, left), lines `pitch` px
    /// apart, `ink` px tall, a blank line after every 3-7 lines.
    static func document(width: Int = 840, height: Int = 1188, margins: (Int, Int, Int, Int) = (90, 80, 110, 70),
                         pitch: Int = 26, ink: Int = 14, seed: UInt64) -> GrayImage {
        var rng = SeededRandom(seed: seed)
        var page = GrayImage(width: width, height: height)
        var y = margins.0
        var untilBreak = Int.random(in: 3...7, using: &rng)
        while y + ink <= height - margins.2 {
            let end = width - margins.1 - Int.random(in: 0...(untilBreak == 1 ? 300 : 40), using: &rng)
            var x = margins.3 + (untilBreak == 7 ? 30 : 0)
            while x < end {
                let word = min(Int.random(in: 15...70, using: &rng), end - x)
                for xx in x..<(x + word) where Int.random(in: 0..<3, using: &rng) > 0 {
                    let top = y + Int.random(in: 0...(ink / 2), using: &rng)
                    let bottom = min(y + ink, top + Int.random(in: 3...ink, using: &rng))
                    for yy in top..<bottom { page.pixels[yy * width + xx] = 0 }
                }
                x += word + Int.random(in: 7...12, using: &rng)
            }
            y += pitch
            untilBreak -= 1
            if untilBreak == 0 {
                y += pitch
                untilBreak = Int.random(in: 3...7, using: &rng)
            }
        }
        return page
    }

    static func pieces(_ grid: String, seed: UInt64) -> (PieceSet, GridShape) {
        let shape = GridShape(grid)!
        let page = document(seed: seed)
        return (PieceSet(pieces: Shredder.cut(page, grid: shape, seed: seed).pieces), shape)
    }

    /// The right shape, not its transpose nor another factor pair, and a runner-up named;
    /// or, when the two are honestly close, the right one as the runner-up of a doubtful
    /// choice (the user is told both).
    @Test(arguments: [("9x14", 1), ("12x10", 2), ("10x12", 3), ("7x9", 4), ("9x7", 5), ("6x15", 6), ("15x20", 7),
                      ("12x11", 8), ("13x14", 9)])
    func documentShapes(grid: String, seed: Int) {
        let (pieces, truth) = Self.pieces(grid, seed: UInt64(seed))
        let (estimate, evidence) = ShapeInference.infer(GridSolver.prepare(pieces.images, measure: .standard))
        let scores = evidence.prefix(4).map { "\($0.shape) \($0.score) (margins \($0.margins), proportions \($0.proportions), trial \(String(describing: $0.trial)))" }
        #expect(estimate.shape == truth || (estimate.isDoubtful && estimate.runnerUp == truth),
                "\(grid): found \(estimate.shape) by \(estimate.margin): \(scores)")
        #expect(estimate.runnerUp != nil && estimate.runnerUp != estimate.shape)
        #expect(!ShapeDetector.isStrips(pieces))
    }

    /// Candidates never include pages absurdly long: 2,090 pieces of 72 x 180 px are not
    /// tried as 2 x 1045 (a row of 1,045 pieces) or 1045 x 2.
    @Test func absurdPagesAreNotCandidates() {
        let shapes = ShapeInference.candidates(count: 2090, width: 72, height: 180)
        #expect(shapes.contains(GridShape(rows: 38, columns: 55)))
        for bad in ["2x1045", "1045x2", "5x418", "418x5", "10x209", "209x10"] {
            #expect(!shapes.contains(GridShape(bad)!), "\(bad)")
        }
        for s in shapes {
            let aspect = Float(s.rows * 180) / Float(s.columns * 72)
            #expect(aspect <= ShapeInference.maxAspect && aspect >= 1 / ShapeInference.maxAspect, "\(s)")
        }
        // Nothing plausible (a prime count has no grid; a count of two pieces only one).
        #expect(ShapeInference.candidates(count: 2 * 1009, width: 72, height: 180).count == 1)
        #expect(ShapeInference.candidates(count: 1009, width: 72, height: 180).isEmpty)
    }

    /// The pieces of a grid are not taken for strips, though tall and narrow, when
    /// strips that many would make no page.
    @Test func tallGridPiecesAreNotStrips() {
        let shape = GridShape(rows: 4, columns: 30)
        let cut = Shredder.cut(Self.document(seed: 9), grid: shape, seed: 9)
        let pieces = PieceSet(pieces: cut.pieces)
        #expect(pieces.height >= 2 * pieces.width)
        #expect(!ShapeDetector.isStrips(pieces))
    }

    /// A solve without `--grid` carries its estimate; with one, none.
    @Test func solutionCarriesTheEstimate() throws {
        let (pieces, truth) = Self.pieces("8x10", seed: 11)
        let found = try Unshredder.solve(pieces)
        #expect(found.shapeEstimate?.shape == truth)
        #expect(found.layout.pages.first?.rowCount == truth.rows)
        let given = try Unshredder.solve(pieces, options: .init(grid: truth))
        #expect(given.shapeEstimate == nil)
        #expect(!given.shapeIsDoubtful)
    }

    /// A margin column may hold blank pieces: 10 of a 12-row page's left column show the
    /// left margin and one indented piece elsewhere stands out too, so 11 bands stand
    /// apart. With two blank pieces about, 12 rows are as likely as 11; without blank
    /// pieces, or for fewer rows than the bands that stand apart, no clean split.
    @Test func blankPiecesMayHoldMarginPlaces() {
        let full = 180
        let left = [159] + Array(repeating: 93, count: 10) + Array(repeating: 0, count: 119) + [full, full]
        #expect(ShapeDetector.split(left, count: 12, full: full) == 0)
        let eleven = ShapeDetector.split(left, count: 11, full: full)
        #expect(eleven > 0.5)
        #expect(ShapeDetector.split(left, count: 12, full: full, blanks: 2) == eleven)
        #expect(ShapeDetector.split(left, count: 14, full: full, blanks: 2) == 0)
        #expect(ShapeDetector.split(left, count: 9, full: full, blanks: 2) == 0)
        let bands = ShapeInference.MarginBands([GrayImage(width: 4, height: 4), GrayImage(width: 4, height: 4)])
        #expect(bands.blanks == 2)
    }

    /// A trial join counts at most `cap` typical joins: a few badly broken joins no
    /// longer outweigh the rest of the arrangement.
    @Test func trialJoinsAreCapped() {
        let (pieces, truth) = Self.pieces("6x8", seed: 12)
        let inputs = GridSolver.prepare(pieces.images, measure: .standard)
        let index = Dictionary(uniqueKeysWithValues: pieces.names.enumerated().map { ($1, $0) })
        let rows = Shredder.cut(Self.document(seed: 12), grid: truth, seed: 12).truth.pages[0].rows.map { $0.map { index[$0]! } }
        let cap = ShapeInference.trialJoinCap
        let right = ShapeInference.meanJoinCost(rows, inputs: inputs, cap: cap)
        #expect(right <= ShapeInference.meanJoinCost(rows, inputs: inputs))
        // The pieces shuffled: nearly every join broken.
        var rng = SeededRandom(seed: 12)
        let shuffled = rows.joined().shuffled(using: &rng)
        let scrambled = (0..<truth.rows).map { Array(shuffled[($0 * truth.columns)..<(($0 + 1) * truth.columns)]) }
        let wrong = ShapeInference.meanJoinCost(scrambled, inputs: inputs, cap: cap)
        #expect(wrong <= cap)
        #expect(wrong > right, "\(wrong) against \(right)")
        #expect(ShapeInference.meanJoinCost(scrambled, inputs: inputs) > wrong)
    }

    @Test func closeRunnerUpIsDoubtful() {
        let shape = GridShape(rows: 8, columns: 10), other = GridShape(rows: 10, columns: 8)
        #expect(ShapeEstimate(shape: shape, runnerUp: other, margin: ShapeInference.doubtfulMargin / 2).isDoubtful)
        #expect(!ShapeEstimate(shape: shape, runnerUp: other, margin: 2 * ShapeInference.doubtfulMargin).isDoubtful)
        #expect(!ShapeEstimate(shape: shape).isDoubtful)
    }

    /// Equal pieces tile the sheet, so the true shape of an A4 page has A4's proportions
    /// and its transpose (a page 1.15 high for 1.41) pays; a landscape A4 page pays only
    /// `landscapePenalty`.
    @Test func proportionsTellATransposedShape() {
        let w = 183, h = 233  // 10 x 9 pieces of an A4 page, 1,647 x 2,330 px
        let upright = ShapeInference.proportionPenalty(GridShape(rows: 10, columns: 9), width: w, height: h)
        let transposed = ShapeInference.proportionPenalty(GridShape(rows: 9, columns: 10), width: w, height: h)
        #expect(upright == 0)
        #expect(transposed > 0.05)
        // 297 x 210 pieces of 21 x 29.7 units: 10 x 10 of them make an A4 page on its side.
        let landscape = ShapeInference.proportionPenalty(GridShape(rows: 10, columns: 10), width: 297, height: 210)
        #expect(abs(landscape - ShapeInference.landscapePenalty) < 1e-4)
    }

    /// Two pages side by side (a 2-up print) make a landscape A4 sheet; 12 x 12 pieces
    /// of it also read as a portrait Letter page of 16 x 9. The margins and the trials
    /// must outvote the landscape penalty.
    @Test func landscapePageKeepsItsShape() throws {
        let page = try Fixtures.page("en-serif-1368x1980")
        var sheet = GrayImage(width: 2 * page.width, height: page.height)
        for y in 0..<page.height {
            for x in 0..<page.width {
                sheet[x, y] = page[x, y]
                sheet[x + page.width, y] = page[x, y]
            }
        }
        let cut = Shredder.cut(sheet, grid: GridShape(rows: 12, columns: 12), seed: 3)
        #expect(ShapeDetector.detect(PieceSet(pieces: cut.pieces)) == GridShape(rows: 12, columns: 12))
    }
}
