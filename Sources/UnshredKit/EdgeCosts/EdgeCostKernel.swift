import Foundation

/// The fast path of `EdgeCostMeasure.cost` for many pairs: one first border against
/// eight second borders at a time, in `SIMD8<Float>` lanes.
///
/// Each lane runs exactly the reference's arithmetic in the reference's order (the
/// sum along the cut runs from the first pixel to the last, as in `cost`), so the
/// results are bit for bit those of `EdgeCostMeasure.cost`; vectorising across
/// pairs instead of along the cut is what keeps them so. The second borders are
/// packed eight to a block, pixel-major (`c` and `2c - d` for the lanes of one
/// pixel side by side), and first borders are taken in small tiles so a block
/// stays in the L1 cache while it meets every first border of the tile.
///
/// Exponents other than 1, 2 and 4 fall back to the reference, pair by pair.
struct EdgeCostKernel: @unchecked Sendable {
    typealias Lanes = SIMD8<Float>
    static let width = 8

    let measure: EdgeCostMeasure
    /// Pixels along the cut.
    let length: Int
    let firstCount: Int
    let secondCount: Int
    /// Blocks of `width` second borders.
    let blocks: Int
    /// Per first border `i`, per pixel: `a` (outer) and `2a - b`.
    private let firstOuter: [Float]
    private let firstTwice: [Float]
    /// Per block, per pixel: `c` (outer) and `2c - d` of the block's second borders.
    private let secondOuter: [Lanes]
    private let secondTwice: [Lanes]
    private let firsts: [BorderProfile]
    private let seconds: [BorderProfile]
    let vectorised: Bool

    init(firsts: [BorderProfile], seconds: [BorderProfile], measure: EdgeCostMeasure) {
        self.measure = measure
        self.firsts = firsts
        self.seconds = seconds
        let length = firsts.first?.outer.count ?? seconds.first?.outer.count ?? 0
        precondition(firsts.allSatisfy { $0.outer.count == length && $0.inner.count == length }
                     && seconds.allSatisfy { $0.outer.count == length && $0.inner.count == length },
                     "borders of different lengths")
        self.length = length
        firstCount = firsts.count
        secondCount = seconds.count
        vectorised = [1, 2, 4].contains(measure.exponent)
        let width = Self.width
        blocks = (seconds.count + width - 1) / width
        guard vectorised else {
            firstOuter = []; firstTwice = []; secondOuter = []; secondTwice = []
            return
        }
        var fo = [Float](repeating: 0, count: firsts.count * length)
        var ft = [Float](repeating: 0, count: firsts.count * length)
        for (i, f) in firsts.enumerated() {
            for k in 0..<length {
                fo[i * length + k] = f.outer[k]
                ft[i * length + k] = 2 * f.outer[k] - f.inner[k]
            }
        }
        // Lanes past the last border hold paper; their results are never read.
        var so = [Lanes](repeating: Lanes(repeating: 255), count: blocks * length)
        var st = [Lanes](repeating: Lanes(repeating: 255), count: blocks * length)
        for (j, s) in seconds.enumerated() {
            let block = j / width, lane = j % width
            for k in 0..<length {
                so[block * length + k][lane] = s.outer[k]
                st[block * length + k][lane] = 2 * s.outer[k] - s.inner[k]
            }
        }
        firstOuter = fo
        firstTwice = ft
        secondOuter = so
        secondTwice = st
    }

    /// Base addresses of the packed borders, valid inside `withPointers`.
    struct Pointers {
        let firstOuter: UnsafePointer<Float>
        let firstTwice: UnsafePointer<Float>
        let secondOuter: UnsafePointer<Lanes>
        let secondTwice: UnsafePointer<Lanes>
    }

    func withPointers<R>(_ body: (Pointers?) -> R) -> R {
        guard vectorised, firstCount > 0, blocks > 0, length > 0 else { return body(nil) }
        return firstOuter.withUnsafeBufferPointer { fo in
            firstTwice.withUnsafeBufferPointer { ft in
                secondOuter.withUnsafeBufferPointer { so in
                    secondTwice.withUnsafeBufferPointer { st in
                        body(Pointers(firstOuter: fo.baseAddress!, firstTwice: ft.baseAddress!,
                                      secondOuter: so.baseAddress!, secondTwice: st.baseAddress!))
                    }
                }
            }
        }
    }

    /// Costs of first border `i` against the second borders of `block` (lanes past
    /// the end are meaningless).
    @inline(__always)
    func costs(_ i: Int, block: Int, _ p: Pointers?) -> Lanes {
        guard let p else {
            var out = Lanes(repeating: 0)
            for lane in 0..<Self.width where block * Self.width + lane < secondCount {
                out[lane] = measure.cost(firsts[i], seconds[block * Self.width + lane])
            }
            return out
        }
        let a = p.firstOuter + i * length, t = p.firstTwice + i * length
        let c = p.secondOuter + block * length, u = p.secondTwice + block * length
        let w = measure.predictionWeight
        switch measure.exponent {
        case 4: return Self.sum(a, t, c, u, length, w, power: 4)
        case 2: return Self.sum(a, t, c, u, length, w, power: 2)
        default: return Self.sum(a, t, c, u, length, w, power: 1)
        }
    }

    /// The reference's `pointError` summed along the cut, eight pairs at once.
    /// `2 * a - b - c` is `(2a - b) - c` and `2 * c - d - a` is `(2c - d) - a` in the
    /// reference too, so the precomputed halves give the same roundings.
    @inline(__always)
    static func sum(_ a: UnsafePointer<Float>, _ aTwice: UnsafePointer<Float>,
                    _ c: UnsafePointer<Lanes>, _ cTwice: UnsafePointer<Lanes>,
                    _ length: Int, _ weight: Float, power: Int) -> Lanes {
        let stepWeight = Lanes(repeating: 1 - weight)
        let predictionWeight = Lanes(repeating: weight)
        let half = Lanes(repeating: 0.5)
        let scale = Lanes(repeating: 1 / 255)
        var total = Lanes(repeating: 0)
        for k in 0..<length {
            let av = Lanes(repeating: a[k]), tv = Lanes(repeating: aTwice[k])
            let cv = c[k], uv = cTwice[k]
            let step = magnitude(av - cv)
            let predicted = (magnitude(tv - cv) + magnitude(uv - av)) * half
            let e = (step * stepWeight + predicted * predictionWeight) * scale
            switch power {
            case 4: let s = e * e; total += s * s
            case 2: total += e * e
            default: total += e
            }
        }
        return total
    }

    /// `abs` lane by lane: clears the sign bit, as `abs` on a Float does.
    @inline(__always)
    static func magnitude(_ x: Lanes) -> Lanes {
        unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & SIMD8<UInt32>(repeating: 0x7FFF_FFFF), to: Lanes.self)
    }

    /// Fills `out[i * stride + j]` for the first borders in `rows` and every second
    /// border `j` (`j == i` is left alone when `skipDiagonal`).
    func fill(rows: Range<Int>, into out: UnsafeMutablePointer<Float>, stride: Int, skipDiagonal: Bool) {
        let width = Self.width
        withPointers { p in
            for block in 0..<blocks {
                let base = block * width
                let lanes = min(width, secondCount - base)
                for i in rows {
                    let v = costs(i, block: block, p)
                    let row = out + i * stride + base
                    for lane in 0..<lanes where !(skipDiagonal && base + lane == i) { row[lane] = v[lane] }
                }
            }
        }
    }

    /// Row tiles for parallel work: small enough that both cores stay busy, large
    /// enough that a block of second borders is reused across the tile.
    static func tiles(_ count: Int, tile: Int = 16) -> [Range<Int>] {
        stride(from: 0, to: count, by: tile).map { $0..<min(count, $0 + tile) }
    }
}
