import Foundation

/// Measures how much help the solver needs: an oracle that reads the truth
/// answers for the solver, one answer at a time, until the page comes out perfect.
///
/// The loop: solve; if perfect, stop. Otherwise, if the solution has the wrong
/// shape and no grid was given, tell the grid (one answer). Else take the solution's
/// joins weakest confidence first and find the first one the truth does not have
/// (`first` directly left of / above `second`); pin the true neighbour of `first`
/// in that direction, or, when `first` has none there (it is at the page edge),
/// forbid the wrong join. One answer each time, then solve again. The answers go
/// to the solver through the ordinary `JoinConstraints`, as an interactive user's
/// would.
///
/// Stops without reaching the perfect page when the cap is hit, when its time budget
/// is spent, when the solver ignores an earlier answer, when a solve fails, or when
/// no answer helps.
public enum Oracle {
    public enum Answer: Sendable, Equatable, CustomStringConvertible {
        case pin(JoinConstraints.Join)
        case forbid(JoinConstraints.Join)
        case grid(GridShape)

        public var description: String {
            switch self {
            case let .pin(join): return "pin \(join)"
            case let .forbid(join): return "forbid \(join)"
            case let .grid(grid): return "grid \(grid)"
            }
        }
    }

    public struct Outcome: Sendable {
        /// The answers given, in order; their count is the number of interventions.
        public var answers: [Answer]
        /// True when the last solution is perfect.
        public var reached: Bool
        /// Why the oracle stopped short (nil when reached).
        public var stopReason: String?
        /// The last solution.
        public var solution: Solution
        /// Solver runs, the first one included.
        public var solves: Int

        public var interventions: Int { answers.count }
    }

    public typealias Solve = @Sendable (PieceSet, Unshredder.Options) throws -> Solution

    /// Runs the oracle. `initial` is the solution of `options` when already known
    /// (it saves one solve); `cap` defaults to 3 answers per piece. `budget` (seconds,
    /// nil: none) bounds the oracle's own time: no new answer is given once it is spent,
    /// so one run lasts at most the budget plus one solve. A budget makes the count
    /// depend on the machine's speed; the note then says the budget stopped it.
    /// Throws only when the first solve throws.
    public static func run(pieces: PieceSet, truth: Layout, options: Unshredder.Options = .init(),
                           initial: Solution? = nil, cap: Int? = nil, budget: Double? = nil,
                           solve: Solve = { try Unshredder.solve($0, options: $1) }) throws -> Outcome {
        let started = DispatchTime.now()
        let cap = cap ?? 3 * pieces.count
        let canonical = Score.canonicalNames(pieces)
        func id(_ s: String) -> String { canonical[s] ?? s }
        let truthMap = TruthMap(truth)
        var trueJoins = Set<String>()
        for page in truth.pages {
            for (r, row) in page.rows.enumerated() {
                for (c, name) in row.enumerated() {
                    if c + 1 < row.count { trueJoins.insert(key(id(name), id(row[c + 1]), .leftRight)) }
                    if r + 1 < page.rows.count { trueJoins.insert(key(id(name), id(page.rows[r + 1][c]), .topBottom)) }
                }
            }
        }

        var options = options
        var solution = try initial ?? solve(pieces, options)
        var solves = initial == nil ? 1 : 0
        var answers: [Answer] = []
        func stop(_ why: String?) -> Outcome {
            Outcome(answers: answers, reached: why == nil, stopReason: why, solution: solution, solves: solves)
        }

        while true {
            if Score.compare(solution.layout, truth: truth, pieces: pieces).perfect { return stop(nil) }
            if let ignored = firstIgnored(answers, in: solution.layout) {
                return stop("the solver did not honour the answer \(ignored)")
            }
            if answers.count >= cap { return stop("not reached within \(cap) answers") }
            if let budget, BatchRunner.seconds(since: started) >= budget {
                return stop("not reached within the time budget (\(answers.count) answers in \(formatSeconds(budget)) s)")
            }

            let answer: Answer
            if options.grid == nil, !sameShape(solution.layout, truth) {
                let page = truth.pages[0]
                answer = .grid(GridShape(rows: page.rowCount, columns: page.columnCount))
            } else if let wrong = solution.joins.enumerated()
                .sorted(by: { ($0.element.confidence, $0.offset) < ($1.element.confidence, $1.offset) })
                .map(\.element)
                .first(where: { !trueJoins.contains(key(id($0.first), id($0.second), $0.direction)) }) {
                if let neighbour = truthMap.neighbour(of: wrong.first, wrong.direction) {
                    answer = .pin(JoinConstraints.Join(wrong.first, neighbour, wrong.direction))
                } else {
                    answer = .forbid(JoinConstraints.Join(wrong.first, wrong.second, wrong.direction))
                }
            } else {
                return stop("no wrong join left to correct, yet the page is not right")
            }
            if answers.contains(answer) { return stop("the solver did not honour the answer \(answer)") }
            answers.append(answer)
            switch answer {
            case let .pin(join): options.constraints.pinned.insert(join)
            case let .forbid(join): options.constraints.forbidden.insert(join)
            case let .grid(grid): options.grid = grid
            }
            do {
                solution = try solve(pieces, options)
                solves += 1
            } catch {
                solves += 1
                return stop("the solver failed after answer \(answers.count) (\(answer)): \(error)")
            }
        }
    }

    static func formatSeconds(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x)
    }

    static func key(_ a: String, _ b: String, _ direction: JoinDirection) -> String {
        "\(a)\(direction == .leftRight ? ">" : "v")\(b)"
    }

    static func sameShape(_ a: Layout, _ b: Layout) -> Bool {
        a.pages.count == b.pages.count
            && zip(a.pages, b.pages).allSatisfy { $0.rowCount == $1.rowCount && $0.columnCount == $1.columnCount }
    }

    /// The first pinned answer missing from the layout or forbidden one present in it.
    static func firstIgnored(_ answers: [Answer], in layout: Layout) -> Answer? {
        let map = TruthMap(layout)
        for answer in answers {
            switch answer {
            case let .pin(join): if map.neighbour(of: join.first, join.direction) != join.second { return answer }
            case let .forbid(join): if map.neighbour(of: join.first, join.direction) == join.second { return answer }
            case .grid: continue
            }
        }
        return nil
    }

    /// Where every name sits in a layout.
    struct TruthMap {
        let layout: Layout
        var position: [String: (page: Int, row: Int, column: Int)] = [:]

        init(_ layout: Layout) {
            self.layout = layout
            for (p, page) in layout.pages.enumerated() {
                for (r, row) in page.rows.enumerated() {
                    for (c, name) in row.enumerated() { position[name] = (p, r, c) }
                }
            }
        }

        /// The name right of (or below) `name`; nil at the page edge or when absent.
        func neighbour(of name: String, _ direction: JoinDirection) -> String? {
            guard let at = position[name] else { return nil }
            let rows = layout.pages[at.page].rows
            switch direction {
            case .leftRight: return at.column + 1 < rows[at.row].count ? rows[at.row][at.column + 1] : nil
            case .topBottom: return at.row + 1 < rows.count && at.column < rows[at.row + 1].count ? rows[at.row + 1][at.column] : nil
            }
        }
    }
}
