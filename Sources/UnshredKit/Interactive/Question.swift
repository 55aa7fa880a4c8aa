/// A question for the user, at the scale of the doubt: one join, a block of rows, a
/// shifted row, or the piece of one cell. Option 0 (`proposal`) is the page as it is;
/// `options` are the alternatives, best first; "none of these" is always possible.
///
/// For a front end: show `text`, then for each of `[proposal] + options` its page
/// around `focus` (`Option.layout` is the whole page with that option made, so a crop
/// of it around `Option.focus` shows the place as it would look, lines readable across
/// the seam), and turn the person's choice into an answer with `decision(_:)`:
/// `decision(0)` accepts the proposal, `decision(k)` takes option k, `decision(nil)`
/// is "none of these".
public struct Question: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, Equatable, CaseIterable {
        /// Is this join right? (strip pages, and pages the local repair does not handle)
        case join
        /// Which block of rows comes next below this row?
        case rows
        /// Is this row (or block of rows) shifted sideways?
        case shift
        /// Which piece belongs in this cell?
        case piece
        /// This stretch of a row is in the wrong place: where does it go (elsewhere in its
        /// row, or in another row, changing places with the run there)?
        case stretch
    }

    /// Cells of a page: the place a question or an option is about.
    public struct Region: Sendable, Equatable {
        public var page: Int
        public var rows: ClosedRange<Int>
        public var columns: ClosedRange<Int>

        public init(page: Int, rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
            self.page = page
            self.rows = rows
            self.columns = columns
        }
    }

    /// One way the place could be.
    public struct Option: Sendable, Equatable {
        /// In words: `040|041`, `rows 4-5 (from 040) below row 2`, `row 5 shifted 2 left`, `piece 107`.
        public var label: String
        /// What the option does to the page (nil for the proposal and for join questions).
        public var move: PageMove?
        /// The joins taking this option pins (those with ink on both sides).
        public var pins: [JoinConstraints.Join]
        /// The whole page with the option made, before the repair re-optimises the rest:
        /// what the place would look like. (The page after the answer may differ
        /// elsewhere, where the repair finds something cheaper.)
        public var layout: Layout
        /// Where the place is in `layout`: the rows and columns to show.
        public var focus: Region
        /// Cells whose piece differs from the current page.
        public var moved: Int
        /// How much dearer the page is with this option than as it is (in the solver's
        /// cost units; the proposal 0). Smaller is likelier.
        public var cost: Float

        public init(label: String, move: PageMove?, pins: [JoinConstraints.Join], layout: Layout,
                    focus: Region, moved: Int, cost: Float) {
            self.label = label
            self.move = move
            self.pins = pins
            self.layout = layout
            self.focus = focus
            self.moved = moved
            self.cost = cost
        }
    }

    public var kind: Kind
    /// The join the question turns on: the proposed join of a join question; for the
    /// others, the weakest join at the place (its `page`, `row`, `column` locate it).
    public var join: Solution.Join
    /// The page as it is, at the place.
    public var proposal: Option
    /// The alternatives, likeliest first (at most the session's `alternatives`).
    public var options: [Option]
    /// What "none of these" rules out: the proposal's joins with ink on both sides.
    public var noneForbids: [JoinConstraints.Join]
    /// Where the repair starts after "none of these": the likeliest alternative not
    /// shown (nil: from the page as it is).
    public var noneMove: PageMove?
    /// 0 (a coin toss) ... 1: how sure the solver is of the proposal.
    public var confidence: Float
    /// What an answer is expected to fix: the pieces each option moves, weighted by how
    /// likely the option is (its cost against the page as it is); join questions
    /// 1 - confidence. Questions are asked highest value first.
    public var value: Float
    /// Identifies the place and what the page holds there; a place is not asked about
    /// twice while its key stays the same.
    public var spot: String
    /// The cells the question is about: the row a rows question asks below (its one
    /// row), a shift question's rows, a piece question's cell (nil: a join question).
    public var at: Region? = nil

    /// The proposed join (join questions; for the others, `join` as a constraint).
    public var proposed: JoinConstraints.Join { JoinConstraints.Join(join.first, join.second, join.direction) }

    /// The alternative joins of a join question (each option's single pin), cheapest first.
    public var alternatives: [JoinConstraints.Join] {
        kind == .join ? options.compactMap(\.pins.first) : []
    }

    /// The question in words.
    public var text: String {
        let cells = at ?? proposal.focus
        let row = cells.rows.lowerBound + 1
        switch kind {
        case .join: return "Is \(proposed) right?"
        case .rows: return "Which rows come below row \(row)?"
        case .shift:
            let rows = cells.rows
            return rows.count == 1 ? "Is row \(row) shifted?" : "Are rows \(rows.lowerBound + 1)-\(rows.upperBound + 1) shifted?"
        case .piece: return "Which piece belongs at row \(row), column \(cells.columns.lowerBound + 1)?"
        case .stretch:
            return "Where do the \(cells.columns.count) pieces at row \(row), columns \(cells.columns.lowerBound + 1)-\(cells.columns.upperBound + 1) go?"
        }
    }

    /// The answer for a choice: 0 the proposal, k >= 1 option k, nil none of these.
    /// Join questions answer `accept`, `pick` and `reject`; the others `settle`.
    public func decision(_ choice: Int?) -> Decision {
        if kind == .join {
            switch choice {
            case 0?: return .accept(proposed)
            case let k? where k >= 1 && k <= options.count:
                return .pick(question: proposed, chosen: options[k - 1].pins.first ?? proposed)
            default: return .reject(proposed)
            }
        }
        switch choice {
        case 0?:
            return .settle(Settlement(kind: kind, choice: 0, move: nil, pins: proposal.pins, forbids: [], label: proposal.label))
        case let k? where k >= 1 && k <= options.count:
            let o = options[k - 1]
            return .settle(Settlement(kind: kind, choice: k, move: o.move, pins: o.pins, forbids: [], label: o.label))
        default:
            return .settle(Settlement(kind: kind, choice: nil, move: noneMove, pins: [], forbids: noneForbids, label: proposal.label))
        }
    }
}
