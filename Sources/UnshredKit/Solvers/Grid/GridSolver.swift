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
enum GridSolver {
    struct Result: Sendable, Equatable {
        /// Piece indices, top row first, each row left to right.
        var rows: [[Int]]
    }

    struct Inputs: Sendable {
        var images: [GrayImage]
        var leftRight: CostMatrix { didSet { candidates = CandidateCache() } }
        var topBottom: CostMatrix { didSet { candidates = CandidateCache() } }
        var horizontalEdges: PageEdges
        var verticalEdges: PageEdges
        var profiles: [LineProfile]
        var typicalJoin: Float
        var typicalVerticalJoin: Float
        /// Left-right joins the user pinned: their pieces share a row, whatever the profiles say.
        var pinnedLinks: [(Int, Int)] = []
        /// Top-bottom joins the user pinned (upper, lower).
        var pinnedBelow: [(Int, Int)] = []
        /// Decisions are priced into the matrices (prohibitive joins), so a page's cost
        /// counts broken decisions too; `stackedTrades` then stands aside (it could
        /// trade a broken pin for a broken prohibition).
        var decided = false
        /// The candidate lists of both cost matrices, made on first use and shared by
        /// copies (a new cache whenever a matrix is replaced or changed).
        var candidates = CandidateCache()
    }

    /// Computes `candidateLists` once, whichever thread asks first.
    final class CandidateCache: @unchecked Sendable {
        private let lock = NSLock()
        private var lists: (leftRight: CandidateLists, topBottom: CandidateLists)?

        func get(_ make: () -> (leftRight: CandidateLists, topBottom: CandidateLists))
            -> (leftRight: CandidateLists, topBottom: CandidateLists) {
            lock.lock()
            defer { lock.unlock() }
            if let lists { return lists }
            let made = make()
            lists = made
            return made
        }
    }

    /// Weight of a piece's text-line misfit with its row, in typical joins.
    static let profileWeight: Float = 4
    /// Weight of top-bottom joins against left-right ones once rows are stacked.
    /// (0.25 and 0.5 were tried against 1 on CUMCM 3-4 and rendered 11x19 and 15x20
    /// pages: no better overall.)
    static let verticalWeight: Float = 1
    /// Weight of a broken line rhythm between two rows, in typical vertical joins per column.
    static let rhythmWeight: Float = 2

    static func prepare(_ images: [GrayImage], measure: EdgeCostMeasure,
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
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        func pins(_ direction: JoinDirection) -> [(Int, Int)] {
            constraints.pinned.filter { $0.direction == direction }
                .sorted { ($0.first, $0.second) < ($1.first, $1.second) }
                .compactMap { join -> (Int, Int)? in
                    guard let a = index[join.first], let b = index[join.second] else { return nil }
                    return (a, b)
                }
        }
        let pinned = pins(.leftRight)
        return Inputs(images: images, leftRight: lr, topBottom: tb,
                      horizontalEdges: horizontal, verticalEdges: vertical,
                      profiles: images.map { LineProfile($0) },
                      typicalJoin: typical, typicalVerticalJoin: typicalVertical,
                      pinnedLinks: pinned, pinnedBelow: pins(.topBottom), decided: !constraints.isEmpty)
    }

    static func solve(_ inputs: Inputs, grid: GridShape, seed: UInt64 = 1) -> Result {
        // Two kinds of evidence group the rows, each blind where the other sees: line
        // profiles (blind to rows with lines at the same heights) and the text's run
        // along a row (blind where a row is cut through paper). Each grouping is
        // arranged in full, on its own core, and the page whose joins cost least wins.
        var groupings = [RowClustering.cluster(inputs.profiles, rows: grid.rows, columns: grid.columns,
                                               links: inputs.pinnedLinks + confidentLinks(inputs))]
        if inputs.leftRight.count <= tourLimit && inputs.pinnedLinks.isEmpty {
            for groups in RowTour.groups(inputs, grid: grid, seed: seed, lineWeights: tourLineWeights) {
                let partition = Set(groups.map(Set.init))
                if !groupings.contains(where: { Set($0.map(Set.init)) == partition }) { groupings.append(groups) }
            }
        }
        let candidates = groupings
        let arranged = Parallel.map(candidates.count) { arrange(candidates[$0], inputs: inputs, seed: seed) }
        let costs = arranged.map { pageCost($0, inputs: inputs) }
        let best = costs.indices.min { (costs[$0], $0) < (costs[$1], $1) } ?? 0
        return Result(rows: enforcePins(arranged[best], inputs: inputs))
    }

    /// Line-profile weights of the row tours tried beside the clustering (in typical
    /// joins). On CUMCM 3-4 and rendered 11x19/15x20 pages, [2] did as well as [2, 8],
    /// [3] or [5] everywhere and better than 3 and 5 on a newspaper-like page.
    static let tourLineWeights: [Float] = [2]
    /// Row tours read a dense (n + R)^2 matrix and triple the arranging work; past
    /// this many pieces only the clustering runs (speed targets, issue 7).
    static let tourLimit = 1100

    /// Everything after the rows are grouped: order, trade, stack, polish.
    static func arrange(_ groups: [[Int]], inputs: Inputs, seed: UInt64) -> [[Int]] {
        var rows = groups.map { orderRow($0, inputs: inputs, seed: seed) }
        rows = exchangeSegments(rows, inputs: inputs, seed: seed)
        rows = refine(rows, inputs: inputs, seed: seed)
        rows = exchangeSegments(rows, inputs: inputs, seed: seed)
        rows = orderRows(rows, inputs: inputs, seed: seed)
        var settled = Set<[Int]>()
        rows = polish(rows, inputs: inputs, settled: &settled)
        for _ in 0..<6 {
            let swapped = swapPieces(rows, inputs: inputs)
            if swapped == rows { break }
            rows = orderRows(polish(swapped, inputs: inputs, settled: &settled), inputs: inputs, seed: seed)
            rows = polish(rows, inputs: inputs, settled: &settled)
        }
        // Runs traded between look-alike rows; swaps and polish settle what they leave.
        let traded = stackedTrades(rows, inputs: inputs)
        if traded != rows {
            rows = polish(swapPieces(traded, inputs: inputs), inputs: inputs, settled: &settled)
        }
        return rows
    }

    /// The sum of every join of the page, left-right and top-bottom, page edges included.
    static func pageCost(_ rows: [[Int]], inputs: Inputs) -> Float {
        var total: Float = 0
        for (r, row) in rows.enumerated() {
            guard let first = row.first, let last = row.last else { continue }
            total += inputs.horizontalEdges.leftEdge[first] + inputs.horizontalEdges.rightEdge[last]
            for (a, b) in zip(row, row.dropFirst()) { total += inputs.leftRight[a, b] }
            for (c, piece) in row.enumerated() {
                if r == 0 { total += inputs.verticalEdges.leftEdge[piece] }
                if r + 1 < rows.count, c < rows[r + 1].count {
                    total += verticalWeight * inputs.topBottom[piece, rows[r + 1][c]]
                } else {
                    total += inputs.verticalEdges.rightEdge[piece]
                }
            }
        }
        return total
    }

    /// Left-right joins sure enough to tie two pieces to one row: each is the
    /// other's cheapest partner (best buddies), the join carries ink, the runner-up
    /// costs at least half as much again, and the line profiles agree.
    static func confidentLinks(_ inputs: Inputs) -> [(Int, Int)] {
        let lr = inputs.leftRight
        let rivals = JoinRivals(lr)
        var links: [(Int, Int)] = []
        let floor = 0.05 * inputs.typicalJoin
        for i in 0..<lr.count {
            let out = rivals.successors[i]
            let j = Int(out.owner)
            guard j >= 0, rivals.predecessors[j].owner == Int32(i) else { continue }
            let c = lr[i, j]
            let secondOut = out.second, secondIn = rivals.predecessors[j].second
            guard secondOut >= 1.5 * c + floor, secondIn >= 1.5 * c + floor, secondOut > floor else { continue }
            guard inputs.profiles[i].ink > 0, inputs.profiles[j].ink > 0,
                  LineProfile.correlation(inputs.profiles[i].density, inputs.profiles[j].density) > 0.5 else { continue }
            links.append((i, j))
        }
        return links
    }

    /// Two rows ordered (`orderRow`), at once on two cores when they are long.
    static func orderRows(_ first: [Int], _ second: [Int], inputs: Inputs, seed: UInt64,
                          parallelFrom: Int = parallelKickColumns) -> ([Int], [Int]) {
        guard min(first.count, second.count) >= parallelFrom else {
            return (orderRow(first, inputs: inputs, seed: seed), orderRow(second, inputs: inputs, seed: seed))
        }
        let rows = [first, second]
        let out = Parallel.map(2) { orderRow(rows[$0], inputs: inputs, seed: seed) }
        return (out[0], out[1])
    }

    static func orderRow(_ members: [Int], inputs: Inputs, seed: UInt64) -> [Int] {
        StripSolver.order(members, costs: inputs.leftRight, edges: inputs.horizontalEdges,
                          confidenceFloor: 1, seed: seed).order
    }

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

    /// Merges a list ranked best first into `best` (at most `limit`, ranked), stopping at
    /// the first entry that cannot get in: the rest of its list cannot either.
    static func keepBest<T>(_ ranked: [T], in best: inout [T], limit: Int, by before: (T, T) -> Bool) {
        for t in ranked {
            if best.count == limit, !before(t, best[limit - 1]) { break }
            let at = best.firstIndex { before(t, $0) } ?? best.count
            best.insert(t, at: at)
            if best.count > limit { best.removeLast() }
        }
    }

}
