import Foundation

/// `LineProfile.correlation` for many pairs: each profile's mean is taken out and
/// its energy summed once, and one profile is then correlated with eight others at
/// a time in `SIMD8<Float>` lanes.
///
/// Each lane runs the reference's arithmetic in the reference's order (the mean, the
/// deviations, the sums along the profile from the first pixel row to the last), so
/// the results are bit for bit those of `LineProfile.correlation`; vectorising
/// across profiles instead of along them is what keeps them so.
struct ProfileCorrelation: @unchecked Sendable {
    typealias Lanes = SIMD8<Float>
    static let width = 8

    let count: Int
    let length: Int
    /// Per profile, its deviations from its mean (`count * length`).
    let centered: [Float]
    /// Per profile, the sum of its squared deviations.
    let energy: [Float]
    /// Per block of eight profiles, per pixel row: the block's deviations.
    private let packed: [Lanes]

    init(_ profiles: [[Float]]) {
        count = profiles.count
        let length = profiles.first?.count ?? 0
        precondition(profiles.allSatisfy { $0.count == length }, "profiles of different lengths")
        self.length = length
        var centered = [Float](repeating: 0, count: count * length)
        var energy = [Float](repeating: 0, count: count)
        for (i, p) in profiles.enumerated() {
            let (deviations, e) = Self.center(p)
            for k in 0..<length { centered[i * length + k] = deviations[k] }
            energy[i] = e
        }
        let blocks = (count + Self.width - 1) / Self.width
        var packed = [Lanes](repeating: Lanes(repeating: 0), count: blocks * length)
        for i in 0..<count {
            let block = i / Self.width, lane = i % Self.width
            for k in 0..<length { packed[block * length + k][lane] = centered[i * length + k] }
        }
        self.centered = centered
        self.energy = energy
        self.packed = packed
    }

    /// Deviations from the mean and their energy, as `LineProfile.correlation` computes them.
    static func center(_ a: [Float]) -> (deviations: [Float], energy: Float) {
        let n = Float(a.count)
        let mean = a.reduce(0, +) / n
        var deviations = [Float](repeating: 0, count: a.count)
        var energy: Float = 0
        for k in 0..<a.count {
            let d = a[k] - mean
            deviations[k] = d
            energy += d * d
        }
        return (deviations, energy)
    }

    /// The correlation from the cross sum and the two energies, as the reference finishes it.
    @inline(__always)
    static func finish(_ sab: Float, _ saa: Float, _ sbb: Float) -> Float {
        guard saa > 1e-9, sbb > 1e-9 else { return 0 }
        return sab / (saa * sbb).squareRoot()
    }

    /// The correlation of profiles `i` and `j`.
    func correlation(_ i: Int, _ j: Int) -> Float {
        var sab: Float = 0
        for k in 0..<length { sab += centered[i * length + k] * centered[j * length + k] }
        return Self.finish(sab, energy[i], energy[j])
    }

    /// Correlations of a profile given by its deviations and energy (`center`) with
    /// the profiles `from..<count`, written to `out[j - from]`.
    func correlations(deviations v: UnsafeBufferPointer<Float>, energy e: Float, from: Int,
                      into out: UnsafeMutablePointer<Float>) {
        guard from < count else { return }
        let width = Self.width
        packed.withUnsafeBufferPointer { p in
            for block in (from / width)..<((count + width - 1) / width) {
                var sab = Lanes(repeating: 0)
                let base = block * length
                for k in 0..<length { sab += Lanes(repeating: v[k]) * p[base + k] }
                for lane in 0..<width {
                    let j = block * width + lane
                    if j >= from && j < count { out[j - from] = Self.finish(sab[lane], e, energy[j]) }
                }
            }
        }
    }

    /// Correlations of profile `i` with the profiles `from..<count`, written to `out[j - from]`.
    func correlations(of i: Int, from: Int, into out: UnsafeMutablePointer<Float>) {
        centered.withUnsafeBufferPointer { c in
            correlations(deviations: UnsafeBufferPointer(rebasing: c[(i * length)..<((i + 1) * length)]),
                         energy: energy[i], from: from, into: out)
        }
    }

    /// Correlations of every profile with `other` (any profile of the same length).
    func correlations(with other: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: count)
        guard count > 0 else { return out }
        let (deviations, e) = Self.center(other)
        deviations.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { o in correlations(deviations: v, energy: e, from: 0, into: o.baseAddress!) }
        }
        return out
    }
}
