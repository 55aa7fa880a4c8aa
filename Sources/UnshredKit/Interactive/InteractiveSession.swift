/// The interactive loop without any input or output: the current solution, the answers
/// standing, the next question. Every answer re-solves with all pinned and forbidden
/// joins (`JoinConstraints`), so the layout is always `solve(constraints(answers))`.
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
    private let names: Set<String>

    /// Solves once with `options` (its own constraints are kept under the answers').
    public init(pieces: PieceSet, options: Unshredder.Options = .init(),
                threshold: Float = QuestionPicker.defaultThreshold, alternatives: Int = 3) throws {
        self.pieces = pieces
        self.options = options
        self.threshold = threshold
        self.alternativeCount = alternatives
        self.picker = QuestionPicker(pieces: pieces)
        self.names = Set(pieces.names)
        self.solution = try Unshredder.solve(pieces, options: options)
    }

    /// The constraints the solver is given: the caller's plus the answers'.
    public var constraints: JoinConstraints {
        let answers = state.constraints
        return JoinConstraints(pinned: options.constraints.pinned.union(answers.pinned),
                               forbidden: options.constraints.forbidden.union(answers.forbidden).subtracting(answers.pinned))
    }

    /// Uncertain joins left in the current solution, weakest first.
    public var uncertain: [Solution.Join] {
        picker.uncertain(solution, constraints: constraints, threshold: threshold)
    }

    public func nextQuestion() -> Question? {
        picker.next(solution, state: state, threshold: threshold, alternatives: alternativeCount)
    }

    /// Throws if `answer` would throw, changing nothing (to journal an answer before the re-solve).
    public func check(_ decision: Decision) throws {
        var next = state
        try next.record(decision, names: names)
    }

    /// Takes an answer and re-solves. Throws (changing nothing) when the answer
    /// contradicts the ones standing, or there is nothing to undo.
    public func answer(_ decision: Decision) throws {
        var next = state
        try next.record(decision, names: names)
        try adopt(next)
    }

    /// Takes a journal's answers in order, then solves once: the same constraints, so
    /// the same layout as the session that wrote it.
    public func replay(_ decisions: [Decision]) throws {
        guard !decisions.isEmpty else { return }
        var next = state
        for decision in decisions { try next.record(decision, names: names) }
        try adopt(next)
    }

    private func adopt(_ next: DecisionState) throws {
        var options = self.options
        let previous = state
        state = next
        options.constraints = constraints
        do {
            solution = try Unshredder.solve(pieces, options: options)
        } catch {
            state = previous
            throw error
        }
    }
}
