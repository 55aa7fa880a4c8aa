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
        let trueJoins = trueJoinKeys(truth, id: id)

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

    /// What an interview (`interview`) came to.
    public struct Interview: Sendable {
        /// The answers given, in order (the grid, when told, is not among them).
        public var answers: [Decision]
        /// Questions passed over: no option was right and the proposal was not wholly wrong,
        /// so neither an option nor "none of these" would have been true.
        public var skipped: Int
        /// Answers the session refused (no arrangement honoured them), with the reasons.
        public var refused: [String]
        /// Whether the grid was told (the solver had found another shape).
        public var toldGrid: Bool
        /// True when the last solution is perfect.
        public var reached: Bool
        /// True when the last solution is perfect up to blank pieces (`looksRight`): what
        /// a person sees. On noisy pages blank pieces differ only by their noise, which
        /// no edge and no person can place; the interview stops there.
        public var looksRight: Bool
        /// Why the interview stopped short (nil when reached).
        public var stopReason: String?
        /// The last solution.
        public var solution: Solution
        /// Seconds spent applying answers (repairs and re-solves), not choosing them.
        public var solvingSeconds: Double
        /// The longest any one answer took to apply.
        public var slowestAnswer: Double
        /// Each question in turn as `kind choice confidence seconds`: `rows 1 0.03 0.041`
        /// (option 1 taken), `piece 0 ...` (accepted), `shift none ...`, `piece skip ...`,
        /// `rows refused ...`; the grid, when told, first as `grid RxC`.
        public var trail: [String]

        /// Every answer a person would give: the grid (when told) and each answer.
        public var answerCount: Int { answers.count + (toldGrid ? 1 : 0) }
        /// Answers that change what the solver would do: the grid, other options, none of these.
        public var interventions: Int { answers.filter(\.isIntervention).count + (toldGrid ? 1 : 0) }
        /// Mean seconds spent applying an answer (0 without answers).
        public var secondsPerAnswer: Double { answers.isEmpty ? 0 : solvingSeconds / Double(answers.count) }
    }

    /// Answers the questions an interactive session asks, in its order, as a person who
    /// knows the true page would, until the page is perfect: an option is taken when all
    /// the joins it pins are true (the proposal first, so a right proposal is accepted),
    /// "none of these" when none of the proposal's pinned joins is true, and the question
    /// is passed over otherwise (the place is partly right: neither answer would be true).
    /// When the solver found another shape and no grid was given, the grid is told first
    /// (one answer). So `answerCount` counts what a user would do.
    ///
    /// Stops at `cap` answers (default 3 per piece), when `budget` seconds are spent (no
    /// new answer after that), when no doubtful place is left, or when the session
    /// refuses an answer twice in a row. Throws only when the first solve throws.
    public static func interview(pieces: PieceSet, truth: Layout, options: Unshredder.Options = .init(),
                                 initial: Solution? = nil, cap: Int? = nil, budget: Double? = nil,
                                 threshold: Float = QuestionPicker.defaultThreshold) throws -> Interview {
        let started = DispatchTime.now()
        let cap = cap ?? 3 * pieces.count
        // Judged as a person sees the page: blank pieces are alike.
        let alike = blanksAlike(pieces)
        let canonical = Score.canonicalNames(alike)
        func id(_ s: String) -> String { canonical[s] ?? s }
        let trueJoins = trueJoinKeys(truth, id: id)
        func isTrue(_ j: JoinConstraints.Join) -> Bool { trueJoins.contains(key(id(j.first), id(j.second), j.direction)) }
        // Perfect, and perfect up to blank pieces, judged on canonical names worked out
        // once (comparing pixels every turn took a third of the interview's time).
        let exact = Score.canonicalNames(pieces)
        let perfect = Judge(truth: truth, pieces: pieces, canonical: exact)
        let looksPerfect = Judge(truth: truth, pieces: alike, canonical: canonical)

        var options = options
        var toldGrid = false
        var first = try initial ?? Unshredder.solve(pieces, options: options)
        if options.grid == nil, !sameShape(first.layout, truth), truth.pages.count == 1, let page = truth.pages.first, page.rowCount > 1 {
            options.grid = GridShape(rows: page.rowCount, columns: page.columnCount)
            toldGrid = true
            first = try Unshredder.solve(pieces, options: options)
        }
        let session = try InteractiveSession(pieces: pieces, options: options, threshold: threshold, initial: first)
        var answers: [Decision] = [], refused: [String] = []
        var skipped = 0, refusedInARow = 0
        var slowest = 0.0
        var trail: [String] = toldGrid ? ["grid \(options.grid!)"] : []
        func note(_ q: Question, _ what: String, _ seconds: Double?) {
            trail.append("\(q.kind.rawValue) \(what) " + String(format: "%.2f", q.confidence) + (seconds.map { String(format: " %.3f", $0) } ?? ""))
        }
        func stop(_ why: String?) -> Interview {
            let looks = why == nil || looksPerfect.perfect(session.solution.layout)
            return Interview(answers: answers, skipped: skipped, refused: refused, toldGrid: toldGrid,
                      reached: why == nil, looksRight: looks, stopReason: why, solution: session.solution, solvingSeconds: session.solvingSeconds, slowestAnswer: slowest,
                      trail: trail)
        }
        while true {
            if perfect.perfect(session.solution.layout) { return stop(nil) }
            if looksPerfect.perfect(session.solution.layout) {
                return stop("the page looks right: only blank pieces, which no one can tell apart, are elsewhere")
            }
            if answers.count + (toldGrid ? 1 : 0) >= cap { return stop("not reached within \(cap) answers") }
            if let budget, BatchRunner.seconds(since: started) >= budget {
                return stop("not reached within the time budget (\(answers.count) answers in \(formatSeconds(budget)) s)")
            }
            guard let q = session.nextQuestion() else {
                return stop("no doubtful place left to ask about, yet the page is not right")
            }
            let choice: Int?
            switch answer(q, isTrue: isTrue) {
            case let .option(k): choice = k
            case .none: choice = nil
            case .pass:
                session.skip(q)
                skipped += 1
                note(q, "skip", nil)
                continue
            }
            let decision = q.decision(choice)
            do {
                try session.answer(decision, to: q)
                answers.append(decision)
                slowest = max(slowest, session.lastApplication?.seconds ?? 0)
                refusedInARow = 0
                note(q, choice.map(String.init) ?? "none", session.lastApplication?.seconds)
            } catch let error as DecisionError {
                refused.append("\(decision): \(error)")
                note(q, "refused", nil)
                session.skip(q)
                refusedInARow += 1
                if refusedInARow >= 2 { return stop("the session refused two answers in a row (\(error))") }
            }
        }
    }

    /// Whether a layout is perfect (`Score.compare`'s `perfect`), with the pieces'
    /// canonical names (identical pixels, one name) worked out once.
    struct Judge {
        let truth: Layout
        let pieces: PieceSet
        let canonical: [String: String]
        let renamedTruth: Layout

        init(truth: Layout, pieces: PieceSet, canonical: [String: String]) {
            self.truth = truth
            self.pieces = pieces
            self.canonical = canonical
            renamedTruth = Self.renamed(truth, canonical)
        }

        static func renamed(_ layout: Layout, _ canonical: [String: String]) -> Layout {
            Layout(pages: layout.pages.map { page in
                Layout.Page(title: page.title, rows: page.rows.map { $0.map { canonical[$0] ?? $0 } }, turned: [])
            })
        }

        func perfect(_ layout: Layout) -> Bool {
            // Turned pieces keep their own names (a turn belongs to one piece, not to its twins).
            guard layout.turned.isEmpty, truth.turned.isEmpty else {
                return Score.compare(layout, truth: truth, pieces: pieces).perfect
            }
            return Score.compare(Self.renamed(layout, canonical), truth: renamedTruth).perfect
        }
    }

    /// What a person who knows the page answers to a question.
    public enum Choice: Sendable, Equatable {
        /// Option k (0: the proposal): every join it pins is true.
        case option(Int)
        /// None of these: no join the proposal pins is true, and no option is wholly true.
        case none
        /// Pass: the proposal is partly right and no option wholly so (neither answer is true).
        case pass
    }

    /// The answer to `q` of a person who knows the page: the first option (the proposal
    /// first) whose pinned joins are all true, else "none of these" when none of the
    /// proposal's joins is true, else a pass. The same for every kind of question (join,
    /// rows, shift, piece, stretch): each is judged by the joins it shows.
    public static func answer(_ q: Question, isTrue: (JoinConstraints.Join) -> Bool) -> Choice {
        let choices = [q.proposal] + q.options
        if let k = choices.firstIndex(where: { !$0.pins.isEmpty && $0.pins.allSatisfy(isTrue) }) { return .option(k) }
        if !q.noneForbids.isEmpty, !q.noneForbids.contains(where: isTrue) { return .none }
        return .pass
    }

    /// The pieces with every blank one (no ink) made plain paper, so that blank pieces,
    /// which differ only by noise, compare as identical (`Score` treats identical pieces
    /// as interchangeable).
    public static func blanksAlike(_ pieces: PieceSet) -> PieceSet {
        PieceSet(pieces: pieces.pieces.map { piece in
            guard PaperModel.isBlank(piece.image) else { return piece }
            return Piece(name: piece.name, image: GrayImage(width: piece.image.width, height: piece.image.height))
        })
    }

    static func formatSeconds(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x)
    }

    static func key(_ a: String, _ b: String, _ direction: JoinDirection) -> String {
        "\(a)\(direction == .leftRight ? ">" : "v")\(b)"
    }

    /// The truth's left-right and top-bottom joins as `key`s, pieces named through `id`.
    static func trueJoinKeys(_ truth: Layout, id: (String) -> String) -> Set<String> {
        var keys = Set<String>()
        for page in truth.pages {
            for (r, row) in page.rows.enumerated() {
                for (c, name) in row.enumerated() {
                    if c + 1 < row.count { keys.insert(key(id(name), id(row[c + 1]), .leftRight)) }
                    if r + 1 < page.rows.count { keys.insert(key(id(name), id(page.rows[r + 1][c]), .topBottom)) }
                }
            }
        }
        return keys
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
