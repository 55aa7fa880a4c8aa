import Foundation

/// The convolutional real-cut measure: scores of strip `i` left of strip `j` from
/// learned per-row embeddings of each strip's right side and left side, fitted on
/// synthetic strips, then further on the development pages of the kind
/// (`scripts/train-real-cnn.py`; method and leave-one-page-out figures:
/// docs/real-measure.md).
///
/// Per side of a strip, the `band` columns read inward from each row's paper edge
/// (`RealCutMeasure.Strip.netLeft` / `netRight`), each column standardised over the rows the
/// set's strips share (population standard deviation plus `RealCutMeasure.epsilon`),
/// go through two 1-D convolutions down the rows (the columns as input channels):
/// `hidden` filters of `taps1` rows, ReLU, then `dimensions` filters of `taps2` rows,
/// zero padding at the ends: a `dimensions`-vector per row. Right sides and left
/// sides have their own filters. The score of `i` left of `j` is, per block of
/// `RealCutMeasure.block` rows, the largest over shifts s in 0...2 shift of the mean
/// over the block of `<eR_i[shift + y], eL_j[s + y]>` (the rows `Geometry` pairs),
/// averaged over the blocks. The outside node is scored as in `RealCutMeasure` (its
/// edge features times the `left` / `right` weights).
///
/// - Complexity: O(n * h * band * hidden * taps1) for the embeddings, O(n^2 * h *
///   dimensions * (2 * shift + 1)) for the pairs (n strips of h rows).
public enum RealCutNet {
    /// Columns read inward from each paper edge (the first `RealCutMeasure.band` are the
    /// linear model's band; deeper ones let the net see a character's width beyond the cut).
    static let band = 28
    /// First convolution: filters and taps (rows); second: output dimensions and taps.
    static let hidden = 16
    static let taps1 = 7
    static let dimensions = 8
    static let taps2 = 5

    /// One kind's weights, laid out as PyTorch's `Conv1d`: `[filter][channel][tap]`.
    struct Weights: Sendable, Equatable {
        struct Side: Sendable, Equatable {
            var conv1: [Float]
            var bias1: [Float]
            var conv2: [Float]
            var bias2: [Float]

            init(conv1: [Float], bias1: [Float], conv2: [Float], bias2: [Float]) {
                precondition(conv1.count == RealCutNet.hidden * RealCutNet.band * RealCutNet.taps1
                             && bias1.count == RealCutNet.hidden
                             && conv2.count == RealCutNet.dimensions * RealCutNet.hidden * RealCutNet.taps2
                             && bias2.count == RealCutNet.dimensions, "RealCutNet.Weights.Side: wrong sizes")
                self.conv1 = conv1
                self.bias1 = bias1
                self.conv2 = conv2
                self.bias2 = bias2
            }
        }

        var right: Side
        var left: Side
        /// The outside node: opening the page (over a strip's left edge features), closing it (right).
        var opening: [Float]
        var closing: [Float]

        init(right: Side, left: Side, opening: [Float], closing: [Float]) {
            precondition(opening.count == RealCutMeasure.edgeFeatureCount && closing.count == RealCutMeasure.edgeFeatureCount,
                         "RealCutNet.Weights: wrong edge sizes")
            self.right = right
            self.left = left
            self.opening = opening
            self.closing = closing
        }

        /// The weights the tool scores a kind of page with: the committed ones
        /// (`committed`), unless the development hook `UNSHRED_REALNET_WEIGHTS` names a
        /// file of other weights (`scripts/train-real-cnn.py --json FILE`; used to score
        /// leave-one-page-out folds with the tool itself, docs/real-measure.md).
        static func fitted(_ kind: RealCutMeasure.Kind) -> Weights {
            if let file = RealCutNet.overrideWeights {
                guard let w = file[kind] else {
                    preconditionFailure("UNSHRED_REALNET_WEIGHTS: the file has no readable \(kind.rawValue) weights")
                }
                return w
            }
            return committed(kind)
        }

        /// Weights of a `train-real-cnn.py --json` file: per kind (`white`, `dark`) an object
        /// of the arrays `r1w r1b r2w r2b l1w l1b l2w l2b u v` (the `RealCutNetWeights` names);
        /// nil when the data is not such a file or an array has the wrong size.
        static func decoded(json data: Data) -> [RealCutMeasure.Kind: Weights]? {
            guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            var out: [RealCutMeasure.Kind: Weights] = [:]
            for kind in [RealCutMeasure.Kind.white, .dark] {
                guard let o = root[kind.rawValue] as? [String: Any] else { continue }
                func array(_ key: String, _ count: Int) -> [Float]? {
                    guard let a = o[key] as? [Double], a.count == count else { return nil }
                    return a.map { Float($0) }
                }
                let b = RealCutNet.band, e = RealCutMeasure.edgeFeatureCount
                func side(_ p: String) -> Side? {
                    guard let c1 = array(p + "1w", hidden * b * taps1), let b1 = array(p + "1b", hidden),
                          let c2 = array(p + "2w", dimensions * hidden * taps2), let b2 = array(p + "2b", dimensions)
                    else { return nil }
                    return Side(conv1: c1, bias1: b1, conv2: c2, bias2: b2)
                }
                guard let r = side("r"), let l = side("l"), let u = array("u", e), let v = array("v", e) else { return nil }
                out[kind] = Weights(right: r, left: l, opening: u, closing: v)
            }
            return out.isEmpty ? nil : out
        }

        /// The committed weights of a kind of page (`RealCutNetWeights.swift`).
        static func committed(_ kind: RealCutMeasure.Kind) -> Weights {
            typealias W = RealCutNetWeights
            return kind == .white
                ? Weights(right: Side(conv1: W.white_r1w, bias1: W.white_r1b, conv2: W.white_r2w, bias2: W.white_r2b),
                          left: Side(conv1: W.white_l1w, bias1: W.white_l1b, conv2: W.white_l2w, bias2: W.white_l2b),
                          opening: W.white_u, closing: W.white_v)
                : Weights(right: Side(conv1: W.dark_r1w, bias1: W.dark_r1b, conv2: W.dark_r2w, bias2: W.dark_r2b),
                          left: Side(conv1: W.dark_l1w, bias1: W.dark_l1b, conv2: W.dark_l2w, bias2: W.dark_l2b),
                          opening: W.dark_u, closing: W.dark_v)
        }
    }

    /// The weights of the `UNSHRED_REALNET_WEIGHTS` file, read once; nil when the
    /// variable is not set. A file that cannot be read stops the process (a
    /// development hook: a fold must never be scored with the committed weights unawares);
    /// the CLI checks `developmentWeightsProblem` first, so that it stops with one line.
    static var overrideWeights: [RealCutMeasure.Kind: Weights]? {
        if let problem = overrideFile.problem { preconditionFailure(problem) }
        return overrideFile.weights
    }

    private static let overrideFile: (weights: [RealCutMeasure.Kind: Weights]?, problem: String?) = {
        guard let path = ProcessInfo.processInfo.environment["UNSHRED_REALNET_WEIGHTS"], !path.isEmpty else { return (nil, nil) }
        guard let data = FileManager.default.contents(atPath: path), let w = Weights.decoded(json: data) else {
            return (nil, "\(path): not a weights file of scripts/train-real-cnn.py --json (UNSHRED_REALNET_WEIGHTS)")
        }
        return (w, nil)
    }()

    /// Why the `UNSHRED_REALNET_WEIGHTS` development hook cannot be honoured; nil when
    /// it is unset or names a readable weights file.
    public static var developmentWeightsProblem: String? { overrideFile.problem }

    /// One side's embedding: `h * dimensions`, row-major (row y, then dimension d).
    static func embed(_ band: [Float], height h: Int, side w: Weights.Side) -> [Float] {
        let k = RealCutNet.band
        let x = RealCutMeasure.standardisedColumns(band, columns: k, height: h)
        // conv1 taps rearranged [tap][channel] -> 16 filters at once.
        let r1 = taps1 / 2, r2 = taps2 / 2
        var w1 = [SIMD16<Float>](repeating: .zero, count: taps1 * k)
        for o in 0..<hidden { for c in 0..<k { for t in 0..<taps1 { w1[t * k + c][o] = w.conv1[(o * k + c) * taps1 + t] } } }
        var b1 = SIMD16<Float>.zero
        for o in 0..<hidden { b1[o] = w.bias1[o] }
        // Columns past the last one with a nonzero weight add nothing (the dark net's 14-27).
        let used = ((0..<k).last { c in (0..<taps1).contains { w1[$0 * k + c] != .zero } } ?? -1) + 1
        var hiddenRows = [SIMD16<Float>](repeating: .zero, count: h)
        for y in 0..<h {
            var acc = b1
            for t in 0..<taps1 {
                let yy = y + t - r1
                guard yy >= 0 && yy < h else { continue }
                for c in 0..<used { acc += w1[t * k + c] * x[yy * k + c] }
            }
            hiddenRows[y] = acc.replacing(with: 0, where: acc .< 0)
        }
        var w2 = [SIMD8<Float>](repeating: .zero, count: taps2 * hidden)
        for o in 0..<dimensions { for c in 0..<hidden { for t in 0..<taps2 { w2[t * hidden + c][o] = w.conv2[(o * hidden + c) * taps2 + t] } } }
        var b2 = SIMD8<Float>.zero
        for o in 0..<dimensions { b2[o] = w.bias2[o] }
        var out = [Float](repeating: 0, count: h * dimensions)
        for y in 0..<h {
            var acc = b2
            for t in 0..<taps2 {
                let yy = y + t - r2
                guard yy >= 0 && yy < h else { continue }
                let hv = hiddenRows[yy]
                for c in 0..<hidden { acc += w2[t * hidden + c] * hv[c] }
            }
            for d in 0..<dimensions { out[y * dimensions + d] = acc[d] }
        }
        return out
    }

    /// Scores over the strips and the outside node, laid out as `RealCutMeasure.extendedScores`.
    static func extendedScores(_ strips: [RealCutMeasure.Strip], kind: RealCutMeasure.Kind, weights: Weights? = nil) -> [Float] {
        let weights = weights ?? .fitted(kind)
        let n = strips.count, w = n + 1
        var out = [Float](repeating: 0, count: w * w)
        for k in 0..<w { out[k * w + k] = -.infinity }
        for (j, s) in strips.enumerated() {
            out[j + 1] = RealCutMeasure.dot(weights.opening, s.leftEdgeFeatures)
            out[(j + 1) * w] = RealCutMeasure.dot(weights.closing, s.rightEdgeFeatures)
        }
        let g = RealCutMeasure.Geometry(strips, shift: kind.shift)
        guard n > 1, g.blocks > 0 else { return out }
        let rights = Parallel.map(n) { embed(strips[$0].netRight, height: g.height, side: weights.right) }
        let lefts = Parallel.map(n) { embed(strips[$0].netLeft, height: g.height, side: weights.left) }
        let b = RealCutMeasure.block, d = dimensions, span = b * d
        out.withUnsafeMutableBufferPointer { buffer in
            let target = UnsafeSendable(buffer)
            Parallel.forEach(n) { i in
                rights[i].withUnsafeBufferPointer { r in
                    for j in 0..<n where j != i {
                        var total: Float = 0
                        lefts[j].withUnsafeBufferPointer { l in
                            for k in 0..<g.blocks {
                                let ro = (g.shift + k * b) * d
                                var best = -Float.infinity
                                for s in 0...(2 * g.shift) {
                                    best = max(best, RealCutMeasure.dot(r.baseAddress! + ro, l.baseAddress! + (s + k * b) * d, count: span))
                                }
                                total += best
                            }
                        }
                        target.value[(i + 1) * w + j + 1] = total / (Float(b) * Float(g.blocks))
                    }
                }
            }
        }
        return out
    }
}
