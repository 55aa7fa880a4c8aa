/// One answer the user gave about a join (interactive mode).
///
/// - `accept`: the proposed join is right; it is pinned.
/// - `pick`: the proposed join is wrong and one of the alternatives shown is right;
///   the alternative is pinned (which rules out the proposed join by itself).
/// - `reject`: the proposed join is wrong, none of the alternatives is known to be right;
///   the proposed join is forbidden.
/// - `undo`: takes back the last answer still standing.
public enum Decision: Sendable, Equatable, CustomStringConvertible {
    case accept(JoinConstraints.Join)
    case pick(question: JoinConstraints.Join, chosen: JoinConstraints.Join)
    case reject(JoinConstraints.Join)
    case undo

    /// The join the question was about (nil for undo).
    public var question: JoinConstraints.Join? {
        switch self {
        case let .accept(join), let .reject(join): return join
        case let .pick(question, _): return question
        case .undo: return nil
        }
    }

    /// Picks and rejects change what the solver would do; accepts and undos do not count.
    public var isIntervention: Bool {
        switch self {
        case .pick, .reject: return true
        case .accept, .undo: return false
        }
    }

    public var description: String {
        switch self {
        case let .accept(join): return "accept \(join)"
        case let .pick(question, chosen): return "pick \(chosen) instead of \(question)"
        case let .reject(join): return "reject \(join)"
        case .undo: return "undo"
        }
    }
}

/// Why an answer cannot be taken.
public enum DecisionError: Error, Equatable, CustomStringConvertible, Sendable {
    case nothingToUndo
    case unknownPiece(String)
    case conflict(String)

    public var description: String {
        switch self {
        case .nothingToUndo: return "nothing to undo"
        case let .unknownPiece(name): return "no piece named '\(name)'"
        case let .conflict(why): return why
        }
    }
}

/// The answers standing after undos, and the join constraints they amount to.
///
/// Everything the solver is told is a function of this list alone, so replaying the
/// same answers (a journal) gives the same constraints and hence the same layout.
/// Pinned joins are kept a partial matching without cycles (each piece has at most one
/// pinned neighbour per side and direction), so the constraints never contradict
/// each other and do not depend on the order they are applied in.
public struct DecisionState: Sendable, Equatable {
    /// Answers in the order given, undone ones removed; never contains `.undo`.
    public private(set) var answers: [Decision] = []

    public init() {}

    public var constraints: JoinConstraints {
        var pinned = Set<JoinConstraints.Join>(), forbidden = Set<JoinConstraints.Join>()
        for answer in answers {
            switch answer {
            case let .accept(join): pinned.insert(join)
            case let .pick(_, chosen): pinned.insert(chosen)
            case let .reject(join): forbidden.insert(join)
            case .undo: break
            }
        }
        return JoinConstraints(pinned: pinned, forbidden: forbidden)
    }

    /// Picks and rejects standing.
    public var interventions: Int { answers.filter(\.isIntervention).count }
    public var picks: Int { answers.filter { if case .pick = $0 { return true } else { return false } }.count }
    public var rejects: Int { answers.filter { if case .reject = $0 { return true } else { return false } }.count }
    public var accepts: Int { answers.filter { if case .accept = $0 { return true } else { return false } }.count }

    /// Takes an answer (or an undo). Throws, changing nothing, when it contradicts the answers standing.
    public mutating func record(_ decision: Decision, names: Set<String>? = nil) throws {
        if case .undo = decision {
            guard !answers.isEmpty else { throw DecisionError.nothingToUndo }
            answers.removeLast()
            return
        }
        if let names {
            for join in [decision.question, chosenJoin(decision)].compactMap({ $0 }) {
                for name in [join.first, join.second] where !names.contains(name) { throw DecisionError.unknownPiece(name) }
            }
        }
        let current = constraints
        switch decision {
        case let .accept(join):
            try Self.checkPin(join, against: current)
        case let .pick(question, chosen):
            guard chosen.direction == question.direction,
                  chosen.first == question.first || chosen.second == question.second, chosen != question else {
                throw DecisionError.conflict("\(chosen) is not an alternative to \(question)")
            }
            try Self.checkPin(chosen, against: current)
        case let .reject(join):
            if current.pinned.contains(join) { throw DecisionError.conflict("\(join) is pinned; it cannot be rejected") }
        case .undo: break
        }
        answers.append(decision)
    }

    private func chosenJoin(_ d: Decision) -> JoinConstraints.Join? {
        if case let .pick(_, chosen) = d { return chosen }
        return nil
    }

    /// Whether pinning `join` keeps the pinned joins a cycle-free partial matching and avoids forbidden ones.
    public static func canPin(_ join: JoinConstraints.Join, given constraints: JoinConstraints) -> Bool {
        (try? checkPin(join, against: constraints)) != nil
    }

    static func checkPin(_ join: JoinConstraints.Join, against c: JoinConstraints) throws {
        if join.first == join.second { throw DecisionError.conflict("\(join) joins a piece to itself") }
        if c.pinned.contains(join) { return }
        if c.forbidden.contains(join) { throw DecisionError.conflict("\(join) was rejected before") }
        let same = c.pinned.filter { $0.direction == join.direction }
        if let other = same.first(where: { $0.first == join.first }) {
            throw DecisionError.conflict("\(join) contradicts the pinned join \(other)")
        }
        if let other = same.first(where: { $0.second == join.second }) {
            throw DecisionError.conflict("\(join) contradicts the pinned join \(other)")
        }
        // A cycle: following pinned joins from `second` leads back to `first`.
        let next = Dictionary(uniqueKeysWithValues: same.map { ($0.first, $0.second) })
        var at = join.second
        var steps = 0
        while let n = next[at], steps <= next.count {
            if n == join.first { throw DecisionError.conflict("\(join) would close a loop of pinned joins") }
            at = n
            steps += 1
        }
    }
}
