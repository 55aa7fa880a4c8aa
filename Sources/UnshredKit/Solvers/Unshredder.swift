import Foundation

/// The solver's front door: pieces in, a `Solution` out. Chooses the problem shape.
public enum Unshredder {
    public struct Options: Sendable, Equatable {
        /// Rows x columns when the caller knows them; nil lets the solver decide.
        public var grid: GridShape?
        public var measure: EdgeCostMeasure
        public var seed: UInt64
        /// Joins decided by the user (interactive mode) or an oracle (batch scoring).
        public var constraints: JoinConstraints
        /// Which edge measure orders strips: clean cuts (`measure`), real shredder cuts
        /// (`RealCutMeasure`), or chosen from the pieces (`RealCutMeasure.looksLikeRealCuts`).
        public var cuts: Cuts = .clean
        /// Strips: look for strips scanned upside down (each tried both ways up).
        public var findsTurnedStrips = true
        /// Strips: look for strips of several pages mixed in one folder (`PageSplit`:
        /// a split needs groups of strips each as wide as a page, so one page whose
        /// columns differ in their text lines stays one page).
        public var findsPages = true

        public init(grid: GridShape? = nil, measure: EdgeCostMeasure = .standard, seed: UInt64 = 1,
                    constraints: JoinConstraints = JoinConstraints()) {
            self.grid = grid
            self.measure = measure
            self.seed = seed
            self.constraints = constraints
        }
    }

    public static func solve(_ pieces: PieceSet, options: Options = Options()) throws -> Solution {
        switch FacePairs.recognise(pieces.names) {
        case .singleSided: break
        case let .doubleSided(pairs):
            // Double-sided: the grid is one page's, each piece has two faces.
            if let grid = options.grid, grid.rows * grid.columns != pairs.count {
                throw SolveError.doubleSidedGridMismatch(grid: grid, pieces: pairs.count)
            }
            return try DoubleSidedSolver.solve(pieces, pairs: pairs, grid: options.grid, options: options)
        case let incomplete:
            throw SolveError.unsupportedShape(incomplete.problem ?? "incomplete double-sided pieces")
        }
        if let grid = options.grid {
            guard grid.rows * grid.columns == pieces.count else {
                throw SolveError.gridMismatch(grid: grid, pieces: pieces.count)
            }
            if grid.rows > 1 { return solveGrid(pieces, grid: grid, options: options) }
            return solveStrips(pieces, options: options)
        }
        if pieces.count <= 1 || ShapeDetector.isStrips(pieces) { return solveStrips(pieces, options: options) }
        // The shape is read from the evidence before decisions priced it, so it holds
        // while the user answers; the grid solver reuses the same costs.
        let raw = GridSolver.prepare(pieces.images, measure: options.measure)
        let estimate = ShapeInference.infer(raw, seed: options.seed).estimate
        guard estimate.shape.rows > 1 else { return solveStrips(pieces, options: options) }
        var solution = solveGrid(pieces, grid: estimate.shape, options: options, raw: raw)
        solution.shapeEstimate = estimate
        return solution
    }

    /// - Parameter raw: the pieces' inputs without decisions, when already prepared.
    static func solveGrid(_ pieces: PieceSet, grid: GridShape, options: Options, raw prepared: GridSolver.Inputs? = nil,
                          configuration: GridSolver.Configuration = GridSolver.Configuration()) -> Solution {
        let raw = prepared ?? GridSolver.prepare(pieces.images, measure: options.measure, configuration: configuration)
        let inputs = raw.deciding(options.constraints, names: pieces.names)
        let result = GridSolver.solve(inputs, grid: grid, seed: options.seed)
        return GridSolver.solution(result.rows, inputs: inputs, names: pieces.names, constraints: options.constraints)
    }

    /// Which edge measure orders strips.
    public enum Cuts: String, Sendable, Equatable, CaseIterable {
        case clean, real, automatic
    }

    static func solveStrips(_ pieces: PieceSet, options: Options) -> Solution {
        let real = options.cuts == .real || (options.cuts == .automatic && RealCutMeasure.looksLikeRealCuts(pieces))
        let settings = StripSolver.Settings(turns: options.findsTurnedStrips, pages: options.findsPages)
        let result = real ? StripSolver.solveRealCuts(pieces, constraints: options.constraints, settings: settings)
                          : StripSolver.solve(pieces, measure: options.measure, constraints: options.constraints, settings: settings)
        return stripSolution(result, pieces: pieces, constraints: options.constraints)
    }

    /// The layout (one `# page N` block per page when there are several; turned strips
    /// marked) and the joins within each page.
    static func stripSolution(_ result: StripSolver.Result, pieces: PieceSet, constraints: JoinConstraints) -> Solution {
        let pages = result.pages
        let turned = Set(result.turned.map { pieces[$0].name })
        var joins: [Solution.Join] = []
        var k = 0
        for (p, page) in pages.enumerated() {
            let names = page.map { pieces[$0].name }
            for c in 0..<max(0, names.count - 1) {
                // A join the user pinned is certain, whatever the edges say.
                joins.append(Solution.Join(page: p, row: 0, column: c, direction: .leftRight, first: names[c], second: names[c + 1],
                                           confidence: constraints.isPinned(names[c], names[c + 1], .leftRight) ? 1 : result.confidence[k + c]))
            }
            k += page.count
        }
        let layoutPages = pages.enumerated().map { p, page in
            let names = page.map { pieces[$0].name }
            return Layout.Page(title: pages.count > 1 ? "page \(p + 1)" : nil, rows: [names], turned: turned.intersection(names))
        }
        return Solution(kind: .strips, layout: Layout(pages: layoutPages), joins: joins)
    }
}

/// Rows x columns of a cross-cut page.
public struct GridShape: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var rows: Int
    public var columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    /// Parses `11x19` (rows x columns).
    public init?(_ text: String) {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let r = Int(parts[0]), let c = Int(parts[1]), r > 0, c > 0 else { return nil }
        self.init(rows: r, columns: c)
    }

    public var description: String { "\(rows)x\(columns)" }
}

public enum SolveError: Error, Equatable, CustomStringConvertible, Sendable {
    case gridMismatch(grid: GridShape, pieces: Int)
    /// Double-sided: `pieces` pieces (twice as many faces); the grid is one page's.
    case doubleSidedGridMismatch(grid: GridShape, pieces: Int)
    case unsupportedShape(String)

    public var description: String {
        switch self {
        case let .gridMismatch(grid, pieces):
            return "grid \(grid) needs \(grid.rows * grid.columns) pieces, the folder has \(pieces)"
        case let .doubleSidedGridMismatch(grid, pieces):
            return "grid \(grid) needs \(grid.rows * grid.columns) double-sided pieces (\(2 * grid.rows * grid.columns) faces), the folder has \(pieces) (\(2 * pieces) faces)"
        case let .unsupportedShape(why): return why
        }
    }
}
