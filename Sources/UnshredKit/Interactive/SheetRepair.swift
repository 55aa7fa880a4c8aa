import Foundation

/// Applies an answer to a double-sided sheet by repairing the sheet around it, as
/// `GridRepair` does for one page, instead of solving both pages again (which costs
/// the face matrices, the orientation votes, the shape and up to three grid solves).
///
/// The sheet's evidence (`Sheet`: both faces' matrices, page edges, profiles) is worked
/// out once, when the session starts. An answer names faces; it holds for the join as
/// seen on either page (`DoubleSidedSolver.mirrored`), so it is restated for items (a
/// piece one way round) and priced into the item matrices (pins make their rivals
/// prohibitive, forbids are prohibitive themselves). From the layout the person has
/// been looking at:
///
/// 1. whole rows turned over or re-ordered (`RowTurns`, decisions counted) when the
///    answer is about a top-bottom join, the only joins a row's turn or move changes;
/// 2. pinned joins the layout still breaks are put in place, turned over if need be
///    (`DoubleSidedSolver.keepDecisions`);
/// 3. `DoubleSidedSolver.polishSheet` without rearranging: with every piece as it now
///    lies, the grid solver's local moves on the sheet's combined evidence (pins
///    enforced, single pieces swapped, blocks of rows re-ordered column-wise, `polish`
///    without kicks), then pieces turned over and swapped, either or both turned
///    (`DoubleSidedSolver.repair`).
///
/// Every step is kept only when it breaks fewer decisions, or as many and the sheet
/// gets cheaper.
/// `repair` returns nil when a pin is unmet or a forbidden join is present on either
/// page; the session then solves the whole sheet again, and refuses the answer (with
/// the reason) when that does not honour it either.
///
/// - Complexity: the swaps are O(n^2) per pass; on a 209-piece sheet (CUMCM 5) a repair
///   takes about a tenth of a second (`scripts/evaluate` reports s/answer).
final class SheetRepair {
    let pieces: PieceSet
    let pairs: FacePairs
    let sheet: Sheet
    let names: [String]
    /// The item matrices without decisions: what confidence reads.
    let items: (leftRight: CostMatrix, topBottom: CostMatrix)
    /// The page-1 face name of every item.
    let itemNames: [String]
    let configuration: GridSolver.Configuration
    /// Face name -> the item that shows it on page 1.
    private let itemOf: [String: Int]
    /// The item objective without decisions, and what the grid inputs read from the
    /// images: made once, so that an answer costs no image read (pricing an answer is
    /// the matrices alone).
    private let plain: PageObjective
    let views: Sheet.ItemViews
    /// A typical top-bottom join of the sheet (both faces paid): the unit the place
    /// questions price row moves in.
    let verticalUnit: Float
    private var pricedFor: JoinConstraints?
    private var pricedValue: Priced?

    /// What the decisions make of the sheet: item decisions, the priced item objective.
    struct Priced {
        var itemConstraints: JoinConstraints
        var decisions: ItemDecisions
        var objective: PageObjective
    }

    /// Nil when the pieces are not a double-sided sheet.
    init?(pieces: PieceSet, measure: EdgeCostMeasure, configuration: GridSolver.Configuration = GridSolver.Configuration()) {
        guard case let .doubleSided(pairs) = FacePairs.recognise(pieces.names) else { return nil }
        self.pieces = pieces
        self.pairs = pairs
        self.configuration = configuration
        let sheet = Sheet(pieces, pairs: pairs, measure: measure)
        self.sheet = sheet
        names = pieces.names
        items = sheet.itemMatrices()
        let itemNames = (0..<(2 * pairs.count)).map { pieces.names[sheet.front($0)] }
        self.itemNames = itemNames
        itemOf = Dictionary(uniqueKeysWithValues: itemNames.enumerated().map { ($1, $0) })
        plain = sheet.itemObjective(items, weights: configuration.weights)
        views = sheet.itemViews()
        verticalUnit = StripSolver.typicalJoin(items.topBottom)
    }

    /// The decisions restated for items and priced in (cached for the last constraints asked).
    func priced(_ constraints: JoinConstraints) -> Priced {
        if let pricedFor, pricedFor == constraints, let pricedValue { return pricedValue }
        let itemConstraints = DoubleSidedSolver.mirrored(constraints, pieces: pieces, pairs: pairs)
        var constrained = items
        if !itemConstraints.isEmpty {
            itemConstraints.apply(to: &constrained.leftRight, names: itemNames, direction: .leftRight)
            itemConstraints.apply(to: &constrained.topBottom, names: itemNames, direction: .topBottom)
        }
        var objective = plain
        objective.leftRight = constrained.leftRight
        objective.topBottom = constrained.topBottom
        let value = Priced(itemConstraints: itemConstraints, decisions: ItemDecisions(itemConstraints, names: itemNames),
                           objective: objective)
        pricedFor = constraints
        pricedValue = value
        return value
    }

    /// The items of a sheet's layout, read from its first page (nil when the layout is
    /// not two pages of this sheet's faces, each piece once).
    func rows(of layout: Layout) -> [[Int]]? {
        guard layout.pages.count == 2 else { return nil }
        var seen = Set<Int>()
        var out: [[Int]] = []
        for row in layout.pages[0].rows {
            var r: [Int] = []
            for name in row {
                guard let item = itemOf[name], seen.insert(item >> 1).inserted else { return nil }
                r.append(item)
            }
            out.append(r)
        }
        return seen.count == pairs.count ? out : nil
    }

    /// The two pages of the items in `rows` as they lie (page 1 their front faces, page 2
    /// each row reversed, the other faces), without turning the sheet over.
    func layout(of rows: [[Int]]) -> Layout {
        Layout(pages: [Layout.Page(title: "page 1", rows: rows.map { $0.map { names[sheet.front($0)] } }),
                       Layout.Page(title: "page 2", rows: rows.map { $0.reversed().map { names[sheet.back($0)] } })])
    }

    /// The items of page 1's rows, `rows` naming faces (nil when a face is unknown or a
    /// piece is there twice or missing).
    func rows(ofPage rows: [[String]]) -> [[Int]]? {
        rows.count > 0 ? self.rows(of: Layout(pages: [Layout.Page(title: "page 1", rows: rows), Layout.Page(title: "page 2", rows: [])])) : nil
    }

    /// Whether `rows` keep every decision of `constraints` on both pages.
    func honours(_ rows: [[Int]], constraints: JoinConstraints) -> Bool {
        priced(constraints).decisions.violations(rows) == 0
    }

    /// The sheet repaired from `start` under `constraints`; nil when the repair cannot
    /// honour them. `aboutRows`: the answer names a top-bottom join, so whole rows may
    /// turn over or move.
    func repair(_ start: [[Int]], constraints: JoinConstraints, seed: UInt64, aboutRows: Bool = false) -> [[Int]]? {
        let p = priced(constraints)
        let decisions = p.decisions
        var grid = start
        if aboutRows, grid.count > 1 {
            // Whole rows turned over or re-ordered first (a pinned top-bottom join between
            // two rows out of place is met by moving the rows, not one piece), kept when
            // fewer decisions are broken, or as many and the sheet's joins get cheaper.
            var turns = RowTurns(grid, sheet: sheet, objective: p.objective, seed: seed, configuration: configuration)
            turns.decisions = decisions
            let settled = turns.settle()
            let before = decisions.violations(grid), after = decisions.violations(settled)
            if after < before || (after == before && p.objective.pageCost(settled) < p.objective.pageCost(grid) - 1e-4) {
                grid = settled
            }
        }
        grid = DoubleSidedSolver.keepDecisions(grid, objective: p.objective, decisions: decisions)
        grid = DoubleSidedSolver.polishSheet(grid, sheet: sheet, objective: p.objective, itemConstraints: p.itemConstraints,
                                             itemNames: itemNames, decisions: decisions, configuration: configuration,
                                             seed: seed, rounds: configuration.sheetRepairRounds, rearrange: false,
                                             views: views)
        return decisions.violations(grid) == 0 ? grid : nil
    }

    /// The solution for `rows` (page 1 holding face `a` of the first piece), every join
    /// with its confidence from the costs without decisions, as `DoubleSidedSolver` reports
    /// it; pinned joins 1 on both pages (a pin holds for its mirror too, so the mirror is
    /// not asked about).
    func solution(_ rows: [[Int]], constraints: JoinConstraints, shapeEstimate: ShapeEstimate?) -> Solution {
        var layout = rows
        if layout.joined().contains(1) { layout = layout.map { $0.reversed().map(Sheet.turned) } }
        var result = DoubleSidedSolver.solution(layout, sheet: sheet, items: items, names: names)
        let pinned = priced(constraints).itemConstraints.pinned
        if !pinned.isEmpty {
            for k in result.joins.indices
            where pinned.contains(JoinConstraints.Join(result.joins[k].first, result.joins[k].second, result.joins[k].direction)) {
                result.joins[k].confidence = 1
            }
        }
        result.shapeEstimate = shapeEstimate
        return result
    }
}
