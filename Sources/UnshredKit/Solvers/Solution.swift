/// What a solver found: the layout plus how sure it is of every join.
public struct Solution: Sendable, Equatable {
    /// One join between two neighbouring pieces in the result.
    public struct Join: Sendable, Equatable {
        public var page: Int
        public var row: Int
        public var column: Int
        public var direction: JoinDirection
        /// Left (or upper) piece name.
        public var first: String
        /// Right (or lower) piece name.
        public var second: String
        /// 0 (a coin toss) ... 1 (no rival comes close); see `JoinConfidence`.
        public var confidence: Float

        public init(page: Int, row: Int, column: Int, direction: JoinDirection,
                    first: String, second: String, confidence: Float) {
            self.page = page
            self.row = row
            self.column = column
            self.direction = direction
            self.first = first
            self.second = second
            self.confidence = confidence
        }
    }

    /// A cut between two rows of a page that runs through white space on every column:
    /// no edge says which row follows which there, only the text's line rhythm, so the
    /// blocks of rows on either side (paragraphs) may be out of order. The interactive
    /// mode can ask about the order of blocks here rather than about single joins.
    public struct BlockBoundary: Sendable, Equatable {
        public var page: Int
        /// The row above the cut (the cut lies between rows `row` and `row + 1`).
        public var row: Int
        /// 0 (nothing tells the order) ... 1 (the line rhythm allows no other row here).
        public var confidence: Float

        public init(page: Int, row: Int, confidence: Float) {
            self.page = page
            self.row = row
            self.confidence = confidence
        }
    }

    public enum Kind: String, Sendable {
        case strips, grid, doubleSided
    }

    public var kind: Kind
    public var layout: Layout
    public var joins: [Join]
    /// The grid's shape as inferred, with its runner-up; nil when the caller gave the
    /// shape or the pieces are strips.
    public var shapeEstimate: ShapeEstimate?
    /// Cuts between rows through white space, with how sure the row order is of each
    /// (grids; empty for strips and double-sided sheets). One top-bottom join across each
    /// carries that confidence too, so questions about uncertain joins reach it.
    public var blockBoundaries: [BlockBoundary]

    public init(kind: Kind, layout: Layout, joins: [Join], shapeEstimate: ShapeEstimate? = nil,
                blockBoundaries: [BlockBoundary] = []) {
        self.kind = kind
        self.layout = layout
        self.joins = joins
        self.shapeEstimate = shapeEstimate
        self.blockBoundaries = blockBoundaries
    }

    /// The inferred shape's runner-up came close: the user should hear of it.
    public var shapeIsDoubtful: Bool { shapeEstimate?.isDoubtful ?? false }

    /// The join the solver is least sure of.
    public var weakestJoin: Join? { joins.min { $0.confidence < $1.confidence } }

    public var shapeDescription: String {
        let page = layout.pages.first
        let dims = "\(page?.rowCount ?? 0) x \(page?.columnCount ?? 0)"
        switch kind {
        case .strips:
            let turned = layout.turned.count
            let turns = turned == 0 ? "" : ", \(turned) turned"
            guard layout.pages.count > 1 else { return "strips, 1 x \(page?.columnCount ?? 0)" + turns }
            return "strips, \(layout.pages.count) pages (" + layout.pages.map { "1 x \($0.columnCount)" }.joined(separator: ", ") + ")" + turns
        case .grid: return "grid, \(dims)"
        case .doubleSided: return "double-sided, \(layout.pages.count) pages of \(dims)"
        }
    }
}
