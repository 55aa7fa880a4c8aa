import Foundation
import Testing
@testable import UnshredKit

/// `RealCutMeasure` against values printed by `scripts/train-real-measure.py --selftest`
/// (the numpy reference) for small synthetic strips and formula weights.
struct RealCutMeasureTests {
    /// The script's `synthetic_strip(w, h, seed, dark)`.
    static func strip(width w: Int, height h: Int, seed: Int, dark: Bool) -> GrayImage {
        var px = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                var g = 255 - ((x * 37 + y * 11 + seed * 53) % 97) * 2 - ((x * y + seed) % 7) * 9
                g = min(255, max(0, g))
                if dark {
                    let lo = 2 + (y / 5 + seed) % 3, hi = w - 3 - (y / 7 + seed) % 2
                    g = (x >= lo && x <= hi) ? max(g, 140) : 10
                }
                px[y * w + x] = UInt8(g)
            }
        }
        return GrayImage(width: w, height: h, pixels: px)
    }

    /// The script's formula weights: sin(0.7 k) / 10 over pair, left, right in turn.
    static let formulaWeights: RealCutMeasure.Weights = {
        let k = RealCutMeasure.band, nw = (2 * RealCutMeasure.shift + 1) * k * k, ng = k + 2
        let all = (0..<(nw + 2 * ng)).map { Float(Float(sin(Double($0) * 0.7) * 0.1)) }
        return RealCutMeasure.Weights(pair: Array(all[0..<nw]), left: Array(all[nw..<(nw + ng)]),
                                      right: Array(all[(nw + ng)...]))
    }()

    static func strips(dark: Bool) -> [RealCutMeasure.Strip] {
        (0..<3).map { RealCutMeasure.Strip(image: strip(width: 20, height: 30 + 2 * $0, seed: $0, dark: dark)) }
    }

    static func expectClose(_ got: [Float], _ want: [Float], tolerance: Float = 2e-4) {
        #expect(got.count == want.count)
        for (g, w) in zip(got, want) {
            if w.isInfinite { #expect(g == w); continue }
            #expect(abs(g - w) <= tolerance * max(1, abs(w)), "got \(g), want \(w)")
        }
    }

    @Test func scoresMatchTheReferenceOnPaper() {
        let got = RealCutMeasure.extendedScores(Self.strips(dark: false), weights: Self.formulaWeights)
        Self.expectClose(got, [-.infinity, 0.093862, 0.087045, 0.078042, 0.025751, -.infinity, 0.130514, -0.097200,
                               0.026109, -0.113257, -.infinity, 0.132167, 0.028281, 0.016370, 0.074700, -.infinity])
    }

    @Test func scoresMatchTheReferenceOnABackground() {
        let strips = Self.strips(dark: true)
        let got = RealCutMeasure.extendedScores(strips, weights: Self.formulaWeights)
        Self.expectClose(got, [-.infinity, 0.050719, 0.033649, 0.057511, 0.034398, -.infinity, -0.371405, -0.029217,
                               0.062752, -0.107347, -.infinity, 0.146447, 0.028771, -0.123285, -0.202155, -.infinity])
        let z = RealCutMeasure.zScored(got.map { -$0 }, count: 4)
        Self.expectClose(z, [.infinity, -1.750570, 0.073006, -1.007551, -0.368643, .infinity, 2.551590, 0.698498,
                             -1.669895, 1.941313, .infinity, -2.295191, -0.444253, 1.060674, 1.211022, .infinity])
    }

    @Test func findsThePaperOnADarkBackground() {
        let image = Self.strip(width: 20, height: 32, seed: 1, dark: true)
        #expect(RealCutMeasure.standsOnBackground(image))
        let edges = RealCutMeasure.paperEdges(image)
        #expect(edges.left == [Int](repeating: 3, count: 32))
        #expect(edges.right == [Int](repeating: 16, count: 32))
        let paper = Self.strip(width: 20, height: 32, seed: 1, dark: false)
        #expect(!RealCutMeasure.standsOnBackground(paper))
        #expect(RealCutMeasure.paperEdges(paper).right == [Int](repeating: 19, count: 32))
    }

    @Test func runningMedianRepeatsTheEnds() {
        #expect(RealCutMeasure.runningMedian([5, 1, 9, 2, 7], half: 1) == [5, 5, 2, 7, 7])
    }

    @Test func costsAreShiftedZScores() {
        // The reference's z-scored costs above, outside node first; the cheapest is -2.295191.
        let (costs, edges) = RealCutMeasure.costs(Self.strips(dark: true), weights: Self.formulaWeights)
        let least: Float = -2.295191
        Self.expectClose(edges.leftEdge, [-1.750570, 0.073006, -1.007551].map { $0 - least })
        Self.expectClose(edges.rightEdge, [-0.368643, -1.669895, -0.444253].map { $0 - least })
        Self.expectClose([costs[0, 1], costs[0, 2], costs[1, 0], costs[2, 1]],
                         [2.551590, 0.698498, 1.941313, 1.211022].map { $0 - least })
        #expect(costs[1, 1] == .infinity)
    }

    @Test func automaticRuleKeepsCleanCutsClean() {
        // Ink up to the cut on both sides (a program's cut): not a real cut.
        let clean = PieceSet(pieces: (0..<3).map { Piece(name: "\($0)", image: Self.strip(width: 24, height: 40, seed: $0, dark: false)) })
        #expect(!RealCutMeasure.looksLikeRealCuts(clean))
        // The same strips with their outer column blank, as a blade leaves them.
        let damaged = PieceSet(pieces: (0..<3).map { k -> Piece in
            var image = Self.strip(width: 24, height: 40, seed: k, dark: false)
            for y in 0..<40 { image[0, y] = 255; image[23, y] = 255 }
            return Piece(name: "\(k)", image: image)
        })
        #expect(RealCutMeasure.looksLikeRealCuts(damaged))
    }
}
