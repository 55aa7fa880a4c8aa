/// The dissimilarity of two touching borders: low when the second piece plausibly
/// continues the first across the cut.
///
/// Per pixel position along the cut, with `a`,`b` the outer and inner lines of the
/// first border and `c`,`d` those of the second:
/// ```
///   b  a | c  d        a predicts c as a + (a - b)
///        ^ cut         c predicts a as c + (c - d)
/// ```
/// the error is the plain step `|a - c|` plus the mean of the two prediction errors
/// (a linear continuation of the gray ramp of anti-aliased strokes, in the spirit
/// of Pomeranz et al., CVPR 2011, "prediction-based compatibility"). Errors are
/// scaled to 0...1 (a full ink/paper step is 1), raised to `exponent` and summed,
/// so a cost is roughly "pixels of full mismatch". A high exponent lets a few
/// stroke breaks outweigh many faint anti-aliasing differences: on CUMCM sets 3-4
/// and the rendered pages, p = 4 made the true neighbour cheapest more often than
/// p = 0.5, 1 or 2 (numbers in the foundation issue's note).
/// Two paper borders cost 0: margins carry no evidence, the solvers handle them.
public struct EdgeCostMeasure: Sendable, Equatable {
    public var exponent: Float
    public var predictionWeight: Float

    public init(exponent: Float = 4, predictionWeight: Float = 0.5) {
        self.exponent = exponent
        self.predictionWeight = predictionWeight
    }

    public static let standard = EdgeCostMeasure()

    /// Reference implementation: plain loops, easy to check.
    func cost(_ first: BorderProfile, _ second: BorderProfile) -> Float {
        precondition(first.outer.count == second.outer.count)
        var total: Float = 0
        for k in 0..<first.outer.count {
            total += pointError(a: first.outer[k], b: first.inner[k], c: second.outer[k], d: second.inner[k])
        }
        return total
    }

    @inline(__always)
    func pointError(a: Float, b: Float, c: Float, d: Float) -> Float {
        let step = abs(a - c)
        let predicted = (abs(2 * a - b - c) + abs(2 * c - d - a)) * 0.5
        let e = (step * (1 - predictionWeight) + predicted * predictionWeight) * (1 / 255)
        switch exponent {
        case 1: return e
        case 2: return e * e
        case 4: let s = e * e; return s * s
        default: return _powf(e, exponent)
        }
    }
}

@inline(__always)
func _powf(_ x: Float, _ y: Float) -> Float {
    if x <= 0 { return 0 }
    if y == 0.5 { return x.squareRoot() }
    return Float(exp(Double(y) * log(Double(x))))
}

import Foundation
