/// Where a piece's text lines lie vertically: the share of ink in each pixel row.
///
/// Pieces of one page row were cut from the same text lines, so their profiles
/// rise and fall together; pieces from other rows are shifted by the line pitch.
struct LineProfile: Sendable {
    /// Ink share per pixel row, lightly smoothed, 0...1.
    let density: [Float]
    /// Total ink, in pixels.
    let ink: Int

    init(_ image: GrayImage, smoothing radius: Int = 1) {
        var raw = [Float](repeating: 0, count: image.height)
        var ink = 0
        for y in 0..<image.height {
            var count = 0
            let start = y * image.width
            for x in 0..<image.width where image.pixels[start + x] < PaperModel.inkThreshold { count += 1 }
            raw[y] = Float(count) / Float(max(1, image.width))
            ink += count
        }
        self.ink = ink
        guard radius > 0 else { density = raw; return }
        density = (0..<raw.count).map { y in
            let lo = max(0, y - radius), hi = min(raw.count - 1, y + radius)
            return raw[lo...hi].reduce(0, +) / Float(hi - lo + 1)
        }
    }

    /// Pearson correlation of two profiles; 0 when either is flat (blank).
    static func correlation(_ a: [Float], _ b: [Float]) -> Float {
        let n = Float(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab: Float = 0, saa: Float = 0, sbb: Float = 0
        for k in 0..<a.count {
            let da = a[k] - ma, db = b[k] - mb
            sab += da * db
            saa += da * da
            sbb += db * db
        }
        guard saa > 1e-9, sbb > 1e-9 else { return 0 }
        return sab / (saa * sbb).squareRoot()
    }
}
