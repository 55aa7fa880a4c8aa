@testable import UnshredKit

// The plain forms of the solver's fast steps: every iteration recomputes everything.
// Tests check that each fast step takes the same steps (the same Floats, the same
// layouts); the library does not ship them.

extension GridSolver {
    /// The plain computation `exchangeSegments` must match: every iteration prices
    /// every run of every pair of rows.
    static func exchangeSegmentsReference(_ start: [[Int]], inputs: Inputs, seed: UInt64) -> [[Int]] {
        var rows = start
        guard rows.count > 1, rows.allSatisfy({ $0.count == rows[0].count }) else { return rows }
        let columns = rows[0].count
        var costs = rows.map { rowCost($0, inputs: inputs) }
        let longest = max(1, columns / 2)
        for _ in 0..<(2 * inputs.images.count) {
            var candidates: [(Float, Int, Int, Int, Int)] = []
            for a in rows.indices {
                for b in rows.indices where b > a {
                    let ra = rows[a], rb = rows[b]
                    for i in 0..<columns {
                        for length in 1...min(longest, columns - i) {
                            let delta = seamChange(ra, rb, at: i, length: length, inputs: inputs)
                            if delta < -1e-4 { candidates.append((delta, a, b, i, length)) }
                        }
                    }
                }
            }
            candidates.sort { $0.0 < $1.0 }
            var applied = false
            for (_, a, b, i, length) in candidates.prefix(32) {
                var ra = rows[a], rb = rows[b]
                let run = Array(ra[i..<(i + length)])
                ra.replaceSubrange(i..<(i + length), with: rb[i..<(i + length)])
                rb.replaceSubrange(i..<(i + length), with: run)
                if keepIfCheaper(ra, rb, a, b, rows: &rows, costs: &costs, inputs: inputs) {
                    applied = true
                    break
                }
            }
            if !applied { break }
        }
        return rows
    }

    /// Cost change of replacing row[k] by `piece`, placed at its best spot.
    static func refineDelta(_ row: [Int], at k: Int, with piece: Int, inputs: Inputs) -> Float {
        func link(_ a: Int?, _ b: Int?) -> Float { rowLink(a, b, inputs: inputs) }
        let before: Int? = k > 0 ? row[k - 1] : nil
        let after: Int? = k + 1 < row.count ? row[k + 1] : nil
        let removed = link(before, row[k]) + link(row[k], after) - link(before, after)
        // The gaps of the row without row[k], walked in place (no copy).
        var best = Float.infinity
        var l: Int? = nil
        for p in 0...row.count where p != k {
            let r: Int? = p < row.count ? row[p] : nil
            best = min(best, link(l, piece) + link(piece, r) - link(l, r))
            l = r
        }
        return best - removed
    }

    /// The plain computation `refine` must match: every iteration recomputes every
    /// template, fit and trade.
    static func refineReference(_ start: [[Int]], inputs: Inputs, seed: UInt64) -> [[Int]] {
        var rows = start
        var costs = rows.map { rowCost($0, inputs: inputs) }
        for _ in 0..<(4 * inputs.images.count) {
            // Only trades with the row each piece's lines fit best after its own.
            let templates = rows.map { RowClustering.template($0, profiles: inputs.profiles) }
            var candidates: [(Float, Int, Int, Int, Int)] = []
            for a in rows.indices {
                for i in rows[a].indices {
                    let piece = rows[a][i]
                    guard inputs.profiles[piece].ink > 0 else { continue }
                    let own = inputs.profiles[piece].density
                    var alternative = -1
                    var bestFit = -Float.infinity
                    for b in rows.indices where b != a {
                        let fit = LineProfile.correlation(own, templates[b])
                        if fit > bestFit { bestFit = fit; alternative = b }
                    }
                    guard alternative >= 0 else { continue }
                    let b = alternative
                    for j in rows[b].indices {
                        let d = refineDelta(rows[a], at: i, with: rows[b][j], inputs: inputs)
                            + refineDelta(rows[b], at: j, with: piece, inputs: inputs)
                        candidates.append((d, a, i, b, j))
                    }
                }
            }
            candidates.sort { $0.0 < $1.0 }
            var applied = false
            for (_, a, i, b, j) in candidates.prefix(24) {
                var rowA = rows[a], rowB = rows[b]
                let pa = rowA[i], pb = rowB[j]
                rowA[i] = pb
                rowB[j] = pa
                rowA = orderRow(rowA, inputs: inputs, seed: seed)
                rowB = orderRow(rowB, inputs: inputs, seed: seed)
                if keepIfCheaper(rowA, rowB, a, b, rows: &rows, costs: &costs, inputs: inputs) {
                    applied = true
                    break
                }
            }
            if !applied { break }
        }
        return rows
    }
}

extension RowClustering {
    /// The plain computation `pairSums` must match.
    static func pairSumsReference(_ groups: [[Int]], profiles: [LineProfile]) -> [Float] {
        let m = groups.count
        var sum = [Float](repeating: 0, count: m * m)
        for a in 0..<m {
            for b in (a + 1)..<m {
                var s: Float = 0
                for i in groups[a] { for j in groups[b] { s += LineProfile.correlation(profiles[i].density, profiles[j].density) } }
                sum[a * m + b] = s
                sum[b * m + a] = s
            }
        }
        return sum
    }
}

extension BlockOrder {
    /// First-improvement local search over exchanges of two adjacent runs and swaps
    /// of two columns; returns the cost reached. The plain form of `improve`.
    func improveReference(_ order: inout [Int]) -> Float {
        let c = columns
        var best = cost(order)
        guard c >= 2 else { return best }
        // shifted[(s + c) * (c + 1) + t]: sum over u < t of place(order[u], u + s) - place(order[u], u),
        // zero where u + s falls off the row (never read for those u).
        let stride = c + 1
        var shifted = [Float](repeating: 0, count: (2 * c + 1) * stride)
        func rebuild() {
            for s in -c...c {
                let base = (s + c) * stride
                var sum: Float = 0
                shifted[base] = 0
                for u in 0..<c {
                    let p = u + s
                    if p >= 0 && p < c { sum += place[order[u] * c + p] - place[order[u] * c + u] }
                    shifted[base + u + 1] = sum
                }
            }
        }
        func moved(_ s: Int, _ from: Int, _ to: Int) -> Float {
            let base = (s + c) * stride
            return shifted[base + to] - shifted[base + from]
        }
        func at(_ t: Int) -> Int? { t >= 0 && t < c ? order[t] : nil }
        rebuild()
        var improved = true
        var sweeps = 0
        while improved && sweeps < Self.sweepLimit {
            improved = false
            sweeps += 1
            for i in 0..<c {
                for j in (i + 1)..<c {
                    for k in (j + 1)...c {
                        // order[i..<j] and order[j..<k] trade places.
                        let before = junction(at(i - 1), order[i]) + junction(order[j - 1], order[j])
                            + junction(order[k - 1], at(k))
                        let after = junction(at(i - 1), order[j]) + junction(order[k - 1], order[i])
                            + junction(order[j - 1], at(k))
                        let delta = after - before + moved(k - j, i, j) + moved(i - j, j, k)
                        if delta < -1e-4 {
                            order.replaceSubrange(i..<k, with: Array(order[j..<k] + order[i..<j]))
                            best += delta
                            rebuild()
                            improved = true
                        }
                    }
                    // Two single columns trading places: four joins change, beyond an exchange.
                    let x = order[i], y = order[j]
                    var before = place[x * c + i] + place[y * c + j]
                    var after = place[y * c + i] + place[x * c + j]
                    if j == i + 1 {
                        before += junction(at(i - 1), x) + junction(x, y) + junction(y, at(j + 1))
                        after += junction(at(i - 1), y) + junction(y, x) + junction(x, at(j + 1))
                    } else {
                        before += junction(at(i - 1), x) + junction(x, order[i + 1])
                            + junction(order[j - 1], y) + junction(y, at(j + 1))
                        after += junction(at(i - 1), y) + junction(y, order[i + 1])
                            + junction(order[j - 1], x) + junction(x, at(j + 1))
                    }
                    if after - before < -1e-4 {
                        order.swapAt(i, j)
                        best += after - before
                        rebuild()
                        improved = true
                    }
                }
            }
        }
        return best
    }
}
