import Foundation

/// Edge costs for strips cut by a real shredder and scanned: blade-damaged or torn
/// edges, neighbours shifted up or down a few rows (more or less along the strip),
/// a little paper lost at each cut. The clean-cut measure (`EdgeCostMeasure`)
/// compares the two touching columns; here those columns are often blank, dotted or
/// half background, so it reads a band and lets fitted weights say which columns count.
///
/// For a strip, `band` columns are read inward from each row's paper edge (`Strip`),
/// as ink (0 = paper, 1 = black). Of each side's first `columns` columns two
/// versions are kept, each column standardised over the rows the set's strips share
/// (mean 0, standard deviation plus `epsilon` 1): *plain*, and *fine*, the column
/// minus its Gaussian blur down the rows (sigma `fineSigma`): strokes without the
/// text-line envelope that any two strips of one paragraph share.
///
/// Strip `i` left of strip `j`: the rows are cut into blocks of `block`; in each
/// block the vertical shift (within -shift...shift, `Kind.shift`) is the one whose
/// alignment score, the mean product of the fine columns `alignColumns` of `i`'s
/// right side and `j`'s left side, is highest: the paper moves a little along a
/// strip. At those shifts the score is linear in 2 * columns^2 + 1 features:
/// ```
///   fine[a, c]  = mean over the blocks' rows y of Rf_i[y, a] * Lf_j[y + s_block, c]
///   plain[a, c] = the same on the plain columns
///   align       = mean over blocks of the best alignment score
///        R_i: i's right side, column a = a-th paper column in from its right edge
///        L_j: j's left side,  column c = c-th paper column in from its left edge
/// ```
/// A node "outside the page" (index 0 of `extendedScores`) stands for the page's
/// edges: the score of `j` opening the page is linear in the mean raw ink of its
/// first `columns` left columns, of its whole left band, and a constant; closing it,
/// likewise on the right. Weights are fitted per `Kind` of page on the real
/// development split (`scripts/train-real-measure.py`) with a two-sided softmax:
/// each strip's true right neighbour among all candidates, and its true left
/// neighbour, the outside node included. The strip solver reads the negated scores,
/// z-scored by row and by column and summed, shifted so the cheapest arc costs 0
/// (every tour has the same number of arcs, so the shift changes no tour's rank).
/// Method and cross-validated figures: docs/real-measure.md.
///
/// - Complexity: O(n^2 * h * (2 * shift + 1 + 2 * columns)) for n strips of h rows.
enum RealCutMeasure {
    /// Columns read inward from the paper edge on each side of a cut.
    static let band = 14
    /// Band columns the pair features read (per side).
    static let columns = 6
    /// Added to each column's standard deviation (ink units) so blank columns stay near 0.
    static let epsilon: Double = 0.05
    /// Sigma (rows) of the blur the fine columns subtract; the kernel reaches 4 sigma.
    static let fineSigma: Double = 2
    /// Rows per alignment block.
    static let block = 50
    /// Fine columns whose mean aligns a block (1, 2, 3: past the outermost, often damaged, one).
    static let alignColumns = 1..<4
    /// Pair features: fine a x c, plain a x c (index a * columns + c), alignment.
    static let featureCount = 2 * columns * columns + 1
    /// Outside-node features per side: per column, the whole band, a constant.
    static let edgeFeatureCount = columns + 2
    /// A piece whose border pixels have a median gray below this stands on a dark background.
    static let darkBackground: UInt8 = 96
    /// On a dark background, paper is gray at or above this.
    static let paperLevel: UInt8 = 128
    /// Half-window (rows) of the running median that smooths the per-row paper edges.
    static let edgeSmoothing = 15

    /// Pages of white strips cropped to the paper (S-MARQUES: neighbours within a few
    /// rows), or of strips on a dark background (S-ISRI-OCR: torn edges, neighbours up
    /// to 10-15 rows apart): each has its shift range and its fitted weights.
    enum Kind: String, Sendable, Equatable {
        case white, dark

        /// Vertical shifts tried: -shift...shift rows.
        var shift: Int { self == .white ? 3 : 10 }
        /// Whether the `fitted` weights of this kind score with the convolutional measure
        /// (`RealCutNet`: fitted on synthetic strips, then further on the development
        /// pages of its kind) instead of the linear one. Since session 8 both kinds do.
        var scoresWithNet: Bool { true }
        /// Fitted on the development pages of this kind (`RealCutWeights.swift`).
        var weights: Weights {
            self == .white
                ? Weights(pair: RealCutWeights.whitePair, left: RealCutWeights.whiteLeft, right: RealCutWeights.whiteRight)
                : Weights(pair: RealCutWeights.darkPair, left: RealCutWeights.darkLeft, right: RealCutWeights.darkRight)
        }
    }

    /// Weights: `pair` over the `featureCount` pair features, the outside node's
    /// `left`/`right` over the `edgeFeatureCount` edge features.
    struct Weights: Sendable, Equatable {
        var pair: [Float]
        var left: [Float]
        var right: [Float]

        init(pair: [Float], left: [Float], right: [Float]) {
            precondition(pair.count == RealCutMeasure.featureCount && left.count == RealCutMeasure.edgeFeatureCount
                         && right.count == RealCutMeasure.edgeFeatureCount, "RealCutMeasure.Weights: wrong sizes")
            self.pair = pair
            self.left = left
            self.right = right
        }

        private init() {
            pair = []
            left = []
            right = []
        }

        /// The weights fitted for the set's kind of page (`Kind.weights`), chosen when scoring.
        static let fitted = Weights()

        /// These weights, or for `fitted` the kind's.
        func resolved(for kind: Kind) -> Weights { self == .fitted ? kind.weights : self }
    }

    /// One strip as the measure reads it: its two bands, raw, and what they say
    /// about the strip standing at a page edge.
    struct Strip: Sendable {
        let height: Int
        /// Whether the strip stands on a background (its paper was found, not given by the crop).
        let dark: Bool
        /// `height * band`, row-major: row y, then column k (k-th paper column in); ink 0...1.
        let left: [Float]
        let right: [Float]
        /// The same read deeper, for `RealCutNet`: `height * RealCutNet.band` (its first
        /// `band` columns are `left` / `right`).
        let netLeft: [Float]
        let netRight: [Float]
        /// Mean raw ink of the first `columns` band columns, of the whole band, and 1.
        let leftEdgeFeatures: [Float]
        let rightEdgeFeatures: [Float]

        /// - Parameters:
        ///   - image: gray pixels, 0 = ink, 255 = paper.
        ///   - leftEdge: per row, the first paper column; `rightEdge`: the last (inclusive).
        init(image: GrayImage, leftEdge: [Int], rightEdge: [Int], dark: Bool) {
            precondition(leftEdge.count == image.height && rightEdge.count == image.height,
                         "RealCutMeasure.Strip: one edge per row")
            let h = image.height, w = image.width, k = RealCutMeasure.band, kn = RealCutNet.band
            var l = [Float](repeating: 0, count: h * k), r = l
            var nl = [Float](repeating: 0, count: h * kn), nr = nl
            image.pixels.withUnsafeBufferPointer { px in
                for y in 0..<h {
                    let row = y * w
                    for c in 0..<max(k, kn) {
                        let lx = min(max(leftEdge[y] + c, 0), w - 1)
                        let rx = min(max(rightEdge[y] - c, 0), w - 1)
                        let li = 1 - Float(px[row + lx]) / 255, ri = 1 - Float(px[row + rx]) / 255
                        if c < k { l[y * k + c] = li; r[y * k + c] = ri }
                        if c < kn { nl[y * kn + c] = li; nr[y * kn + c] = ri }
                    }
                }
            }
            height = h
            self.dark = dark
            left = l
            right = r
            netLeft = nl
            netRight = nr
            leftEdgeFeatures = Self.edgeFeatures(l, height: h)
            rightEdgeFeatures = Self.edgeFeatures(r, height: h)
        }

        /// Finds the paper itself (`RealCutMeasure.paperEdges`).
        init(image: GrayImage) {
            let edges = RealCutMeasure.paperEdges(image)
            self.init(image: image, leftEdge: edges.left, rightEdge: edges.right,
                      dark: RealCutMeasure.standsOnBackground(image))
        }

        static func edgeFeatures(_ band: [Float], height h: Int) -> [Float] {
            let k = RealCutMeasure.band, m = RealCutMeasure.columns
            var out = [Float](repeating: 0, count: m + 2)
            out[m + 1] = 1
            guard h > 0 else { return out }
            var all: Double = 0
            for c in 0..<k {
                var sum: Double = 0
                for y in 0..<h { sum += Double(band[y * k + c]) }
                if c < m { out[c] = Float(sum / Double(h)) }
                all += sum
            }
            out[m] = Float(all / Double(h * k))
            return out
        }
    }

    /// One side of a strip over the set's common height: `height * columns`, row-major.
    struct BandSide: Sendable {
        var fine: [Float]
        var plain: [Float]
        /// Mean of the fine `alignColumns`, per row.
        var align: [Float]

        /// The first `height` rows of a raw band (`Strip.left` / `.right`).
        init(band: [Float], height h: Int) {
            let k = RealCutMeasure.band, m = RealCutMeasure.columns
            var raw = [Double](repeating: 0, count: h * m)
            for y in 0..<h { for c in 0..<m { raw[y * m + c] = Double(band[y * k + c]) } }
            let kernel = RealCutMeasure.gaussianKernel(sigma: RealCutMeasure.fineSigma)
            let radius = (kernel.count - 1) / 2
            var high = raw
            if h > 0 {
                for y in 0..<h {
                    for c in 0..<m {
                        var blurred: Double = 0
                        for t in 0..<kernel.count {
                            blurred += kernel[t] * raw[RealCutMeasure.mirrored(y + t - radius, count: h) * m + c]
                        }
                        high[y * m + c] = raw[y * m + c] - blurred
                    }
                }
            }
            fine = RealCutMeasure.standardisedColumns(high, columns: m, height: h)
            plain = RealCutMeasure.standardisedColumns(raw, columns: m, height: h)
            align = (0..<h).map { [fine] y in
                var sum: Float = 0
                for c in RealCutMeasure.alignColumns { sum += fine[y * m + c] }
                return sum / Float(RealCutMeasure.alignColumns.count)
            }
        }
    }

    /// The first `h` rows of `values` (row-major, `columns` a row), each column
    /// standardised over those rows (std + `epsilon`): `h * columns`, row-major. The
    /// linear measure's 6 columns and the net's `RealCutNet.band` columns alike.
    static func standardisedColumns<T: BinaryFloatingPoint>(_ values: [T], columns m: Int, height h: Int) -> [Float] {
        var out = [Float](repeating: 0, count: h * m)
        guard h > 0 else { return out }
        for c in 0..<m {
            var sum: Double = 0
            for y in 0..<h { sum += Double(values[y * m + c]) }
            let mean = sum / Double(h)
            var squares: Double = 0
            for y in 0..<h { let d = Double(values[y * m + c]) - mean; squares += d * d }
            let scale = 1 / ((squares / Double(h)).squareRoot() + epsilon)
            for y in 0..<h { out[y * m + c] = Float((Double(values[y * m + c]) - mean) * scale) }
        }
        return out
    }

    /// Normalised Gaussian weights over -radius...radius, radius = Int(4 sigma + 0.5).
    static func gaussianKernel(sigma: Double) -> [Double] {
        let radius = Int(4 * sigma + 0.5)
        let k = (-radius...radius).map { exp(-0.5 * (Double($0) / sigma) * (Double($0) / sigma)) }
        let total = k.reduce(0, +)
        return k.map { $0 / total }
    }

    /// `index` mirrored into 0..<count about the ends (a b c | c b a).
    @inline(__always)
    static func mirrored(_ index: Int, count: Int) -> Int {
        var i = index
        while i < 0 || i >= count {
            if i < 0 { i = -i - 1 }
            if i >= count { i = 2 * count - i - 1 }
        }
        return i
    }

    /// The measure's view of a set. The gray it reads is each piece's colour as
    /// scanned (BT.601 luma, before the loader paints any background white), else its
    /// scan. Paper: for a blade-cut piece with a mask, inside the mask (`RealCutKind`);
    /// else on a dark background found here (`paperEdges`), else the loader's mask (its
    /// right edge is exclusive), else the whole image.
    static func strips(_ pieces: PieceSet) -> [Strip] {
        Parallel.map(pieces.count) { i in
            let piece = pieces[i]
            // The kind (blade cut or torn) and each row's band start: `RealCutKind`.
            return RealCutKind.strip(gray: piece.colour.map(luma) ?? piece.scan, paper: piece.paper)
        }
    }

    /// Gray as the training script reads a colour file: round(0.299 R + 0.587 G + 0.114 B).
    static func luma(_ image: RGBImage) -> GrayImage {
        var out = [UInt8](repeating: 0, count: image.width * image.height)
        image.pixels.withUnsafeBufferPointer { px in
            for k in 0..<out.count {
                let g = Float(0.299) * Float(px[3 * k]) + Float(0.587) * Float(px[3 * k + 1]) + Float(0.114) * Float(px[3 * k + 2])
                out[k] = UInt8(min(255, max(0, (g + 0.5).rounded(.down))))
            }
        }
        return GrayImage(width: image.width, height: image.height, pixels: out)
    }

    /// dark when most strips stand on a background.
    static func kind(_ strips: [Strip]) -> Kind {
        2 * strips.filter(\.dark).count > strips.count ? .dark : .white
    }

    /// The automatic rule: strips look like real shredder cuts when some piece stands
    /// on a background (the loader found a paper mask that is not the whole image), or
    /// when the blade left its mark: over all strips, the outermost column on each side
    /// carries less than half the ink of columns 4-9 in (clean cuts: about the same,
    /// 0.9-1 on CUMCM 1-2; S-MARQUES: 0.1-0.25), with some ink there at all.
    static func looksLikeRealCuts(_ pieces: PieceSet) -> Bool {
        guard pieces.count > 1 else { return false }
        if pieces.pieces.contains(where: { p in p.paper.map { $0 != PaperMask.full(width: p.scan.width, height: p.scan.height) } ?? false }) {
            return true
        }
        var outer: Double = 0, inner: Double = 0, outerCount = 0, innerCount = 0
        for piece in pieces.pieces {
            let image = piece.scan, w = image.width
            guard w >= 20 else { return false }
            for y in 0..<image.height {
                let row = y * w
                outer += Double(510 - Int(image.pixels[row]) - Int(image.pixels[row + w - 1])) / 255
                outerCount += 2
                for c in 4...9 {
                    inner += Double(510 - Int(image.pixels[row + c]) - Int(image.pixels[row + w - 1 - c])) / 255
                    innerCount += 2
                }
            }
        }
        guard outerCount > 0, innerCount > 0 else { return false }
        let outerInk = outer / Double(outerCount), innerInk = inner / Double(innerCount)
        return innerInk > 0.01 && outerInk < 0.5 * innerInk
    }

    /// Per row, the first and last paper column (inclusive). A piece whose border is
    /// dark (median of its first and last columns below `darkBackground`) stands on a
    /// background: paper is gray at or above `paperLevel`, a row's edges are its
    /// outermost paper pixels (rows without paper take the nearest row's), smoothed by
    /// a running median over 2 * `edgeSmoothing` + 1 rows. Otherwise the piece is
    /// cropped to the paper and the edges are its first and last column.
    static func paperEdges(_ image: GrayImage) -> (left: [Int], right: [Int]) {
        let h = image.height, w = image.width
        let whole = ([Int](repeating: 0, count: h), [Int](repeating: max(0, w - 1), count: h))
        guard h > 0, w > 0, standsOnBackground(image) else { return whole }
        var left = [Int](repeating: -1, count: h), right = left
        var rows: [Int] = []
        for y in 0..<h {
            let row = y * w
            guard let first = (0..<w).first(where: { image.pixels[row + $0] >= paperLevel }) else { continue }
            let last = (0..<w).last(where: { image.pixels[row + $0] >= paperLevel })!
            left[y] = first
            right[y] = last
            rows.append(y)
        }
        guard !rows.isEmpty else { return whole }
        // Rows without paper: the nearest paper row at or below, else the last one.
        var next = rows.count - 1
        for y in stride(from: h - 1, through: 0, by: -1) {
            while next > 0 && rows[next - 1] >= y { next -= 1 }
            let source = rows[next] >= y ? rows[next] : rows[rows.count - 1]
            if left[y] < 0 { left[y] = left[source]; right[y] = right[source] }
        }
        return (runningMedian(left, half: edgeSmoothing), runningMedian(right, half: edgeSmoothing))
    }

    /// True when the median gray of the piece's first and last columns is below `darkBackground`.
    static func standsOnBackground(_ image: GrayImage) -> Bool {
        let h = image.height, w = image.width
        guard h > 0, w > 0 else { return false }
        var border = [UInt8]()
        border.reserveCapacity(2 * h)
        for y in 0..<h { border.append(image.pixels[y * w]) }
        for y in 0..<h { border.append(image.pixels[y * w + w - 1]) }
        border.sort()
        // numpy's median of an even count: the mean of the two middle values.
        let m = border.count / 2
        let median = (Float(border[m - 1]) + Float(border[m])) / 2
        return median < Float(darkBackground)
    }

    /// The median of `values[y - half ... y + half]`, the ends repeated past the edges.
    static func runningMedian(_ values: [Int], half: Int) -> [Int] {
        let n = values.count
        var window = [Int](repeating: 0, count: 2 * half + 1)
        return (0..<n).map { y in
            for k in -half...half { window[k + half] = values[min(max(y + k, 0), n - 1)] }
            window.sort()
            return window[half]
        }
    }

    /// The rows a pair is compared over: the strips' common height `h` (their top
    /// rows), of which `i`'s rows shift ..< shift + blocks * block meet `j`'s rows
    /// shifted by s - shift, s in 0...2 shift, block by block.
    struct Geometry {
        let height: Int
        let shift: Int
        let blocks: Int

        init(_ strips: [Strip], shift: Int) {
            height = strips.map(\.height).min() ?? 0
            self.shift = shift
            blocks = max(0, (height - 2 * shift) / RealCutMeasure.block)
        }
    }

    /// Per block, the shift index s (0...2 shift, the first best) and its alignment score.
    static func alignment(_ r: BandSide, _ l: BandSide, _ g: Geometry) -> [(s: Int, score: Float)] {
        let b = block
        return r.align.withUnsafeBufferPointer { ra in
            l.align.withUnsafeBufferPointer { la in
                (0..<g.blocks).map { k in
                    var best = -Float.infinity, arg = 0
                    for s in 0...(2 * g.shift) {
                        let p = dot(ra.baseAddress! + g.shift + k * b, la.baseAddress! + s + k * b, count: b) / Float(b)
                        if p > best { best = p; arg = s }
                    }
                    return (arg, best)
                }
            }
        }
    }

    /// The `featureCount` features of `strips[i]` left of `strips[j]` (for tests and
    /// training checks; `extendedScores` folds the weights in first).
    static func features(_ strips: [Strip], _ i: Int, _ j: Int, shift: Int) -> [Float] {
        let g = Geometry(strips, shift: shift), m = columns
        var out = [Float](repeating: 0, count: featureCount)
        guard g.blocks > 0 else { return out }
        let r = BandSide(band: strips[i].right, height: g.height), l = BandSide(band: strips[j].left, height: g.height)
        let aligned = alignment(r, l, g)
        for (k, a) in aligned.enumerated() {
            for y in 0..<block {
                let ry = g.shift + k * block + y, ly = a.s + k * block + y
                for p in 0..<m {
                    for c in 0..<m {
                        out[p * m + c] += r.fine[ry * m + p] * l.fine[ly * m + c]
                        out[m * m + p * m + c] += r.plain[ry * m + p] * l.plain[ly * m + c]
                    }
                }
            }
        }
        let scale = 1 / Float(block * g.blocks)
        for f in 0..<(2 * m * m) { out[f] *= scale }
        out[2 * m * m] = aligned.map(\.score).reduce(0, +) / Float(g.blocks)
        return out
    }

    /// Scores over the strips and the outside node (index 0; strip `i` is node `i + 1`):
    /// `(n + 1) * (n + 1)` row-major, `[a * (n + 1) + b]` for node `a` left of node `b`;
    /// the diagonal is `-infinity`.
    static func extendedScores(_ strips: [Strip], kind: Kind, weights: Weights = .fitted) -> [Float] {
        let weights = weights.resolved(for: kind)
        let n = strips.count, w = n + 1, m = columns
        var out = [Float](repeating: 0, count: w * w)
        for k in 0..<w { out[k * w + k] = -.infinity }
        for (j, s) in strips.enumerated() {
            out[j + 1] = dot(weights.left, s.leftEdgeFeatures)
            out[(j + 1) * w] = dot(weights.right, s.rightEdgeFeatures)
        }
        let g = Geometry(strips, shift: kind.shift)
        guard n > 1, g.blocks > 0 else { return out }
        let rights = Parallel.map(n) { BandSide(band: strips[$0].right, height: g.height) }
        let lefts = Parallel.map(n) { BandSide(band: strips[$0].left, height: g.height) }
        let alignWeight = weights.pair[2 * m * m]
        let span = block * m
        out.withUnsafeMutableBufferPointer { buffer in
            let target = UnsafeSendable(buffer)
            Parallel.forEach(n) { i in
                // P[y][c] = sum over a of W[a, c] * R_i[y, a], fine and plain.
                let r = rights[i]
                var fine = [Float](repeating: 0, count: g.height * m), plain = fine
                for y in 0..<g.height {
                    for a in 0..<m {
                        let vf = r.fine[y * m + a], vp = r.plain[y * m + a]
                        for c in 0..<m {
                            fine[y * m + c] += vf * weights.pair[a * m + c]
                            plain[y * m + c] += vp * weights.pair[m * m + a * m + c]
                        }
                    }
                }
                fine.withUnsafeBufferPointer { pf in
                    plain.withUnsafeBufferPointer { pp in
                        for j in 0..<n where j != i {
                            let l = lefts[j]
                            var total: Float = 0, align: Float = 0
                            l.fine.withUnsafeBufferPointer { lf in
                                l.plain.withUnsafeBufferPointer { lp in
                                    for (k, a) in alignment(r, l, g).enumerated() {
                                        let ro = (g.shift + k * block) * m, lo = (a.s + k * block) * m
                                        total += dot(pf.baseAddress! + ro, lf.baseAddress! + lo, count: span)
                                        total += dot(pp.baseAddress! + ro, lp.baseAddress! + lo, count: span)
                                        align += a.score
                                    }
                                }
                            }
                            let blocks = Float(g.blocks)
                            target.value[(i + 1) * w + j + 1] = total / (Float(block) * blocks) + alignWeight * align / blocks
                        }
                    }
                }
            }
        }
        return out
    }

    /// Costs for the strip solver: the left-right cost matrix and the outside node's
    /// costs as page edges, from the negated scores z-scored by row and by column
    /// (diagonal left out), summed, and shifted so the cheapest arc costs 0. The scores:
    /// with the `fitted` weights, `RealCutNet`'s where the kind `scoresWithNet`, else
    /// this linear model's.
    static func costs(_ strips: [Strip], kind: Kind? = nil, weights: Weights = .fitted) -> (costs: CostMatrix, edges: PageEdges) {
        let n = strips.count, m = n + 1
        let kind = kind ?? Self.kind(strips)
        let scores = weights == .fitted && kind.scoresWithNet
            ? RealCutNet.extendedScores(strips, kind: kind)
            : extendedScores(strips, kind: kind, weights: weights)
        let z = zScored(scores.map { -$0 }, count: m)
        var least = Float.infinity
        for a in 0..<m { for b in 0..<m where a != b { least = min(least, z[a * m + b]) } }
        if !least.isFinite { least = 0 }
        var values = [Float](repeating: .infinity, count: n * n)
        for i in 0..<n { for j in 0..<n where i != j { values[i * n + j] = z[(i + 1) * m + j + 1] - least } }
        let edges = PageEdges(leftEdge: (0..<n).map { z[$0 + 1] - least },
                              rightEdge: (0..<n).map { z[($0 + 1) * m] - least })
        return (CostMatrix(count: n, values: values), edges)
    }

    /// Row z-score plus column z-score of each off-diagonal entry (population standard
    /// deviations, plus 1e-6); the diagonal becomes `infinity`.
    static func zScored(_ c: [Float], count m: Int) -> [Float] {
        func stats(_ at: (Int) -> Float, skip: Int) -> (mean: Double, std: Double) {
            var sum: Double = 0, count = 0
            for k in 0..<m where k != skip { sum += Double(at(k)); count += 1 }
            guard count > 0 else { return (0, 1) }
            let mean = sum / Double(count)
            var squares: Double = 0
            for k in 0..<m where k != skip { let d = Double(at(k)) - mean; squares += d * d }
            return (mean, (squares / Double(count)).squareRoot() + 1e-6)
        }
        let rowStats = (0..<m).map { a in stats({ c[a * m + $0] }, skip: a) }
        let columnStats = (0..<m).map { b in stats({ c[$0 * m + b] }, skip: b) }
        var out = [Float](repeating: .infinity, count: m * m)
        for a in 0..<m {
            for b in 0..<m where a != b {
                let v = Double(c[a * m + b])
                out[a * m + b] = Float((v - rowStats[a].mean) / rowStats[a].std + (v - columnStats[b].mean) / columnStats[b].std)
            }
        }
        return out
    }

    @inline(__always)
    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        var total: Float = 0
        for k in 0..<min(a.count, b.count) { total += a[k] * b[k] }
        return total
    }

    /// Sum of `a[k] * b[k]`, eight lanes at a time.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD8<Float>(repeating: 0)
        var k = 0
        while k + 8 <= count {
            let x = UnsafeRawPointer(a + k).loadUnaligned(as: SIMD8<Float>.self)
            let y = UnsafeRawPointer(b + k).loadUnaligned(as: SIMD8<Float>.self)
            lanes += x * y
            k += 8
        }
        var total = lanes.sum()
        while k < count { total += a[k] * b[k]; k += 1 }
        return total
    }
}
