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
        let nf = RealCutMeasure.featureCount, ng = RealCutMeasure.edgeFeatureCount
        let all = (0..<(nf + 2 * ng)).map { Float(sin(Double($0) * 0.7) * 0.1) }
        return RealCutMeasure.Weights(pair: Array(all[0..<nf]), left: Array(all[nf..<(nf + ng)]),
                                      right: Array(all[(nf + ng)...]))
    }()

    static func strips(dark: Bool) -> [RealCutMeasure.Strip] {
        (0..<3).map { RealCutMeasure.Strip(image: strip(width: 20, height: 120 + 2 * $0, seed: $0, dark: dark)) }
    }

    static func expectClose(_ got: [Float], _ want: [Float], tolerance: Float = 2e-4) {
        #expect(got.count == want.count)
        for (g, w) in zip(got, want) {
            if w.isInfinite { #expect(g == w); continue }
            #expect(abs(g - w) <= tolerance * max(1, abs(w)), "got \(g), want \(w)")
        }
    }

    @Test func kindFollowsTheBackground() {
        #expect(RealCutMeasure.kind(Self.strips(dark: false)) == .white)
        #expect(RealCutMeasure.kind(Self.strips(dark: true)) == .dark)
        #expect(RealCutMeasure.Kind.white.shift == 3 && RealCutMeasure.Kind.dark.shift == 10)
    }

    @Test func featuresMatchTheReference() {
        let paper = RealCutMeasure.features(Self.strips(dark: false), 0, 1, shift: 3)
        Self.expectClose(Array(paper[0..<6]), [0.069623, -0.031860, -0.053827, -0.102767, 0.145891, 0.115645])
        Self.expectClose(Array(paper[36..<42]), [0.029625, -0.051710, 0.008306, -0.106473, 0.111023, 0.090084])
        Self.expectClose([paper[72]], [0.039581])
        let dark = RealCutMeasure.features(Self.strips(dark: true), 0, 1, shift: 10)
        Self.expectClose(Array(dark[0..<6]), [-0.008212, -0.083760, 0.029714, -0.078075, 0.121347, 0.199388])
        Self.expectClose(Array(dark[36..<42]), [0.007319, -0.112476, 0.095608, -0.095927, 0.090832, 0.173034])
        Self.expectClose([dark[72]], [0.038323])
    }

    @Test func scoresMatchTheReferenceOnPaper() {
        let got = RealCutMeasure.extendedScores(Self.strips(dark: false), kind: .white, weights: Self.formulaWeights)
        Self.expectClose(got, [-.infinity, -0.039908, -0.038179, -0.035371, -0.018240, -.infinity, -0.009738, -0.007105,
                               -0.020276, -0.013280, -.infinity, -0.037157, -0.022099, -0.097413, -0.111801, -.infinity])
    }

    @Test func scoresMatchTheReferenceOnABackground() {
        let got = RealCutMeasure.extendedScores(Self.strips(dark: true), kind: .dark, weights: Self.formulaWeights)
        Self.expectClose(got, [-.infinity, -0.022050, -0.023133, -0.026536, -0.045050, -.infinity, 0.003753, -0.071302,
                               -0.043790, -0.016848, -.infinity, 0.014372, -0.042164, 0.039933, 0.014019, -.infinity])
    }

    @Test func scoresAreTheFeaturesTimesTheWeights() {
        // The fast path (weights folded into the right side first) against the features.
        let strips = Self.strips(dark: false), w = Self.formulaWeights
        let scores = RealCutMeasure.extendedScores(strips, kind: .white, weights: w)
        for i in 0..<3 {
            for j in 0..<3 where i != j {
                let f = RealCutMeasure.features(strips, i, j, shift: 3)
                Self.expectClose([scores[(i + 1) * 4 + j + 1]], [RealCutMeasure.dot(w.pair, f)], tolerance: 1e-4)
            }
        }
    }

    @Test func zScoresMatchTheReference() {
        let scores: [Float] = [-.infinity, 0.050719, 0.033649, 0.057511, 0.034398, -.infinity, -0.371405, -0.029217,
                               0.062752, -0.107347, -.infinity, 0.146447, 0.028771, -0.123285, -0.202155, -.infinity]
        let z = RealCutMeasure.zScored(scores.map { -$0 }, count: 4)
        Self.expectClose(z, [.infinity, -1.750570, 0.073006, -1.007551, -0.368643, .infinity, 2.551590, 0.698498,
                             -1.669895, 1.941313, .infinity, -2.295191, -0.444253, 1.060674, 1.211022, .infinity])
    }

    @Test func blurMirrorsTheEnds() {
        #expect((0..<5).map { RealCutMeasure.mirrored($0 - 2, count: 3) } == [1, 0, 0, 1, 2])
        #expect(RealCutMeasure.mirrored(4, count: 3) == 1)
        let k = RealCutMeasure.gaussianKernel(sigma: 2)
        #expect(k.count == 17)
        #expect(abs(k.reduce(0, +) - 1) < 1e-12)
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
        let strips = Self.strips(dark: true)
        let z = RealCutMeasure.zScored(RealCutMeasure.extendedScores(strips, kind: .dark, weights: Self.formulaWeights).map { -$0 }, count: 4)
        let least = z.filter(\.isFinite).min()!
        let (costs, edges) = RealCutMeasure.costs(strips, weights: Self.formulaWeights)
        Self.expectClose(edges.leftEdge, [z[1], z[2], z[3]].map { $0 - least })
        Self.expectClose(edges.rightEdge, [z[4], z[8], z[12]].map { $0 - least })
        Self.expectClose([costs[0, 1], costs[0, 2], costs[1, 0], costs[2, 1]], [z[6], z[7], z[9], z[14]].map { $0 - least })
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
