/// The regular spacing of text lines down a page, used to tell which row follows
/// which when the cut between them runs through white space and the edges say nothing.
///
/// Lines start at page heights `y0 + k * pitch`. A row whose top is at page
/// height `Y` sees them at `(y0 - Y) mod pitch` inside its pieces: its *phase*.
/// The row below starts `h` lower, so its phase should be `(phase - h) mod pitch`.
struct LineRhythm: Sendable {
    let pitch: Float
    let phases: [Float?]
    let height: Int

    init(rows: [[Int]], profiles: [LineProfile]) {
        let templates = rows.map { RowClustering.template($0, profiles: profiles) }
        height = templates.first?.count ?? 0
        pitch = Self.estimatePitch(templates)
        let p = pitch
        phases = templates.map { p > 0 ? Self.phase(of: $0, pitch: p) : nil }
    }

    /// 0 when the rhythm continues from `above` into `below`, up to 1 when it is half a pitch off.
    func breakage(above a: Int, below b: Int) -> Float {
        guard pitch > 0, let pa = phases[a], let pb = phases[b] else { return 0 }
        let expected = (pa - Float(height)).truncatingRemainder(dividingBy: pitch)
        var d = abs(((expected - pb).truncatingRemainder(dividingBy: pitch) + pitch).truncatingRemainder(dividingBy: pitch))
        d = min(d, pitch - d)
        return 2 * d / pitch
    }

    /// Line pitch from the autocorrelation of all row templates (the strongest
    /// repeat between 8 px and half a piece height).
    static func estimatePitch(_ templates: [[Float]]) -> Float {
        guard let h = templates.first?.count, h >= 24 else { return 0 }
        var best: (Float, Int) = (-.infinity, 0)
        var scores = [Float](repeating: 0, count: h / 2 + 2)
        // Centred once, not once per lag (the same sums, bit for bit).
        let centred: [(values: [Float], energy: Float)] = templates.filter { !$0.isEmpty }.map { t in
            let mean = t.reduce(0, +) / Float(h)
            let c = t.map { $0 - mean }
            var den: Float = 0
            for y in 0..<h { den += c[y] * c[y] }
            return (c, den)
        }
        for lag in 8...(h / 2) {
            var s: Float = 0
            for (c, den) in centred {
                var num: Float = 0
                for y in 0..<(h - lag) { num += c[y] * c[y + lag] }
                if den > 0 { s += num / den }
            }
            scores[lag] = s
        }
        // The first strong peak, not a multiple of it.
        let top = scores.max() ?? 0
        for lag in 9..<(h / 2) where scores[lag] >= scores[lag - 1] && scores[lag] >= scores[lag + 1] && scores[lag] > 0.6 * top {
            best = (scores[lag], lag)
            break
        }
        guard best.1 > 0 else { return 0 }
        // Refine to a fraction of a pixel with a parabola through the peak.
        let l = best.1
        let y0 = scores[l - 1], y1 = scores[l], y2 = scores[l + 1]
        let denom = y0 - 2 * y1 + y2
        let offset = denom != 0 ? 0.5 * (y0 - y2) / denom : 0
        return Float(l) + max(-0.5, min(0.5, offset))
    }

    /// The phase of the template's line rhythm: the circular mean of its ink over
    /// one pitch (the first Fourier coefficient), robust to how tall the lines are.
    static func phase(of template: [Float], pitch: Float) -> Float? {
        var re: Double = 0, im: Double = 0
        for (y, v) in template.enumerated() where v > 0 {
            let angle = 2 * Double.pi * Double(y) / Double(pitch)
            re += Double(v) * cos(angle)
            im += Double(v) * sin(angle)
        }
        guard re * re + im * im > 1e-12 else { return nil }
        var angle = atan2(im, re)
        if angle < 0 { angle += 2 * Double.pi }
        return Float(angle / (2 * Double.pi)) * pitch
    }
}

import Foundation
