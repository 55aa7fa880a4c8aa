import Foundation

/// Applies an answer to a cross-cut page by repairing the page around it, instead of
/// solving the whole page again: the layout the person has been looking at is the start,
/// the answer's move (a block of rows put elsewhere, a row shifted, a piece put in a
/// cell) is made, then the pinned joins are enforced and the page is re-optimised from
/// there with every pinned and forbidden join priced in (pins make their rivals
/// prohibitive, forbids are prohibitive themselves):
///
/// 1. pins enforced by moving the pinned pieces beside each other (`enforcePins`);
/// 2. single pieces swapped anywhere on the page while the page gets cheaper;
/// 3. blocks of consecutive rows re-ordered column-wise (`polish`, without its random
///    kicks), then (after an answer about rows) the rows re-ordered as a tour
///    (`orderRows`), then swaps again.
///
/// Every move is kept only when the whole page (decisions priced in) gets cheaper, so
/// the parts of the page an answer does not touch stay where they were unless moving
/// them is cheaper. The outcome is checked: `repair` returns nil when a pin is unmet or
/// a forbidden join is present; the session then solves the whole page again.
///
/// - Complexity: about O(n^2) per swap pass and O(R^2 C^3) for the block search;
///   on a 209-piece (11 x 19) page a repair takes a few tens of milliseconds.
final class GridRepair {
    let pieces: PieceSet
    let names: [String]
    let index: [String: Int]
    /// The pieces' costs and profiles without decisions: what confidence reads.
    let raw: GridSolver.Inputs
    private var pricedFor: JoinConstraints?
    private var pricedInputs: GridSolver.Inputs?

    init(pieces: PieceSet, measure: EdgeCostMeasure) {
        self.pieces = pieces
        names = pieces.names
        index = Dictionary(uniqueKeysWithValues: pieces.names.enumerated().map { ($1, $0) })
        raw = GridSolver.prepare(pieces.images, measure: measure)
    }

    /// The inputs with `constraints` priced in (cached for the last constraints asked).
    func priced(_ constraints: JoinConstraints) -> GridSolver.Inputs {
        if let pricedFor, pricedFor == constraints, let pricedInputs { return pricedInputs }
        var inputs = raw
        if !constraints.isEmpty {
            var lr = raw.leftRight, tb = raw.topBottom
            constraints.apply(to: &lr, names: names, direction: .leftRight)
            constraints.apply(to: &tb, names: names, direction: .topBottom)
            inputs.leftRight = lr
            inputs.topBottom = tb
            inputs.pinnedLinks = pins(constraints, .leftRight)
            inputs.pinnedBelow = pins(constraints, .topBottom)
            inputs.decided = true
        }
        pricedFor = constraints
        pricedInputs = inputs
        return inputs
    }

    private func pins(_ constraints: JoinConstraints, _ direction: JoinDirection) -> [(Int, Int)] {
        constraints.pinned.filter { $0.direction == direction }
            .sorted { ($0.first, $0.second) < ($1.first, $1.second) }
            .compactMap { join in index[join.first].flatMap { a in index[join.second].map { (a, $0) } } }
    }

    /// Piece indices of a one-page layout (nil when a name is unknown or the page is not a grid).
    func rows(of layout: Layout) -> [[Int]]? {
        guard layout.pages.count == 1 else { return nil }
        return lookUp(layout.pages[0].rows, in: index)
    }

    func layout(of rows: [[Int]]) -> Layout { Layout(rows: rows.map { $0.map { names[$0] } }) }

    /// The page repaired from `start` under `constraints`; nil when the repair cannot
    /// honour them (a pin unmet or a forbidden join left).
    ///
    /// `wholeRows`: the answer was about whole rows (a rows or shift question), so a
    /// forbidden join left on the page is first broken by moving whole rows. Other
    /// answers are about one place: moving a whole row breaks a forbidden join too, and
    /// its prohibitive price makes any such move look cheaper, so it would wreck rows
    /// far from the place; there the swaps break it.
    func repair(_ start: [[Int]], constraints: JoinConstraints, seed: UInt64, wholeRows: Bool = true) -> [[Int]]? {
        let inputs = priced(constraints)
        var rows = start
        if wholeRows && hasForbidden(rows, constraints: constraints) { rows = wholeRowStart(rows, inputs: inputs) }
        rows = GridSolver.enforcePins(rows, inputs: inputs)
        // Each step is kept only while the answers stay honoured: the prohibitive prices
        // outweigh any one join, not every join a whole-row move changes.
        func step(_ next: [[Int]]) {
            if honours(next, constraints: constraints) || !honours(rows, constraints: constraints) { rows = next }
        }
        step(GridSolver.swapPieces(rows, inputs: inputs))
        // The block search without kicks: a repair looks for the nearest better page,
        // not a new one (kicks cost forty times the search and move what was not asked about).
        var settled = Set<[Int]>()
        var calm = inputs
        calm.configuration.noKicksColumns = 0
        step(GridSolver.polish(rows, inputs: calm, settled: &settled))
        // The rows re-ordered as a tour only after an answer about rows: on a page whose
        // cuts run through white space the order is a near tie, which any other answer
        // would tip, moving rows far from the place asked about.
        let reordered = wholeRows ? GridSolver.orderRows(rows, inputs: inputs, seed: seed) : rows
        if wholeRows, GridSolver.pageCost(reordered, inputs: inputs) < GridSolver.pageCost(rows, inputs: inputs) - 1e-4,
           honours(reordered, constraints: constraints) {
            rows = reordered
            step(GridSolver.polish(rows, inputs: calm, settled: &settled))
        }
        step(GridSolver.swapPieces(rows, inputs: inputs))
        return honours(rows, constraints: constraints) ? rows : nil
    }

    func hasForbidden(_ rows: [[Int]], constraints: JoinConstraints) -> Bool {
        guard !constraints.forbidden.isEmpty else { return false }
        let map = Oracle.TruthMap(layout(of: rows))
        return constraints.forbidden.contains { map.neighbour(of: $0.first, $0.direction) == $0.second }
    }

    /// A page with a forbidden join is first rearranged by whole rows, when that is
    /// cheaper: a block of consecutive rows moved elsewhere, or turned sideways (one to
    /// three rows). Breaking the joins a person ruled out between two rows by single
    /// swaps would scatter pieces; the rows they belong to move together.
    func wholeRowStart(_ rows: [[Int]], inputs: GridSolver.Inputs) -> [[Int]] {
        let r = rows.count
        guard r > 1, let c = rows.first?.count, rows.allSatisfy({ $0.count == c }) else { return rows }
        var best = rows, bestCost = GridSolver.pageCost(rows, inputs: inputs)
        func consider(_ grid: [[Int]]) {
            let cost = GridSolver.pageCost(grid, inputs: inputs)
            if cost < bestCost - 1e-4 { best = grid; bestCost = cost }
        }
        for move in RowBlockMove.all(rowCount: r) { consider(move.order.map { rows[$0] }) }
        for a in 0..<r {
            for b in a..<min(r, a + 3) {
                for k in 1..<c {
                    var grid = rows
                    for x in a...b { grid[x] = Array(rows[x][k...] + rows[x][..<k]) }
                    consider(grid)
                }
            }
        }
        return best
    }

    /// Whether every pin of `constraints` holds in `rows` and no forbidden join is there
    /// (`broken` on piece indices: the questions ask it of every option they keep).
    func honours(_ rows: [[Int]], constraints: JoinConstraints) -> Bool {
        let checks = indexed(constraints)
        guard !checks.pinned.isEmpty || !checks.forbidden.isEmpty else { return true }
        var row = [Int](repeating: -1, count: names.count), column = row
        for (r, line) in rows.enumerated() {
            for (c, p) in line.enumerated() where p >= 0 && p < row.count { row[p] = r; column[p] = c }
        }
        func neighbour(_ p: Int, _ direction: JoinDirection) -> Int? {
            let r = row[p], c = column[p]
            guard r >= 0 else { return nil }
            switch direction {
            case .leftRight: return c + 1 < rows[r].count ? rows[r][c + 1] : nil
            case .topBottom: return r + 1 < rows.count && c < rows[r + 1].count ? rows[r + 1][c] : nil
            }
        }
        for (a, b, d) in checks.pinned where row[a] >= 0 && row[b] >= 0 {
            if neighbour(a, d) != b { return false }
        }
        for (a, b, d) in checks.forbidden where neighbour(a, d) == b { return false }
        return true
    }

    private var indexedFor: JoinConstraints?
    private var indexedChecks: (pinned: [(Int, Int, JoinDirection)], forbidden: [(Int, Int, JoinDirection)]) = ([], [])

    /// The constraints' joins as piece indices (joins naming an unknown piece left out),
    /// cached for the last constraints asked.
    private func indexed(_ constraints: JoinConstraints) -> (pinned: [(Int, Int, JoinDirection)], forbidden: [(Int, Int, JoinDirection)]) {
        if let indexedFor, indexedFor == constraints { return indexedChecks }
        func pairs(_ joins: Set<JoinConstraints.Join>) -> [(Int, Int, JoinDirection)] {
            joins.compactMap { j in index[j.first].flatMap { a in index[j.second].map { (a, $0, j.direction) } } }
        }
        indexedChecks = (pairs(constraints.pinned), pairs(constraints.forbidden))
        indexedFor = constraints
        return indexedChecks
    }

    /// The first pin a layout breaks or forbidden join it has, described; nil when it honours all.
    static func broken(_ layout: Layout, constraints: JoinConstraints) -> String? {
        let map = Oracle.TruthMap(layout)
        for join in constraints.pinned.sorted(by: { ($0.first, $0.second) < ($1.first, $1.second) }) {
            guard map.position[join.first] != nil, map.position[join.second] != nil else { continue }
            if map.neighbour(of: join.first, join.direction) != join.second { return "the pinned join \(join) would not hold" }
        }
        for join in constraints.forbidden.sorted(by: { ($0.first, $0.second) < ($1.first, $1.second) })
        where map.neighbour(of: join.first, join.direction) == join.second {
            return "the forbidden join \(join) would stay"
        }
        return nil
    }

    /// The solution for `rows`: every join with its confidence (read from the costs
    /// without decisions, as `Unshredder.solveGrid` does), pinned joins 1.
    func solution(_ rows: [[Int]], constraints: JoinConstraints, shapeEstimate: ShapeEstimate?) -> Solution {
        var solution = Self.gridSolution(rows, pieces: pieces, raw: raw, constraints: constraints)
        solution.shapeEstimate = shapeEstimate
        return solution
    }

    /// A grid's joins and confidences, the way `Unshredder.solveGrid` reports them.
    static func gridSolution(_ rows: [[Int]], pieces: PieceSet, raw: GridSolver.Inputs, constraints: JoinConstraints) -> Solution {
        let lrFloor = JoinConfidence.floor(for: raw.leftRight)
        let tbFloor = JoinConfidence.floor(for: raw.topBottom)
        let firmness = GridSolver.placementConfidence(rows, inputs: raw)
        let lrRivals = JoinRivals(raw.leftRight), tbRivals = JoinRivals(raw.topBottom)
        var joins: [Solution.Join] = []
        for (r, row) in rows.enumerated() {
            for (c, piece) in row.enumerated() {
                if c + 1 < row.count {
                    let a = pieces[piece].name, b = pieces[row[c + 1]].name
                    let edge = JoinConfidence.of(piece, row[c + 1], cost: raw.leftRight, rivals: lrRivals, floor: lrFloor)
                    joins.append(Solution.Join(page: 0, row: r, column: c, direction: .leftRight, first: a, second: b,
                                               confidence: constraints.isPinned(a, b, .leftRight)
                                                   ? 1 : max(edge, min(firmness[r][c], firmness[r][c + 1]))))
                }
                if r + 1 < rows.count, c < rows[r + 1].count {
                    let a = pieces[piece].name, b = pieces[rows[r + 1][c]].name
                    let edge = JoinConfidence.of(piece, rows[r + 1][c], cost: raw.topBottom, rivals: tbRivals, floor: tbFloor)
                    joins.append(Solution.Join(page: 0, row: r, column: c, direction: .topBottom, first: a, second: b,
                                               confidence: constraints.isPinned(a, b, .topBottom)
                                                   ? 1 : max(edge, min(firmness[r][c], firmness[r + 1][c]))))
                }
            }
        }
        return Solution(kind: .grid, layout: Layout(rows: rows.map { $0.map { pieces[$0].name } }), joins: joins)
    }
}

/// A block of consecutive rows `first...last` moved to just below row `after` (-1: to
/// the top), as the row order `order` (new position -> old row). The repair's whole-row
/// start and the row questions both walk every such move.
struct RowBlockMove {
    var first: Int, last: Int, after: Int
    var order: [Int]

    /// Every move of a block (not the whole page) to another place, in (first, last, after) order.
    static func all(rowCount r: Int) -> [RowBlockMove] {
        var out: [RowBlockMove] = []
        for s in 0..<r {
            for e in s..<r where !(s == 0 && e == r - 1) {
                for t in -1..<r where t < s - 1 || t > e {
                    var order = Array(0..<r)
                    let block = Array(order[s...e])
                    order.removeSubrange(s...e)
                    order.insert(contentsOf: block, at: t < s ? t + 1 : t - block.count + 1)
                    out.append(RowBlockMove(first: s, last: e, after: t, order: order))
                }
            }
        }
        return out
    }
}
