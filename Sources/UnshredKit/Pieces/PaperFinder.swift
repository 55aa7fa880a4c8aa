/// Finds the paper of a scanned piece: tells the background around a strip (a dark
/// or coloured sheet behind it, as strips are often scanned) from the paper, and
/// reads transparency in a PNG as "not paper".
///
/// Background model: the colour of the piece's left and right border columns (a
/// strip's paper rarely reaches both, its background does). With `bg` their median
/// colour and distance the largest channel difference, a pixel is background-like
/// when within `tolerance` of `bg`; the tolerance follows the border's own spread
/// (JPEG noise), at least `minTolerance`. The background is the background-like
/// pixels connected (4-neighbours) to the image border, so ink inside the paper,
/// however dark, stays paper. Each row's paper is then its longest run of pixels
/// that are not background (`PaperMask`).
///
/// No background is found (nil: all paper) when either border column is mostly not alike,
/// or when what differs from it is too little or not lighter than it: a white strip
/// cropped to the paper, whose borders are paper, shows only ink against them.
public enum PaperFinder {
    /// Smallest distance (0-255, largest channel difference) a pixel may have from the
    /// background's colour and still be background.
    static let minTolerance = 24
    static let maxTolerance = 64
    /// Share of each border column (left, right) that must be background-like: a strip
    /// on a background shows it down both sides (S-ISRI-OCR: 83 % of the rows or more).
    static let minBorderShare = 0.5
    /// Share of all pixels that must be clearly unlike the background (the paper).
    static let minPaperShare = 0.2
    /// How much lighter (luma) than the background the paper must be.
    static let minContrast = 32

    /// The paper of a piece scanned against a background, or nil when no background
    /// is found. `colour` (when given) must be the same size as `gray`.
    public static func find(gray: GrayImage, colour: RGBImage?) -> PaperMask? {
        let w = gray.width, h = gray.height
        guard w >= 3, h >= 1 else { return nil }
        let channels = colour == nil ? 1 : 3
        let data = colour?.pixels ?? gray.pixels
        // Background colour: median of the left and right border columns.
        var samples = [[Int]](repeating: [], count: channels)
        for y in 0..<h {
            for x in [0, w - 1] {
                for c in 0..<channels { samples[c].append(Int(data[(y * w + x) * channels + c])) }
            }
        }
        let bg = samples.map { s -> Int in let t = s.sorted(); return t[t.count / 2] }
        let distance = { (i: Int) -> Int in
            var d = 0
            for c in 0..<channels { d = max(d, abs(Int(data[i * channels + c]) - bg[c])) }
            return d
        }
        let borderDistances = (0..<h).flatMap { y in [distance(y * w), distance(y * w + w - 1)] }
        let near = borderDistances.filter { $0 < maxTolerance }.sorted()
        guard Double(near.count) >= minBorderShare * Double(borderDistances.count) else { return nil }
        let spread = near[min(near.count - 1, near.count * 95 / 100)]
        let tolerance = min(maxTolerance, max(minTolerance, 3 * spread + 8))
        for x in [0, w - 1] {
            let alike = (0..<h).reduce(0) { $0 + (distance($1 * w + x) < tolerance ? 1 : 0) }
            guard Double(alike) >= minBorderShare * Double(h) else { return nil }
        }

        // Paper: clearly unlike the background, enough of it, lighter than it.
        var unlike = 0
        var unlikeLuma = [Int](repeating: 0, count: 256)
        for i in 0..<(w * h) where distance(i) >= 2 * tolerance {
            unlike += 1
            unlikeLuma[Int(gray.pixels[i])] += 1
        }
        guard Double(unlike) >= minPaperShare * Double(w * h) else { return nil }
        var seen = 0, paperLuma = 0
        while seen + unlikeLuma[paperLuma] <= unlike / 2 { seen += unlikeLuma[paperLuma]; paperLuma += 1 }
        let bgLuma = colour.map { _ in (299 * bg[0] + 587 * bg[1] + 114 * bg[2] + 500) / 1000 } ?? bg[0]
        guard paperLuma >= bgLuma + minContrast else { return nil }

        // Background: background-like pixels reached from the image border.
        var background = [Bool](repeating: false, count: w * h)
        var stack: [Int32] = []
        func seed(_ i: Int) {
            if !background[i] && distance(i) < tolerance { background[i] = true; stack.append(Int32(i)) }
        }
        for y in 0..<h { seed(y * w); seed(y * w + w - 1) }
        for x in 0..<w { seed(x); seed((h - 1) * w + x) }
        while let top = stack.popLast() {
            let i = Int(top), x = i % w
            if x > 0 { seed(i - 1) }
            if x + 1 < w { seed(i + 1) }
            if i >= w { seed(i - w) }
            if i + w < w * h { seed(i + w) }
        }
        return mask(rows: h, width: w) { background[$0] }
    }

    /// The paper of a PNG with transparency: pixels at least half opaque; nil when
    /// every row is paper from end to end.
    public static func find(alpha: GrayImage) -> PaperMask? {
        let mask = mask(rows: alpha.height, width: alpha.width) { alpha.pixels[$0] < 128 }
        return mask.isFull ? nil : mask
    }

    /// The colour of a PNG with transparency as if it lay on a black sheet: pixels under
    /// half opaque black, the rest as they are. A strip cut out of a flatbed scan
    /// (`unshred extract`) is then read by the real-cut measure as the datasets' strips
    /// on black are (it finds their paper edges itself and reads beyond them as
    /// background), not as paper whose white surround continues the page. The page is
    /// composed from the paper only, so the black never shows.
    public static func onBlack(_ colour: RGBImage, alpha: GrayImage) -> RGBImage {
        precondition(colour.width == alpha.width && colour.height == alpha.height, "PaperFinder.onBlack: sizes differ")
        var pixels = colour.pixels
        for i in 0..<alpha.pixels.count where alpha.pixels[i] < 128 {
            pixels[3 * i] = 0; pixels[3 * i + 1] = 0; pixels[3 * i + 2] = 0
        }
        return RGBImage(width: colour.width, height: colour.height, pixels: pixels)
    }

    /// Each row's longest run of pixels that are not `excluded` (ties: the leftmost).
    static func mask(rows h: Int, width w: Int, excluded: (Int) -> Bool) -> PaperMask {
        var left = [Int](repeating: 0, count: h), right = [Int](repeating: 0, count: h)
        for y in 0..<h {
            var best = (start: 0, length: 0)
            var start = -1
            for x in 0...w {
                let paper = x < w && !excluded(y * w + x)
                if paper && start < 0 { start = x }
                if !paper && start >= 0 {
                    if x - start > best.length { best = (start, x - start) }
                    start = -1
                }
            }
            if best.length > 0 { left[y] = best.start; right[y] = best.start + best.length }
        }
        return PaperMask(width: w, height: h, leftEdge: left, rightEdge: right)
    }
}
