import Foundation

/// Edge costs for strips cut by a real shredder and scanned: blade-damaged or torn
/// edges, neighbours shifted up or down a few rows, a little paper lost at each cut.
/// The clean-cut measure (`EdgeCostMeasure`) compares the two touching columns; here
/// those columns are often blank, dotted or half background, so it reads a band.
///
/// For a strip, `band` columns are read inward from each row's paper edge (`Strip`:
/// the first and last paper column of the row), as ink (0 = paper, 1 = black), and
/// each column is standardised over the strip's rows (mean 0, standard deviation
/// plus `epsilon` 1). The score of strip `i` standing left of strip `j` is bilinear
/// in the two bands, over vertical shifts `s` of -`shift`...`shift` rows:
/// ```
///   score(i, j) = sum over s, a, b of W[s, a, b] * mean over y of R_i[y, a] * L_j[y + s, b]
///        R_i: i's right band, column a = a-th paper column in from its right edge
///        L_j: j's left band,  column b = b-th paper column in from its left edge
/// ```
/// A node "outside the page" (index 0 of `extendedScores`) stands for the page's
/// edges: the score of `j` opening the page is linear in the mean raw ink of each
/// column of its left band (and of the band as a whole); closing it, likewise on the
/// right. The weights are fitted (`scripts/train-real-measure.py`, on the real
/// development split) with a two-sided softmax: each strip's true right neighbour
/// among all candidates, and its true left neighbour, outside node included. The
/// costs the strip solver reads are the negated scores, z-scored by row and by column
/// and summed, shifted so the cheapest arc costs 0 (every tour has the same number of
/// arcs, so the shift changes no tour's rank). Method and cross-validated figures:
/// docs/real-measure.md.
///
/// - Complexity: O(n^2 * (2 * shift + 1) * height * band) for n strips; the per-strip
///   projections of the weights cost O(n * (2 * shift + 1) * height * band^2).
enum RealCutMeasure {
    /// Columns read inward from the paper edge on each side of a cut.
    static let band = 14
    /// Vertical shifts tried: -shift...shift rows.
    static let shift = 3
    /// Added to each band column's standard deviation (ink units) so blank columns stay near 0.
    static let epsilon: Float = 0.05
    /// A piece whose border pixels have a median gray below this stands on a dark background.
    static let darkBackground: UInt8 = 96
    /// On a dark background, paper is gray at or above this.
    static let paperLevel: UInt8 = 128
    /// Half-window (rows) of the running median that smooths the per-row paper edges.
    static let edgeSmoothing = 15

    /// The fitted weights: `pair[(s * band + a) * band + b]` (s from 0 for a shift of
    /// -`shift`), and the outside node's `left`/`right` (band + 2 values: per band
    /// column, the whole band, a constant).
    struct Weights: Sendable, Equatable {
        var pair: [Float]
        var left: [Float]
        var right: [Float]

        init(pair: [Float], left: [Float], right: [Float]) {
            let k = RealCutMeasure.band
            precondition(pair.count == (2 * RealCutMeasure.shift + 1) * k * k && left.count == k + 2 && right.count == k + 2,
                         "RealCutMeasure.Weights: wrong sizes")
            self.pair = pair
            self.left = left
            self.right = right
        }

        /// Fitted on all 15 pages of the development split (`RealCutWeights.swift`).
        static let fitted = Weights(pair: RealCutWeights.pair, left: RealCutWeights.left, right: RealCutWeights.right)
    }

    /// One strip as the measure reads it: its two bands, standardised, and what they
    /// say about the strip standing at a page edge.
    struct Strip: Sendable {
        let height: Int
        /// `height * band`, row-major: row y, then column k (k-th paper column in).
        let left: [Float]
        let right: [Float]
        /// Mean raw ink per band column, of the whole band, and 1 (`band + 2` values).
        let leftEdgeFeatures: [Float]
        let rightEdgeFeatures: [Float]

        /// - Parameters:
        ///   - image: gray pixels, 0 = ink, 255 = paper.
        ///   - leftEdge: per row, the first paper column; `rightEdge`: the last (inclusive).
        init(image: GrayImage, leftEdge: [Int], rightEdge: [Int]) {
            precondition(leftEdge.count == image.height && rightEdge.count == image.height,
                         "RealCutMeasure.Strip: one edge per row")
            let h = image.height, w = image.width, k = RealCutMeasure.band
            var l = [Float](repeating: 0, count: h * k), r = l
            image.pixels.withUnsafeBufferPointer { px in
                for y in 0..<h {
                    let row = y * w
                    for c in 0..<k {
                        let lx = min(max(leftEdge[y] + c, 0), w - 1)
                        let rx = min(max(rightEdge[y] - c, 0), w - 1)
                        l[y * k + c] = 1 - Float(px[row + lx]) / 255
                        r[y * k + c] = 1 - Float(px[row + rx]) / 255
                    }
                }
            }
            height = h
            leftEdgeFeatures = Self.edgeFeatures(l, height: h)
            rightEdgeFeatures = Self.edgeFeatures(r, height: h)
            left = Self.standardised(l, height: h)
            right = Self.standardised(r, height: h)
        }

        /// Finds the paper itself (`RealCutMeasure.paperEdges`).
        init(image: GrayImage) {
            let edges = RealCutMeasure.paperEdges(image)
            self.init(image: image, leftEdge: edges.left, rightEdge: edges.right)
        }

        static func edgeFeatures(_ band: [Float], height h: Int) -> [Float] {
            let k = RealCutMeasure.band
            var out = [Float](repeating: 0, count: k + 2)
            guard h > 0 else { out[k + 1] = 1; return out }
            var all: Double = 0
            for c in 0..<k {
                var sum: Double = 0
                for y in 0..<h { sum += Double(band[y * k + c]) }
                out[c] = Float(sum / Double(h))
                all += sum
            }
            out[k] = Float(all / Double(h * k))
            out[k + 1] = 1
            return out
        }

        static func standardised(_ band: [Float], height h: Int) -> [Float] {
            let k = RealCutMeasure.band
            var out = band
            guard h > 0 else { return out }
            for c in 0..<k {
                var sum: Double = 0
                for y in 0..<h { sum += Double(band[y * k + c]) }
                let mean = sum / Double(h)
                var squares: Double = 0
                for y in 0..<h { let d = Double(band[y * k + c]) - mean; squares += d * d }
                let scale = 1 / ((squares / Double(h)).squareRoot() + Double(RealCutMeasure.epsilon))
                for y in 0..<h { out[y * k + c] = Float((Double(band[y * k + c]) - mean) * scale) }
            }
            return out
        }
    }

    /// The measure's view of a set: each piece's scan with its paper mask when the
    /// loader found one (the mask's right edge is exclusive), else the paper found here.
    static func strips(_ pieces: PieceSet) -> [Strip] {
        Parallel.map(pieces.count) { i in
            let piece = pieces[i]
            guard let mask = piece.paper else { return Strip(image: piece.scan) }
            return Strip(image: piece.scan, leftEdge: mask.leftEdge,
                         rightEdge: zip(mask.leftEdge, mask.rightEdge).map { max($0, $1 - 1) })
        }
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

    /// Scores over the strips and the outside node (index 0; strip `i` is node `i + 1`):
    /// `(n + 1) * (n + 1)` row-major, `[a * (n + 1) + b]` for node `a` left of node `b`;
    /// the diagonal is `-infinity`. Strips are compared over their common height
    /// (the top rows of the tallest strips are used).
    static func extendedScores(_ strips: [Strip], weights: Weights = .fitted) -> [Float] {
        let n = strips.count, m = n + 1
        var out = [Float](repeating: 0, count: m * m)
        for k in 0..<m { out[k * m + k] = -.infinity }
        for (j, s) in strips.enumerated() {
            out[j + 1] = dot(weights.left, s.leftEdgeFeatures)
            out[(j + 1) * m] = dot(weights.right, s.rightEdgeFeatures)
        }
        let h = strips.map(\.height).min() ?? 0
        let k = band, shifts = 2 * shift + 1, rows = h - 2 * shift
        guard n > 1, rows > 0 else { return out }
        let span = rows * k
        out.withUnsafeMutableBufferPointer { buffer in
            let target = UnsafeSendable(buffer)
            Parallel.forEach(n) { i in
                // P[s][t][b] = sum over a of W[s, a, b] * R_i[t + shift, a]
                var projected = [Float](repeating: 0, count: shifts * span)
                strips[i].right.withUnsafeBufferPointer { r in
                    weights.pair.withUnsafeBufferPointer { w in
                        for s in 0..<shifts {
                            for t in 0..<rows {
                                let src = (t + shift) * k, dst = s * span + t * k
                                for a in 0..<k {
                                    let v = r[src + a]
                                    if v == 0 { continue }
                                    let wrow = (s * k + a) * k
                                    for b in 0..<k { projected[dst + b] += v * w[wrow + b] }
                                }
                            }
                        }
                    }
                }
                projected.withUnsafeBufferPointer { p in
                    for j in 0..<n where j != i {
                        var total: Float = 0
                        strips[j].left.withUnsafeBufferPointer { l in
                            for s in 0..<shifts {
                                total += dot(p.baseAddress! + s * span, l.baseAddress! + s * k, count: span)
                            }
                        }
                        target.value[(i + 1) * m + j + 1] = total / Float(rows)
                    }
                }
            }
        }
        return out
    }

    /// Costs for the strip solver: the left-right cost matrix and the outside node's
    /// costs as page edges, from the negated scores z-scored by row and by column
    /// (diagonal left out), summed, and shifted so the cheapest arc costs 0.
    static func costs(_ strips: [Strip], weights: Weights = .fitted) -> (costs: CostMatrix, edges: PageEdges) {
        let n = strips.count, m = n + 1
        let z = zScored(extendedScores(strips, weights: weights).map { -$0 }, count: m)
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
