/// The columns of a block of consecutive rows, to be put in one order: the cost of
/// an order is the block's left-right joins and margins plus, for each column, the
/// top-bottom joins with the fixed rows above and below at the place it lands.
///
/// Exchanging two adjacent runs moves every column of both runs to a new place, so
/// a naive trial costs O(C) per move; with per-shift prefix sums of the place costs
/// (rebuilt only when a move is kept) every exchange and swap is priced in O(1).
struct BlockOrder {
    let columns: Int
    /// `join[x * columns + y]`: column `x` left of column `y`, summed over the block's rows.
    private let join: [Float]
    private let leftEdge: [Float]
    private let rightEdge: [Float]
    /// `place[x * columns + p]`: column `x` at position `p`, against the rows above and below.
    let place: [Float]
    /// `junctions[x * (columns + 1) + y]`: `junction(x, y)` with index `columns`
    /// standing for the page's edge, so the search reads it without branches.
    private let junctions: [Float]

    /// Prices from `objective`: left-right joins and side edges as they are, the place
    /// of a column by `PageObjective.stack` (weighted top-bottom joins and edges).
    init(rows: [[Int]], block: ClosedRange<Int>, objective: PageObjective) {
        let c = rows[block.lowerBound].count
        columns = c
        let lr = objective.leftRight
        let h = objective.horizontalEdges
        var join = [Float](repeating: 0, count: c * c)
        var leftEdge = [Float](repeating: 0, count: c), rightEdge = leftEdge
        let n = lr.count
        lr.values.withUnsafeBufferPointer { costs in
            join.withUnsafeMutableBufferPointer { join in
                for r in block {
                    let row = rows[r]
                    for x in 0..<c {
                        leftEdge[x] += h.leftEdge[row[x]]
                        rightEdge[x] += h.rightEdge[row[x]]
                        let from = costs.baseAddress! + row[x] * n
                        for y in 0..<c where y != x { join[x * c + y] += from[row[y]] }
                    }
                }
            }
        }
        var place = [Float](repeating: 0, count: c * c)
        let a = block.lowerBound, b = block.upperBound
        for x in 0..<c {
            let top = rows[a][x], bottom = rows[b][x]
            for p in 0..<c {
                let above = objective.stack(a > 0 ? rows[a - 1][p] : nil, top)
                let below = objective.stack(bottom, b + 1 < rows.count ? rows[b + 1][p] : nil)
                place[x * c + p] = above + below
            }
        }
        self.join = join
        self.leftEdge = leftEdge
        self.rightEdge = rightEdge
        self.place = place
        var junctions = [Float](repeating: 0, count: (c + 1) * (c + 1))
        for x in 0..<c {
            for y in 0..<c where y != x { junctions[x * (c + 1) + y] = join[x * c + y] }
            junctions[c * (c + 1) + x] = leftEdge[x]
            junctions[x * (c + 1) + c] = rightEdge[x]
        }
        self.junctions = junctions
    }

    /// The cost of the block in the column order `order` (the reference the moves are checked against).
    func cost(_ order: [Int]) -> Float {
        var total = leftEdge[order[0]] + rightEdge[order[columns - 1]]
        for t in 0..<(columns - 1) { total += join[order[t] * columns + order[t + 1]] }
        for t in 0..<columns { total += place[order[t] * columns + t] }
        return total
    }

    /// The join after position `t` (`-1`: the left margin, `columns - 1`: the right margin).
    @inline(__always)
    func junction(_ x: Int?, _ y: Int?) -> Float {
        switch (x, y) {
        case let (x?, y?): return join[x * columns + y]
        case let (nil, y?): return leftEdge[y]
        case let (x?, nil): return rightEdge[x]
        default: return 0
        }
    }

    /// Sweeps of a search at most. Moves are priced from running sums, whose rounding
    /// (on rows of ~100 columns the sums reach thousands, an ulp ~1e-4) can make a
    /// cycle of moves each look cheaper than the last; a 10,000-piece page searched
    /// one block for minutes that way. Real searches settle in a few sweeps.
    static let sweepLimit = 100

    /// First-improvement local search over exchanges of two adjacent runs and swaps
    /// of two columns; returns the cost reached. Takes the steps of
    /// `improveReference`, with the same Floats (the same sums in the same order),
    /// reading the joins from a table padded with the page's edges and hoisting
    /// what the innermost loop does not change.
    func improve(_ order: inout [Int]) -> Float {
        let c = columns
        var best = cost(order)
        guard c >= 2 else { return best }
        let stride = c + 1
        let edge = c
        var shifted = [Float](repeating: 0, count: (2 * c + 1) * stride)
        var scratch = [Int](repeating: 0, count: c)
        junctions.withUnsafeBufferPointer { jp in
        place.withUnsafeBufferPointer { pp in
        shifted.withUnsafeMutableBufferPointer { sp in
        scratch.withUnsafeMutableBufferPointer { tmp in
        order.withUnsafeMutableBufferPointer { op in
            let J = jp.baseAddress!, P = pp.baseAddress!, S = sp.baseAddress!, o = op.baseAddress!
            func rebuild() {
                for s in -c...c {
                    let base = (s + c) * stride
                    var sum: Float = 0
                    S[base] = 0
                    for u in 0..<c {
                        let p = u + s
                        if p >= 0 && p < c { sum += P[o[u] * c + p] - P[o[u] * c + u] }
                        S[base + u + 1] = sum
                    }
                }
            }
            @inline(__always) func at(_ t: Int) -> Int { t >= 0 && t < c ? o[t] : edge }
            @inline(__always) func junction(_ x: Int, _ y: Int) -> Float { J[x * stride + y] }
            rebuild()
            var improved = true
            var sweeps = 0
            while improved && sweeps < Self.sweepLimit {
                improved = false
                sweeps += 1
                for i in 0..<c {
                    for j in (i + 1)..<c {
                        var k = j + 1
                        while k <= c {
                            // order[i..<j] and order[j..<k] trade places.
                            let left = at(i - 1), oi = o[i], oj = o[j], oj1 = o[j - 1]
                            let before0 = junction(left, oi) + junction(oj1, oj)
                            let after0 = junction(left, oj)
                            let back = (i - j + c) * stride
                            let backJ = S[back + j]
                            while k <= c {
                                let ok1 = o[k - 1], ok = at(k)
                                let before = before0 + junction(ok1, ok)
                                let after = after0 + junction(ok1, oi) + junction(oj1, ok)
                                let forward = (k - j + c) * stride
                                let delta = after - before + (S[forward + j] - S[forward + i]) + (S[back + k] - backJ)
                                if delta < -1e-4 {
                                    // Rotate order[i..<k] so that order[j..<k] comes first.
                                    var t = 0
                                    for u in j..<k { tmp[t] = o[u]; t += 1 }
                                    for u in i..<j { tmp[t] = o[u]; t += 1 }
                                    for u in 0..<t { o[i + u] = tmp[u] }
                                    best += delta
                                    rebuild()
                                    improved = true
                                    k += 1
                                    break
                                }
                                k += 1
                            }
                        }
                        // Two single columns trading places: four joins change, beyond an exchange.
                        let x = o[i], y = o[j]
                        var before = P[x * c + i] + P[y * c + j]
                        var after = P[y * c + i] + P[x * c + j]
                        if j == i + 1 {
                            before += junction(at(i - 1), x) + junction(x, y) + junction(y, at(j + 1))
                            after += junction(at(i - 1), y) + junction(y, x) + junction(x, at(j + 1))
                        } else {
                            before += junction(at(i - 1), x) + junction(x, o[i + 1])
                                + junction(o[j - 1], y) + junction(y, at(j + 1))
                            after += junction(at(i - 1), y) + junction(y, o[i + 1])
                                + junction(o[j - 1], x) + junction(x, at(j + 1))
                        }
                        if after - before < -1e-4 {
                            o.advanced(by: i).pointee = y
                            o.advanced(by: j).pointee = x
                            best += after - before
                            rebuild()
                            improved = true
                        }
                    }
                }
            }
        }
        }
        }
        }
        }
        return best
    }
}
