// "This stretch of a row is in the wrong place: where does it go?" A run of pieces
// bounded by doubtful joins (or the page's side) is moved elsewhere in its row, the
// pieces between closing up, or changes places with the run of the same length in
// another row.
extension GridPage {
    /// The cost of rows `touched` of `grid` with the seams above and below them (each
    /// seam once), page edges included: what a move within those rows changes.
    func localCost(_ grid: [[Int]], rows touched: [Int]) -> Float {
        let o = inputs.objective
        var total: Float = 0
        var seams = Set<Int>()
        for r in touched {
            total += o.rowJoins(grid[r])
            seams.insert(r)
            seams.insert(r + 1)
        }
        for s in seams {
            for c in 0..<C { total += o.stack(s > 0 ? grid[s - 1][c] : nil, s < R ? grid[s][c] : nil) }
        }
        return total
    }

    /// The stretches of row `r` worth asking about: runs of 2 ... C-1 pieces between two
    /// cuts, a cut being a left-right join below `threshold` or the row's end (at least
    /// one end a doubtful join); up to three consecutive runs together.
    func stretches(row r: Int, weak: (Int, Int) -> Bool) -> [ClosedRange<Int>] {
        var cuts = [0]
        for c in 1..<C where weak(r, c - 1) { cuts.append(c) }
        cuts.append(C)
        var out: [ClosedRange<Int>] = []
        for i in 0..<(cuts.count - 1) {
            for j in (i + 1)...min(cuts.count - 1, i + 3) {
                let a = cuts[i], b = cuts[j] - 1
                let length = b - a + 1
                guard length >= 2, length <= C - 1 else { continue }
                out.append(a...b)
            }
        }
        return out
    }

    /// The joins a person can judge at the ends of the run `columns` of row `r` in
    /// `grid`: its left and right neighbours; when neither end shows ink (or the run
    /// spans a side of the page), the seams above and below it.
    /// With `inside`, the evident joins within the run too: a person who takes an option
    /// (or the proposal) sees the whole stretch where it would stand and confirms it.
    func stretchPins(row r: Int, columns: ClosedRange<Int>, in grid: [[Int]], inside: Bool = false) -> [JoinConstraints.Join] {
        var out: [JoinConstraints.Join] = []
        let a = columns.lowerBound, b = columns.upperBound
        if inside {
            for c in a..<b where evident(grid[r][c], grid[r][c + 1], .leftRight) { out.append(join(grid[r][c], grid[r][c + 1], .leftRight)) }
        }
        var ends: [JoinConstraints.Join] = []
        if a > 0, evident(grid[r][a - 1], grid[r][a], .leftRight) { ends.append(join(grid[r][a - 1], grid[r][a], .leftRight)) }
        if b + 1 < C, evident(grid[r][b], grid[r][b + 1], .leftRight) { ends.append(join(grid[r][b], grid[r][b + 1], .leftRight)) }
        if !ends.isEmpty { return ends + out }
        for c in columns {
            if r > 0, evident(grid[r - 1][c], grid[r][c], .topBottom) { out.append(join(grid[r - 1][c], grid[r][c], .topBottom)) }
            if r + 1 < R, evident(grid[r][c], grid[r + 1][c], .topBottom) { out.append(join(grid[r][c], grid[r + 1][c], .topBottom)) }
        }
        return out
    }

    /// One question per doubtful stretch: its options are the cheapest places for it
    /// (page cost, decisions priced in), each with the pieces it lands beside pinned.
    /// - Complexity: O(s (R + 1) C^2) for s stretches; a few milliseconds at 209 pieces.
    func stretchQuestions(threshold: Float, count: Int) -> [Question] {
        guard C >= 3 else { return [] }
        var lrConfidence: [Int: Float] = [:]
        for j in solution.joins where j.direction == .leftRight && j.page == 0 { lrConfidence[j.row * C + j.column] = j.confidence }
        func weak(_ r: Int, _ c: Int) -> Bool {
            guard let conf = lrConfidence[r * C + c] else { return false }
            return conf < threshold && !constraints.isPinned(names[rows[r][c]], names[rows[r][c + 1]], .leftRight)
        }
        var out: [Question] = []
        for r in 0..<R {
            for run in stretches(row: r, weak: weak) {
                let a = run.lowerBound, L = run.count
                let ink = run.filter { !blank[rows[r][$0]] }.count
                guard ink >= 1 else { continue }
                // "None of these" rules out the stretch's place (its ends), not the stretch.
                let noneForbids = stretchPins(row: r, columns: run, in: rows)
                let proposalPins = stretchPins(row: r, columns: run, in: rows, inside: true)
                guard !noneForbids.isEmpty, !proposalPins.allSatisfy(constraints.pinned.contains) else { continue }
                let own = localCost(rows, rows: [r])
                // Each place priced on a scratch page (the move made, priced, undone); only
                // the kept ones are built.
                struct Trial { var row: Int; var at: Int; var cost: Float }
                var trials: [Trial] = []
                var scratch = rows
                // Elsewhere in the row (row = r, at = the run's new first column).
                let piecesOfRun = Array(rows[r][run])
                var rest = rows[r]
                rest.removeSubrange(run)
                for p in 0...(C - L) where p != a {
                    var row = rest
                    row.insert(contentsOf: piecesOfRun, at: p)
                    scratch[r] = row
                    trials.append(Trial(row: r, at: p, cost: localCost(scratch, rows: [r]) - own))
                }
                scratch[r] = rows[r]
                // In another row, changing places with the run there.
                for r2 in 0..<R where r2 != r {
                    let base = localCost(rows, rows: [r, r2])
                    for c2 in 0...(C - L) {
                        for k in 0..<L { scratch[r][a + k] = rows[r2][c2 + k]; scratch[r2][c2 + k] = rows[r][a + k] }
                        trials.append(Trial(row: r2, at: c2, cost: localCost(scratch, rows: [r, r2]) - base))
                        for k in 0..<L { scratch[r][a + k] = rows[r][a + k]; scratch[r2][c2 + k] = rows[r2][c2 + k] }
                    }
                }
                trials.sort { ($0.cost, $0.row, $0.at) < ($1.cost, $1.row, $1.at) }
                func made(_ t: Trial) -> (grid: [[Int]], move: PageMove, label: String) {
                    var grid = rows
                    if t.row == r {
                        var row = rest
                        row.insert(contentsOf: piecesOfRun, at: t.at)
                        grid[r] = row
                        let before: String? = t.at < rest.count ? names[rest[t.at]] : nil
                        return (grid, .stretch(first: names[piecesOfRun[0]], length: L, before: before),
                                "to columns \(t.at + 1)-\(t.at + L) of row \(r + 1)")
                    }
                    for k in 0..<L { grid[r][a + k] = rows[t.row][t.at + k]; grid[t.row][t.at + k] = rows[r][a + k] }
                    return (grid, .blocks(names[rows[r][a]], names[rows[t.row][t.at]], rows: 1, columns: L),
                            "to row \(t.row + 1), columns \(t.at + 1)-\(t.at + L) (changing places)")
                }
                var opts: [Question.Option] = []
                for t in trials {
                    if opts.count >= count { break }
                    let m = made(t)
                    let pins = stretchPins(row: t.row, columns: t.at...(t.at + L - 1), in: m.grid, inside: true)
                    guard !pins.isEmpty, honours(m.grid) else { continue }
                    opts.append(Question.Option(label: "the stretch \(m.label)", move: m.move, pins: pins, layout: layout(m.grid),
                                                focus: Question.Region(page: 0, rows: max(0, t.row - 1)...min(R - 1, t.row + 1),
                                                                       columns: max(0, t.at - 1)...min(C - 1, t.at + L)),
                                                moved: moved(m.grid), cost: t.cost))
                }
                guard let best = opts.first else { continue }
                let scale = Float(2 + L) * max(inputs.typicalJoin, 1e-6)
                let conf = confidence(margin: best.cost, joins: 2 + L, typical: inputs.typicalJoin)
                guard conf < threshold else { continue }
                guard let j = weakestJoin(rows: r...r, columns: max(0, a - 1)...run.upperBound, direction: .leftRight) else { continue }
                let focus = Question.Region(page: 0, rows: max(0, r - 1)...min(R - 1, r + 1),
                                            columns: max(0, a - 1)...min(C - 1, run.upperBound + 1))
                let proposal = Question.Option(label: "the stretch where it is", move: nil, pins: proposalPins, layout: solution.layout,
                                               focus: focus, moved: 0, cost: 0)
                out.append(Question(kind: .stretch, join: j, proposal: proposal, options: opts, noneForbids: noneForbids,
                                    noneMove: nil, confidence: conf, value: expectedMoved(opts, scale: scale),
                                    spot: key("stretch", r...r) + ":\(a),\(L)",
                                    at: Question.Region(page: 0, rows: r...r, columns: run)))
            }
        }
        return out
    }
}
