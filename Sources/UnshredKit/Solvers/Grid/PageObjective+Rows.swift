/// Prices for `RowSplits`: a band of columns of a stacked page (the columns `k1..<k2`,
/// every row alike) whose row parts are re-ordered while the rest of the page stands.
///
/// ```
///          k1        k2
///   row p  | x's band |      the band of row x stands in row p:
///          +----------+      gutter(p, x) = join(rows[p][k1 - 1], x[k1]) + join(x[k2 - 1], rows[p][k2])
///   row p+1| y's band |      seam(x, y)   = top-bottom joins of x's band above y's, column by column
/// ```
///
/// Only those joins change: the band's own left-right joins and the other columns'
/// top-bottom joins go with their pieces. So the page's cost with the band's rows in
/// the order `order` is `pageCost(rows) - cost(identity) + cost(order)`.
extension PageObjective {
    /// Every pair of rows' top-bottom joins summed along the columns, so that any
    /// band's seam is two look-ups.
    struct ColumnSeams: Sendable {
        let rowCount: Int
        let columns: Int
        /// `pair[(x * rowCount + y) * (columns + 1) + c]`: row x's pieces above row y's,
        /// weighted top-bottom joins of the columns `0..<c`.
        let pair: [Float]
        /// `top[x * (columns + 1) + c]`: row x at the page's top edge, columns `0..<c`; `bottom` likewise.
        let top: [Float]
        let bottom: [Float]

        init(_ rows: [[Int]], objective: PageObjective) {
            let r = rows.count, c = rows.first?.count ?? 0
            rowCount = r
            columns = c
            let stride = c + 1
            var pair = [Float](repeating: 0, count: r * r * stride)
            var top = [Float](repeating: 0, count: r * stride), bottom = top
            for x in 0..<r {
                for k in 0..<c {
                    top[x * stride + k + 1] = top[x * stride + k] + objective.stack(nil, rows[x][k])
                    bottom[x * stride + k + 1] = bottom[x * stride + k] + objective.stack(rows[x][k], nil)
                }
                for y in 0..<r where y != x {
                    let base = (x * r + y) * stride
                    for k in 0..<c { pair[base + k + 1] = pair[base + k] + objective.stack(rows[x][k], rows[y][k]) }
                }
            }
            self.pair = pair
            self.top = top
            self.bottom = bottom
        }

        @inline(__always)
        func seam(_ x: Int, _ y: Int, _ band: Range<Int>) -> Float {
            let base = (x * rowCount + y) * (columns + 1)
            return pair[base + band.upperBound] - pair[base + band.lowerBound]
        }
    }

    /// One band's prices (see the type's comment).
    struct BandPrices: Sendable {
        let rowCount: Int
        /// `gutter[p * rowCount + x]`
        let gutter: [Float]
        /// `seam[x * rowCount + y]` (diagonal unused)
        let seam: [Float]
        let top: [Float]
        let bottom: [Float]

        /// The band's joins with row `order[p]`'s band in row `p`.
        func cost(_ order: [Int]) -> Float {
            guard let first = order.first, let last = order.last else { return 0 }
            var c = top[first] + bottom[last]
            for p in order.indices { c += gutter[p * rowCount + order[p]] }
            for p in 1..<order.count { c += seam[order[p - 1] * rowCount + order[p]] }
            return c
        }
    }

    /// The prices of re-ordering the band `columns` of `rows` (all rows equally long).
    func bandPrices(_ rows: [[Int]], columns band: Range<Int>, seams: ColumnSeams) -> BandPrices {
        let r = rows.count, c = seams.columns
        var gutter = [Float](repeating: 0, count: r * r)
        for p in 0..<r {
            let before = band.lowerBound > 0 ? rows[p][band.lowerBound - 1] : nil
            let after = band.upperBound < c ? rows[p][band.upperBound] : nil
            for x in 0..<r {
                gutter[p * r + x] = join(before, rows[x][band.lowerBound]) + join(rows[x][band.upperBound - 1], after)
            }
        }
        var seam = [Float](repeating: 0, count: r * r)
        for x in 0..<r { for y in 0..<r where y != x { seam[x * r + y] = seams.seam(x, y, band) } }
        let stride = c + 1
        let top = (0..<r).map { seams.top[$0 * stride + band.upperBound] - seams.top[$0 * stride + band.lowerBound] }
        let bottom = (0..<r).map { seams.bottom[$0 * stride + band.upperBound] - seams.bottom[$0 * stride + band.lowerBound] }
        return BandPrices(rowCount: r, gutter: gutter, seam: seam, top: top, bottom: bottom)
    }
}

extension PageObjective {
    /// The page's cost as a re-grouping of its rows is judged: every join (`pageCost`)
    /// plus the line rhythm broken between each row and the next (`rhythmScale` x
    /// `LineRhythm.breakage`, as in `rowOrderMatrix`). `RowSplits` keeps a band only when
    /// this falls: its band prices read the joins alone, and where cuts run through paper
    /// the joins can prefer rows whose text lines do not follow on from the row above
    /// (the synthetic zh-hei 8x12 page). The rows' line misfit is left out: on a page of
    /// two columns whose lines sit at other heights, the true rows' halves misfit, and
    /// with it the two-column page of `RowSplitsTests` came back worse than without bands.
    func groupingCost(_ rows: [[Int]]) -> Float {
        var total = pageCost(rows)
        guard rows.count > 1, typicalVerticalJoin > 0 else { return total }
        let rhythm = LineRhythm(rows: rows, profiles: profiles)
        let scale = rhythmScale(columns: rows.map(\.count).max() ?? 1)
        for a in 1..<rows.count { total += scale * rhythm.breakage(above: a - 1, below: a) }
        return total
    }
}
