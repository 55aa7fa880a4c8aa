import Foundation

/// Dissimilarity for every ordered pair of pieces in one direction:
/// `self[i, j]` is the cost of piece `i` standing left of (or above) piece `j`.
/// The diagonal is `.infinity`. Row-major `n * n` Floats.
struct CostMatrix: Sendable {
    let count: Int
    var values: [Float]

    init(count: Int, values: [Float]) {
        precondition(values.count == count * count)
        self.count = count
        self.values = values
    }

    @inlinable
    subscript(i: Int, j: Int) -> Float {
        get { values[i * count + j] }
        set { values[i * count + j] = newValue }
    }

    /// Costs between the given borders: `firsts[i]` (right or bottom borders) against
    /// `seconds[j]` (left or top borders): exactly `measure.cost(firsts[i], seconds[j])`,
    /// computed eight pairs at a time (`EdgeCostKernel`) on all cores.
    static func compute(firsts: [BorderProfile], seconds: [BorderProfile],
                               measure: EdgeCostMeasure = .standard) -> CostMatrix {
        let n = firsts.count
        precondition(seconds.count == n)
        var values = [Float](repeating: .infinity, count: n * n)
        guard n > 1 else { return CostMatrix(count: n, values: values) }
        let kernel = EdgeCostKernel(firsts: firsts, seconds: seconds, measure: measure)
        let tiles = EdgeCostKernel.tiles(n)
        values.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendable(buffer)
            Parallel.forEach(tiles.count) { t in
                kernel.fill(rows: tiles[t], into: out.value.baseAddress!, stride: n, skipDiagonal: true)
            }
        }
        return CostMatrix(count: n, values: values)
    }

    /// Left-right costs of a set of pieces.
    static func leftRight(_ images: [GrayImage], measure: EdgeCostMeasure = .standard) -> CostMatrix {
        compute(firsts: images.map(BorderProfile.right), seconds: images.map(BorderProfile.left), measure: measure)
    }

    /// Top-bottom costs of a set of pieces.
    static func topBottom(_ images: [GrayImage], measure: EdgeCostMeasure = .standard) -> CostMatrix {
        compute(firsts: images.map(BorderProfile.bottom), seconds: images.map(BorderProfile.top), measure: measure)
    }

    /// The 0-based rank of `j` among the successors of `i` (0 = cheapest).
    /// Ties count against `j`: a tie with a wrong candidate is not a win.
    func rank(of j: Int, after i: Int) -> Int {
        let c = self[i, j]
        var rank = 0
        for k in 0..<count where k != i && k != j && self[i, k] <= c { rank += 1 }
        return rank
    }
}
