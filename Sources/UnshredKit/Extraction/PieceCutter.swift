import Foundation

/// Turns one piece upright and cuts it out of the scan.
///
/// The angle comes from the piece's long edges: for a piece taller than wide, the
/// leftmost and rightmost paper pixel of every row (the outer 5 % of rows left out, where
/// corners and torn ends are) are two point sets; a straight line is fitted to each by
/// least squares, refitted twice without the points more than 3 median deviations off
/// (torn fibres, a notch, ink that looked like the sheet), and the piece is turned by the mean of the two slopes. A piece wider
/// than tall uses the top and bottom edges of its columns. The output is the piece's
/// upright bounding box, sampled from the scan bilinearly at full resolution; alpha is
/// 255 where the nearest scan pixel belongs to the piece, 0 elsewhere (those pixels white),
/// and 0 within `trim` px of the outline (the paper-and-sheet mixture there; the box
/// keeps its size), for a strip only at its two ends.
enum PieceCutter {
    /// The angle (degrees, positive = the piece is turned clockwise on screen to stand
    /// upright) of region `label`.
    static func angle(of label: Int32, in regions: Regions) -> Double {
        let box = regions.boxes[Int(label) - 1]
        let w = regions.width
        let vertical = box.height >= box.width
        let lines = vertical ? box.minY...box.maxY : box.minX...box.maxX
        let cross = vertical ? box.minX...box.maxX : box.minY...box.maxY
        let trim = lines.count / 20
        guard lines.count - 2 * trim >= 3 else { return 0 }
        var near: [(Double, Double)] = [], far: [(Double, Double)] = []
        regions.labels.withUnsafeBufferPointer { lab in
            for line in (lines.lowerBound + trim)...(lines.upperBound - trim) {
                var first = -1, last = -1
                for c in cross where lab[vertical ? line * w + c : c * w + line] == label {
                    if first < 0 { first = c }
                    last = c
                }
                if first >= 0 {
                    near.append((Double(line), Double(first)))
                    far.append((Double(line), Double(last)))
                }
            }
        }
        let slopes = [near, far].compactMap(robustSlope)
        guard !slopes.isEmpty else { return 0 }
        let slope = slopes.reduce(0, +) / Double(slopes.count)
        let degrees = atan(slope) * 180 / .pi
        return vertical ? degrees : -degrees
    }

    /// Least-squares slope of v over u, refitted twice without points more than 3 median
    /// absolute deviations (at least 0.75 px) off the line before: a straight cut with
    /// ink dents comes out straight, a torn edge keeps its waves.
    static func robustSlope(_ points: [(Double, Double)]) -> Double? {
        func fit(_ p: [(Double, Double)]) -> (slope: Double, intercept: Double)? {
            guard p.count >= 3 else { return nil }
            let n = Double(p.count)
            let mu = p.reduce(0) { $0 + $1.0 } / n, mv = p.reduce(0) { $0 + $1.1 } / n
            var suu = 0.0, suv = 0.0
            for (u, v) in p {
                suu += (u - mu) * (u - mu)
                suv += (u - mu) * (v - mv)
            }
            guard suu > 0 else { return nil }
            let slope = suv / suu
            return (slope, mv - slope * mu)
        }
        guard var line = fit(points) else { return nil }
        // Twice: the second pass sees a line no longer pulled by the dents the first dropped.
        for _ in 0..<2 {
            let residuals = points.map { abs($0.1 - (line.slope * $0.0 + line.intercept)) }
            let mad = residuals.sorted()[residuals.count / 2]
            let limit = max(0.75, 3 * mad)
            let inliers = zip(points, residuals).filter { $0.1 <= limit }.map(\.0)
            guard let refit = fit(inliers) else { break }
            line = refit
        }
        return line.slope
    }

    /// The cut-out piece: colour, alpha, where its upright box's centre and corners lie
    /// in the scan.
    struct Cut {
        var colour: RGBImage
        var alpha: GrayImage
        var centre: (x: Double, y: Double)
        /// Corners of the upright box in scan pixels: top-left, top-right, bottom-right, bottom-left.
        var corners: [(x: Double, y: Double)]
    }

    /// Cuts region `label` out of `scan`, turned clockwise by `degrees`.
    /// With `endsOnly` (strips) only the two short ends are trimmed; the long sides, the
    /// cuts the real-cut measure reads, keep every paper pixel.
    static func cut(_ label: Int32, regions: Regions, scan: RGBImage, degrees: Double, trim: Int = 0, endsOnly: Bool = false) -> Cut {
        let box = regions.boxes[Int(label) - 1]
        let w = regions.width, h = regions.height
        let theta = degrees * .pi / 180
        let cs = cos(theta), sn = sin(theta)
        let cx = Double(box.minX + box.maxX) / 2, cy = Double(box.minY + box.maxY) / 2
        // Extent of the piece's pixels once turned: R(theta) (p - c), R = [[c, -s], [s, c]].
        var minU = Double.infinity, maxU = -Double.infinity, minV = Double.infinity, maxV = -Double.infinity
        regions.labels.withUnsafeBufferPointer { lab in
            for y in box.minY...box.maxY {
                for x in box.minX...box.maxX where lab[y * w + x] == label {
                    let dx = Double(x) - cx, dy = Double(y) - cy
                    let u = cs * dx - sn * dy, v = sn * dx + cs * dy
                    minU = min(minU, u); maxU = max(maxU, u)
                    minV = min(minV, v); maxV = max(maxV, v)
                }
            }
        }
        let outW = max(1, Int((maxU - minU).rounded()) + 1), outH = max(1, Int((maxV - minV).rounded()) + 1)
        var colour = [UInt8](repeating: 255, count: 3 * outW * outH)
        var alpha = [UInt8](repeating: 0, count: outW * outH)
        // Back to the scan: p = c + R(-theta) q.
        func source(_ u: Double, _ v: Double) -> (Double, Double) {
            (cx + cs * u + sn * v, cy - sn * u + cs * v)
        }
        regions.labels.withUnsafeBufferPointer { lab in
            scan.pixels.withUnsafeBufferPointer { rgb in
                for row in 0..<outH {
                    let v = minV + Double(row)
                    for col in 0..<outW {
                        let u = minU + Double(col)
                        let (sx, sy) = source(u, v)
                        let nx = Int(sx.rounded()), ny = Int(sy.rounded())
                        guard nx >= 0, ny >= 0, nx < w, ny < h, lab[ny * w + nx] == label else { continue }
                        let o = row * outW + col
                        alpha[o] = 255
                        let x0 = min(max(Int(sx.rounded(.down)), 0), w - 1), y0 = min(max(Int(sy.rounded(.down)), 0), h - 1)
                        let x1 = min(x0 + 1, w - 1), y1 = min(y0 + 1, h - 1)
                        let fx = min(max(sx - Double(x0), 0), 1), fy = min(max(sy - Double(y0), 0), 1)
                        for k in 0..<3 {
                            let a = Double(rgb[3 * (y0 * w + x0) + k]), b = Double(rgb[3 * (y0 * w + x1) + k])
                            let c = Double(rgb[3 * (y1 * w + x0) + k]), d = Double(rgb[3 * (y1 * w + x1) + k])
                            let value = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy
                            colour[3 * o + k] = UInt8(min(255, max(0, value.rounded())))
                        }
                    }
                }
            }
        }
        if trim > 0 {
            let mask = BinaryMask(width: outW, height: outH, bits: alpha.map { $0 > 0 ? 1 : 0 })
            let kept = endsOnly ? mask.erodedAlong(vertical: outH >= outW, radius: trim) : mask.eroded(radius: trim)
            for i in 0..<(outW * outH) where kept.bits[i] == 0 && alpha[i] != 0 {
                alpha[i] = 0
                colour[3 * i] = 255; colour[3 * i + 1] = 255; colour[3 * i + 2] = 255
            }
        }
        let centreUV = ((minU + maxU) / 2, (minV + maxV) / 2)
        let centre = source(centreUV.0, centreUV.1)
        let corners = [(minU - 0.5, minV - 0.5), (maxU + 0.5, minV - 0.5), (maxU + 0.5, maxV + 0.5), (minU - 0.5, maxV + 0.5)]
            .map { source($0.0, $0.1) }.map { (x: $0.0, y: $0.1) }
        return Cut(colour: RGBImage(width: outW, height: outH, pixels: colour),
                   alpha: GrayImage(width: outW, height: outH, pixels: alpha),
                   centre: (centre.0, centre.1), corners: corners)
    }
}
