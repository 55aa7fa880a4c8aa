import Foundation
import Testing
@testable import UnshredKit

/// `RealCutNet` against values printed by `scripts/train-real-cnn.py --selftest` (the
/// PyTorch reference) for the small synthetic strips of `RealCutMeasureTests` and
/// formula weights.
struct RealCutNetTests {
    /// The script's formula weights: sin(0.37 k) * 0.3 over r1 weight, r1 bias, r2 weight,
    /// r2 bias, l1 ..., l2 ..., opening, closing, k running on through all of them.
    static let formulaWeights: RealCutNet.Weights = {
        var k = 0
        func next(_ count: Int) -> [Float] {
            defer { k += count }
            return (k..<(k + count)).map { Float(sin(Double($0) * 0.37) * 0.3) }
        }
        let b = RealCutNet.band, h = RealCutNet.hidden, d = RealCutNet.dimensions
        func side() -> RealCutNet.Weights.Side {
            let c1 = next(h * b * RealCutNet.taps1), b1 = next(h), c2 = next(d * h * RealCutNet.taps2), b2 = next(d)
            return RealCutNet.Weights.Side(conv1: c1, bias1: b1, conv2: c2, bias2: b2)
        }
        let right = side(), left = side()
        let e = RealCutMeasure.edgeFeatureCount
        let opening = next(e), closing = next(e)
        return RealCutNet.Weights(right: right, left: left, opening: opening, closing: closing)
    }()

    static func strips(dark: Bool) -> [RealCutMeasure.Strip] { RealCutMeasureTests.strips(dark: dark) }

    /// Filters 0-3 at rows 0-2 of strip 1's right-side embedding, filter by filter.
    static func firstValues(_ strips: [RealCutMeasure.Strip]) -> [Float] {
        let h = strips.map(\.height).min()!
        let e = RealCutNet.embed(strips[1].netRight, height: h, side: formulaWeights.right)
        return (0..<4).flatMap { f in (0..<3).map { y in e[y * RealCutNet.dimensions + f] } }
    }

    @Test func embeddingMatchesTheReference() {
        RealCutMeasureTests.expectClose(Self.firstValues(Self.strips(dark: false)),
            [0.174681, -0.365189, -0.780198, -0.755192, -0.699843, -0.590085, 0.736098, 1.249104, 1.610840, 0.743262, 0.438918, 0.153585])
        RealCutMeasureTests.expectClose(Self.firstValues(Self.strips(dark: true)),
            [0.121447, -0.121840, -0.389242, -0.029670, 0.048720, 0.076164, 0.437189, 0.642429, 0.896509, 0.162820, -0.015186, -0.165953])
    }

    @Test func scoresMatchTheReferenceOnPaper() {
        let got = RealCutNet.extendedScores(Self.strips(dark: false), kind: .white, weights: Self.formulaWeights)
        RealCutMeasureTests.expectClose(got, [-.infinity, -0.812038, -0.816761, -0.821565, 0.806249, -.infinity, 8.811455, 8.831613,
                                              0.815913, 5.424392, -.infinity, 6.155364, 0.827479, 5.601291, 5.293375, -.infinity])
    }

    @Test func scoresMatchTheReferenceOnABackground() {
        let got = RealCutNet.extendedScores(Self.strips(dark: true), kind: .dark, weights: Self.formulaWeights)
        RealCutMeasureTests.expectClose(got, [-.infinity, -0.652254, -0.657379, -0.662296, 0.658698, -.infinity, 8.939755, 10.469719,
                                              0.663637, 17.252331, -.infinity, 16.825382, 0.668604, 10.513586, 9.921289, -.infinity])
    }

    @Test func aChangedWeightChangesTheScores() {
        // A broken model (one filter tap off, or the sides swapped) must not pass the checks above.
        var broken = Self.formulaWeights
        broken.right.conv1[3] += 0.5
        let strips = Self.strips(dark: false)
        let good = RealCutNet.extendedScores(strips, kind: .white, weights: Self.formulaWeights)
        let bad = RealCutNet.extendedScores(strips, kind: .white, weights: broken)
        #expect(zip(good, bad).contains { $0.isFinite && abs($0 - $1) > 1e-3 })
        // A weight on a column beyond the linear model's band (the net reads deeper) counts too.
        var deep = Self.formulaWeights
        let column = RealCutMeasure.band + 2
        deep.left.conv1[(0 * RealCutNet.band + column) * RealCutNet.taps1 + 3] += 0.5
        let deeper = RealCutNet.extendedScores(strips, kind: .white, weights: deep)
        #expect(zip(good, deeper).contains { $0.isFinite && abs($0 - $1) > 1e-3 })
        var swapped = Self.formulaWeights
        swap(&swapped.right, &swapped.left)
        let other = RealCutNet.extendedScores(strips, kind: .white, weights: swapped)
        #expect(zip(good, other).contains { $0.isFinite && abs($0 - $1) > 1e-3 })
    }

    @Test func weightsReadFromJSONAsWritten() throws {
        // The layout scripts/train-real-cnn.py --json writes; a wrong size or a missing kind's array is refused.
        let w = Self.formulaWeights
        func object(_ w: RealCutNet.Weights) -> [String: [Float]] {
            ["r1w": w.right.conv1, "r1b": w.right.bias1, "r2w": w.right.conv2, "r2b": w.right.bias2,
             "l1w": w.left.conv1, "l1b": w.left.bias1, "l2w": w.left.conv2, "l2b": w.left.bias2,
             "u": w.opening, "v": w.closing]
        }
        var dark = object(w)
        dark["u"] = dark["u"]!.map { $0 + 1 }
        let data = try JSONSerialization.data(withJSONObject: ["white": object(w), "dark": dark])
        let read = try #require(RealCutNet.Weights.decoded(json: data))
        #expect(read[.white] == w)
        #expect(read[.dark]?.opening == w.opening.map { $0 + 1 } && read[.dark]?.right == w.right)
        var short = object(w)
        short["r2b"] = Array(short["r2b"]!.dropLast())
        #expect(RealCutNet.Weights.decoded(json: try JSONSerialization.data(withJSONObject: ["white": short])) == nil)
        #expect(RealCutNet.Weights.decoded(json: Data("[1, 2]".utf8)) == nil)
    }

    @Test func committedWeightsHaveTheirShapes() {
        for kind in [RealCutMeasure.Kind.white, .dark] {
            let w = RealCutNet.Weights.committed(kind)
            #expect(w.right.conv1.contains { $0 != 0 } && w.left.conv2.contains { $0 != 0 })
            #expect(w.right != w.left)
        }
    }
}
