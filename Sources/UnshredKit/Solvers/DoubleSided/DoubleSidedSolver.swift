import Foundation

/// Restores both pages of a double-sided sheet: every piece has two faces
/// (`NNNa`, `NNNb`, see `FacePairs`), scanned upright, and the sheet turns over about
/// its vertical axis. Which face lies on which page is part of the answer.
///
/// 1. **Orientation** (`Orientation`): which face of each piece lies on page 1, from
///    votes of the clearest edge joins, then of text lines.
/// 2. **Shape** (`inferShape`): rows x columns of one page, from the margins of both
///    faces and the combined evidence (`ShapeInference`).
/// 3. **Layout**: the ordinary solvers (`GridSolver`, or the strip ATSP) on the
///    combined evidence of both faces (`Sheet`): every join is paid on both pages.
/// 4. **Rows**: the pieces of each solved row are re-oriented by their votes among
///    themselves (solving again if any turned); then whole rows are turned over, or
///    not, and ordered (`RowTurns`), and the sheet is solved again with the pieces as
///    they now lie (three solves at most).
/// 5. **Repair**: pinned joins the layout breaks are put back; pieces are turned over
///    and swapped while the whole sheet gets cheaper; then the grid solver arranges the
///    pieces again as they now lie, kept while the sheet gets cheaper (`polishSheet`).
/// 6. **Pages**: page 1 is the one holding face `a` of the first piece by name
///    (e.g. `000a`); page 2 is read from the other faces, each row reversed. Every
///    join is listed on both pages with the same confidence (one physical join).
///
/// Decisions name faces; each holds for the join as seen from either side.
enum DoubleSidedSolver {
    static func solve(_ pieces: PieceSet, pairs: FacePairs, grid: GridShape?,
                             options: Unshredder.Options) throws -> Solution {
        let sheet = Sheet(pieces, pairs: pairs, measure: options.measure)
        let configuration = GridSolver.Configuration()
        let n = sheet.count
        let names = pieces.names
        let items = sheet.itemMatrices()
        // Decisions, restated for items (each face is the page-1 face of exactly one item).
        let itemConstraints = mirrored(options.constraints, pieces: pieces, pairs: pairs)
        let itemNames = (0..<(2 * n)).map { names[sheet.front($0)] }
        var constrained = items
        let decisions = ItemDecisions(itemConstraints, names: itemNames)
        if !itemConstraints.isEmpty {
            itemConstraints.apply(to: &constrained.leftRight, names: itemNames, direction: .leftRight)
            itemConstraints.apply(to: &constrained.topBottom, names: itemNames, direction: .topBottom)
        }
        // The sheet's cost as the steps after the grid solver price it, decisions included.
        let objective = sheet.itemObjective(constrained, weights: configuration.weights)

        let edgeVotes = Orientation.edgeVotes(sheet, items: items)
        let (same, opposite) = orientationConstraints(options.constraints, pieces: pieces, pairs: pairs)
        let profileVotes = Orientation.profileVotes(sheet)
        var flipped = Orientation.solve([edgeVotes, profileVotes], same: same, opposite: opposite)
        flipped = Orientation.improve(flipped, votes: edgeVotes, threshold: nil, same: same, opposite: opposite)
        var chosen = Sheet.items(flipped)

        var estimate: ShapeEstimate?
        if grid == nil {
            estimate = inferShape(sheet, chosen: chosen, a: pairs.faceA.map { pieces[$0].image },
                                  b: pairs.faceB.map { pieces[$0].image }, seed: options.seed).estimate
        }
        guard let shape = grid ?? estimate?.shape else { throw SolveError.unsupportedShape("no shape for \(n) pieces") }
        guard shape.rows * shape.columns == n else {
            throw SolveError.unsupportedShape("grid \(shape) does not hold the \(n) pieces")
        }
        var layout: [[Int]] = []
        func orientation(_ layout: [[Int]]) -> [Bool] {
            var turned = [Bool](repeating: false, count: n)
            for i in layout.joined() { turned[i >> 1] = i & 1 == 1 }
            return turned
        }
        for _ in 0..<3 {
            let inputs = sheet.gridInputs(chosen, constraints: itemConstraints, names: chosen.map { itemNames[$0] },
                                          configuration: configuration)
            let rows: [[Int]]
            if shape.rows == 1 {
                rows = [StripSolver.order(Array(0..<n), costs: inputs.leftRight, edges: inputs.horizontalEdges,
                                          confidenceFloor: 1, seed: options.seed).order]
            } else {
                rows = GridSolver.solve(inputs, grid: shape, seed: options.seed).rows
            }
            // From piece indices back to items.
            layout = rows.map { $0.map { chosen[$0] } }
            // Pieces of one row agree among themselves: solve again if some were turned.
            let consolidated = Orientation.consolidate(rows, turned: orientation(layout), tiers: [edgeVotes, profileVotes],
                                                       same: same, opposite: opposite)
            if Sheet.items(consolidated) != chosen {
                chosen = Sheet.items(consolidated)
                continue
            }
            guard layout.count > 1 else { break }
            layout = RowTurns.settle(layout, sheet: sheet, objective: objective, decisions: decisions,
                                     configuration: configuration, seed: options.seed)
            // Rows turned over: solve again with the pieces as they now lie. Pieces
            // carried along with a row they do not belong to turn back by their own edges.
            let turned = Orientation.improve(orientation(layout), votes: edgeVotes, threshold: nil, same: same, opposite: opposite)
            if Sheet.items(turned) == chosen { break }
            chosen = Sheet.items(turned)
        }
        layout = repair(layout, objective: objective, decisions: decisions)
        layout = polishSheet(layout, sheet: sheet, objective: objective, itemConstraints: itemConstraints,
                             itemNames: itemNames, decisions: decisions, configuration: configuration,
                             seed: options.seed, rounds: configuration.sheetPolishRounds,
                             rearrange: true)
        // Page 1 holds face `a` of the first piece.
        if layout.flatMap({ $0 }).contains(1) { layout = layout.map { $0.reversed().map(Sheet.turned) } }
        var result = solution(layout, sheet: sheet, items: items, names: names)
        result.shapeEstimate = estimate.flatMap { $0.shape.rows > 1 ? $0 : nil }
        return result
    }

    /// The shape of one page, with every candidate's evidence (`ShapeInference`), the
    /// pieces oriented by their votes alone (no decisions).
    static func estimateShape(_ pieces: PieceSet, pairs: FacePairs, measure: EdgeCostMeasure = .standard)
        -> (estimate: ShapeEstimate, evidence: [ShapeInference.Evidence]) {
        let sheet = Sheet(pieces, pairs: pairs, measure: measure)
        let edgeVotes = Orientation.edgeVotes(sheet, items: sheet.itemMatrices())
        var flipped = Orientation.solve([edgeVotes, Orientation.profileVotes(sheet)])
        flipped = Orientation.improve(flipped, votes: edgeVotes, threshold: nil, same: [], opposite: [])
        return inferShape(sheet, chosen: Sheet.items(flipped), a: pairs.faceA.map { pieces[$0].image },
                          b: pairs.faceB.map { pieces[$0].image }, seed: 1)
    }

    /// Strips when the margins say so (`MarginEvidence`); else `ShapeInference` on the
    /// combined evidence of both faces, with both faces' margins (`MarginEvidence.score`).
    static func inferShape(_ sheet: Sheet, chosen: [Int], a: [GrayImage], b: [GrayImage], seed: UInt64)
        -> (estimate: ShapeEstimate, evidence: [ShapeInference.Evidence]) {
        let n = a.count
        let margins = MarginEvidence(a: a, b: b)
        if n <= 1 || margins.isStrips { return (ShapeEstimate(shape: GridShape(rows: 1, columns: max(n, 1))), []) }
        let inputs = sheet.gridInputs(chosen)
        return ShapeInference.infer(inputs, pieceWidth: a[0].width, pieceHeight: a[0].height,
                                    margins: margins.score, seed: seed)
    }

    // MARK: Shape

    /// Both faces' margins, as `ShapeDetector` reads one face's (for each side, the
    /// deepest blank bands stand apart where the margin pieces end):
    /// - the `C` pieces of the top row show the top margin on both faces (*strict*: the
    ///   smaller band of the two), or on one at least when the other page was cut
    ///   without one (*loose*: the larger); the bottom row likewise;
    /// - the pieces at the side edges show the left margin on one face and the right
    ///   margin on the other, whichever way they lie (strict), or some side margin
    ///   (loose): `2 R` pieces, or `R` when a page has lost a side margin.
    /// Strips: nearly every piece shows (on some face) a top and a bottom band at least
    /// half as deep as the deepest tenth, and pieces are tall and narrow.
    struct MarginEvidence: Sendable {
        let tops: [[Int]], bottoms: [[Int]], sides: [[Int]]
        let width: Int, height: Int
        let isStrips: Bool

        init(a: [GrayImage], b: [GrayImage]) {
            let n = a.count
            let w = a.first?.width ?? 1, h = a.first?.height ?? 1
            width = w
            height = h
            func bands(_ f: (GrayImage) -> Int) -> ([Int], [Int]) { (a.map(f), b.map(f)) }
            let top = bands(PaperModel.blankRowsFromTop), bottom = bands(PaperModel.blankRowsFromBottom)
            let left = bands(PaperModel.blankColumnsFromLeft), right = bands(PaperModel.blankColumnsFromRight)
            // A blank face says nothing about margins: its piece's other face speaks alone.
            func strict(_ x: ([Int], [Int]), _ full: Int) -> [Int] {
                (0..<n).map { p in x.0[p] >= full ? x.1[p] : x.1[p] >= full ? x.0[p] : min(x.0[p], x.1[p]) }
            }
            func loose(_ x: ([Int], [Int]), _ full: Int) -> [Int] {
                (0..<n).map { p in max(x.0[p] >= full ? 0 : x.0[p], x.1[p] >= full ? 0 : x.1[p]) }
            }
            let looseTop = loose(top, h), looseBottom = loose(bottom, h)
            let inked = (0..<n).filter { top.0[$0] < h || top.1[$0] < h }
            var strips = false
            // Side by side, strips make a page of sensible proportions (`ShapeDetector.isStrips`).
            let aspect = Float(h) / Float(max(1, n * w))
            if h >= 2 * w, !inked.isEmpty, aspect <= ShapeInference.maxAspect, aspect >= 1 / ShapeInference.maxAspect {
                func deep(_ x: [Int]) -> Int { max(2, x.sorted(by: >)[x.count / 10] / 2) }
                let t = inked.map { looseTop[$0] }, u = inked.map { looseBottom[$0] }
                let dt = deep(t), du = deep(u)
                let both = inked.indices.filter { t[$0] >= dt && u[$0] >= du }.count
                strips = Float(both) >= 0.9 * Float(inked.count)
            }
            isStrips = strips
            tops = [strict(top, h), looseTop]
            bottoms = [strict(bottom, h), looseBottom]
            sides = [(0..<n).map { p in max(min(left.0[p], right.1[p]), min(right.0[p], left.1[p])) },
                     (0..<n).map { p in [left.0[p], right.0[p], left.1[p], right.1[p]].filter { $0 < w }.max() ?? w }]
        }

        /// The margin term of `ShapeInference` (each side's split, averaged over the four sides).
        func score(_ shape: GridShape) -> Float {
            let r = shape.rows, c = shape.columns
            let vertical = (tops.map { ShapeDetector.split($0, count: c, full: height) }.max() ?? 0)
                + (bottoms.map { ShapeDetector.split($0, count: c, full: height) }.max() ?? 0)
            let side = sides.flatMap { x in [2 * r, r].map { ShapeDetector.split(x, count: $0, full: width) } }.max() ?? 0
            return (vertical + 2 * side) / 4
        }
    }

    // MARK: Repair

    /// Turns pieces over, and swaps two pieces (either or both turned), while the
    /// combined cost of all joins and page edges falls (`PageObjective.cell` on the
    /// sheet's item objective, `Sheet.itemObjective`).
    static func repair(_ start: [[Int]], objective: PageObjective,
                       decisions: ItemDecisions = ItemDecisions()) -> [[Int]] {
        var grid = keepDecisions(start, objective: objective, decisions: decisions)
        var broken = decisions.violations(grid)
        /// A move stands only if it breaks no more decisions than before.
        func keeps() -> Bool {
            guard !decisions.isEmpty else { return true }
            let now = decisions.violations(grid)
            guard now <= broken else { return false }
            broken = now
            return true
        }
        let rowCount = grid.count
        func item(_ r: Int, _ c: Int) -> Int? {
            r >= 0 && r < rowCount && c >= 0 && c < grid[r].count ? grid[r][c] : nil
        }
        func around(_ r: Int, _ c: Int, skipping other: (Int, Int)?) -> Float {
            guard let p = item(r, c) else { return 0 }
            var side: PageObjective.Side?
            if let (orow, ocol) = other {
                side = (orow, ocol) == (r, c - 1) ? .left : (orow, ocol) == (r, c + 1) ? .right
                    : (orow, ocol) == (r - 1, c) ? .up : (orow, ocol) == (r + 1, c) ? .down : nil
            }
            return objective.cell(p, left: item(r, c - 1), right: item(r, c + 1), up: item(r - 1, c), down: item(r + 1, c),
                                  skipping: side)
        }
        let cells = (0..<rowCount).flatMap { r in grid[r].indices.map { (r, $0) } }
        var improved = true
        var passes = 0
        while improved && passes < 20 {
            improved = false
            passes += 1
            for (r, c) in cells {
                let before = around(r, c, skipping: nil)
                grid[r][c] = Sheet.turned(grid[r][c])
                if around(r, c, skipping: nil) < before - 1e-4 && keeps() { improved = true } else { grid[r][c] = Sheet.turned(grid[r][c]) }
            }
            for x in 0..<cells.count {
                for y in (x + 1)..<cells.count {
                    let a = cells[x], b = cells[y]
                    let before = around(a.0, a.1, skipping: nil) + around(b.0, b.1, skipping: a)
                    let pa = grid[a.0][a.1], pb = grid[b.0][b.1]
                    var bestCost = before - 1e-4
                    var bestPair: (Int, Int)? = nil
                    for turnA in [false, true] {
                        for turnB in [false, true] {
                            grid[a.0][a.1] = turnB ? Sheet.turned(pb) : pb
                            grid[b.0][b.1] = turnA ? Sheet.turned(pa) : pa
                            let after = around(a.0, a.1, skipping: nil) + around(b.0, b.1, skipping: a)
                            if after < bestCost && (decisions.isEmpty || decisions.violations(grid) <= broken) {
                                bestCost = after
                                bestPair = (grid[a.0][a.1], grid[b.0][b.1])
                            }
                        }
                    }
                    if let (na, nb) = bestPair {
                        grid[a.0][a.1] = na
                        grid[b.0][b.1] = nb
                        broken = decisions.violations(grid)
                        improved = true
                    } else {
                        grid[a.0][a.1] = pa
                        grid[b.0][b.1] = pb
                    }
                }
            }
        }
        return grid
    }

    // MARK: Decisions

    /// Mends pinned joins a layout breaks (the grid solver may leave one at the page
    /// edge, where no price holds it): for each, the pair is put in place (turned over
    /// if need be) at the spot that breaks fewest decisions and costs least, the
    /// pieces that were there taking the pair's old places.
    static func keepDecisions(_ start: [[Int]], objective: PageObjective, decisions: ItemDecisions) -> [[Int]] {
        var grid = start
        guard !decisions.pinned.isEmpty else { return grid }
        let cells = grid.indices.flatMap { r in grid[r].indices.map { (r, $0) } }
        func locate(_ g: [[Int]], _ item: Int) -> (Int, Int)? {
            for (r, c) in cells where g[r][c] >> 1 == item >> 1 { return (r, c) }
            return nil
        }
        /// Puts `item` (this way round) at `cell`; what was there goes where the piece was.
        func place(_ g: inout [[Int]], _ item: Int, at cell: (Int, Int)) {
            guard let from = locate(g, item) else { return }
            let displaced = g[cell.0][cell.1]
            g[from.0][from.1] = displaced
            g[cell.0][cell.1] = item
        }
        for _ in 0..<decisions.pinned.count {
            var broken = decisions.violations(grid)
            guard broken > 0 else { break }
            var changed = false
            for (a, b, d) in decisions.pinned {
                var at: [Int: (Int, Int)] = [:]
                for (r, c) in cells { at[grid[r][c]] = (r, c) }
                let next: ((Int, Int)) -> (Int, Int)? = { p in
                    let q = d == .leftRight ? (p.0, p.1 + 1) : (p.0 + 1, p.1)
                    return q.0 < grid.count && q.1 < grid[q.0].count ? q : nil
                }
                if let pa = at[a], let q = next(pa), grid[q.0][q.1] == b { continue }
                // The pin as it reads on whichever page its items are meant to be.
                guard at[a] != nil || at[b] != nil || at[Sheet.turned(a)] != nil else { continue }
                var best: (broken: Int, cost: Float, grid: [[Int]])? = nil
                for x in cells {
                    guard let y = next(x) else { continue }
                    var trial = grid
                    place(&trial, a, at: x)
                    place(&trial, b, at: y)
                    guard trial[x.0][x.1] == a else { continue }
                    let v = decisions.violations(trial)
                    let c = objective.pageCost(trial)
                    if best.map({ v < $0.broken || (v == $0.broken && c < $0.cost) }) ?? true { best = (v, c, trial) }
                }
                if let best, best.broken < broken {
                    grid = best.grid
                    broken = best.broken
                    changed = true
                }
            }
            if !changed { break }
        }
        return grid
    }

    /// Face decisions as item decisions: a join seen on page 1 is also seen, mirrored,
    /// on page 2, so each decision is stated for both (`X|Y` on one page is
    /// `Y'|X'` on the other, `'` being the piece's other face; `X/Y` is `X'/Y'`).
    static func mirrored(_ constraints: JoinConstraints, pieces: PieceSet, pairs: FacePairs) -> JoinConstraints {
        guard !constraints.isEmpty else { return constraints }
        let partner = partners(pieces: pieces, pairs: pairs)
        func mirror(_ j: JoinConstraints.Join) -> JoinConstraints.Join? {
            guard let x = partner[j.first], let y = partner[j.second] else { return nil }
            return j.direction == .leftRight ? JoinConstraints.Join(y, x, .leftRight) : JoinConstraints.Join(x, y, .topBottom)
        }
        var out = constraints
        for j in constraints.pinned { if let m = mirror(j) { out.pinned.insert(m) } }
        for j in constraints.forbidden { if let m = mirror(j) { out.forbidden.insert(m) } }
        return out
    }

    /// Face name -> the other face of its piece.
    static func partners(pieces: PieceSet, pairs: FacePairs) -> [String: String] {
        var partner: [String: String] = [:]
        for p in 0..<pairs.count {
            let a = pieces[pairs.faceA[p]].name, b = pieces[pairs.faceB[p]].name
            partner[a] = b
            partner[b] = a
        }
        return partner
    }

    /// A pinned join puts both faces on one page: pieces whose faces of the same
    /// letter are pinned share an orientation, others have opposite ones.
    static func orientationConstraints(_ constraints: JoinConstraints, pieces: PieceSet,
                                       pairs: FacePairs) -> (same: [(Int, Int)], opposite: [(Int, Int)]) {
        var owner: [String: (piece: Int, isA: Bool)] = [:]
        for p in 0..<pairs.count {
            owner[pieces[pairs.faceA[p]].name] = (p, true)
            owner[pieces[pairs.faceB[p]].name] = (p, false)
        }
        var same: [(Int, Int)] = [], opposite: [(Int, Int)] = []
        for j in constraints.pinned.sorted(by: { $0.description < $1.description }) {
            guard let x = owner[j.first], let y = owner[j.second], x.piece != y.piece else { continue }
            if x.isA == y.isA { same.append((x.piece, y.piece)) } else { opposite.append((x.piece, y.piece)) }
        }
        return (same, opposite)
    }

    // MARK: Result

    static func solution(_ layout: [[Int]], sheet: Sheet, items: (leftRight: CostMatrix, topBottom: CostMatrix),
                         names: [String]) -> Solution {
        let members = layout.flatMap { $0 }
        let lrFloor = JoinConfidence.floor(for: items.leftRight)
        let tbFloor = JoinConfidence.floor(for: items.topBottom)
        // Rivals: every piece in either orientation.
        let pool = Array(0..<items.leftRight.count)
        _ = members
        var joins: [Solution.Join] = []
        var back: [Solution.Join] = []
        let columns = layout.first?.count ?? 0
        for (r, row) in layout.enumerated() {
            for (c, i) in row.enumerated() {
                if c + 1 < row.count {
                    let j = row[c + 1]
                    let confidence = JoinConfidence.of(i, j, cost: items.leftRight, among: pool, floor: lrFloor)
                    joins.append(Solution.Join(page: 0, row: r, column: c, direction: .leftRight,
                                               first: names[sheet.front(i)], second: names[sheet.front(j)], confidence: confidence))
                    back.append(Solution.Join(page: 1, row: r, column: columns - 2 - c, direction: .leftRight,
                                              first: names[sheet.back(j)], second: names[sheet.back(i)], confidence: confidence))
                }
                if r + 1 < layout.count, c < layout[r + 1].count {
                    let j = layout[r + 1][c]
                    let confidence = JoinConfidence.of(i, j, cost: items.topBottom, among: pool, floor: tbFloor)
                    joins.append(Solution.Join(page: 0, row: r, column: c, direction: .topBottom,
                                               first: names[sheet.front(i)], second: names[sheet.front(j)], confidence: confidence))
                    back.append(Solution.Join(page: 1, row: r, column: columns - 1 - c, direction: .topBottom,
                                              first: names[sheet.back(i)], second: names[sheet.back(j)], confidence: confidence))
                }
            }
        }
        back.sort { ($0.row, $0.column, $0.direction == .leftRight ? 0 : 1) < ($1.row, $1.column, $1.direction == .leftRight ? 0 : 1) }
        let page1 = Layout.Page(title: "page 1", rows: layout.map { $0.map { names[sheet.front($0)] } })
        let page2 = Layout.Page(title: "page 2", rows: layout.map { $0.reversed().map { names[sheet.back($0)] } })
        return Solution(kind: .doubleSided, layout: Layout(pages: [page1, page2]), joins: joins + back)
    }
}
