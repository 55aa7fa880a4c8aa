import Foundation

/// The evidence of a double-sided sheet, face by face, and how it combines once every
/// piece's *orientation* (which of its two faces lies on page 1) is chosen.
///
/// The sheet turns over about its vertical axis, so a piece left of another on page 1
/// stands right of it on page 2, and a piece above another stays above it. With the
/// orientation fixed, each join is seen twice and both sightings are paid:
/// - left-right `P|Q` = `lr(P.front, Q.front) + lr(Q.back, P.back)`;
/// - top-bottom `P/Q` = `tb(P.front, Q.front) + tb(P.back, Q.back)`;
/// - page edges: P at page 1's left edge = `left(P.front) + right(P.back)`, and so on;
/// - text lines: the front face's profile and the back face's, side by side.
///
/// An *item* is a piece in one orientation: item `2p` shows face `a` on page 1,
/// item `2p + 1` face `b`.
struct Sheet: Sendable {
    let pairs: FacePairs
    /// All faces, in `PieceSet` order.
    let images: [GrayImage]
    let lr: CostMatrix
    let tb: CostMatrix
    let horizontal: PageEdges
    let vertical: PageEdges
    let profiles: [LineProfile]

    var count: Int { pairs.count }

    init(_ pieces: PieceSet, pairs: FacePairs, measure: EdgeCostMeasure) {
        self.pairs = pairs
        images = pieces.images
        lr = CostMatrix.leftRight(images, measure: measure)
        tb = CostMatrix.topBottom(images, measure: measure)
        horizontal = PageEdges.horizontal(images, typicalJoin: StripSolver.typicalJoin(lr), measure: measure)
        // Top and bottom rows must be found among many paper-to-paper joins: the margin
        // penalty is scaled by a join that carries text, not by the typical (often free) one.
        vertical = PageEdges.vertical(images, typicalJoin: max(StripSolver.typicalJoin(tb), RowTurns.typicalCrossing(tb)),
                                      measure: measure)
        profiles = images.map { LineProfile($0) }
    }

    /// The face of item `i` on page 1.
    @inline(__always) func front(_ i: Int) -> Int { i & 1 == 0 ? pairs.faceA[i >> 1] : pairs.faceB[i >> 1] }
    /// The face of item `i` on page 2.
    @inline(__always) func back(_ i: Int) -> Int { i & 1 == 0 ? pairs.faceB[i >> 1] : pairs.faceA[i >> 1] }
    /// The same piece turned over.
    @inline(__always) static func turned(_ i: Int) -> Int { i ^ 1 }

    @inline(__always) func leftRight(_ i: Int, _ j: Int) -> Float { lr[front(i), front(j)] + lr[back(j), back(i)] }
    @inline(__always) func topBottom(_ i: Int, _ j: Int) -> Float { tb[front(i), front(j)] + tb[back(i), back(j)] }
    @inline(__always) func leftEdge(_ i: Int) -> Float { horizontal.leftEdge[front(i)] + horizontal.rightEdge[back(i)] }
    @inline(__always) func rightEdge(_ i: Int) -> Float { horizontal.rightEdge[front(i)] + horizontal.leftEdge[back(i)] }
    @inline(__always) func topEdge(_ i: Int) -> Float { vertical.leftEdge[front(i)] + vertical.leftEdge[back(i)] }
    @inline(__always) func bottomEdge(_ i: Int) -> Float { vertical.rightEdge[front(i)] + vertical.rightEdge[back(i)] }

    /// Combined costs over all `2n` items (the two items of one piece never join).
    func itemMatrices() -> (leftRight: CostMatrix, topBottom: CostMatrix) {
        let m = 2 * count
        var l = [Float](repeating: .infinity, count: m * m)
        var t = [Float](repeating: .infinity, count: m * m)
        for i in 0..<m {
            for j in 0..<m where i >> 1 != j >> 1 {
                l[i * m + j] = leftRight(i, j)
                t[i * m + j] = topBottom(i, j)
            }
        }
        return (CostMatrix(count: m, values: l), CostMatrix(count: m, values: t))
    }

    /// The items of an orientation: `flipped[p]` puts face `b` of piece `p` on page 1.
    static func items(_ flipped: [Bool]) -> [Int] { flipped.indices.map { 2 * $0 + (flipped[$0] ? 1 : 0) } }

    /// Front face above back face: its line profile is the two faces' profiles one after the other.
    func stacked(_ i: Int) -> GrayImage {
        let f = images[front(i)], b = images[back(i)]
        var out = GrayImage(width: f.width, height: f.height + b.height)
        out.paste(f, x: 0, y: 0)
        out.paste(b, x: 0, y: f.height)
        return out
    }

    /// The page objective over all `2n` items (`itemMatrices`, or those with decisions
    /// priced in): the sheet's joins and page edges, both pages paid. It has no line
    /// profiles (its misfit is 0 and its rhythm off); `RowTurns` reads each page's rhythm.
    func itemObjective(_ costs: (leftRight: CostMatrix, topBottom: CostMatrix),
                       weights: PageObjective.Weights = PageObjective.Weights()) -> PageObjective {
        let all = Array(0..<(2 * count))
        return PageObjective(leftRight: costs.leftRight, topBottom: costs.topBottom,
                             horizontalEdges: PageEdges(leftEdge: all.map(leftEdge), rightEdge: all.map(rightEdge)),
                             verticalEdges: PageEdges(leftEdge: all.map(topEdge), rightEdge: all.map(bottomEdge)),
                             profiles: [], typicalJoin: StripSolver.typicalJoin(costs.leftRight),
                             typicalVerticalJoin: 0, weights: weights,
                             alignment: PageObjective.Alignment(faces: [all.map { images[front($0)] }, all.map { images[back($0)] }]))
    }

    /// What `gridInputs` reads from the images, for all `2n` items at once: for a session
    /// that builds inputs after every answer (`SheetRepair`), so that no image is read again.
    struct ItemViews: Sendable {
        let stacks: [GrayImage]
        let profiles: [LineProfile]
        let alignment: PageObjective.Alignment
    }

    func itemViews() -> ItemViews {
        let all = Array(0..<(2 * count))
        let stacks = all.map(stacked)
        return ItemViews(stacks: stacks, profiles: stacks.map { LineProfile($0) },
                         alignment: PageObjective.Alignment(faces: [all.map { images[front($0)] }, all.map { images[back($0)] }]))
    }

    /// The grid solver's inputs for the pieces as `items` (index k of the result is piece k);
    /// `views` (all items', `itemViews`) spare reading the images.
    func gridInputs(_ items: [Int], constraints: JoinConstraints = JoinConstraints(), names: [String] = [],
                    configuration: GridSolver.Configuration = GridSolver.Configuration(),
                    views: ItemViews? = nil) -> GridSolver.Inputs {
        let n = items.count
        var l = [Float](repeating: .infinity, count: n * n)
        var t = [Float](repeating: .infinity, count: n * n)
        for (a, i) in items.enumerated() {
            for (b, j) in items.enumerated() where a != b {
                l[a * n + b] = leftRight(i, j)
                t[a * n + b] = topBottom(i, j)
            }
        }
        let lrm = CostMatrix(count: n, values: l), tbm = CostMatrix(count: n, values: t)
        let stacks = views.map { v in items.map { v.stacks[$0] } } ?? items.map(stacked)
        let profiles = views.map { v in items.map { v.profiles[$0] } } ?? stacks.map { LineProfile($0) }
        let alignment = views?.alignment.subset(items)
            ?? PageObjective.Alignment(faces: [items.map { images[front($0)] }, items.map { images[back($0)] }])
        return GridSolver.Inputs(
            images: stacks, leftRight: lrm, topBottom: tbm,
            horizontalEdges: PageEdges(leftEdge: items.map(leftEdge), rightEdge: items.map(rightEdge)),
            verticalEdges: PageEdges(leftEdge: items.map(topEdge), rightEdge: items.map(bottomEdge)),
            profiles: profiles,
            // The grid solver's line rhythm reads one page's lines per profile; these
            // hold two pages, so it is switched off (its weight is in typical vertical
            // joins) and `RowTurns` orders the rows by each page's own rhythm instead.
            typicalJoin: StripSolver.typicalJoin(lrm), typicalVerticalJoin: 0,
            alignment: alignment,
            configuration: configuration)
            .deciding(constraints, names: names)
    }
}

/// Decisions about joins, as pairs of items, checked on a whole layout. Prices alone
/// do not hold a decision at the page edge (a piece there pays no join at all), so the
/// steps that move pieces after the grid solver count broken decisions directly.
struct ItemDecisions: Sendable {
    var pinned: [(Int, Int, JoinDirection)] = []
    var forbidden: [(Int, Int, JoinDirection)] = []

    init() {}

    /// `constraints` name faces; `names[i]` is the page-1 face of item `i`.
    init(_ constraints: JoinConstraints, names: [String]) {
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        func items(_ joins: Set<JoinConstraints.Join>) -> [(Int, Int, JoinDirection)] {
            joins.sorted { $0.description < $1.description }.compactMap { j in
                index[j.first].flatMap { a in index[j.second].map { (a, $0, j.direction) } }
            }
        }
        pinned = items(constraints.pinned)
        forbidden = items(constraints.forbidden)
    }

    var isEmpty: Bool { pinned.isEmpty && forbidden.isEmpty }

    /// Decisions the layout breaks: a pinned join whose first item is present without
    /// its partner beside it (or whose second is present without the first), and
    /// forbidden joins present. A pin whose items are both absent is held on the other
    /// page by its mirror (see `DoubleSidedSolver.mirrored`).
    func violations(_ layout: [[Int]]) -> Int {
        guard !isEmpty else { return 0 }
        var at: [Int: (Int, Int)] = [:]
        for (r, row) in layout.enumerated() { for (c, i) in row.enumerated() { at[i] = (r, c) } }
        func next(_ i: Int, _ d: JoinDirection) -> Int? {
            guard let (r, c) = at[i] else { return nil }
            let (rr, cc) = d == .leftRight ? (r, c + 1) : (r + 1, c)
            return rr < layout.count && cc < layout[rr].count ? layout[rr][cc] : nil
        }
        var count = 0
        for (a, b, d) in pinned where at[a] != nil || at[b] != nil {
            if next(a, d) != b { count += 1 }
        }
        for (a, b, d) in forbidden where next(a, d) == b { count += 1 }
        return count
    }
}
