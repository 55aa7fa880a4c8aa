import Foundation

/// The `k` cheapest successors and the `k` cheapest predecessors of every node of
/// an asymmetric cost (`cost(i, j)`: `i` left of or above `j`), cheapest first,
/// ties to the lower index. What a solver for thousands of pieces keeps instead of
/// the full matrix: `n * k * 16` bytes (indices and costs, both ways) against
/// `n * n * 4` (n = 10,000, k = 12: 1.9 MB against 400 MB per direction).
///
/// Built by partial selection (a bounded insertion list per node: O(n^2) cost
/// reads, O(n k) memory), either from a full matrix or straight from the borders
/// (`compute(firsts:seconds:measure:k:)`), which never holds more than a strip of
/// the matrix.
struct CandidateLists: Sendable, Equatable {
    let count: Int
    let k: Int
    /// `successors[i * k + t]`: the t-th cheapest `j` after `i`; `successorCosts` alike.
    private(set) var successors: [Int32]
    private(set) var successorCosts: [Float]
    /// `predecessors[j * k + t]`: the t-th cheapest `i` before `j`; `predecessorCosts` alike.
    private(set) var predecessors: [Int32]
    private(set) var predecessorCosts: [Float]

    /// Bytes held by the lists.
    var bytes: Int { 2 * count * k * (MemoryLayout<Int32>.size + MemoryLayout<Float>.size) }

    init(count: Int, k: Int, successors: [Int32], successorCosts: [Float], predecessors: [Int32], predecessorCosts: [Float]) {
        self.count = count
        self.k = k
        self.successors = successors
        self.successorCosts = successorCosts
        self.predecessors = predecessors
        self.predecessorCosts = predecessorCosts
    }

    /// From a row-major `n * n` cost array; the diagonal is never a candidate.
    /// `k` is clamped to `n - 1`.
    init(cost: [Float], count n: Int, k: Int) {
        precondition(cost.count == n * n)
        let k = max(0, min(k, n - 1))
        var succ = [Int32](repeating: -1, count: n * k), succCost = [Float](repeating: .infinity, count: n * k)
        var pred = [Int32](repeating: -1, count: n * k), predCost = [Float](repeating: .infinity, count: n * k)
        if k > 0 {
            cost.withUnsafeBufferPointer { c in
                let c = UnsafeSendable(c)
                succ.withUnsafeMutableBufferPointer { si in
                    succCost.withUnsafeMutableBufferPointer { sc in
                        pred.withUnsafeMutableBufferPointer { pi in
                            predCost.withUnsafeMutableBufferPointer { pc in
                                let out = UnsafeSendable((si.baseAddress!, sc.baseAddress!, pi.baseAddress!, pc.baseAddress!))
                                // Successors: one task per band of rows. Predecessors: one task per
                                // band of columns, reading the rows' slices of that band (row-major).
                                let bands = Self.bands(n)
                                // Small problems (a row of pieces) are not worth waking threads for.
                                Parallel.forEach(2 * bands.count, parallel: n >= 256) { t in
                                    let band = bands[t % bands.count]
                                    if t < bands.count {
                                        for i in band {
                                            var list = Selection(k: k, indices: out.value.0 + i * k, costs: out.value.1 + i * k)
                                            for j in 0..<n where j != i { list.offer(Int32(j), c.value[i * n + j]) }
                                        }
                                    } else {
                                        for i in 0..<n {
                                            for j in band where j != i {
                                                var list = Selection(k: k, indices: out.value.2 + j * k, costs: out.value.3 + j * k)
                                                list.offer(Int32(i), c.value[i * n + j])
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.init(count: n, k: k, successors: succ, successorCosts: succCost, predecessors: pred, predecessorCosts: predCost)
    }

    /// From a cost function, evaluated once for every ordered pair (in parallel: it
    /// must be safe to call from several threads).
    init(count n: Int, k: Int, cost: @Sendable (Int, Int) -> Float) {
        let k = max(0, min(k, n - 1))
        var succ = [Int32](repeating: -1, count: n * k), succCost = [Float](repeating: .infinity, count: n * k)
        var pred = [Int32](repeating: -1, count: n * k), predCost = [Float](repeating: .infinity, count: n * k)
        if k > 0 {
            succ.withUnsafeMutableBufferPointer { si in
                succCost.withUnsafeMutableBufferPointer { sc in
                    pred.withUnsafeMutableBufferPointer { pi in
                        predCost.withUnsafeMutableBufferPointer { pc in
                            let out = UnsafeSendable((si.baseAddress!, sc.baseAddress!, pi.baseAddress!, pc.baseAddress!))
                            let bands = Self.bands(n)
                            Parallel.forEach(2 * bands.count) { t in
                                let band = bands[t % bands.count]
                                for x in band {
                                    if t < bands.count {
                                        var list = Selection(k: k, indices: out.value.0 + x * k, costs: out.value.1 + x * k)
                                        for j in 0..<n where j != x { list.offer(Int32(j), cost(x, j)) }
                                    } else {
                                        var list = Selection(k: k, indices: out.value.2 + x * k, costs: out.value.3 + x * k)
                                        for i in 0..<n where i != x { list.offer(Int32(i), cost(i, x)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.init(count: n, k: k, successors: succ, successorCosts: succCost, predecessors: pred, predecessorCosts: predCost)
    }

    init(_ matrix: CostMatrix, k: Int) {
        self.init(cost: matrix.values, count: matrix.count, k: k)
    }

    /// Straight from the borders, without the full matrix: the costs are computed
    /// (exactly as `CostMatrix.compute` would) band of columns by band of columns,
    /// each band's predecessors selected whole and every row's successors selected
    /// within the band, then the bands' successor lists merged. Memory: the lists,
    /// the packed borders, and `bands * n * k` partial successor entries.
    static func compute(firsts: [BorderProfile], seconds: [BorderProfile],
                               measure: EdgeCostMeasure = .standard, k: Int) -> CandidateLists {
        let n = firsts.count
        precondition(seconds.count == n)
        let k = max(0, min(k, n - 1))
        guard k > 0 else {
            return CandidateLists(count: n, k: 0, successors: [], successorCosts: [], predecessors: [], predecessorCosts: [])
        }
        let kernel = EdgeCostKernel(firsts: firsts, seconds: seconds, measure: measure)
        let width = EdgeCostKernel.width
        // Bands of whole SIMD blocks of columns.
        let blocksPerBand = max(1, min(64, (kernel.blocks + 7) / 8))
        let bandCount = (kernel.blocks + blocksPerBand - 1) / blocksPerBand
        var partIndex = [Int32](repeating: -1, count: bandCount * n * k)
        var partCost = [Float](repeating: .infinity, count: bandCount * n * k)
        var pred = [Int32](repeating: -1, count: n * k), predCost = [Float](repeating: .infinity, count: n * k)
        partIndex.withUnsafeMutableBufferPointer { pi in
            partCost.withUnsafeMutableBufferPointer { pc in
                pred.withUnsafeMutableBufferPointer { qi in
                    predCost.withUnsafeMutableBufferPointer { qc in
                        let out = UnsafeSendable((pi.baseAddress!, pc.baseAddress!, qi.baseAddress!, qc.baseAddress!))
                        Parallel.forEach(bandCount) { band in
                            let firstBlock = band * blocksPerBand
                            let lastBlock = min(kernel.blocks, firstBlock + blocksPerBand)
                            kernel.withPointers { p in
                                for i in 0..<n {
                                    var row = Selection(k: k, indices: out.value.0 + (band * n + i) * k,
                                                        costs: out.value.1 + (band * n + i) * k)
                                    for block in firstBlock..<lastBlock {
                                        let v = kernel.costs(i, block: block, p)
                                        let base = block * width
                                        for lane in 0..<min(width, n - base) where base + lane != i {
                                            let j = base + lane
                                            row.offer(Int32(j), v[lane])
                                            var column = Selection(k: k, indices: out.value.2 + j * k, costs: out.value.3 + j * k)
                                            column.offer(Int32(i), v[lane])
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // Merge the bands' partial successor lists (bands hold disjoint columns).
        var succ = [Int32](repeating: -1, count: n * k), succCost = [Float](repeating: .infinity, count: n * k)
        succ.withUnsafeMutableBufferPointer { si in
            succCost.withUnsafeMutableBufferPointer { sc in
                for i in 0..<n {
                    var list = Selection(k: k, indices: si.baseAddress! + i * k, costs: sc.baseAddress! + i * k)
                    for band in 0..<bandCount {
                        let base = (band * n + i) * k
                        for t in 0..<k where partIndex[base + t] >= 0 { list.offer(partIndex[base + t], partCost[base + t]) }
                    }
                }
            }
        }
        return CandidateLists(count: n, k: k, successors: succ, successorCosts: succCost,
                              predecessors: pred, predecessorCosts: predCost)
    }

    /// Left-right candidates of a set of pieces, without the full matrix.
    static func leftRight(_ images: [GrayImage], measure: EdgeCostMeasure = .standard, k: Int) -> CandidateLists {
        compute(firsts: images.map(BorderProfile.right), seconds: images.map(BorderProfile.left), measure: measure, k: k)
    }

    /// Top-bottom candidates of a set of pieces, without the full matrix.
    static func topBottom(_ images: [GrayImage], measure: EdgeCostMeasure = .standard, k: Int) -> CandidateLists {
        compute(firsts: images.map(BorderProfile.bottom), seconds: images.map(BorderProfile.top), measure: measure, k: k)
    }

    @inlinable
    func successors(of i: Int) -> ArraySlice<Int32> { successors[(i * k)..<(i * k + k)] }

    @inlinable
    func predecessors(of j: Int) -> ArraySlice<Int32> { predecessors[(j * k)..<(j * k + k)] }

    static func bands(_ n: Int) -> [Range<Int>] {
        let size = max(16, (n + 15) / 16)
        return stride(from: 0, to: n, by: size).map { $0..<min(n, $0 + size) }
    }
}

/// A bounded list of the `k` cheapest offers, kept sorted by (cost, index) in place.
/// Empty slots hold index -1 and cost infinity. An offer that does not beat the
/// current k-th costs one comparison, so selecting from n offers is O(n) in the
/// usual case and O(n k) at worst.
struct Selection {
    let k: Int
    let indices: UnsafeMutablePointer<Int32>
    let costs: UnsafeMutablePointer<Float>

    @inline(__always)
    static func before(_ c1: Float, _ i1: Int32, _ c2: Float, _ i2: Int32) -> Bool {
        // Empty slots (index -1) come last; NaN costs order after every number.
        if i2 < 0 { return i1 >= 0 }
        if i1 < 0 { return false }
        if c1 < c2 { return true }
        if c2 < c1 { return false }
        if c1 == c2 { return i1 < i2 }
        return c2.isNaN && !c1.isNaN ? true : (c1.isNaN && !c2.isNaN ? false : i1 < i2)
    }

    @inline(__always)
    mutating func offer(_ index: Int32, _ cost: Float) {
        guard Self.before(cost, index, costs[k - 1], indices[k - 1]) else { return }
        var t = k - 1
        while t > 0 && Self.before(cost, index, costs[t - 1], indices[t - 1]) {
            costs[t] = costs[t - 1]
            indices[t] = indices[t - 1]
            t -= 1
        }
        costs[t] = cost
        indices[t] = index
    }
}
