/// The colour of the sheet the pieces lie on, learnt from the scan itself.
///
/// The sheet is the commonest colour that is not paper-white: a 16-level-per-channel
/// histogram of every 5th pixel, white-ish pixels (all channels above 170, within 40 of
/// each other) left out, gives the densest bin; the mean and spread of the pixels within
/// 24 levels of that bin's centre are the model. Ink is far rarer than the sheet, even on a
/// dark sheet, so it does not win the vote.
public struct BackgroundModel: Sendable, Equatable {
    /// Mean red, green, blue of the sheet.
    public var mean: [Double]
    /// Standard deviation per channel (at least the settings' floor).
    public var spread: [Double]

    public init(mean: [Double], spread: [Double]) {
        self.mean = mean
        self.spread = spread
    }

    /// Luma of the sheet's mean colour.
    public var luma: Double { 0.299 * mean[0] + 0.587 * mean[1] + 0.114 * mean[2] }

    /// A dark sheet (black, dark gray): ink on the paper looks like it, so holes and
    /// cut strokes must be closed by shape, not colour.
    public var isDark: Bool {
        luma < 90 && (mean.max()! - mean.min()!) < 40
    }

    /// Learns the sheet's colour, or nil when the scan holds (nearly) nothing but white.
    public static func estimate(_ scan: RGBImage, minimumSpread: Double) -> BackgroundModel? {
        let n = scan.width * scan.height
        var histogram = [Int](repeating: 0, count: 4096)
        var sampled = 0
        scan.pixels.withUnsafeBufferPointer { p in
            var i = 0
            while i < n {
                let r = Int(p[3 * i]), g = Int(p[3 * i + 1]), b = Int(p[3 * i + 2])
                if !isWhitish(r, g, b) {
                    histogram[(r >> 4) << 8 | (g >> 4) << 4 | (b >> 4)] += 1
                    sampled += 1
                }
                i += 5
            }
        }
        // Under 0.5 % of the scan off-white: no sheet to speak of.
        guard sampled > 0, sampled * 5 * 200 >= n, let best = histogram.indices.max(by: { histogram[$0] < histogram[$1] }) else {
            return nil
        }
        let centre = [Double((best >> 8) << 4 + 8), Double(((best >> 4) & 15) << 4 + 8), Double((best & 15) << 4 + 8)]
        var sum = [0.0, 0.0, 0.0], sumSquares = [0.0, 0.0, 0.0]
        var count = 0.0
        scan.pixels.withUnsafeBufferPointer { p in
            var i = 0
            while i < n {
                let c = [Double(p[3 * i]), Double(p[3 * i + 1]), Double(p[3 * i + 2])]
                if abs(c[0] - centre[0]) <= 24 && abs(c[1] - centre[1]) <= 24 && abs(c[2] - centre[2]) <= 24 {
                    for k in 0..<3 {
                        sum[k] += c[k]
                        sumSquares[k] += c[k] * c[k]
                    }
                    count += 1
                }
                i += 5
            }
        }
        let mean = sum.map { $0 / count }
        let spread = (0..<3).map { k in max(minimumSpread, (max(0, sumSquares[k] / count - mean[k] * mean[k])).squareRoot()) }
        return BackgroundModel(mean: mean, spread: spread)
    }

    static func isWhitish(_ r: Int, _ g: Int, _ b: Int) -> Bool {
        let lo = min(r, g, b), hi = max(r, g, b)
        return lo > 170 && hi - lo < 40
    }

    /// True where the scan is not the sheet (paper, ink, or a stray object): a boolean
    /// mask, row-major like the scan.
    public func foreground(_ scan: RGBImage, distance: Double) -> [Bool] {
        let n = scan.width * scan.height
        var out = [Bool](repeating: false, count: n)
        // Squared distance in units of spread, compared with distance^2; a lookup per
        // channel avoids a division per pixel.
        var tables = [[Double]](repeating: [], count: 3)
        for k in 0..<3 {
            tables[k] = (0..<256).map { v in
                let d = (Double(v) - mean[k]) / spread[k]
                return d * d
            }
        }
        let limit = distance * distance
        let t0 = tables[0], t1 = tables[1], t2 = tables[2]
        scan.pixels.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<n {
                    o[i] = t0[Int(p[3 * i])] + t1[Int(p[3 * i + 1])] + t2[Int(p[3 * i + 2])] > limit
                }
            }
        }
        return out
    }
}
