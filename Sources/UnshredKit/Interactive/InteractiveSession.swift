import Foundation

/// The interactive loop without any input or output: the current solution, the answers
/// standing, the next question.
///
/// **How an answer is applied.** On a one-page grid an answer repairs the page around it
/// (`GridRepair`: the option's move made, pins and forbids kept, the rest re-optimised
/// from the page as it was), in a few tens of milliseconds; an answer the page already
/// honours (an accept) leaves it as it is. Only when the repair cannot honour the
/// answer is the whole page solved again with every pinned and forbidden join; when
/// that fails too, the answer is refused (`DecisionError.refused`, with the reason) and
/// nothing changes. A double-sided sheet is repaired the same way (`SheetRepair`: the
/// answer holds on both pages); strip pages are solved again after every answer (fast
/// for strips). So every answer is honoured or refused, never dropped.
///
/// The layout depends on the answers in order (each repairs the page the previous one
/// left), so a journal replays them in order (`replay`), through the same steps.
/// Journals written before answers were repaired replay the old way: all answers, one
/// solve (`replay(_:resolving: true)`), and the session goes on solving the whole page.
///
/// Not `Sendable`: a session is one conversation, used from one thread.
public final class InteractiveSession {
    public let pieces: PieceSet
    public let options: Unshredder.Options
    public let threshold: Float
    public let alternativeCount: Int
    public let picker: QuestionPicker
    public private(set) var state = DecisionState()
    public private(set) var solution: Solution
    /// How the last answer was applied, and how long that took.
    public private(set) var lastApplication: Application?
    /// Seconds spent applying answers (repairs, re-solves, undos); not the time spent
    /// waiting for the person, nor the first solve.
    public private(set) var solvingSeconds: Double = 0
    /// Answers applied (undos included).
    public private(set) var applied = 0
    /// True when every answer solves the whole page again (strips, and sessions
    /// replaying a journal from before answers were repaired).
    public private(set) var resolving: Bool
    private var history: [Solution] = []
    /// Per answer in `history`: the place it answered, asked about again once it is undone.
    private var answeredSpots: [String?] = []
    private var asked = Set<String>()
    private let names: Set<String>
    private let repair: GridRepair?
    /// Repairs a double-sided sheet around an answer (nil for other pages).
    private let sheetRepair: SheetRepair?
    private var cachedDoubts: (layout: Layout, constraints: JoinConstraints, asked: Set<String>, questions: [Question])?
    private var cachedPlaces: (layout: Layout, places: SheetPlaces)?
    /// Each face's other face, on a double-sided sheet.
    private let sheetPartners: [String: String]?

    /// How an answer reached the page.
    public struct Application: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable {
            /// The page already honoured it (an accept): unchanged.
            case kept
            /// Repaired around the answer.
            case repaired
            /// The whole page solved again.
            case resolved
            /// An undo: the page before the answer taken back.
            case undone
        }
        public var kind: Kind
        public var seconds: Double
        /// Why the page was solved again (nil unless `resolved`).
        public var note: String?
    }

    /// Solves once with `options` (its own constraints are kept under the answers'),
    /// unless the solution is given (`initial`, made with the same options).
    public init(pieces: PieceSet, options: Unshredder.Options = .init(),
                threshold: Float = QuestionPicker.defaultThreshold, alternatives: Int = 3,
                initial: Solution? = nil) throws {
        self.pieces = pieces
        self.options = options
        self.threshold = threshold
        self.alternativeCount = alternatives
        self.picker = QuestionPicker(pieces: pieces)
        self.names = Set(pieces.names)
        let solution = try initial ?? Unshredder.solve(pieces, options: options)
        self.solution = solution
        if solution.kind == .grid, solution.layout.pages.count == 1 {
            repair = GridRepair(pieces: pieces, measure: options.measure)
        } else {
            repair = nil
        }
        sheetRepair = solution.kind == .doubleSided ? SheetRepair(pieces: pieces, measure: options.measure) : nil
        sheetPartners = sheetRepair.map { DoubleSidedSolver.partners(pieces: pieces, pairs: $0.pairs) }
        resolving = repair == nil && sheetRepair == nil
    }

    /// The constraints the solver is given: the caller's plus the answers'.
    public var constraints: JoinConstraints { merged(state.constraints) }

    private func merged(_ answers: JoinConstraints) -> JoinConstraints {
        JoinConstraints(pinned: options.constraints.pinned.union(answers.pinned),
                        forbidden: options.constraints.forbidden.union(answers.forbidden).subtracting(answers.pinned))
    }

    /// Uncertain joins left in the current solution, weakest first.
    public var uncertain: [Solution.Join] {
        picker.uncertain(solution, constraints: constraints, threshold: threshold, seen: seen)
    }

    /// Every question the page raises now, the one to ask first first. On a grid, and on
    /// a double-sided sheet of more than one row (its page 1, `SheetPlaces`), these are
    /// the doubtful places (row blocks, shifted rows, cells) not yet asked about in the
    /// state they are in, by value; elsewhere the next join question alone (on a sheet
    /// also when no place is in doubt: only seams a face shows ink at).
    public var doubts: [Question] {
        guard asksAboutPlaces else { return nextJoinQuestion().map { [$0] } ?? [] }
        let c = constraints
        if let cached = cachedDoubts, cached.layout == solution.layout, cached.constraints == c, cached.asked == asked {
            return cached.questions
        }
        let questions: [Question]
        if let repair {
            questions = picker.gridQuestions(solution, repair: repair, constraints: c, threshold: threshold,
                                             alternatives: alternativeCount, asked: asked)
        } else if let places = sheetPlaces() {
            // A piece with the wrong face on the page is no place question's option (they
            // move pieces, not turn them): when no place is in doubt, the doubtful joins
            // a person can judge are asked about (pinning one turns its pieces as need be).
            let place = picker.sheetQuestions(solution, places: places, constraints: c, threshold: threshold,
                                              alternatives: alternativeCount, asked: asked)
            questions = place.isEmpty ? (nextJoinQuestion().map { [$0] } ?? []) : place
        } else {
            questions = []
        }
        cachedDoubts = (solution.layout, c, asked, questions)
        return questions
    }

    /// The sheet as the place questions see it, for the current layout (made again when it changes).
    private func sheetPlaces() -> SheetPlaces? {
        guard let sheetRepair else { return nil }
        if let cachedPlaces, cachedPlaces.layout == solution.layout { return cachedPlaces.places }
        let places = SheetPlaces(solution.layout, repair: sheetRepair, faceBlank: picker.blankFlags, faceInk: picker.edgeInk)
        cachedPlaces = places.map { (solution.layout, $0) }
        return places
    }

    /// True when the questions are about places (a one-page grid, or a double-sided
    /// sheet of more than one row, answered by repair): `doubts` lists them all;
    /// otherwise the questions are about the uncertain joins.
    public var asksAboutPlaces: Bool {
        guard !resolving else { return false }
        if repair != nil { return true }
        return sheetRepair != nil && (solution.layout.pages.first?.rowCount ?? 0) > 1
    }

    /// What the questions will be about, numbered in the order they will be asked (the
    /// overview's and the review picture's numbers): on a grid page `doubts`, elsewhere
    /// the uncertain joins, weakest first.
    public var places: [DoubtfulPlace] {
        asksAboutPlaces ? DoubtfulPlace.numbered(doubts, in: solution.layout) : DoubtfulPlace.numbered(uncertain, in: solution.layout)
    }

    /// How many questions are left to ask (`places.count` without drawing them).
    public var doubtCount: Int { asksAboutPlaces ? doubts.count : uncertain.count }

    /// The question worth most now (nil: nothing doubtful is left).
    public func nextQuestion() -> Question? {
        guard asksAboutPlaces else { return nextJoinQuestion() }
        return doubts.first
    }

    private func nextJoinQuestion() -> Question? {
        picker.next(solution, state: state, threshold: threshold, alternatives: alternativeCount, asked: asked, seen: seen)
    }

    /// Per join, whether a person can judge it (nil: every join): on a double-sided sheet,
    /// the seams either face shows ink at.
    private var seen: ((Solution.Join) -> Bool)? {
        guard let partner = sheetPartners else { return nil }
        let picker = picker
        return { picker.sheetSeamSeen($0, partner: partner) }
    }

    /// Passes over a question without answering: its place is not asked about again
    /// until the page changes there. (Nothing is recorded: the layout does not change.)
    public func skip(_ question: Question) { asked.insert(question.spot) }

    /// Throws if `answer` would throw for contradicting the answers standing (to journal
    /// an answer before applying it). An answer that passes may still be refused by
    /// `answer` when no arrangement honours it.
    public func check(_ decision: Decision) throws {
        var next = state
        try next.record(decision, names: names)
    }

    /// Takes an answer (to `question`, when given: its place is then not asked about again
    /// while it stays as it is) and applies it. Throws, changing nothing, when the answer
    /// contradicts the ones standing, there is nothing to undo, or no arrangement
    /// honours it (`DecisionError.refused`).
    public func answer(_ decision: Decision, to question: Question? = nil) throws {
        var next = state
        try next.record(decision, names: names)
        let started = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        if case .undo = decision {
            if resolving {
                solution = try Unshredder.solve(pieces, options: withConstraints(merged(next.constraints)))
                _ = history.popLast()
            } else if let previous = history.popLast() {
                solution = previous
            }
            // The place answered is asked about again (join questions too: a passed-over
            // or answered join is left out while it stays as it is).
            if let spot = answeredSpots.popLast() ?? nil { asked.remove(spot) }
            state = next
            let seconds = elapsed()
            solvingSeconds += seconds
            applied += 1
            lastApplication = Application(kind: .undone, seconds: seconds, note: nil)
            return
        }
        let (after, kind, note) = try outcome(decision, constraints: merged(next.constraints))
        history.append(solution)
        let fresh = question.map { !asked.contains($0.spot) } ?? false
        answeredSpots.append(fresh ? question?.spot : nil)
        state = next
        solution = after
        if let question { asked.insert(question.spot) }
        let seconds = elapsed()
        solvingSeconds += seconds
        applied += 1
        lastApplication = Application(kind: kind, seconds: seconds, note: note)
    }

    /// The page `decision` would make, without taking it (for showing an option as it
    /// would come out). Throws as `answer` does.
    public func preview(_ decision: Decision) throws -> Solution {
        var next = state
        try next.record(decision, names: names)
        if case .undo = decision { return history.last ?? solution }
        return try outcome(decision, constraints: merged(next.constraints)).solution
    }

    private func withConstraints(_ c: JoinConstraints) -> Unshredder.Options {
        var o = options
        o.constraints = c
        return o
    }

    private func outcome(_ decision: Decision, constraints c: JoinConstraints) throws
        -> (solution: Solution, kind: Application.Kind, note: String?) {
        var note: String?
        if let repair, !resolving, var rows = repair.rows(of: solution.layout) {
            var moved = false
            if case let .settle(s) = decision, let move = s.move {
                guard let layout = move.applied(to: solution.layout), let r = repair.rows(of: layout) else {
                    throw DecisionError.refused("\(move) does not fit the page as it is")
                }
                rows = r
                moved = true
            }
            if !moved && repair.honours(rows, constraints: c) {
                return (repair.solution(rows, constraints: c, shapeEstimate: solution.shapeEstimate), .kept, nil)
            }
            var wholeRows = true
            if case let .settle(s) = decision { wholeRows = s.kind == .rows || s.kind == .shift }
            if let repaired = repair.repair(rows, constraints: c, seed: options.seed, wholeRows: wholeRows) {
                return (repair.solution(repaired, constraints: c, shapeEstimate: solution.shapeEstimate), .repaired, nil)
            }
            note = "the local repair could not honour it"
        }
        if let sheetRepair, !resolving, var rows = sheetRepair.rows(of: solution.layout) {
            // A place question's option is made on page 1 first (the pieces keep their faces).
            var moved = false
            var aboutRows = decision.question?.direction == .topBottom
            if case let .settle(s) = decision, let move = s.move, let page = solution.layout.pages.first {
                guard let made = move.applied(to: Layout(rows: page.rows)), let r = sheetRepair.rows(ofPage: made.pages[0].rows) else {
                    throw DecisionError.refused("\(move) does not fit the page as it is")
                }
                rows = r
                moved = true
                aboutRows = s.kind == .rows || s.kind == .shift
            }
            if !moved && sheetRepair.honours(rows, constraints: c) {
                return (sheetRepair.solution(rows, constraints: c, shapeEstimate: solution.shapeEstimate), .kept, nil)
            }
            if let repaired = sheetRepair.repair(rows, constraints: c, seed: options.seed, aboutRows: aboutRows) {
                return (sheetRepair.solution(repaired, constraints: c, shapeEstimate: solution.shapeEstimate), .repaired, nil)
            }
            note = "the local repair could not honour it"
        }
        var o = withConstraints(c)
        if o.grid == nil, let page = solution.layout.pages.first, solution.kind != .strips {
            o.grid = GridShape(rows: page.rowCount, columns: page.columnCount)
        }
        var solved = try Unshredder.solve(pieces, options: o)
        if let why = GridRepair.broken(solved.layout, constraints: c) {
            throw DecisionError.refused(why)
        }
        solved.shapeEstimate = solved.shapeEstimate ?? solution.shapeEstimate
        return (solved, .resolved, note)
    }

    /// Takes a journal's answers in order. With `resolving` (a journal from before answers
    /// were repaired) all are recorded and the page solved once, as the session that wrote
    /// it did, and the session goes on solving the whole page after every answer.
    /// Otherwise each is applied in turn, through the same steps as when it was given,
    /// so the layout is the one the session ended with. Answers refused then are refused
    /// again (the same steps give the same outcome); their reasons are returned.
    @discardableResult
    public func replay(_ decisions: [Decision], resolving old: Bool = false) throws -> [String] {
        guard !decisions.isEmpty else { return [] }
        if old || resolving {
            var next = state
            for decision in decisions { try next.record(decision, names: names) }
            let solved = try Unshredder.solve(pieces, options: withConstraints(merged(next.constraints)))
            resolving = true
            state = next
            solution = solved
            return []
        }
        var refused: [String] = []
        for decision in decisions {
            do {
                try answer(decision)
            } catch let DecisionError.refused(why) {
                refused.append("\(decision): \(why)")
            }
        }
        return refused
    }
}
