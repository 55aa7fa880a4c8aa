/// Cues of the page a strip was cut from that its edges and its text lines do not give:
/// its height as scanned and the brightness of its paper (`PageSplit` reads them).
///
/// - **Height.** Strips scanned (or cropped) one page at a time come out as tall as that
///   page's scan, to a pixel or two (smarques-D006: 8 strips of 3510 rows, 19 of 3508);
///   another page's scan has its own height (S-ISRI-OCR pages: 3455-3483 rows, 6 or more
///   apart, two alike). When a folder's heights come in a few exact values, each held by
///   a page's worth of strips (`byHeight`), strips whose heights differ by more than
///   `heightTolerance` are not of one page. Strips cut out of
///   flatbed scans (`unshred extract`) differ by a pixel or two each, so the cue stays
///   off for them, as it does for equal-size synthetic strips (one value: nothing to tell).
/// - **Paper white** (`white`): the mean of the brighter half of a strip's paper pixels.
///   One sheet's strips are alike (within 1-2 levels on the development pages); another
///   paper, printer or scan may be a few levels off. Used only for strips whose lines
///   did not place them (`fits`).
struct PageCues: Sendable {
    /// Paper rows' height of each strip as scanned.
    let heights: [Int]
    /// Paper white of each strip.
    let white: [Float]
    /// Heights tell pages apart (see the type's notes).
    let byHeight: Bool

    init(_ pieces: PieceSet) {
        heights = pieces.pieces.map { $0.scan.height }
        white = Parallel.map(pieces.count) { Self.white(pieces[$0]) }
        byHeight = Self.heightsArePages(heights, least: PageSplit.minPageStrips)
    }

    init(heights: [Int], white: [Float]) {
        self.heights = heights
        self.white = white
        byHeight = Self.heightsArePages(heights, least: PageSplit.minPageStrips)
    }

    /// True when there are at least two heights and every height that occurs is held by
    /// at least `least` strips (a page's worth).
    static func heightsArePages(_ heights: [Int], least: Int) -> Bool {
        var count: [Int: Int] = [:]
        for h in heights { count[h, default: 0] += 1 }
        return count.count > 1 && count.values.allSatisfy { $0 >= least }
    }

    /// Heights further apart than this (px; at least 2, else a thousandth of the height)
    /// are of different scans.
    static func heightTolerance(_ height: Int) -> Int { max(2, height / 1000) }

    func sameHeight(_ a: Int, _ b: Int) -> Bool { abs(a - b) <= Self.heightTolerance(max(a, b)) }

    /// Strips `i` and `j` may be of one page.
    func compatible(_ i: Int, _ j: Int) -> Bool { !byHeight || sameHeight(heights[i], heights[j]) }

    /// The height most of `page`'s strips have.
    func height(of page: [Int]) -> Int {
        var count: [Int: Int] = [:]
        for i in page { count[heights[i], default: 0] += 1 }
        return count.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? 0
    }

    /// Groups `a` and `b` may be one page (their commonest heights agree).
    func compatible(_ a: [Int], _ b: [Int]) -> Bool { !byHeight || sameHeight(height(of: a), height(of: b)) }

    /// A page's paper white is this many robust deviations (at least `whiteFloor`) from
    /// a strip's, and the strip lies outside the range of the page's own: not its paper.
    static let whiteDeviations: Float = 3
    /// JPEG rounds each pixel to a level; a page of very even paper has a spread under one.
    static let whiteFloor: Float = 0.5

    /// Strip `s` may be of `page` by its height and paper white.
    func fits(_ s: Int, page: [Int]) -> Bool {
        guard !page.isEmpty else { return true }
        if byHeight && !sameHeight(heights[s], height(of: page)) { return false }
        let values = page.map { white[$0] }.sorted()
        let median = values[values.count / 2]
        let deviations = values.map { abs($0 - median) }.sorted()
        let spread = max(Self.whiteFloor, 1.4826 * deviations[deviations.count / 2])
        let outside = white[s] < values.first! || white[s] > values.last!
        return !(outside && abs(white[s] - median) > Self.whiteDeviations * spread)
    }

    /// The mean of the brighter half of a piece's paper pixels (its gray as scanned).
    static func white(_ piece: Piece) -> Float {
        var histogram = [Int](repeating: 0, count: 256)
        let scan = piece.scan
        scan.pixels.withUnsafeBufferPointer { p in
            for y in 0..<scan.height {
                for x in piece.paperSpan(y) { histogram[Int(p[y * scan.width + x])] += 1 }
            }
        }
        let total = histogram.reduce(0, +)
        guard total > 0 else { return 255 }
        // From the top down, the brighter half.
        var taken = 0, sum = 0
        for v in stride(from: 255, through: 0, by: -1) where taken < (total + 1) / 2 {
            let k = min(histogram[v], (total + 1) / 2 - taken)
            taken += k
            sum += k * v
        }
        return Float(sum) / Float(max(1, taken))
    }
}
