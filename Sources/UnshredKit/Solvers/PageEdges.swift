/// The cost of each piece standing at the page's left edge (first in its row) or
/// right edge (last in its row).
///
/// A page edge behaves like a strip of paper, so the base cost is the join with a
/// paper border. That alone cannot tell the page margin from a white gap inside
/// the text (both join paper for free), so a piece whose blank band is narrower
/// than the page's margin pays extra: the true first piece shows the widest
/// blank band on its left, the true last piece on its right.
public struct PageEdges: Sendable {
    public var leftEdge: [Float]
    public var rightEdge: [Float]

    public init(leftEdge: [Float], rightEdge: [Float]) {
        self.leftEdge = leftEdge
        self.rightEdge = rightEdge
    }

    /// - Parameter typicalJoin: the cost of an ordinary true join, the scale of the penalty.
    public static func horizontal(_ images: [GrayImage], typicalJoin: Float,
                                  measure: EdgeCostMeasure = .standard) -> PageEdges {
        guard let first = images.first else { return PageEdges(leftEdge: [], rightEdge: []) }
        let paper = BorderProfile.paper(length: first.height)
        let leftBlank = images.map(PaperModel.blankColumnsFromLeft)
        let rightBlank = images.map(PaperModel.blankColumnsFromRight)
        let left = images.indices.map { measure.cost(paper, BorderProfile.left(images[$0])) }
        let right = images.indices.map { measure.cost(BorderProfile.right(images[$0]), paper) }
        return PageEdges(
            leftEdge: zip(left, marginPenalty(leftBlank, width: first.width, scale: typicalJoin)).map(+),
            rightEdge: zip(right, marginPenalty(rightBlank, width: first.width, scale: typicalJoin)).map(+))
    }

    /// The same for the page's top edge (`leftEdge` = top) and bottom edge (`rightEdge` = bottom).
    public static func vertical(_ images: [GrayImage], typicalJoin: Float,
                                measure: EdgeCostMeasure = .standard) -> PageEdges {
        guard let first = images.first else { return PageEdges(leftEdge: [], rightEdge: []) }
        let paper = BorderProfile.paper(length: first.width)
        let topBlank = images.map(PaperModel.blankRowsFromTop)
        let bottomBlank = images.map(PaperModel.blankRowsFromBottom)
        let top = images.indices.map { measure.cost(paper, BorderProfile.top(images[$0])) }
        let bottom = images.indices.map { measure.cost(BorderProfile.bottom(images[$0]), paper) }
        return PageEdges(
            leftEdge: zip(top, marginPenalty(topBlank, width: first.height, scale: typicalJoin)).map(+),
            rightEdge: zip(bottom, marginPenalty(bottomBlank, width: first.height, scale: typicalJoin)).map(+))
    }

    /// 0 for a piece whose blank band is as wide as the page's margin, up to `scale` for none.
    /// The margin is the widest band among pieces that hold some ink.
    static func marginPenalty(_ blank: [Int], width: Int, scale: Float) -> [Float] {
        let margin = blank.filter { $0 < width }.max() ?? 0
        // Pages printed to the edge have no margin to look for.
        guard margin >= 2 else { return blank.map { _ in 0 } }
        return blank.map { band in
            let shortfall = Float(max(0, margin - band)) / Float(margin)
            return scale * shortfall
        }
    }
}
