/// Splits pieces pressed together along their whole length, where no sheet shows between
/// them, at the seam their edges leave in the paper's tone.
///
/// Where one strip lies against (or a little over) the next, its edge shows as a faint
/// line: darker (the edge's shadow, the sheet glimpsed through fibres) or brighter (a
/// lifted edge catching the lamp). Ink is sparse across the rows of any one column, so
/// the median tone down a column is the paper's own, and a seam stands out of it:
///
///     tone  ‾‾‾‾‾‾‾‾\_/‾‾‾‾‾‾‾‾‾‾   median across rows: a dip 3-7 px wide at the seam
///           strip A    strip B
///
/// Only a region thicker than `pressedWidth` x the scan's median piece thickness is
/// looked at (the width prior: a piece that is not wider than one strip is one strip).
/// Its lines along the long axis are cut into bands of about 300; each band's median
/// tone profile across the piece, measured from the piece's fitted near edge, gives a
/// dip depth (or bump height) per position. A seam may drift up to 2 px from band to band
/// (a slight slope between the strips, a torn edge's waves), so the best path of
/// positions through the bands is found by dynamic programming (each px of drift costs
/// half a level), and its mean depth is the seam's contrast. It is clear when that contrast is at least `seamContrast` levels
/// and `seamEvidence` robust deviations above the paths through every other position of
/// the same piece (which tells a seam from the paper's texture, a crease or a column of
/// ink). At most one seam per `seamSpacing` x median thickness; each part keeps at least
/// that much. No clear seam: the region stays whole and is reported as maybe several.
///
/// - Complexity: O(area) to read the profiles, O(bands x thickness x 5) for the paths.
enum SeamSplitter {
    /// One seam found in a region: the band centres (line offsets from the region's
    /// first line) and the seam's cross position at each.
    struct Seam: Equatable {
        var lines: [Double]
        var positions: [Double]
        var contrast: Double
        var evidence: Double

        /// The seam's cross position at `line` (offset from the region's first line):
        /// linear between band centres, constant beyond the first and last.
        func position(at line: Double) -> Double {
            if line <= lines[0] { return positions[0] }
            if line >= lines[lines.count - 1] { return positions[positions.count - 1] }
            var k = 0
            while k + 1 < lines.count && lines[k + 1] < line { k += 1 }
            let t = (line - lines[k]) / (lines[k + 1] - lines[k])
            return positions[k] + t * (positions[k + 1] - positions[k])
        }
    }

    /// One piece's thickness on a scan where some regions hold several pieces pressed
    /// together: the median of the thicknesses within 0.8-1.25 x the lower quartile (on
    /// a scan where most strips lie in pairs or threes the plain median is a pair's).
    /// Nil with fewer than three regions.
    static func unit(_ thicknesses: [Double]) -> Double? {
        guard thicknesses.count >= 3 else { return nil }
        let sorted = thicknesses.sorted()
        let quartile = sorted[sorted.count / 4]
        let single = sorted.filter { $0 >= 0.8 * quartile && $0 <= 1.25 * quartile }
        return single.isEmpty ? quartile : single[single.count / 2]
    }

    /// Thickness of region `label` across its long axis: the median over its lines of the
    /// extent from first to last pixel of the region (a turned strip's box is wider).
    static func thickness(of label: Int32, in regions: Regions) -> Int {
        let box = regions.boxes[Int(label) - 1]
        guard box.width > 0, box.height > 0 else { return 0 }
        let axis: TouchSplitter.Axis = box.height >= box.width ? .rows : .columns
        let extents = edges(of: label, in: regions, axis: axis).compactMap { $0.map { $0.last - $0.first + 1 } }.sorted()
        return extents.isEmpty ? 0 : extents[extents.count / 2]
    }

    /// First and last cross position of the region on each of its lines (nil: none).
    static func edges(of label: Int32, in regions: Regions, axis: TouchSplitter.Axis) -> [(first: Int, last: Int)?] {
        let box = regions.boxes[Int(label) - 1]
        let w = regions.width
        let lineRange = axis == .rows ? box.minY...box.maxY : box.minX...box.maxX
        let crossRange = axis == .rows ? box.minX...box.maxX : box.minY...box.maxY
        return regions.labels.withUnsafeBufferPointer { lab in
            lineRange.map { line -> (first: Int, last: Int)? in
                var first = -1, last = -1
                for c in crossRange where lab[axis == .rows ? line * w + c : c * w + line] == label {
                    if first < 0 { first = c }
                    last = c
                }
                return first < 0 ? nil : (first, last)
            }
        }
    }

    /// Splits region `label` at its clear seams when it is thicker than
    /// `settings.pressedWidth` x `unit`; returns its parts' labels (its own first), or nil
    /// when it stays whole.
    static func split(_ regions: inout Regions, label: Int32, scan: RGBImage, unit: Double, settings: ExtractionSettings) -> [Int32]? {
        let box = regions.boxes[Int(label) - 1]
        guard unit >= 8, box.width > 0, box.height > 0 else { return nil }
        let axis: TouchSplitter.Axis = box.height >= box.width ? .rows : .columns
        let thick = Double(thickness(of: label, in: regions))
        guard thick >= settings.pressedWidth * unit else { return nil }
        let seams = find(in: regions, label: label, scan: scan, axis: axis, unit: unit, settings: settings)
        guard !seams.isEmpty else { return nil }
        return cut(&regions, label: label, axis: axis, seams: seams)
    }

    /// The clear seams of region `label`, left to right (top to bottom).
    static func find(in regions: Regions, label: Int32, scan: RGBImage, axis: TouchSplitter.Axis, unit: Double,
                     settings: ExtractionSettings) -> [Seam] {
        let box = regions.boxes[Int(label) - 1]
        let w = regions.width
        let lineStart = axis == .rows ? box.minY : box.minX
        let lineEdges = edges(of: label, in: regions, axis: axis)
        // The near edge as a straight line (robust fit), so positions follow the piece's slant.
        let near = lineEdges.enumerated().compactMap { i, e in e.map { (Double(i), Double($0.first)) } }
        guard near.count >= 40 else { return [] }
        let slope = PieceCutter.robustSlope(near) ?? 0
        let offsets = near.map { $0.1 - slope * $0.0 }.sorted()
        let intercept = offsets[offsets.count / 10]          // the edge's outer tenth: waves stay inside
        let span = Int((Double(thickness(of: label, in: regions)) * 1.1).rounded()) + 24
        let margin = 6, shoulder = 10
        let bandCount = max(4, lineEdges.count / 300)
        let u0 = -12                                           // profile starts this far outside the fitted edge
        let width = span - u0
        // Median tone per band and position; NaN where the band has too few samples.
        var profiles = [[Double]](repeating: [Double](repeating: .nan, count: width), count: bandCount)
        var centres = [Double](repeating: 0, count: bandCount)
        regions.labels.withUnsafeBufferPointer { lab in
            scan.pixels.withUnsafeBufferPointer { rgb in
                for b in 0..<bandCount {
                    let from = b * lineEdges.count / bandCount, to = (b + 1) * lineEdges.count / bandCount
                    centres[b] = Double(from + to - 1) / 2
                    var samples = [[UInt16]](repeating: [], count: width)
                    var seen = 0
                    for li in stride(from: from, to: to, by: 2) {
                        guard let e = lineEdges[li] else { continue }
                        seen += 1
                        let base = intercept + slope * Double(li)
                        let line = lineStart + li
                        for k in 0..<width {
                            let c = Int((base + Double(k + u0)).rounded())
                            guard c >= e.first + margin, c <= e.last - margin else { continue }
                            let i = axis == .rows ? line * w + c : c * w + line
                            guard lab[i] == label else { continue }
                            samples[k].append(UInt16(rgb[3 * i]) + UInt16(rgb[3 * i + 1]) + UInt16(rgb[3 * i + 2]))
                        }
                    }
                    for k in 0..<width where samples[k].count * 2 >= max(8, seen) {
                        samples[k].sort()
                        profiles[b][k] = Double(samples[k][samples[k].count / 2]) / 3
                    }
                }
            }
        }
        // Dip depth and bump height per band and position: shoulders 5-10 px each side
        // against the extreme within 1 px (wider, and the path could wander along a flat
        // top).
        func feature(_ m: [Double], _ k: Int, dark: Bool) -> Double {
            guard k - shoulder >= 0, k + shoulder < m.count else { return .nan }
            var left = 0.0, right = 0.0
            for d in 5...shoulder { left += m[k - d]; right += m[k + d] }
            let sh = (left + right) / Double(2 * (shoulder - 4))
            var extreme = dark ? Double.infinity : -Double.infinity
            for d in -1...1 { extreme = dark ? min(extreme, m[k + d]) : max(extreme, m[k + d]) }
            return dark ? sh - extreme : extreme - sh
        }
        var seams: [Seam] = []
        for dark in [true, false] {
            let f = profiles.map { m in (0..<width).map { feature(m, $0, dark: dark) } }
            seams += paths(f, centres: centres, u0: u0, intercept: intercept, slope: slope, settings: settings)
        }
        // Strongest first, each at least `seamSpacing` x unit from the others and from the
        // piece's edges (measured at the middle band).
        let spacing = settings.seamSpacing * unit
        let mid = bandCount / 2
        let midEdges = lineEdges[Int(centres[mid])]
        var kept: [Seam] = []
        for s in seams.sorted(by: { $0.evidence > $1.evidence }) {
            let p = s.positions[mid]
            if let e = midEdges, p - Double(e.first) < spacing || Double(e.last) - p < spacing { continue }
            if kept.contains(where: { abs($0.positions[mid] - p) < spacing }) { continue }
            kept.append(s)
        }
        return kept.sorted { $0.positions[mid] < $1.positions[mid] }
    }

    /// Best paths through the bands (a step of at most 2 px between bands) and the clear
    /// ones among them: one candidate per local peak of the path score.
    static func paths(_ f: [[Double]], centres: [Double], u0: Int, intercept: Double, slope: Double,
                      settings: ExtractionSettings) -> [Seam] {
        let bands = f.count, width = f[0].count
        let none = -1e9
        // Each px of drift between bands costs this many levels: of equal paths, the
        // straightest.
        let drift = 0.5
        let g = f.map { $0.map { $0.isNaN ? none : $0 } }
        var forward = g, backward = g
        var from = [[Int]](repeating: [Int](repeating: 0, count: width), count: bands)
        var to = [[Int]](repeating: [Int](repeating: 0, count: width), count: bands)
        for b in 1..<bands {
            for k in 0..<width {
                var best = none, arg = k
                for d in -2...2 where k + d >= 0 && k + d < width && forward[b - 1][k + d] - drift * Double(abs(d)) > best {
                    best = forward[b - 1][k + d] - drift * Double(abs(d)); arg = k + d
                }
                forward[b][k] = g[b][k] <= none / 2 || best <= none / 2 ? none : g[b][k] + best
                from[b][k] = arg
            }
        }
        for b in stride(from: bands - 2, through: 0, by: -1) {
            for k in 0..<width {
                var best = none, arg = k
                for d in -2...2 where k + d >= 0 && k + d < width && backward[b + 1][k + d] - drift * Double(abs(d)) > best {
                    best = backward[b + 1][k + d] - drift * Double(abs(d)); arg = k + d
                }
                backward[b][k] = g[b][k] <= none / 2 || best <= none / 2 ? none : g[b][k] + best
                to[b][k] = arg
            }
        }
        let mid = bands / 2
        // Mean depth of the best path through each position of the middle band.
        let score = (0..<width).map { k -> Double in
            let s = forward[mid][k] + backward[mid][k] - g[mid][k]
            return s <= none / 2 ? .nan : s / Double(bands)
        }
        let valid = score.filter { !$0.isNaN }.sorted()
        guard valid.count >= 20 else { return [] }
        let median = valid[valid.count / 2]
        let deviations = valid.map { abs($0 - median) }.sorted()
        let sigma = max(0.2, 1.4826 * deviations[deviations.count / 2])
        var seams: [Seam] = []
        for k in 0..<width where !score[k].isNaN {
            let s = score[k]
            guard s >= settings.seamContrast, (s - median) / sigma >= settings.seamEvidence else { continue }
            // A local peak within 3 px.
            let around = max(0, k - 3)...min(width - 1, k + 3)
            guard around.allSatisfy({ score[$0].isNaN || score[$0] <= s }) else { continue }
            var path = [Int](repeating: k, count: bands)
            for b in stride(from: mid, to: 0, by: -1) { path[b - 1] = from[b][path[b]] }
            for b in mid..<(bands - 1) { path[b + 1] = to[b][path[b]] }
            let positions = (0..<bands).map { intercept + slope * centres[$0] + Double(path[$0] + u0) }
            seams.append(Seam(lines: centres, positions: positions, contrast: s, evidence: (s - median) / sigma))
        }
        return seams
    }

    /// Relabels region `label`'s pixels by the side of each seam they lie on; the
    /// region's own label keeps the first part.
    static func cut(_ regions: inout Regions, label: Int32, axis: TouchSplitter.Axis, seams: [Seam]) -> [Int32] {
        TouchSplitter.relabel(&regions, label: label, axis: axis, parts: seams.count + 1) { li in
            seams.map { $0.position(at: Double(li)) }.sorted()
        }
    }
}
