import Foundation

/// Restores a cross-cut page: an R x C grid of equal pieces.
///
/// 1. **Rows.** Pieces of one page row were cut from the same text lines, so
///    their vertical ink profiles match (`RowClustering`).
/// 2. **Each row** is ordered as a strip problem (`StripSolver`), anchored by its
///    left- and right-margin pieces.
/// 3. **Refinement.** Pieces are swapped between rows while the total cost falls:
///    a piece in the wrong row pays for it in its joins and in how badly its text
///    lines fit the row's. This also settles rows whose lines sit at the same heights.
/// 4. **Row order**: a tour over the rows, the cost of row `a` above row `b` being
///    the top-bottom edge costs down all C columns plus how badly the text-line
///    rhythm breaks across the cut (`LineRhythm`), anchored by the top and bottom
///    margin rows.
public enum GridSolver {
    public struct Result: Sendable, Equatable {
        /// Piece indices, top row first, each row left to right.
        public var rows: [[Int]]
    }

    public struct Inputs: Sendable {
        public var images: [GrayImage]
        public var leftRight: CostMatrix
        public var topBottom: CostMatrix
        public var horizontalEdges: PageEdges
        public var verticalEdges: PageEdges
        public var profiles: [LineProfile]
        public var typicalJoin: Float
        public var typicalVerticalJoin: Float
    }

    /// Weight of a piece's text-line misfit with its row, in typical joins.
    nonisolated(unsafe) public static var profileWeight: Float = 4
    /// Weight of a broken line rhythm between two rows, in typical vertical joins per column.
    nonisolated(unsafe) public static var rhythmWeight: Float = 2

    public static func prepare(_ images: [GrayImage], measure: EdgeCostMeasure,
                               constraints: JoinConstraints = JoinConstraints(), names: [String] = []) -> Inputs {
        var lr = CostMatrix.leftRight(images, measure: measure)
        var tb = CostMatrix.topBottom(images, measure: measure)
        let typical = StripSolver.typicalJoin(lr)
        let typicalVertical = StripSolver.typicalJoin(tb)
        let horizontal = PageEdges.horizontal(images, typicalJoin: typical, measure: measure)
        let vertical = PageEdges.vertical(images, typicalJoin: typicalVertical, measure: measure)
        if !constraints.isEmpty {
            constraints.apply(to: &lr, names: names, direction: .leftRight)
            constraints.apply(to: &tb, names: names, direction: .topBottom)
        }
        return Inputs(images: images, leftRight: lr, topBottom: tb,
                      horizontalEdges: horizontal, verticalEdges: vertical,
                      profiles: images.map { LineProfile($0) },
                      typicalJoin: typical, typicalVerticalJoin: typicalVertical)
    }

    public static func solve(_ inputs: Inputs, grid: GridShape, seed: UInt64 = 1) -> Result {
        let groups = RowClustering.cluster(inputs.profiles, rows: grid.rows, columns: grid.columns)
        var rows = groups.map { orderRow($0, inputs: inputs, seed: seed) }
        rows = refine(rows, inputs: inputs, seed: seed)
        rows = orderRows(rows, inputs: inputs, seed: seed)
        rows = polish(rows, inputs: inputs)
        for _ in 0..<6 {
            let swapped = swapPieces(rows, inputs: inputs)
            if swapped == rows { break }
            rows = orderRows(polish(swapped, inputs: inputs), inputs: inputs, seed: seed)
            rows = polish(rows, inputs: inputs)
        }
        return Result(rows: rows)
    }

    // MARK: Global swaps

    /// Swaps any two pieces of the page while the sum of all joins (left-right and
    /// top-bottom, page edges included) falls. Each trial touches at most eight
    /// joins, so a pass over all pairs is cheap; this repairs pieces that row
    /// clustering put in a twin row, where only the neighbours above and below can tell.
    static func swapPieces(_ start: [[Int]], inputs: Inputs) -> [[Int]] {
        var grid = start
        let rowCount = grid.count
        guard rowCount > 0 else { return grid }
        let lr = inputs.leftRight, tb = inputs.topBottom
        let h = inputs.horizontalEdges, v = inputs.verticalEdges
        struct Cell: Equatable { var r: Int; var c: Int }
        func piece(_ cell: Cell) -> Int? {
            cell.r >= 0 && cell.r < rowCount && cell.c >= 0 && cell.c < grid[cell.r].count ? grid[cell.r][cell.c] : nil
        }
        /// The cost of the joins on the four sides of `cell`.
        func around(_ cell: Cell, skipping other: Cell?) -> Float {
            guard let p = piece(cell) else { return 0 }
            var c: Float = 0
            let left = Cell(r: cell.r, c: cell.c - 1), right = Cell(r: cell.r, c: cell.c + 1)
            let up = Cell(r: cell.r - 1, c: cell.c), down = Cell(r: cell.r + 1, c: cell.c)
            if left != other { c += piece(left).map { lr[$0, p] } ?? h.leftEdge[p] }
            if right != other { c += piece(right).map { lr[p, $0] } ?? h.rightEdge[p] }
            if up != other { c += piece(up).map { tb[$0, p] } ?? v.leftEdge[p] }
            if down != other { c += piece(down).map { tb[p, $0] } ?? v.rightEdge[p] }
            return c
        }
        func pairCost(_ a: Cell, _ b: Cell) -> Float {
            // The join between two adjacent cells counts once.
            around(a, skipping: nil) + around(b, skipping: a)
        }
        let cells = (0..<rowCount).flatMap { r in grid[r].indices.map { Cell(r: r, c: $0) } }
        var improved = true
        var passes = 0
        while improved && passes < 50 {
            improved = false
            passes += 1
            for x in 0..<cells.count {
                for y in (x + 1)..<cells.count {
                    let a = cells[x], b = cells[y]
                    let before = pairCost(a, b)
                    let pa = grid[a.r][a.c], pb = grid[b.r][b.c]
                    grid[a.r][a.c] = pb
                    grid[b.r][b.c] = pa
                    if pairCost(a, b) < before - 1e-4 {
                        improved = true
                    } else {
                        grid[a.r][a.c] = pa
                        grid[b.r][b.c] = pb
                    }
                }
            }
        }
        return grid
    }

    static func orderRow(_ members: [Int], inputs: Inputs, seed: UInt64) -> [Int] {
        StripSolver.order(members, costs: inputs.leftRight, edges: inputs.horizontalEdges,
                          confidenceFloor: 1, seed: seed).order
    }

    // MARK: Refinement

    /// The cost of a row as ordered: its joins, its margins, and its pieces' line misfit.
    static func rowCost(_ row: [Int], inputs: Inputs) -> Float {
        guard let first = row.first, let last = row.last else { return 0 }
        var c = inputs.horizontalEdges.leftEdge[first] + inputs.horizontalEdges.rightEdge[last]
        for (a, b) in zip(row, row.dropFirst()) { c += inputs.leftRight[a, b] }
        return c + misfit(row, inputs: inputs)
    }

    static func misfit(_ row: [Int], inputs: Inputs) -> Float {
        let template = RowClustering.template(row, profiles: inputs.profiles)
        guard !template.isEmpty else { return 0 }
        var total: Float = 0
        for i in row where inputs.profiles[i].ink > 0 {
            // Leave the piece's own share out so it cannot vouch for itself.
            let own = inputs.profiles[i].density
            let others = zip(template, own).map { $0 - $1 }
            total += (1 - LineProfile.correlation(own, others)) / 2
        }
        return total * profileWeight * inputs.typicalJoin
    }

    /// Best-improvement swaps of two pieces between rows, rows re-ordered after each.
    /// Candidates are ranked by a cheap estimate (remove, then insert at the best
    /// place); the best few are checked with the true row costs.
    static func refine(_ start: [[Int]], inputs: Inputs, seed: UInt64) -> [[Int]] {
        var rows = start
        var costs = rows.map { rowCost($0, inputs: inputs) }
        let lr = inputs.leftRight
        let edges = inputs.horizontalEdges
        func link(_ a: Int?, _ b: Int?) -> Float {
            switch (a, b) {
            case let (a?, b?): return lr[a, b]
            case let (nil, b?): return edges.leftEdge[b]
            case let (a?, nil): return edges.rightEdge[a]
            default: return 0
            }
        }
        /// Cost change of replacing row[k] by `piece`, placed at its best spot.
        func replaceDelta(_ row: [Int], at k: Int, with piece: Int) -> Float {
            var rest = row
            rest.remove(at: k)
            let removed = link(k > 0 ? row[k - 1] : nil, row[k]) + link(row[k], k + 1 < row.count ? row[k + 1] : nil)
                - link(k > 0 ? row[k - 1] : nil, k + 1 < row.count ? row[k + 1] : nil)
            var best = Float.infinity
            for p in 0...rest.count {
                let l: Int? = p > 0 ? rest[p - 1] : nil
                let r: Int? = p < rest.count ? rest[p] : nil
                best = min(best, link(l, piece) + link(piece, r) - link(l, r))
            }
            return best - removed
        }
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
                        let d = replaceDelta(rows[a], at: i, with: rows[b][j]) + replaceDelta(rows[b], at: j, with: piece)
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
                let ca = rowCost(rowA, inputs: inputs), cb = rowCost(rowB, inputs: inputs)
                if ca + cb < costs[a] + costs[b] - 1e-3 {
                    rows[a] = rowA
                    rows[b] = rowB
                    costs[a] = ca
                    costs[b] = cb
                    applied = true
                    break
                }
            }
            if !applied { break }
        }
        return rows
    }

    // MARK: Polish

    /// With the rows stacked, re-orders each row knowing its neighbours above and
    /// below: exchanges of two adjacent segments, and swaps of two pieces, are kept while the row's left-right
    /// joins plus its top-bottom joins get cheaper. Settles rows whose own edges
    /// cannot tell two orders apart.
    static func polish(_ start: [[Int]], inputs: Inputs) -> [[Int]] {
        var rows = start
        let lr = inputs.leftRight, tb = inputs.topBottom
        let h = inputs.horizontalEdges, v = inputs.verticalEdges
        func cost(_ row: [Int], _ r: Int) -> Float {
            var c = h.leftEdge[row[0]] + h.rightEdge[row[row.count - 1]]
            for k in 0..<(row.count - 1) { c += lr[row[k], row[k + 1]] }
            for k in row.indices {
                c += r > 0 && k < rows[r - 1].count ? tb[rows[r - 1][k], row[k]] : v.leftEdge[row[k]]
                c += r + 1 < rows.count && k < rows[r + 1].count ? tb[row[k], rows[r + 1][k]] : v.rightEdge[row[k]]
            }
            return c
        }
        func localSearch(_ row: inout [Int], _ r: Int) -> Float {
            let n = row.count
            var best = cost(row, r)
            var improved = n >= 2
            while improved {
                improved = false
                for i in 0..<n {
                    for j in (i + 1)..<n {
                        for k in (j + 1)...n {
                            var trial = row
                            trial.replaceSubrange(i..<k, with: Array(row[j..<k] + row[i..<j]))
                            let c = cost(trial, r)
                            if c < best - 1e-4 {
                                best = c
                                row = trial
                                improved = true
                            }
                        }
                        // Two single pieces trading places: four joins change, beyond an exchange.
                        var swapped = row
                        swapped.swapAt(i, j)
                        let c = cost(swapped, r)
                        if c < best - 1e-4 {
                            best = c
                            row = swapped
                            improved = true
                        }
                    }
                }
            }
            return best
        }
        var rng = SeededRandom(seed: 0x5EED)
        for _ in 0..<3 {
            var changed = false
            for r in rows.indices where rows[r].count >= 4 {
                var current = rows[r]
                var best = localSearch(&current, r)
                rows[r] = current
                // Kicks the exchange search cannot undo in one step, as in `AsymmetricTSP`.
                for _ in 0..<kicksPerRow {
                    var trial = rows[r]
                    for _ in 0..<2 {
                        var cuts = (0..<3).map { _ in Int.random(in: 0...trial.count, using: &rng) }.sorted()
                        if cuts[0] == cuts[1] || cuts[1] == cuts[2] { cuts = [0, 1, 2] }
                        trial.replaceSubrange(cuts[0]..<cuts[2], with: Array(trial[cuts[1]..<cuts[2]] + trial[cuts[0]..<cuts[1]]))
                    }
                    let c = localSearch(&trial, r)
                    if c < best - 1e-4 {
                        best = c
                        rows[r] = trial
                        changed = true
                    }
                }
            }
            if !changed { break }
        }
        return rows
    }

    static let kicksPerRow = 40

    // MARK: Row order

    static func orderRows(_ rows: [[Int]], inputs: Inputs, seed: UInt64) -> [[Int]] {
        let r = rows.count
        guard r > 1 else { return rows }
        let m = r + 1
        var matrix = [Float](repeating: 0, count: m * m)
        let tb = inputs.topBottom
        let rhythm = LineRhythm(rows: rows, profiles: inputs.profiles)
        let columns = rows.map(\.count).max() ?? 1
        let rhythmScale = rhythmWeight * inputs.typicalVerticalJoin * Float(columns)
        for a in 0..<r {
            matrix[0 * m + a + 1] = rows[a].reduce(0) { $0 + inputs.verticalEdges.leftEdge[$1] }
            matrix[(a + 1) * m + 0] = rows[a].reduce(0) { $0 + inputs.verticalEdges.rightEdge[$1] }
            for b in 0..<r where b != a {
                var c: Float = 0
                for k in 0..<min(rows[a].count, rows[b].count) { c += tb[rows[a][k], rows[b][k]] }
                matrix[(a + 1) * m + b + 1] = c + rhythmScale * rhythm.breakage(above: a, below: b)
            }
        }
        for k in 0..<m { matrix[k * m + k] = .infinity }
        let tour = AsymmetricTSP.solve(cost: matrix, count: m, seed: seed)
        return tour.dropFirst().map { rows[$0 - 1] }
    }
}
