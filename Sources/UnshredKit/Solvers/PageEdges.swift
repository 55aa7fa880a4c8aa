/// The cost of each piece standing at the page's left edge (first in its row) or
/// right edge (last in its row).
///
/// A page edge behaves like a strip of paper, so the base cost is the join with a
/// paper border. That alone cannot tell the page margin from a white gap inside
/// the text (both join paper for free), so a piece whose blank band is narrower
/// than the page's margin pays extra: the true first piece shows the widest
/// blank band on its left, the true last piece on its right.
struct PageEdges: Sendable {
    var leftEdge: [Float]
    var rightEdge: [Float]

    init(leftEdge: [Float], rightEdge: [Float]) {
        self.leftEdge = leftEdge
        self.rightEdge = rightEdge
    }

    /// - Parameter typicalJoin: the cost of an ordinary true join, the scale of the penalty.
    static func horizontal(_ images: [GrayImage], typicalJoin: Float,
                                  measure: EdgeCostMeasure = .standard) -> PageEdges {
        edges(images, length: { $0.height }, depth: { $0.width }, typicalJoin: typicalJoin, measure: measure,
              first: (BorderProfile.left, PaperModel.blankColumnsFromLeft),
              last: (BorderProfile.right, PaperModel.blankColumnsFromRight))
    }

    /// The same for the page's top edge (`leftEdge` = top) and bottom edge (`rightEdge` = bottom).
    static func vertical(_ images: [GrayImage], typicalJoin: Float,
                                measure: EdgeCostMeasure = .standard) -> PageEdges {
        edges(images, length: { $0.width }, depth: { $0.height }, typicalJoin: typicalJoin, measure: measure,
              first: (BorderProfile.top, PaperModel.blankRowsFromTop),
              last: (BorderProfile.bottom, PaperModel.blankRowsFromBottom))
    }

    /// `first`: the border facing the page's leading edge and its blank band; `last` likewise.
    private static func edges(_ images: [GrayImage], length: (GrayImage) -> Int, depth: (GrayImage) -> Int,
                              typicalJoin: Float, measure: EdgeCostMeasure,
                              first: (border: (GrayImage) -> BorderProfile, blank: (GrayImage) -> Int),
                              last: (border: (GrayImage) -> BorderProfile, blank: (GrayImage) -> Int)) -> PageEdges {
        guard let sample = images.first else { return PageEdges(leftEdge: [], rightEdge: []) }
        let paper = BorderProfile.paper(length: length(sample))
        let leading = images.map { measure.cost(paper, first.border($0)) }
        let trailing = images.map { measure.cost(last.border($0), paper) }
        return PageEdges(
            leftEdge: zip(leading, marginPenalty(images.map(first.blank), width: depth(sample), scale: typicalJoin)).map(+),
            rightEdge: zip(trailing, marginPenalty(images.map(last.blank), width: depth(sample), scale: typicalJoin)).map(+))
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
