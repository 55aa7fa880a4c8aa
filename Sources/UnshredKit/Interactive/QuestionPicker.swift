/// Chooses what to ask: the joins the solver is least sure of, weakest first, and the
/// alternatives to show for each.
///
/// A join is *uncertain* when its confidence is below the threshold (default 0.25), it
/// is not pinned by an answer, and neither of its pieces is blank paper (a blank piece
/// shows nothing to judge by). The default comes from the bundled pages: every wrong
/// join the strip solver made on them had confidence 0.21 or less, while CUMCM sets 1
/// and 2 (solved right) have no join below 0.5.
///
/// Not `Sendable`: it fills its cost matrices on first use, without a lock; a picker
/// belongs to one `InteractiveSession`.
public final class QuestionPicker {
    public static let defaultThreshold: Float = 0.25

    public let pieces: PieceSet
    private let index: [String: Int]
    private let blank: [Bool]
    /// Per piece: ink within `edgeBand` pixels of its left, right, top and bottom edge.
    let edgeInk: [EdgeInk]
    private var costs: [JoinDirection: CostMatrix] = [:]

    public init(pieces: PieceSet) {
        self.pieces = pieces
        index = Dictionary(uniqueKeysWithValues: pieces.names.enumerated().map { ($1, $0) })
        blank = pieces.images.map(PaperModel.isBlank)
        edgeInk = pieces.images.map(EdgeInk.init)
    }

    /// Edge costs in one direction, computed on first use.
    func costs(_ direction: JoinDirection) -> CostMatrix {
        if let c = costs[direction] { return c }
        let c = direction == .leftRight ? CostMatrix.leftRight(pieces.images) : CostMatrix.topBottom(pieces.images)
        costs[direction] = c
        return c
    }

    /// Whether each piece (in the set's order) is blank paper.
    var blankFlags: [Bool] { blank }

    public func isBlank(_ name: String) -> Bool { index[name].map { blank[$0] } ?? false }

    /// Uncertain joins of `solution`, weakest first (ties in page, row, column, direction order).
    /// `seen` (when given) leaves out joins no one can judge (on a double-sided sheet,
    /// seams neither face shows ink at).
    public func uncertain(_ solution: Solution, constraints: JoinConstraints, threshold: Float,
                          seen: ((Solution.Join) -> Bool)? = nil) -> [Solution.Join] {
        solution.joins.filter { join in
            join.confidence < threshold
                && !constraints.pinned.contains(JoinConstraints.Join(join.first, join.second, join.direction))
                && !isBlank(join.first) && !isBlank(join.second)
                && (seen?(join) ?? true)
        }.sorted { a, b in
            if a.confidence != b.confidence { return a.confidence < b.confidence }
            return (a.page, a.row, a.column, a.direction == .leftRight ? 0 : 1)
                < (b.page, b.row, b.column, b.direction == .leftRight ? 0 : 1)
        }
    }

    /// The next question: after a reject of `a|b`, the join that now follows `a` (if not
    /// pinned), whatever its confidence, so the user sees the next candidates for that
    /// spot; otherwise the weakest uncertain join.
    /// Joins whose spot is in `asked` (passed over) are left out while they stay as they are.
    public func next(_ solution: Solution, state: DecisionState, threshold: Float, alternatives count: Int,
                     asked: Set<String> = [], seen: ((Solution.Join) -> Bool)? = nil) -> Question? {
        let constraints = state.constraints
        var join: Solution.Join?
        if case let .reject(rejected)? = state.answers.last {
            join = solution.joins.first {
                $0.direction == rejected.direction && $0.first == rejected.first
                    && !constraints.pinned.contains(JoinConstraints.Join($0.first, $0.second, $0.direction))
            }
        }
        if join == nil {
            join = uncertain(solution, constraints: constraints, threshold: threshold, seen: seen)
                .first { !asked.contains(Self.spot(of: $0)) }
        }
        guard let join else { return nil }
        return joinQuestion(join, alternatives: alternatives(for: join, in: solution, constraints: constraints, count: count),
                            in: solution)
    }

    /// Whether a seam of a double-sided sheet shows ink on either face of either side
    /// (`partner`: each face's other face; the left edge of a face is the right edge of its
    /// other face). Blank against blank on both pages no one can judge.
    func sheetSeamSeen(_ join: Solution.Join, partner: [String: String]) -> Bool {
        guard let a = index[join.first], let b = index[join.second],
              let pa = partner[join.first].flatMap({ index[$0] }), let pb = partner[join.second].flatMap({ index[$0] }) else { return true }
        switch join.direction {
        case .leftRight: return edgeInk[a].right || edgeInk[b].left || edgeInk[pa].left || edgeInk[pb].right
        case .topBottom: return edgeInk[a].bottom || edgeInk[b].top || edgeInk[pa].bottom || edgeInk[pb].top
        }
    }

    /// A join question: the proposal and each alternative with the page as it would look
    /// (on a strip page the alternative's piece moved beside the one it joins; on other
    /// pages the page as it is).
    func joinQuestion(_ join: Solution.Join, alternatives: [JoinConstraints.Join], in solution: Solution) -> Question {
        let page = solution.layout.pages[join.page]
        let columns = page.rows[join.row].count
        let focus = Question.Region(page: join.page, rows: join.row...(join.direction == .topBottom ? min(page.rowCount - 1, join.row + 1) : join.row),
                                    columns: max(0, join.column - 1)...min(columns - 1, join.column + (join.direction == .leftRight ? 2 : 1)))
        let proposed = JoinConstraints.Join(join.first, join.second, join.direction)
        func option(_ j: JoinConstraints.Join, cost: Float) -> Question.Option {
            var layout = solution.layout
            var moved = 0
            if solution.layout.pages.count == 1, page.rowCount == 1, j.direction == .leftRight, j != proposed {
                var row = page.rows[0]
                let mover = j.first == join.first ? j.second : j.first
                let anchor = j.first == join.first ? j.first : j.second
                if let from = row.firstIndex(of: mover) {
                    row.remove(at: from)
                    if let at = row.firstIndex(of: anchor) { row.insert(mover, at: j.first == join.first ? at + 1 : at) }
                    moved = zip(row, page.rows[0]).filter { $0 != $1 }.count
                    layout = Layout(rows: [row])
                }
            }
            return Question.Option(label: j.description, move: nil, pins: [j], layout: layout, focus: focus, moved: moved, cost: cost)
        }
        let conf = join.confidence
        let opts = alternatives.map { option($0, cost: 0) }
        return Question(kind: .join, join: join, proposal: option(proposed, cost: 0), options: opts, noneForbids: [proposed],
                        noneMove: nil, confidence: conf, value: 1 - conf,
                        spot: Self.spot(of: join))
    }

    /// A join question's place: where the join is and which pieces it joins.
    static func spot(of join: Solution.Join) -> String {
        "join:\(join.page),\(join.row),\(join.column),\(join.direction):\(JoinConstraints.Join(join.first, join.second, join.direction))"
    }

    /// Up to `count` alternatives to `join`, cheapest first, leaving out rejected joins
    /// and any that would contradict the pinned ones. Equal costs (two paper borders
    /// cost nothing) are ordered by how weakly the candidate piece is held where the
    /// solution put it (the confidence of the join it would leave), then by name.
    public func alternatives(for join: Solution.Join, in solution: Solution, constraints: JoinConstraints,
                             count: Int) -> [JoinConstraints.Join] {
        guard count > 0, let a = index[join.first], let b = index[join.second] else { return [] }
        let cost = costs(join.direction)
        var heldFromLeft: [String: Float] = [:], heldFromRight: [String: Float] = [:]
        for j in solution.joins where j.direction == join.direction {
            heldFromLeft[j.second] = j.confidence
            heldFromRight[j.first] = j.confidence
        }
        var candidates: [(cost: Float, held: Float, join: JoinConstraints.Join)] = []
        for k in 0..<pieces.count where k != a && k != b {
            let name = pieces[k].name
            candidates.append((cost[a, k], heldFromLeft[name] ?? 0, JoinConstraints.Join(join.first, name, join.direction)))
            candidates.append((cost[k, b], heldFromRight[name] ?? 0, JoinConstraints.Join(name, join.second, join.direction)))
        }
        candidates.sort { x, y in
            if x.cost != y.cost { return x.cost < y.cost }
            if x.held != y.held { return x.held < y.held }
            return (x.join.first, x.join.second) < (y.join.first, y.join.second)
        }
        var out: [JoinConstraints.Join] = []
        for candidate in candidates where out.count < count {
            if DecisionState.canPin(candidate.join, given: constraints) { out.append(candidate.join) }
        }
        return out
    }
}

/// Whether a piece shows ink close to each of its edges: a seam a person can judge has
/// ink on at least one side (a line running into the cut, or stopping short of it).
struct EdgeInk: Sendable, Equatable {
    static let band = 3
    var left = false, right = false, top = false, bottom = false

    init(_ image: GrayImage) {
        let w = image.width, h = image.height, k = min(Self.band, w, h)
        guard w > 0, h > 0 else { return }
        left = (0..<k).contains { PaperModel.columnHasInk(image, $0) }
        right = (0..<k).contains { PaperModel.columnHasInk(image, w - 1 - $0) }
        top = (0..<k).contains { PaperModel.rowHasInk(image, $0) }
        bottom = (0..<k).contains { PaperModel.rowHasInk(image, h - 1 - $0) }
    }
}
