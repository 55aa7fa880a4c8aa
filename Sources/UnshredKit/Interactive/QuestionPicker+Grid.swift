import Foundation

// Questions about a cross-cut page at the scale of the doubt: which rows come below a
// row, whether a row is shifted sideways, which piece belongs in a cell, where a stretch
// of a row goes (QuestionPicker+Stretch.swift).
extension QuestionPicker {
    /// How many pieces a "which piece belongs here?" question (and places a "where does
    /// this stretch go?" question) offers at least (the session's `alternatives` when
    /// more): a misplaced piece's true one is often not among the three that fit the
    /// wrong neighbours best.
    static let pieceCandidates = 6
    /// Questions expected to move less than one piece are not asked: their options are
    /// all far dearer than the page as it is, so the place is not in doubt.
    static let minimumValue: Float = 1
    var pieceCandidates: Int { Self.pieceCandidates }

    /// Every question the page raises below `threshold`, highest value first, leaving
    /// out places in `asked` (same key: same place, same pieces there).
    ///
    /// Each kind prices its alternatives with the whole page's cost (decisions priced
    /// in, so an alternative that breaks an answer is never offered), and its
    /// confidence is `margin / (margin + scale)`: the margin is how much dearer the
    /// likeliest alternative is, the scale a typical join times the joins at stake.
    /// - Complexity: O(R^3 n) for the row blocks, O(R C n) for the shifts and
    ///   O(d n) for d doubtful cells, n pieces; a few milliseconds at 209 pieces.
    func gridQuestions(_ solution: Solution, repair: GridRepair, constraints: JoinConstraints,
                       threshold: Float, alternatives count: Int, asked: Set<String>) -> [Question] {
        placeQuestions(solution, source: repair, blank: blankFlags, edgeInk: edgeInk, constraints: constraints,
                       threshold: threshold, alternatives: count, asked: asked)
    }

    /// `gridQuestions` for any page the questions can see as one grid of pieces
    /// (`source`: a one-page grid, or a double-sided sheet as its page-1 items);
    /// `blank` and `edgeInk` per piece index of `source`.
    func placeQuestions(_ solution: Solution, source repair: any GridQuestionSource, blank blankFlags: [Bool],
                        edgeInk: [EdgeInk], constraints: JoinConstraints, threshold: Float, alternatives count: Int,
                        asked: Set<String>) -> [Question] {
        guard let rows = repair.rows(of: solution.layout), rows.count > 1,
              let columns = rows.first?.count, columns > 1, rows.allSatisfy({ $0.count == columns }) else { return [] }
        var page = GridPage(rows: rows, repair: repair, inputs: repair.priced(constraints), blank: blankFlags, edgeInk: edgeInk,
                            constraints: constraints, solution: solution)
        page.measureSolidity(threshold: threshold)
        var out: [Question] = []
        out += page.rowQuestions(threshold: threshold, count: count)
        out += page.shiftQuestions(threshold: threshold, count: count)
        out += page.pieceQuestions(threshold: threshold, count: max(count, pieceCandidates))
        out += page.stretchQuestions(threshold: threshold, count: max(count, pieceCandidates))
        return out.filter { !asked.contains($0.spot) && $0.value >= Self.minimumValue }.sorted { a, b in
            if a.value != b.value { return a.value > b.value }
            return a.spot < b.spot
        }
    }
}

/// One grid page as the questions see it.
struct GridPage {
    let rows: [[Int]]
    let repair: any GridQuestionSource
    let inputs: GridSolver.Inputs
    let blank: [Bool]
    let edgeInk: [EdgeInk]
    let constraints: JoinConstraints
    let solution: Solution
    let R: Int
    let C: Int
    private(set) var baseCost: Float = 0
    let rhythm: LineRhythm
    let rhythmScale: Float
    /// Per row: the share of its left-right joins the solver is sure of (confidence at
    /// least the threshold, or pinned). A question about whole rows is worth asking only
    /// when the rows are rows: on a page whose rows are mixtures, moving them fixes nothing.
    var solidity: [Float] = []

    /// The price of a typical top-bottom join that carries text: the unit of the row and
    /// shift questions' margins (`GridQuestionSource.verticalUnit`).
    let verticalUnit: Float

    init(rows: [[Int]], repair: any GridQuestionSource, inputs: GridSolver.Inputs, blank: [Bool], edgeInk: [EdgeInk],
         constraints: JoinConstraints, solution: Solution) {
        self.rows = rows
        self.repair = repair
        self.inputs = inputs
        self.blank = blank
        self.edgeInk = edgeInk
        self.constraints = constraints
        self.solution = solution
        R = rows.count
        C = rows[0].count
        rhythm = LineRhythm(rows: rows, profiles: inputs.profiles)
        rhythmScale = inputs.objective.rhythmScale(columns: rows[0].count)
        verticalUnit = repair.verticalUnit
        baseCost = cost(order: Array(0..<R))
    }

    /// Fills `solidity` for confidence threshold `threshold`.
    mutating func measureSolidity(threshold: Float) {
        var sure = [Int](repeating: 0, count: R), all = [Int](repeating: 0, count: R)
        for j in solution.joins where j.direction == .leftRight && j.page == 0 && j.row < R {
            all[j.row] += 1
            if j.confidence >= threshold { sure[j.row] += 1 }
        }
        solidity = (0..<R).map { all[$0] == 0 ? 1 : Float(sure[$0]) / Float(all[$0]) }
    }

    /// How sure the rows `range` are rows (the least solid of them).
    func solid(_ range: ClosedRange<Int>) -> Float {
        guard !solidity.isEmpty else { return 1 }
        return range.map { solidity[max(0, min(R - 1, $0))] }.min() ?? 1
    }

    var names: [String] { repair.names }

    func cost(_ grid: [[Int]]) -> Float { GridSolver.pageCost(grid, inputs: inputs) }

    /// The page cost of the rows in `order` (indices into `rows`), the line rhythm across each cut included.
    func cost(order: [Int]) -> Float {
        var total = cost(order.map { rows[$0] })
        for (a, b) in zip(order, order.dropFirst()) { total += rhythmScale * rhythm.breakage(above: a, below: b) }
        return total
    }

    func layout(_ grid: [[Int]]) -> Layout { repair.layout(of: grid) }

    func moved(_ grid: [[Int]]) -> Int {
        var n = 0
        for (a, b) in zip(grid, rows) { for (x, y) in zip(a, b) where x != y { n += 1 } }
        return n
    }

    func honours(_ grid: [[Int]]) -> Bool { repair.honours(grid, constraints: constraints) }

    func join(_ a: Int, _ b: Int, _ direction: JoinDirection) -> JoinConstraints.Join {
        JoinConstraints.Join(names[a], names[b], direction)
    }

    /// Joins a person can judge: ink at the seam on at least one side.
    func evident(_ a: Int, _ b: Int, _ direction: JoinDirection) -> Bool {
        direction == .leftRight ? edgeInk[a].right || edgeInk[b].left : edgeInk[a].bottom || edgeInk[b].top
    }

    /// The top-bottom joins a person can judge between two rows of `grid`: those with
    /// ink at the seam; when the cut runs through white space everywhere, those with ink
    /// in either piece (the text lines above and below tell whether the rows follow).
    func boundary(_ upper: [Int], _ lower: [Int]) -> [JoinConstraints.Join] {
        let seam = zip(upper, lower).filter { evident($0, $1, .topBottom) }.map { join($0, $1, .topBottom) }
        if !seam.isEmpty { return seam }
        return zip(upper, lower).filter { !blank[$0] || !blank[$1] }.map { join($0, $1, .topBottom) }
    }

    /// What an answer is expected to change: the pieces each option moves, weighted by
    /// how likely the option is: `exp(-cost / scale)` against the page as it is (cost
    /// 0), relative to the likeliest of them, with "none of these" (an option not
    /// shown) weighing `noneWeight` of the likeliest. An option much dearer than the
    /// page weighs next to nothing, so a question whose alternatives are all far-fetched
    /// is worth little however many pieces they would move.
    func expectedMoved(_ options: [Question.Option], scale: Float) -> Float {
        let s = max(scale, 1e-6)
        let least = min(0, options.map(\.cost).min() ?? 0)
        func weight(_ cost: Float) -> Float { exp(max(-30, -(cost - least) / s)) }
        var total = weight(0) + Self.noneWeight, moved: Float = 0
        for o in options {
            let w = weight(o.cost)
            total += w
            moved += w * Float(o.moved)
        }
        return moved / total
    }

    static let noneWeight: Float = 0.5

    func confidence(margin: Float, joins: Int, typical: Float) -> Float {
        guard margin > 0 else { return 0 }
        let scale = Float(max(1, joins)) * max(typical, 1e-6)
        return margin / (margin + scale)
    }

    /// The weakest join of the solution in `rowRange` (and `columnRange`), for locating the question.
    func weakestJoin(rows rowRange: ClosedRange<Int>, columns columnRange: ClosedRange<Int>, direction: JoinDirection?) -> Solution.Join? {
        solution.joins.filter {
            rowRange.contains($0.row) && columnRange.contains($0.column) && (direction == nil || $0.direction == direction)
        }.min { ($0.confidence, $0.row, $0.column) < ($1.confidence, $1.row, $1.column) }
    }

    func key(_ kind: String, _ rowRange: ClosedRange<Int>) -> String {
        kind + ":" + rowRange.map { rows[$0].map { names[$0] }.joined(separator: ",") }.joined(separator: ";")
    }

    // MARK: Which rows come below row r

    func rowQuestions(threshold: Float, count: Int) -> [Question] {
        guard R >= 3 else { return [] }
        // Every move of a block of consecutive rows to another place, priced once.
        struct Move { var order: [Int]; var cost: Float; var first: Int; var last: Int; var after: Int }
        var moves: [Move] = []
        for m in RowBlockMove.all(rowCount: R) {
            moves.append(Move(order: m.order, cost: cost(order: m.order) - baseCost, first: m.first, last: m.last, after: m.after))
        }
        moves.sort { ($0.cost, $0.first, $0.last, $0.after) < ($1.cost, $1.first, $1.last, $1.after) }
        var out: [Question] = []
        for r in 0..<(R - 1) {
            let proposalPins = boundary(rows[r], rows[r + 1])
            guard !proposalPins.isEmpty, !proposalPins.allSatisfy(constraints.pinned.contains) else { continue }
            // The moves that put another row (or none) right below row r, cheapest per new neighbour.
            var seen = Set<Int>()
            var options: [(move: Move, grid: [[Int]])] = []
            var extra: Move?
            for move in moves {
                let k = move.order.firstIndex(of: r)!
                let below = k + 1 < R ? move.order[k + 1] : -1
                guard below != r + 1, !seen.contains(below) else { continue }
                let grid = move.order.map { rows[$0] }
                guard honours(grid) else { continue }
                seen.insert(below)
                if options.count < count { options.append((move, grid)) } else { extra = move; break }
            }
            guard let best = options.first else { continue }
            let conf = confidence(margin: best.move.cost, joins: proposalPins.count, typical: verticalUnit)
            guard conf < threshold else { continue }
            func pageMove(_ m: Move) -> PageMove {
                .rows(first: (m.first...m.last).map { names[rows[$0][0]] }, below: m.after >= 0 ? names[rows[m.after][0]] : nil)
            }
            func label(_ m: Move) -> String {
                let block = m.first == m.last ? "row \(m.first + 1)" : "rows \(m.first + 1)-\(m.last + 1)"
                return "\(block) (from \(names[rows[m.first][0]])) " + (m.after >= 0 ? "below row \(m.after + 1)" : "at the top")
            }
            let opts = options.map { o -> Question.Option in
                let k = o.move.order.firstIndex(of: r)!
                let lower = k + 1 < R ? o.grid[k + 1] : nil
                return Question.Option(label: label(o.move), move: pageMove(o.move),
                                       pins: lower.map { boundary(rows[r], $0) } ?? [],
                                       layout: layout(o.grid),
                                       focus: Question.Region(page: 0, rows: max(0, k - 1)...min(R - 1, k + 2), columns: 0...(C - 1)),
                                       moved: moved(o.grid), cost: o.move.cost)
            }.filter { !$0.pins.isEmpty }
            guard !opts.isEmpty, let j = weakestJoin(rows: r...r, columns: 0...(C - 1), direction: .topBottom) else { continue }
            let proposal = Question.Option(label: "row \(r + 2) below row \(r + 1)", move: nil, pins: proposalPins,
                                           layout: solution.layout,
                                           focus: Question.Region(page: 0, rows: max(0, r - 1)...min(R - 1, r + 2), columns: 0...(C - 1)),
                                           moved: 0, cost: 0)
            out.append(Question(kind: .rows, join: j, proposal: proposal, options: opts, noneForbids: proposalPins,
                                noneMove: extra.map(pageMove), confidence: conf,
                                value: expectedMoved(opts, scale: Float(max(1, proposalPins.count)) * max(verticalUnit, 1e-6))
                                    * solid(r...(r + 1)),
                                spot: key("rows", r...(r + 1)),
                                at: Question.Region(page: 0, rows: r...r, columns: 0...(C - 1))))
        }
        return out
    }

    // MARK: Is a row shifted

    func shiftQuestions(threshold: Float, count: Int) -> [Question] {
        guard C >= 3 else { return [] }
        var out: [Question] = []
        for a in 0..<R {
            for b in a..<min(R, a + 3) {
                // Judged against the row above (the row below for the top block).
                let neighbour = a > 0 ? a - 1 : (b + 1 < R ? b + 1 : nil)
                guard let n = neighbour else { continue }
                func pins(_ grid: [[Int]]) -> [JoinConstraints.Join] {
                    n < a ? boundary(grid[n], grid[a]) : boundary(grid[b], grid[n])
                }
                let proposalPins = pins(rows)
                guard !proposalPins.isEmpty, !proposalPins.allSatisfy(constraints.pinned.contains) else { continue }
                var trials: [(k: Int, grid: [[Int]], cost: Float)] = []
                for k in 1..<C {
                    var grid = rows
                    for r in a...b { grid[r] = Array(rows[r][k...] + rows[r][..<k]) }
                    trials.append((k, grid, cost(grid) - baseCost))
                }
                trials.sort { ($0.cost, $0.k) < ($1.cost, $1.k) }
                let kept = trials.filter { honours($0.grid) }.prefix(count)
                guard let best = kept.first else { continue }
                let conf = confidence(margin: best.cost, joins: proposalPins.count * (b - a + 1), typical: verticalUnit)
                guard conf < threshold else { continue }
                let span = a == b ? "row \(a + 1)" : "rows \(a + 1)-\(b + 1)"
                let focusRows = min(a, n)...max(b, n)
                let opts = kept.map { t -> Question.Option in
                    let by = t.k <= C / 2 ? "\(t.k) left" : "\(C - t.k) right"
                    return Question.Option(label: "\(span) shifted \(by)", move: .shift(first: (a...b).map { names[rows[$0][0]] }, by: t.k),
                                           pins: pins(t.grid), layout: layout(t.grid),
                                           focus: Question.Region(page: 0, rows: focusRows, columns: 0...(C - 1)),
                                           moved: moved(t.grid), cost: t.cost)
                }.filter { !$0.pins.isEmpty }
                guard !opts.isEmpty, let j = weakestJoin(rows: a...b, columns: 0...(C - 1), direction: .leftRight) else { continue }
                let proposal = Question.Option(label: "\(span) as it is", move: nil, pins: proposalPins, layout: solution.layout,
                                               focus: Question.Region(page: 0, rows: focusRows, columns: 0...(C - 1)), moved: 0, cost: 0)
                out.append(Question(kind: .shift, join: j, proposal: proposal, options: opts, noneForbids: proposalPins,
                                    noneMove: nil, confidence: conf,
                                    value: expectedMoved(opts, scale: Float(max(1, proposalPins.count * (b - a + 1))) * max(verticalUnit, 1e-6))
                                        * solid(a...b) * solid(n...n),
                                    spot: key("shift", focusRows), at: Question.Region(page: 0, rows: a...b, columns: 0...(C - 1))))
            }
        }
        return out
    }

    // MARK: Which piece belongs in a cell

    /// The joins a person can judge between the piece at (r, c) of `grid` and its neighbours.
    func pins(at r: Int, _ c: Int, in grid: [[Int]]) -> [JoinConstraints.Join] {
        let x = grid[r][c]
        var out: [JoinConstraints.Join] = []
        if c > 0, evident(grid[r][c - 1], x, .leftRight) { out.append(join(grid[r][c - 1], x, .leftRight)) }
        if c + 1 < C, evident(x, grid[r][c + 1], .leftRight) { out.append(join(x, grid[r][c + 1], .leftRight)) }
        if r > 0, evident(grid[r - 1][c], x, .topBottom) { out.append(join(grid[r - 1][c], x, .topBottom)) }
        if r + 1 < R, evident(x, grid[r + 1][c], .topBottom) { out.append(join(x, grid[r + 1][c], .topBottom)) }
        return out
    }

    /// The joins a person can judge around the `h` x `w` block at (r, c) of `grid`: between
    /// its cells and the cells outside it (a block option is right only when the whole
    /// block fits where it is put, not only its first piece).
    func pins(at r: Int, _ c: Int, h: Int, w: Int, in grid: [[Int]]) -> [JoinConstraints.Join] {
        guard h * w > 1 else { return pins(at: r, c, in: grid) }
        var out: [JoinConstraints.Join] = []
        let rows = r...(r + h - 1), columns = c...(c + w - 1)
        for y in rows {
            if c > 0, evident(grid[y][c - 1], grid[y][c], .leftRight) { out.append(join(grid[y][c - 1], grid[y][c], .leftRight)) }
            let e = c + w - 1
            if e + 1 < C, evident(grid[y][e], grid[y][e + 1], .leftRight) { out.append(join(grid[y][e], grid[y][e + 1], .leftRight)) }
        }
        for x in columns {
            if r > 0, evident(grid[r - 1][x], grid[r][x], .topBottom) { out.append(join(grid[r - 1][x], grid[r][x], .topBottom)) }
            let e = r + h - 1
            if e + 1 < R, evident(grid[e][x], grid[e + 1][x], .topBottom) { out.append(join(grid[e][x], grid[e + 1][x], .topBottom)) }
        }
        return out
    }

    /// `grid` with the `h` x `w` blocks at (r1, c1) and (r2, c2) swapped (nil when they overlap or leave the page).
    func swapped(_ grid: [[Int]], _ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int, h: Int, w: Int) -> [[Int]]? {
        guard r1 + h <= R, r2 + h <= R, c1 + w <= C, c2 + w <= C else { return nil }
        let apart = r1 + h <= r2 || r2 + h <= r1 || c1 + w <= c2 || c2 + w <= c1
        guard apart else { return nil }
        var out = grid
        for dr in 0..<h {
            for dc in 0..<w {
                out[r1 + dr][c1 + dc] = grid[r2 + dr][c2 + dc]
                out[r2 + dr][c2 + dc] = grid[r1 + dr][c1 + dc]
            }
        }
        return out
    }

    /// Cells whose piece fits its place badly (placement confidence below `threshold`):
    /// the pieces that would fit best there, each alone or with the block it heads (the
    /// run of inked pieces to its right, one to three rows deep) swapped in.
    func pieceQuestions(threshold: Float, count: Int) -> [Question] {
        let firmness = GridSolver.placementConfidence(rows, inputs: repair.raw)
        let lr = inputs.leftRight, tb = inputs.topBottom, h = inputs.horizontalEdges, v = inputs.verticalEdges
        let n = names.count
        var cell: [Int: (r: Int, c: Int)] = [:]
        for (rr, row) in rows.enumerated() { for (cc, x) in row.enumerated() { cell[x] = (rr, cc) } }
        var out: [Question] = []
        for r in 0..<R {
            for c in 0..<C where firmness[r][c] < threshold {
                let p = rows[r][c]
                let proposalPins = pins(at: r, c, in: rows)
                guard !proposalPins.isEmpty, !proposalPins.allSatisfy(constraints.pinned.contains) else { continue }
                let left: Int? = c > 0 ? rows[r][c - 1] : nil, right: Int? = c + 1 < C ? rows[r][c + 1] : nil
                let up: Int? = r > 0 ? rows[r - 1][c] : nil, down: Int? = r + 1 < R ? rows[r + 1][c] : nil
                func fit(_ x: Int) -> Float {
                    (left.map { lr[$0, x] } ?? h.leftEdge[x]) + (right.map { lr[x, $0] } ?? h.rightEdge[x])
                        + (up.map { tb[$0, x] } ?? v.leftEdge[x]) + (down.map { tb[x, $0] } ?? v.rightEdge[x])
                }
                let neighbours = Set([left, right, up, down].compactMap { $0 })
                let rivals = (0..<n).filter { $0 != p && !neighbours.contains($0) }
                    .map { (x: $0, fit: fit($0)) }.sorted { ($0.fit, $0.x) < ($1.fit, $1.x) }.prefix(count + 2)
                var kept: [(x: Int, w: Int, h: Int, grid: [[Int]], cost: Float)] = []
                for rival in rivals {
                    guard let at = cell[rival.x] else { continue }
                    var run = 1
                    while run < 8, at.c + run < C, !blank[rows[at.r][at.c + run]] { run += 1 }
                    var best: (w: Int, h: Int, grid: [[Int]], cost: Float)?
                    for bh in 1...3 {
                        for bw in 1...run {
                            guard let grid = swapped(rows, r, c, at.r, at.c, h: bh, w: bw) else { continue }
                            let d = cost(grid) - baseCost
                            if best == nil || d < best!.cost - 1e-4 { best = (bw, bh, grid, d) }
                        }
                    }
                    guard let b = best, !pins(at: r, c, h: b.h, w: b.w, in: b.grid).isEmpty, honours(b.grid) else { continue }
                    kept.append((rival.x, b.w, b.h, b.grid, b.cost))
                }
                kept.sort { ($0.cost, $0.x) < ($1.cost, $1.x) }
                guard !kept.isEmpty else { continue }
                let conf = firmness[r][c]
                let opts = kept.prefix(count).map { k in
                    let size = k.w * k.h == 1 ? "" : " with the \(k.h) x \(k.w) block it heads"
                    return Question.Option(label: "piece \(names[k.x])\(size)",
                                           move: k.w * k.h == 1 ? .swap(names[p], names[k.x])
                                               : .blocks(names[p], names[k.x], rows: k.h, columns: k.w),
                                           pins: pins(at: r, c, h: k.h, w: k.w, in: k.grid), layout: layout(k.grid),
                                           focus: Question.Region(page: 0, rows: max(0, r - 1)...min(R - 1, r + k.h),
                                                                  columns: max(0, c - 2)...min(C - 1, c + k.w + 1)),
                                           moved: moved(k.grid), cost: k.cost)
                }
                let j = weakestJoin(rows: max(0, r - 1)...r, columns: max(0, c - 1)...c, direction: nil)
                    ?? solution.joins.first { $0.first == names[p] || $0.second == names[p] }
                guard let j else { continue }
                let focus = Question.Region(page: 0, rows: max(0, r - 1)...min(R - 1, r + 1), columns: max(0, c - 2)...min(C - 1, c + 2))
                let proposal = Question.Option(label: "piece \(names[p])", move: nil, pins: proposalPins, layout: solution.layout,
                                               focus: focus, moved: 0, cost: 0)
                let around = [p, left, right, up, down].map { $0.map { names[$0] } ?? "-" }.joined(separator: ",")
                out.append(Question(kind: .piece, join: j, proposal: proposal, options: Array(opts), noneForbids: proposalPins,
                                    noneMove: nil, confidence: conf, value: expectedMoved(Array(opts), scale: max(inputs.typicalJoin, 1e-3)),
                                    spot: "piece:\(r),\(c):\(around)", at: Question.Region(page: 0, rows: r...r, columns: c...c)))
            }
        }
        return out
    }
}
