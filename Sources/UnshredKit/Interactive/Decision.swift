/// One answer the user gave (interactive mode).
///
/// Join questions (`Question.Kind.join`) keep their own three answers:
/// - `accept`: the proposed join is right; it is pinned.
/// - `pick`: the proposed join is wrong and one of the alternatives shown is right;
///   the alternative is pinned (which rules out the proposed join by itself).
/// - `reject`: the proposed join is wrong, none of the alternatives is known to be right;
///   the proposed join is forbidden.
///
/// The larger questions (which rows come next, is a row shifted, which piece belongs in
/// a cell) are answered with a `Settlement`: the option taken (its page move and the
/// joins it pins), or "none of these" (the joins it forbids). `Question.decision(_:)`
/// makes the right one from the person's choice.
///
/// - `undo`: takes back the last answer still standing.
public enum Decision: Sendable, Equatable, CustomStringConvertible {
    case accept(JoinConstraints.Join)
    case pick(question: JoinConstraints.Join, chosen: JoinConstraints.Join)
    case reject(JoinConstraints.Join)
    case settle(Settlement)
    case undo

    /// The join the question was about (nil for undo; a settlement's first pin or forbid).
    public var question: JoinConstraints.Join? {
        switch self {
        case let .accept(join), let .reject(join): return join
        case let .pick(question, _): return question
        case let .settle(s): return s.pins.first ?? s.forbids.first
        case .undo: return nil
        }
    }

    /// Picks and rejects (another option, or none) change what the solver would do;
    /// accepts (the proposal was right) and undos do not count.
    public var isIntervention: Bool {
        switch self {
        case .pick, .reject: return true
        case let .settle(s): return s.choice != 0
        case .accept, .undo: return false
        }
    }

    /// The joins the answer pins and forbids.
    public var pins: [JoinConstraints.Join] {
        switch self {
        case let .accept(join): return [join]
        case let .pick(_, chosen): return [chosen]
        case let .settle(s): return s.pins
        case .reject, .undo: return []
        }
    }

    public var forbids: [JoinConstraints.Join] {
        switch self {
        case let .reject(join): return [join]
        case let .settle(s): return s.forbids
        default: return []
        }
    }

    public var description: String {
        switch self {
        case let .accept(join): return "accept \(join)"
        case let .pick(question, chosen): return "pick \(chosen) instead of \(question)"
        case let .reject(join): return "reject \(join)"
        case let .settle(s): return s.description
        case .undo: return "undo"
        }
    }
}

/// The answer to a question larger than one join (see `Question`).
///
/// `move` is what the option does to the page before the repair (nil for the proposal
/// and for "none of these"); `pins` are the joins the person saw and confirmed (the
/// joins of the option with ink on both sides); `forbids` what "none of these" rules out
/// (the proposal's joins with ink on both sides). Pieces are named, so a journal
/// replays it on the same layout.
public struct Settlement: Sendable, Equatable, Codable, CustomStringConvertible {
    public var kind: Question.Kind
    /// 0: the proposal is right; k >= 1: option k; nil: none of these.
    public var choice: Int?
    public var move: PageMove?
    public var pins: [JoinConstraints.Join]
    public var forbids: [JoinConstraints.Join]
    /// What the option was, in words (for people reading the journal).
    public var label: String

    public init(kind: Question.Kind, choice: Int?, move: PageMove?, pins: [JoinConstraints.Join],
                forbids: [JoinConstraints.Join], label: String) {
        self.kind = kind
        self.choice = choice
        self.move = move
        self.pins = pins
        self.forbids = forbids
        self.label = label
    }

    public var description: String {
        switch choice {
        case 0?: return "accept \(label)"
        case let k?: return "take option \(k): \(label)"
        case nil: return "none of these (\(label))"
        }
    }
}

/// What an option does to a grid page, by piece names (so it does not depend on where
/// rows stand when it is replayed from a journal on the same layout).
public enum PageMove: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The consecutive rows starting with these pieces (top to bottom) are taken out and
    /// put right below the row starting with `below` (nil: at the top of the page).
    case rows(first: [String], below: String?)
    /// The consecutive rows starting with these pieces are each turned `by` columns to
    /// the left: their first `by` pieces go to their right end.
    case shift(first: [String], by: Int)
    /// Two pieces change places.
    case swap(String, String)
    /// The blocks of `rows` x `columns` pieces whose top-left pieces are these two change places.
    case blocks(String, String, rows: Int, columns: Int)
    /// The run of `length` pieces starting with `first` is taken out of its row and put
    /// back in the same row right before `before` (nil: at the row's end); the pieces
    /// between close up.
    case stretch(first: String, length: Int, before: String?)

    public var description: String {
        switch self {
        case let .rows(first, below):
            return "rows starting \(first.joined(separator: ",")) moved " + (below.map { "below the row starting \($0)" } ?? "to the top")
        case let .shift(first, by): return "rows starting \(first.joined(separator: ",")) shifted \(by) left"
        case let .swap(a, b): return "\(a) and \(b) swapped"
        case let .blocks(a, b, r, c): return "the \(r) x \(c) blocks from \(a) and \(b) swapped"
        case let .stretch(first, length, before):
            return "the \(length) pieces from \(first) moved " + (before.map { "before \($0)" } ?? "to the row's end")
        }
    }

    /// The layout with the move made; nil when a piece is missing or the move makes no sense there.
    public func applied(to layout: Layout) -> Layout? {
        guard layout.pages.count == 1 else { return nil }
        var rows = layout.pages[0].rows
        switch self {
        case let .rows(first, below):
            let starts = first.compactMap { f in rows.firstIndex { $0.first == f } }
            guard starts.count == first.count, let s = starts.first, starts == Array(s..<(s + starts.count)) else { return nil }
            let block = Array(rows[s..<(s + starts.count)])
            rows.removeSubrange(s..<(s + starts.count))
            if let below {
                guard let t = rows.firstIndex(where: { $0.first == below }) else { return nil }
                rows.insert(contentsOf: block, at: t + 1)
            } else {
                rows.insert(contentsOf: block, at: 0)
            }
        case let .shift(first, by):
            let starts = first.compactMap { f in rows.firstIndex { $0.first == f } }
            guard starts.count == first.count else { return nil }
            for r in starts {
                let n = rows[r].count
                guard n > 1 else { continue }
                let k = ((by % n) + n) % n
                rows[r] = Array(rows[r][k...] + rows[r][..<k])
            }
        case let .swap(a, b):
            guard let ra = rows.firstIndex(where: { $0.contains(a) }), let rb = rows.firstIndex(where: { $0.contains(b) }),
                  let ca = rows[ra].firstIndex(of: a), let cb = rows[rb].firstIndex(of: b) else { return nil }
            rows[ra][ca] = b
            rows[rb][cb] = a
        case let .blocks(a, b, h, w):
            guard h >= 1, w >= 1, let ra = rows.firstIndex(where: { $0.contains(a) }), let rb = rows.firstIndex(where: { $0.contains(b) }),
                  let ca = rows[ra].firstIndex(of: a), let cb = rows[rb].firstIndex(of: b),
                  ra + h <= rows.count, rb + h <= rows.count,
                  (ra..<(ra + h)).allSatisfy({ ca + w <= rows[$0].count }), (rb..<(rb + h)).allSatisfy({ cb + w <= rows[$0].count }),
                  ra + h <= rb || rb + h <= ra || ca + w <= cb || cb + w <= ca else { return nil }
            let before = rows
            for dr in 0..<h {
                for dc in 0..<w {
                    rows[ra + dr][ca + dc] = before[rb + dr][cb + dc]
                    rows[rb + dr][cb + dc] = before[ra + dr][ca + dc]
                }
            }
        case let .stretch(first, length, before):
            guard length >= 1, let r = rows.firstIndex(where: { $0.contains(first) }),
                  let c = rows[r].firstIndex(of: first), c + length <= rows[r].count else { return nil }
            var row = rows[r]
            let run = Array(row[c..<(c + length)])
            row.removeSubrange(c..<(c + length))
            if let before {
                guard let at = row.firstIndex(of: before) else { return nil }
                row.insert(contentsOf: run, at: at)
            } else {
                row.append(contentsOf: run)
            }
            guard row != rows[r] else { return nil }
            rows[r] = row
        }
        return Layout(rows: rows)
    }
}

/// Why an answer cannot be taken.
public enum DecisionError: Error, Equatable, CustomStringConvertible, Sendable {
    case nothingToUndo
    case unknownPiece(String)
    case conflict(String)
    /// The answer is consistent with the others, but no arrangement found honours it.
    case refused(String)

    public var description: String {
        switch self {
        case .nothingToUndo: return "nothing to undo"
        case let .unknownPiece(name): return "no piece named '\(name)'"
        case let .conflict(why): return why
        case let .refused(why): return "the answer cannot be honoured: \(why)"
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
            pinned.formUnion(answer.pins)
            forbidden.formUnion(answer.forbids)
        }
        return JoinConstraints(pinned: pinned, forbidden: forbidden)
    }

    /// Picks and rejects standing.
    public var interventions: Int { answers.filter(\.isIntervention).count }
    /// Another option taken: join picks and settlements with option k >= 1.
    public var picks: Int {
        answers.filter {
            switch $0 {
            case .pick: return true
            case let .settle(s): return (s.choice ?? 0) > 0
            default: return false
            }
        }.count
    }
    /// Proposals ruled out: join rejects and "none of these".
    public var rejects: Int {
        answers.filter {
            switch $0 {
            case .reject: return true
            case let .settle(s): return s.choice == nil
            default: return false
            }
        }.count
    }
    /// Proposals confirmed: join accepts and settlements with option 0.
    public var accepts: Int {
        answers.filter {
            switch $0 {
            case .accept: return true
            case let .settle(s): return s.choice == 0
            default: return false
            }
        }.count
    }

    /// Takes an answer (or an undo). Throws, changing nothing, when it contradicts the answers standing.
    public mutating func record(_ decision: Decision, names: Set<String>? = nil) throws {
        if case .undo = decision {
            guard !answers.isEmpty else { throw DecisionError.nothingToUndo }
            answers.removeLast()
            return
        }
        if let names {
            var joins = [decision.question, chosenJoin(decision)].compactMap { $0 }
            joins += decision.pins + decision.forbids
            for join in joins {
                for name in [join.first, join.second] where !names.contains(name) { throw DecisionError.unknownPiece(name) }
            }
            if case let .settle(s) = decision, let move = s.move {
                let moved: [String]
                switch move {
                case let .rows(first, below): moved = first + (below.map { [$0] } ?? [])
                case let .shift(first, _): moved = first
                case let .swap(a, b), let .blocks(a, b, _, _): moved = [a, b]
                case let .stretch(first, _, before): moved = [first] + (before.map { [$0] } ?? [])
                }
                for name in moved where !names.contains(name) { throw DecisionError.unknownPiece(name) }
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
        case let .settle(s):
            var c = current
            for join in s.pins {
                try Self.checkPin(join, against: c)
                c.pinned.insert(join)
            }
            for join in s.forbids where c.pinned.contains(join) {
                throw DecisionError.conflict("\(join) is pinned; it cannot be ruled out")
            }
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
