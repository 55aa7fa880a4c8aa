/// Splits regions of paper that hold several pieces lying against each other.
///
/// Pieces laid side by side touch "in places": across most rows the sheet shows between
/// them, and only where two pieces touch it does not. So, for each region and each
/// direction (rows: pieces side by side; columns: pieces stacked), the gaps between the
/// runs of paper of every row are followed from row to row as tracks:
///
///     row  ███ ███ ███      two gaps: each extends its track
///     row  ███████ ███      one gap: the left track pauses, interpolated across
///     row  ███ ███ ███      the pause from its points above and below
///
/// A gap joins the track whose predicted position (last point plus its slope) is
/// nearest, within 4 px plus 3 % of the rows since the track's last point. Tracks seen on
/// at least `splitEvidence` of the region's rows are cut lines, extended along their
/// slope beyond their ends (runs shorter than `minimumRun` ignored, gaps under 3 px
/// closed). Where no row shows a gap (pieces pressed together along their whole length)
/// nothing separates them: `ScanExtractor` reports such a piece as maybe several.
enum TouchSplitter {
    enum Axis { case rows, columns }

    /// Splits region `label` along `axis` when the evidence allows; returns the labels of
    /// its parts (the region's own label first), or nil when it is left whole.
    static func split(_ regions: inout Regions, label: Int32, axis: Axis, settings: ExtractionSettings, evidence: Double? = nil) -> [Int32]? {
        let evidence = evidence ?? settings.splitEvidence
        let box = regions.boxes[Int(label) - 1]
        let w = regions.width
        let lineRange = axis == .rows ? box.minY...box.maxY : box.minX...box.maxX
        let crossRange = axis == .rows ? box.minX...box.maxX : box.minY...box.maxY
        let lineCount = lineRange.count
        guard lineCount > 0 else { return nil }

        // Runs per line, as cross-axis positions [start, end).
        var runsPerLine = [[(Int, Int)]](repeating: [], count: lineCount)
        regions.labels.withUnsafeBufferPointer { lab in
            for (li, line) in lineRange.enumerated() {
                var runs: [(Int, Int)] = []
                var start = -1
                for c in crossRange {
                    let inside = lab[axis == .rows ? line * w + c : c * w + line] == label
                    if inside && start < 0 { start = c }
                    if !inside && start >= 0 {
                        runs.append((start, c))
                        start = -1
                    }
                }
                if start >= 0 { runs.append((start, crossRange.upperBound + 1)) }
                // Close gaps under 3 px, then drop short runs.
                var merged: [(Int, Int)] = []
                for r in runs {
                    if let last = merged.last, r.0 - last.1 < 3 { merged[merged.count - 1].1 = r.1 } else { merged.append(r) }
                }
                runsPerLine[li] = merged.filter { $0.1 - $0.0 >= settings.minimumRun }
            }
        }
        // Gap tracks: each line's gaps (midpoints of the sheet between runs), linked to
        // the track whose predicted position (last point + slope x distance) is nearest,
        // within 4 px plus 3 % of the lines since its last point; a track may pause where
        // pieces touch and resume beyond.
        struct Track {
            var points: [(line: Int, x: Double)] = []
            var su = 0.0, sv = 0.0, suu = 0.0, suv = 0.0
            mutating func add(_ line: Int, _ x: Double) {
                points.append((line, x))
                let u = Double(line)
                su += u; sv += x; suu += u * u; suv += u * x
            }
            var slope: Double {
                let n = Double(points.count)
                let d = n * suu - su * su
                return n >= 20 && d > 0 ? (n * suv - su * sv) / d : 0
            }
            func predict(_ line: Int) -> Double {
                let last = points[points.count - 1]
                return last.x + slope * Double(line - last.line)
            }
        }
        var tracks: [Track] = []
        for (li, runs) in runsPerLine.enumerated() where runs.count >= 2 {
            let gaps = (0..<(runs.count - 1)).map { Double(runs[$0].1 + runs[$0 + 1].0) / 2 }
            var taken = Set<Int>()
            for g in gaps {
                var best: Int? = nil
                var bestDistance = Double.infinity
                for (t, track) in tracks.enumerated() where !taken.contains(t) && track.points.last!.line < li {
                    let since = Double(li - track.points.last!.line)
                    let d = abs(track.predict(li) - g)
                    if d <= 4 + 0.03 * since && d < bestDistance {
                        best = t
                        bestDistance = d
                    }
                }
                if let best {
                    tracks[best].add(li, g)
                    taken.insert(best)
                } else {
                    var track = Track()
                    track.add(li, g)
                    tracks.append(track)
                    taken.insert(tracks.count - 1)
                }
            }
        }
        let occupied = runsPerLine.filter { !$0.isEmpty }.count
        let lines = tracks.filter { Double($0.points.count) >= evidence * Double(occupied) && $0.points.count >= 10 }
        guard !lines.isEmpty else { return nil }
        let k = lines.count + 1
        // Each cut line's position on every line: its own points, linear between them,
        // extended along its fitted slope beyond its ends.
        var cuts = [[Double]](repeating: [Double](repeating: 0, count: k - 1), count: lineCount)
        for (j, track) in lines.enumerated() {
            let pts = track.points
            let slope = track.slope
            var p = 0
            for li in 0..<lineCount {
                while p + 1 < pts.count && pts[p + 1].line <= li { p += 1 }
                let x: Double
                if li <= pts[0].line {
                    x = pts[0].x + slope * Double(li - pts[0].line)
                } else if p + 1 >= pts.count {
                    x = pts[pts.count - 1].x + slope * Double(li - pts[pts.count - 1].line)
                } else {
                    let a = pts[p], b = pts[p + 1]
                    x = a.x + (b.x - a.x) * Double(li - a.line) / Double(b.line - a.line)
                }
                cuts[li][j] = x
            }
        }
        for li in 0..<lineCount { cuts[li].sort() }

        return relabel(&regions, label: label, axis: axis, parts: k) { cuts[$0] }
    }

    /// Relabels region `label`'s pixels into `parts` parts by the sorted cut positions
    /// (cross-axis) of each line `li` of its box; the region's own label keeps part 0.
    /// Returns the labels of the parts that hold pixels. Shared by this splitter and
    /// `SeamSplitter`.
    static func relabel(_ regions: inout Regions, label: Int32, axis: Axis, parts k: Int, cuts: (Int) -> [Double]) -> [Int32] {
        let box = regions.boxes[Int(label) - 1]
        let w = regions.width
        let lineRange = axis == .rows ? box.minY...box.maxY : box.minX...box.maxX
        let crossRange = axis == .rows ? box.minX...box.maxX : box.minY...box.maxY
        // New labels for parts 1..k-1; part 0 keeps the region's label.
        let first = Int32(regions.count + 1)
        let labels = [label] + (0..<Int32(k - 1)).map { first + $0 }
        var boxes = [PixelBox?](repeating: nil, count: k)
        var areas = [Int](repeating: 0, count: k)
        regions.labels.withUnsafeMutableBufferPointer { lab in
            for (li, line) in lineRange.enumerated() {
                let lineCuts = cuts(li)
                var part = 0
                for c in crossRange {
                    let i = axis == .rows ? line * w + c : c * w + line
                    guard lab[i] == label else { continue }
                    while part < k - 1 && Double(c) >= lineCuts[part] { part += 1 }
                    lab[i] = labels[part]
                    let (x, y) = axis == .rows ? (c, line) : (line, c)
                    if boxes[part] == nil { boxes[part] = PixelBox(minX: x, minY: y, maxX: x, maxY: y) } else { boxes[part]!.include(x: x, y: y) }
                    areas[part] += 1
                }
            }
        }
        // A cut can leave a part empty (a piece shorter than its neighbours); keep the
        // label numbering dense by giving empty parts an empty box far away.
        regions.boxes[Int(label) - 1] = boxes[0] ?? box
        regions.areas[Int(label) - 1] = areas[0]
        for part in 1..<k {
            regions.boxes.append(boxes[part] ?? PixelBox(minX: 0, minY: 0, maxX: -1, maxY: -1))
            regions.areas.append(areas[part])
        }
        return labels.enumerated().filter { areas[$0.offset] > 0 }.map(\.element)
    }

    /// Keeps region `label`'s body (see `ExtractionSettings.appendage`); pixels dropped
    /// become sheet. Updates the region's box and area.
    static func trimAppendages(_ regions: inout Regions, label: Int32, radius r: Int) {
        let box = regions.boxes[Int(label) - 1]
        guard r > 0, box.width > 0, box.height > 0 else { return }
        let w = regions.width, bw = box.width, bh = box.height
        var local = [UInt8](repeating: 0, count: bw * bh)
        for y in 0..<bh {
            for x in 0..<bw where regions.labels[(box.minY + y) * w + box.minX + x] == label { local[y * bw + x] = 1 }
        }
        let mask = BinaryMask(width: bw, height: bh, bits: local)
        let opened = mask.opened(radius: r)
        let parts = opened.regions(of: 1, eightConnected: true)
        guard let biggest = parts.areas.indices.max(by: { parts.areas[$0] < parts.areas[$1] }) else { return }
        let body = BinaryMask(width: bw, height: bh, bits: parts.labels.map { $0 == Int32(biggest + 1) ? 1 : 0 }).dilated(radius: r)
        var newBox: PixelBox? = nil
        var area = 0
        for y in 0..<bh {
            for x in 0..<bw where local[y * bw + x] == 1 {
                if body.bits[y * bw + x] == 1 {
                    area += 1
                    if newBox == nil { newBox = PixelBox(minX: box.minX + x, minY: box.minY + y, maxX: box.minX + x, maxY: box.minY + y) }
                    else { newBox!.include(x: box.minX + x, y: box.minY + y) }
                } else {
                    regions.labels[(box.minY + y) * w + box.minX + x] = 0
                }
            }
        }
        regions.boxes[Int(label) - 1] = newBox ?? box
        regions.areas[Int(label) - 1] = area
    }

    /// Splits region `label` side by side, then each part stacked (and the other way
    /// round when rows find nothing); returns the labels of all parts. The second split
    /// asks for `secondSplitEvidence`: a part cut from a row of touching strips keeps
    /// slivers of its neighbours, which show extra runs across many of its columns;
    /// pieces stacked with a gap show it across nearly all.
    static func splitAll(_ regions: inout Regions, label: Int32, settings: ExtractionSettings) -> [Int32] {
        let second = settings.secondSplitEvidence
        if let parts = split(&regions, label: label, axis: .rows, settings: settings) {
            return parts.flatMap { split(&regions, label: $0, axis: .columns, settings: settings, evidence: second) ?? [$0] }
        }
        if let parts = split(&regions, label: label, axis: .columns, settings: settings) {
            return parts.flatMap { split(&regions, label: $0, axis: .rows, settings: settings, evidence: second) ?? [$0] }
        }
        return [label]
    }
}
