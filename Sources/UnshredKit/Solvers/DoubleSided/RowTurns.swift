import Foundation

/// Settles which way round whole rows lie, and their order.
///
/// Turning a whole row over (each piece turned, the row read right to left) changes
/// none of its left-right joins or page edges: only its joins with the rows above
/// and below, and which page its text lines continue. Where a horizontal cut runs
/// through white space on both pages, no edge can tell, and the orientation votes
/// leave the rows on either side of it with an arbitrary relative orientation. The
/// text-line rhythm can (on each page the lines keep their pitch and phase across the
/// cut), and so can the margins (each page's text starts and ends at the same
/// distance from its edges in every row).
///
/// So the rows are given a state (as solved, or turned) and an order together: for
/// a set of states, the order is the cheapest tour over the rows (top-bottom joins
/// plus the rhythm broken on page 1 and on page 2, anchored by the top and bottom
/// margins), plus how far rows stray from each page's side margins; the states are
/// improved by turning runs of consecutive rows while that gets cheaper. Where a cut
/// does carry text, its joins outweigh rhythm and margins.
struct RowTurns {
    /// Weights of a broken rhythm per page, and of rows whose text does not line up
    /// with the page's margins (`Configuration.rowTurnRhythmWeight`, `rowTurnMarginWeight`).
    let rhythmWeight: Float, marginWeight: Float

    let start: [[Int]]
    let turnedRows: [[Int]]
    let sheet: Sheet
    let seed: UInt64
    let r: Int
    /// Top-bottom cost of row a (state s) above row b (state t).
    let tb: [Float]
    let top: [Float], bottom: [Float]
    let scale: Float
    /// Blank bands of each row's outer pieces, per state: page 1 left/right, page 2 left/right.
    let bands: [[[Int]]]
    let cap: Float
    /// Both pages' text extents (`PageObjective.Alignment`, page 2 read right to left):
    /// where a row's outer pieces are blank (margins wider than a piece), `bands` see
    /// nothing, and where the text starts and ends through those blank pieces still tells
    /// which page each face of the row belongs to.
    let alignment: PageObjective.Alignment?
    /// Decisions a tour must keep (a pinned join at the page edge costs nothing to break).
    var decisions = ItemDecisions()

    func row(_ a: Int, _ turned: Bool) -> [Int] { turned ? turnedRows[a] : start[a] }

    /// - Parameter objective: the sheet's items priced (`Sheet.itemObjective`): seams and
    ///   the top and bottom edges of rows.
    init(_ start: [[Int]], sheet: Sheet, objective: PageObjective, seed: UInt64,
         configuration: GridSolver.Configuration = GridSolver.Configuration()) {
        rhythmWeight = configuration.rowTurnRhythmWeight
        marginWeight = configuration.rowTurnMarginWeight
        self.start = start
        self.sheet = sheet
        self.seed = seed
        let r = start.count
        self.r = r
        let turnedRows = start.map { $0.reversed().map(Sheet.turned) }
        self.turnedRows = turnedRows
        func row(_ a: Int, _ turned: Bool) -> [Int] { turned ? turnedRows[a] : start[a] }
        var tb = [Float](repeating: 0, count: 4 * r * r)
        for a in 0..<r {
            for b in 0..<r where a != b {
                for s in 0..<2 {
                    for t in 0..<2 {
                        tb[((a * 2 + s) * r + b) * 2 + t] = objective.rowSeam(row(a, s == 1), row(b, t == 1))
                    }
                }
            }
        }
        self.tb = tb
        // A row turned over shows the same bands on the sheet's two pages: one margin term for both states.
        let margins = objective.rowMargins(start)
        top = start.indices.map { objective.topEdge(start[$0]) + margins.top[$0] }
        bottom = start.indices.map { objective.bottomEdge(start[$0]) + margins.bottom[$0] }
        let columns = start.map(\.count).max() ?? 1
        scale = Self.typicalCrossing(sheet.tb) * Float(columns)
        bands = (0..<r).map { a in
            [false, true].map { turned in
                let x = row(a, turned)
                let images = sheet.images
                return [PaperModel.blankColumnsFromLeft(images[sheet.front(x[0])]),
                        PaperModel.blankColumnsFromRight(images[sheet.front(x[x.count - 1])]),
                        PaperModel.blankColumnsFromLeft(images[sheet.back(x[x.count - 1])]),
                        PaperModel.blankColumnsFromRight(images[sheet.back(x[0])])]
            }
        }
        cap = max(2, Float(sheet.images.first?.width ?? 32) / 16)
        alignment = objective.alignment
    }

    /// What a join that carries text across the cut typically costs: the median of the
    /// pieces' cheapest joins, leaving out those with paper (which cost nothing).
    static func typicalCrossing(_ costs: CostMatrix) -> Float {
        let n = costs.count
        var best: [Float] = []
        for i in 0..<n {
            var b = Float.infinity
            for j in 0..<n where j != i { b = min(b, costs[i, j]) }
            if b > 1e-3 && b.isFinite { best.append(b) }
        }
        best.sort()
        return best.isEmpty ? 1e-3 : best[best.count / 2]
    }

    /// How far rows stray from each page margin: per page and side, the rows' blank
    /// bands against their median, each capped, in units of the cap; plus each row's
    /// text extent on both pages against the pages' margins (`Alignment.misalignment`,
    /// 0 ... 1 per page at a piece's width off), read through blank pieces.
    func misalignment(_ states: [Bool]) -> Float {
        var total = bandMisalignment(states)
        if let alignment {
            let rows = (0..<r).map { row($0, states[$0]) }
            let margins = alignment.margins(rows)
            for x in rows { total += alignment.misalignment(x, margins: margins) }
        }
        return total
    }

    /// The outer pieces' bands alone (`misalignment`'s first term).
    func bandMisalignment(_ states: [Bool]) -> Float {
        var total: Float = 0
        for k in 0..<4 {
            let values = (0..<r).map { bands[$0][states[$0] ? 1 : 0][k] }
            let width = sheet.images.first?.width ?? 0
            let inked = values.filter { $0 < width }.sorted()
            guard inked.count >= 3 else { continue }
            let median = Float(inked[inked.count / 2])
            for v in inked { total += min(abs(Float(v) - median), cap) / cap }
        }
        return total
    }

    static func settle(_ start: [[Int]], sheet: Sheet, objective: PageObjective,
                       decisions: ItemDecisions = ItemDecisions(),
                       configuration: GridSolver.Configuration = GridSolver.Configuration(), seed: UInt64) -> [[Int]] {
        guard start.count > 1 else { return start }
        var turns = RowTurns(start, sheet: sheet, objective: objective, seed: seed, configuration: configuration)
        turns.decisions = decisions
        return turns.settle()
    }

    /// The cheapest tour for `states`, and how many decisions it breaks.
    func evaluate(_ states: [Bool]) -> (cost: Float, order: [Int], broken: Int) {
        let rows = (0..<r).map { row($0, states[$0]) }
        let page1 = LineRhythm(rows: rows.map { $0.map(sheet.front) }, profiles: sheet.profiles)
        let page2 = LineRhythm(rows: rows.map { $0.map(sheet.back) }, profiles: sheet.profiles)
        let m = r + 1
        var matrix = [Float](repeating: 0, count: m * m)
        for a in 0..<r {
            matrix[a + 1] = top[a]
            matrix[(a + 1) * m] = bottom[a]
            for b in 0..<r where b != a {
                let s = states[a] ? 1 : 0, t = states[b] ? 1 : 0
                matrix[(a + 1) * m + b + 1] = tb[((a * 2 + s) * r + b) * 2 + t]
                    + rhythmWeight * scale * (page1.breakage(above: a, below: b) + page2.breakage(above: a, below: b))
            }
        }
        for k in 0..<m { matrix[k * m + k] = .infinity }
        let tour = AsymmetricTSP.solve(cost: matrix, count: m, seed: seed)
        let margins = marginWeight * scale * misalignment(states)
        let order = tour.dropFirst().map { $0 - 1 }
        let broken = decisions.violations(order.map { row($0, states[$0]) })
        return (AsymmetricTSP.tourCost(tour, cost: matrix, count: m) + margins, order, broken)
    }

    func settle() -> [[Int]] {
        var states = [Bool](repeating: false, count: r)
        var best = evaluate(states)
        /// Fewer broken decisions first, then a clearly cheaper tour.
        func better(_ e: (cost: Float, order: [Int], broken: Int), than b: (cost: Float, order: [Int], broken: Int)) -> Bool {
            e.broken != b.broken ? e.broken < b.broken : e.cost < b.cost - 1e-4 * max(1, abs(b.cost))
        }
        var improved = true
        var rounds = 0
        while improved && rounds < 2 * r {
            improved = false
            rounds += 1
            var bestMove: (states: [Bool], result: (cost: Float, order: [Int], broken: Int))? = nil
            // Runs of consecutive rows in the current order; turning all rows is the same sheet.
            var trials: [[Bool]] = []
            for i in 0..<r {
                for j in i..<r where j - i + 1 < r {
                    var trial = states
                    for k in i...j { trial[best.order[k]].toggle() }
                    trials.append(trial)
                }
            }
            // The trials are independent: evaluated on all cores, compared in order.
            let candidates = trials
            let turns = self
            let results = Parallel.map(candidates.count) { turns.evaluate(candidates[$0]) }
            for (trial, e) in zip(trials, results) where better(e, than: bestMove?.result ?? best) {
                bestMove = (trial, e)
            }
            if let move = bestMove {
                states = move.states
                best = move.result
                improved = true
            }
        }
        return best.order.map { row($0, states[$0]) }
    }
}
