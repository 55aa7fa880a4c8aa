import Foundation

/// What the place questions (`QuestionPicker.placeQuestions`: rows, shifts, cells,
/// stretches) read of a page seen as one grid of pieces `0..<names.count`.
protocol GridQuestionSource: AnyObject {
    /// The name shown on the page for each piece index (what pins and moves name).
    var names: [String] { get }
    /// Costs and profiles without decisions: what confidence reads.
    var raw: GridSolver.Inputs { get }
    /// The price of a typical top-bottom join: the unit of the row and shift questions'
    /// margins and values.
    var verticalUnit: Float { get }
    /// The inputs with the decisions priced in.
    func priced(_ constraints: JoinConstraints) -> GridSolver.Inputs
    /// The page's grid of piece indices (nil when the layout is not this page's).
    func rows(of layout: Layout) -> [[Int]]?
    /// The whole layout (every page) for a grid of piece indices.
    func layout(of rows: [[Int]]) -> Layout
    /// Whether the grid keeps every decision.
    func honours(_ rows: [[Int]], constraints: JoinConstraints) -> Bool
}

extension GridRepair: GridQuestionSource {
    var verticalUnit: Float { raw.typicalVerticalJoin }
}

/// A double-sided sheet as the place questions see it: the items of page 1, each piece
/// as it lies now (the questions move pieces, they do not turn them over), priced with
/// the sheet's combined evidence (every join paid on both pages, `Sheet.gridInputs`).
/// Built for one layout; the session makes a new one when the page changes.
///
/// A seam can be judged when either face shows ink at it: the left edge of a piece on
/// page 1 is the right edge of its other face on page 2 (`edgeInk`); a piece is blank
/// when both faces are.
final class SheetPlaces: GridQuestionSource {
    let repair: SheetRepair
    /// Piece index -> item (index into the sheet's `2n` items).
    let chosen: [Int]
    let names: [String]
    let raw: GridSolver.Inputs
    let verticalUnit: Float
    let blank: [Bool]
    let edgeInk: [EdgeInk]
    private let indexOf: [Int: Int]
    private var pricedFor: JoinConstraints?
    private var pricedInputs: GridSolver.Inputs?

    /// Nil when `layout` is not a layout of this sheet.
    init?(_ layout: Layout, repair: SheetRepair, faceBlank: [Bool], faceInk: [EdgeInk]) {
        guard let items = repair.rows(of: layout) else { return nil }
        self.repair = repair
        let chosen = items.joined().map { $0 }
        self.chosen = chosen
        indexOf = Dictionary(uniqueKeysWithValues: chosen.enumerated().map { ($1, $0) })
        names = chosen.map { repair.itemNames[$0] }
        raw = repair.sheet.gridInputs(chosen, configuration: repair.configuration, views: repair.views)
        verticalUnit = repair.verticalUnit
        let sheet = repair.sheet
        blank = chosen.map { faceBlank[sheet.front($0)] && faceBlank[sheet.back($0)] }
        edgeInk = chosen.map { i in
            let f = faceInk[sheet.front(i)], b = faceInk[sheet.back(i)]
            var e = f
            e.left = f.left || b.right
            e.right = f.right || b.left
            e.top = f.top || b.top
            e.bottom = f.bottom || b.bottom
            return e
        }
    }

    func priced(_ constraints: JoinConstraints) -> GridSolver.Inputs {
        if let pricedFor, pricedFor == constraints, let pricedInputs { return pricedInputs }
        let itemConstraints = repair.priced(constraints).itemConstraints
        let inputs = itemConstraints.isEmpty ? raw
            : repair.sheet.gridInputs(chosen, constraints: itemConstraints, names: names, configuration: repair.configuration,
                                      views: repair.views)
        pricedFor = constraints
        pricedInputs = inputs
        return inputs
    }

    func rows(of layout: Layout) -> [[Int]]? {
        guard let items = repair.rows(of: layout) else { return nil }
        return lookUp(items, in: indexOf)
    }

    func items(_ rows: [[Int]]) -> [[Int]] { rows.map { $0.map { chosen[$0] } } }

    func layout(of rows: [[Int]]) -> Layout { repair.layout(of: items(rows)) }

    func honours(_ rows: [[Int]], constraints: JoinConstraints) -> Bool { repair.honours(items(rows), constraints: constraints) }
}

extension QuestionPicker {
    /// The place questions of a double-sided sheet (rows, shifts, cells, stretches, as on
    /// a one-page grid), highest value first; empty when the sheet is one row of pieces.
    func sheetQuestions(_ solution: Solution, places: SheetPlaces, constraints: JoinConstraints,
                        threshold: Float, alternatives count: Int, asked: Set<String>) -> [Question] {
        placeQuestions(solution, source: places, blank: places.blank, edgeInk: places.edgeInk, constraints: constraints,
                       threshold: threshold, alternatives: count, asked: asked)
    }
}
