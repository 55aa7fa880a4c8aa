/// Orders vertical strips (or the pieces of one page row) left to right.
///
/// The strips form an asymmetric travelling-salesman path. A node standing for
/// "outside the page" closes the path into a cycle: reaching it costs the last
/// strip's right-edge cost, leaving it the first strip's left-edge cost (`PageEdges`).
/// Without that anchor the cheapest path would wrap round through the white margins.
enum StripSolver {
    struct Result: Sendable, Equatable {
        /// Piece indices, left to right.
        var order: [Int]
        /// `confidence[k]` is for the join between `order[k]` and `order[k + 1]`.
        var confidence: [Float]
        var cost: Float
        /// Pieces (indices) that stand turned 180 degrees from how they were scanned.
        var turned: Set<Int> = []
        /// Positions in `order` where a new page begins (mixed pages); none for one page.
        /// The join before such a position is no join (its confidence is 0).
        var pageStarts: [Int] = []

        /// `order` cut into its pages.
        var pages: [[Int]] {
            let bounds = [0] + pageStarts + [order.count]
            return zip(bounds, bounds.dropFirst()).map { Array(order[$0..<$1]) }
        }
    }

    /// What the strip solver looks for beyond one page of upright strips.
    struct Settings: Sendable, Equatable {
        /// Strips scanned upside down: each strip is tried both ways up (`StripTurns`).
        var turns = true
        /// Strips of several pages in one folder (`PageSplit`).
        var pages = true

        /// Only the order of upright strips of one page, as before.
        static let plain = Settings(turns: false, pages: false)
    }

    /// Orders `members` (indices into the cost matrix and page edges).
    static func order(_ members: [Int], costs: CostMatrix, edges: PageEdges,
                             confidenceFloor: Float, seed: UInt64 = 1) -> Result {
        let m = members.count + 1
        var matrix = [Float](repeating: 0, count: m * m)
        for (a, i) in members.enumerated() {
            matrix[0 * m + a + 1] = edges.leftEdge[i]
            matrix[(a + 1) * m + 0] = edges.rightEdge[i]
            for (b, j) in members.enumerated() where a != b {
                matrix[(a + 1) * m + b + 1] = costs[i, j]
            }
        }
        for k in 0..<m { matrix[k * m + k] = .infinity }
        let tour = AsymmetricTSP.solve(cost: matrix, count: m, seed: seed)
        let order = tour.dropFirst().map { members[$0 - 1] }
        let confidence = zip(order, order.dropFirst()).map {
            JoinConfidence.of($0, $1, cost: costs, among: members, floor: confidenceFloor)
        }
        return Result(order: order, confidence: confidence,
                      cost: AsymmetricTSP.tourCost(tour, cost: matrix, count: m))
    }

    /// Orders a whole set of strips.
    ///
    /// Blank strips (all paper) are interchangeable and carry no evidence, so they
    /// are left out of the search and put at the page's ends, split so that the
    /// left and right margins come out as equal as the strip width allows. With
    /// `settings.turns` the other strips are tried both ways up (`StripTurns`); with
    /// `settings.pages` the strips may make several pages (`PageSplit`). Decisions
    /// (`constraints`) switch the turn search off on the page they fall in (they name
    /// joins of strips as scanned), not the page search: the pages are found from the
    /// evidence alone, as in the first solve, pages a pinned join runs between are one
    /// page (`PageSplit.joined`), and each page is solved with the decisions inside it.
    static func solve(_ pieces: PieceSet, measure: EdgeCostMeasure = .standard,
                      constraints: JoinConstraints = JoinConstraints(), settings: Settings = .plain) -> Result {
        if settings.pages, let found = PageSplit.pages(pieces, turns: settings.turns, costs: { members in
            if settings.turns { return orientedCosts(members.map { pieces[$0] }, measure: measure) }
            let c = CostMatrix.leftRight(members.map { pieces[$0].image }, measure: measure)
            return (c, PageEdges.horizontal(members.map { pieces[$0].image }, typicalJoin: typicalJoin(c)))
        }), confirmed(found, pieces: pieces, limit: .max, costs: {
            // Clean-cut costs are cheap: every split is confirmed.
            let c = CostMatrix.leftRight(pieces.images, measure: measure)
            return (c, PageEdges.horizontal(pieces.images, typicalJoin: typicalJoin(c)))
        }), let pages = PageSplit.joined(found, pieces: pieces, by: constraints) {
            return solvePages(pages, pieces: pieces, settings: settings, constraints: constraints) { set, one, decided in
                solve(set, measure: measure, constraints: decided, settings: one)
            }
        }
        let images = pieces.images
        let rawCosts = CostMatrix.leftRight(images, measure: measure)
        let floor = JoinConfidence.floor(for: rawCosts)
        let edges = PageEdges.horizontal(images, typicalJoin: typicalJoin(rawCosts))
        var costs = rawCosts
        constraints.apply(to: &costs, names: pieces.names, direction: .leftRight)
        // A blank strip named in a decision takes part in the search like any other.
        let decided = constraints.names
        let isFree = images.indices.map { PaperModel.isBlank(images[$0]) && !decided.contains(pieces[$0].name) }
        let blank = images.indices.filter { isFree[$0] }
        let inked = images.indices.filter { !isFree[$0] }
        guard !inked.isEmpty else {
            return Result(order: blank, confidence: [Float](repeating: 0, count: max(0, blank.count - 1)), cost: 0)
        }
        var result: Result
        if constraints.isEmpty && settings.turns && pieces.count <= turnLimit {
            result = orient(inked, pieces: pieces, oriented: orientedCosts(pieces.pieces, measure: measure))
        } else {
            result = order(inked, costs: costs, edges: edges, confidenceFloor: floor)
            // Confidence speaks of the evidence, not of the prices decisions put on it.
            result.confidence = zip(result.order, result.order.dropFirst()).map {
                JoinConfidence.of($0, $1, cost: rawCosts, among: inked, floor: floor)
            }
        }
        guard !blank.isEmpty else { return result }
        // Blank strips go to the page's ends (as scanned: they have no up).
        let width = pieces.width
        let leftBand = blankColumns(images, result.order.first!, turned: result.turned, fromLeft: true)
        let rightBand = blankColumns(images, result.order.last!, turned: result.turned, fromLeft: false)
        let ideal = (Double(blank.count * width + rightBand - leftBand) / Double(2 * width)).rounded()
        let leftCount = max(0, min(blank.count, Int(ideal)))
        let left = Array(blank.prefix(leftCount)), right = Array(blank.dropFirst(leftCount))
        result.order = left + result.order + right
        // Joins with blank strips are guesses by nature.
        result.confidence = [Float](repeating: 0, count: left.count) + result.confidence + [Float](repeating: 0, count: right.count)
        return result
    }

    /// A split of a small folder checked against the folder ordered as one page of
    /// upright strips over `costs()` (`PageSplit.confirmed`), on folders of up to `limit` strips.
    /// Pages that differ by their scans' height (`PageCues`: no two of them may be of one
    /// page) need no confirmation: the heights are evidence the edges do not give.
    static func confirmed(_ pages: [[Int]], pieces: PieceSet, limit: Int = PageSplit.confirmLimit,
                          costs: () -> (CostMatrix, PageEdges)) -> Bool {
        guard pieces.count <= limit else { return true }
        let cues = PageCues(heights: pieces.pieces.map { $0.scan.height }, white: [Float](repeating: 0, count: pieces.count))
        if cues.byHeight && pages.indices.allSatisfy({ p in pages.indices.allSatisfy { q in p == q || !cues.compatible(pages[p], pages[q]) } }) {
            return true
        }
        let (c, e) = costs()
        let one = order(Array(pieces.pieces.indices), costs: c, edges: e, confidenceFloor: JoinConfidence.floor(for: c))
        return PageSplit.confirmed(pages, order: one.order, cost: { c[$0, $1] },
                                   breakCost: { e.rightEdge[$0] + e.leftEdge[$1] })
    }

    /// Each page (piece indices) solved on its own by `solve`, one page at a time, with
    /// the decisions among its own strips (a page none falls in comes out as it did
    /// without any; decisions between two pages hold by the pages being apart).
    static func solvePages(_ pages: [[Int]], pieces: PieceSet, settings: Settings,
                           constraints: JoinConstraints = JoinConstraints(),
                           solve: @Sendable (PieceSet, Settings, JoinConstraints) -> Result) -> Result {
        let subsets = pages.map { PageSplit.subset(pieces, $0) }
        let decided = subsets.map { constraints.within(Set($0.names)) }
        let one = Settings(turns: settings.turns, pages: false)
        let results = Parallel.map(subsets.count) { solve(subsets[$0], one, decided[$0]) }
        return PageSplit.combine(results, subsets: subsets, pieces: pieces)
    }

    /// Blank columns at one side of a strip as it stands.
    static func blankColumns(_ images: [GrayImage], _ piece: Int, turned: Set<Int>, fromLeft: Bool) -> Int {
        // Turned, the strip's left side is its scanned right side.
        fromLeft != turned.contains(piece) ? PaperModel.blankColumnsFromLeft(images[piece])
                                           : PaperModel.blankColumnsFromRight(images[piece])
    }

    /// Clean-cut costs over oriented nodes (`2k`: the k-th piece as scanned, `2k + 1`: turned).
    static func orientedCosts(_ pieces: [Piece], measure: EdgeCostMeasure) -> (costs: CostMatrix, edges: PageEdges) {
        let images = Parallel.map(pieces.count) { i in [pieces[i].image, pieces[i].turned().image] }.flatMap { $0 }
        let costs = CostMatrix.leftRight(images, measure: measure)
        return (costs, PageEdges.horizontal(images, typicalJoin: typicalJoin(costs)))
    }

    /// `RealCutMeasure` costs among `pieces` in the order given; with `turns` over
    /// oriented nodes (`2k + t`), the measure reading both ways up of every strip at once.
    /// The measure reads each piece once (`RealCutMeasure.strips`); a turned strip is
    /// that reading turned (`RealCutMeasure.Strip.turned`), not the piece turned and
    /// read again (gray, paper edges and solver view made twice: 3/4 of a real page's
    /// measure time went there).
    static func realCosts(_ pieces: [Piece], weights: RealCutMeasure.Weights, turns: Bool) -> (costs: CostMatrix, edges: PageEdges) {
        let set = PieceSet(pieces: pieces)
        let read = RealCutMeasure.strips(set)
        // The set sorts its pieces by name; back to the order given.
        let position = Dictionary(uniqueKeysWithValues: set.names.enumerated().map { ($1, $0) })
        let upright = pieces.map { read[position[$0.name]!] }
        let strips = turns ? Parallel.map(upright.count) { [upright[$0], upright[$0].turned()] }.flatMap { $0 } : upright
        return RealCutMeasure.costs(strips, weights: weights)
    }

    /// Orders strips cut by a real shredder with `RealCutMeasure`: its cost matrix and
    /// its outside-node costs (the page-edge cue it learned), with the page's structure
    /// (`PageMargins`): margin strips (hardly any ink) are set aside and put at the
    /// page's ends, joins of a side carrying text with a blank side, and page ends at a
    /// side carrying text, are vetoed. Turned strips are looked for on pages of up to
    /// `turnLimit` strips (margin strips stay as scanned).
    static func solveRealCuts(_ pieces: PieceSet, weights: RealCutMeasure.Weights = .fitted,
                              constraints: JoinConstraints = JoinConstraints(), settings: Settings = .plain) -> Result {
        // Pages as in `solve`: found without the decisions, then joined by pinned joins.
        if settings.pages, let found = PageSplit.pages(pieces, turns: settings.turns, costs: { members in
            realCosts(members.map { pieces[$0] }, weights: weights, turns: settings.turns)
        }), confirmed(found, pieces: pieces, costs: {
            RealCutMeasure.costs(RealCutMeasure.strips(pieces), weights: weights)
        }), let pages = PageSplit.joined(found, pieces: pieces, by: constraints) {
            return solvePages(pages, pieces: pieces, settings: settings, constraints: constraints) { set, one, decided in
                solveRealCuts(set, weights: weights, constraints: decided, settings: one)
            }
        }
        // Page-level cues (`PageMargins`): margin strips at the ends, joins against the page vetoed.
        let images = pieces.images
        let sides = images.map(PageMargins.sides)
        let decided = constraints.names
        let isMargin = pieces.pieces.indices.map { PageMargins.isMargin(sides[$0]) && !decided.contains(pieces[$0].name) }
        let margins = pieces.pieces.indices.filter { isMargin[$0] }
        let inked = pieces.pieces.indices.filter { !isMargin[$0] }
        guard !inked.isEmpty else {
            return Result(order: margins, confidence: [Float](repeating: 0, count: max(0, margins.count - 1)), cost: 0)
        }
        var result: Result
        let prices: PageMargins.Prices
        if constraints.isEmpty && settings.turns && pieces.count <= turnLimit {
            let oriented = realCosts(pieces.pieces, weights: weights, turns: true)
            result = orient(inked, pieces: pieces, oriented: oriented, sides: sides.flatMap { [$0, $0.turned] })
            let turned = result.turned
            func node(_ k: Int) -> Int { 2 * k + (turned.contains(k) ? 1 : 0) }
            prices = PageMargins.Prices(join: { oriented.costs[node($0), node($1)] },
                                        opens: { oriented.edges.leftEdge[node($0)] },
                                        closes: { oriented.edges.rightEdge[node($0)] })
        } else {
            let strips = RealCutMeasure.strips(pieces)
            let (rawCosts, rawEdges) = RealCutMeasure.costs(strips, weights: weights)
            var (costs, edges) = PageMargins.vetoing(rawCosts, edges: rawEdges, sides: sides, nodes: inked)
            constraints.apply(to: &costs, names: pieces.names, direction: .leftRight)
            let floor = JoinConfidence.floor(for: rawCosts)
            result = order(inked, costs: costs, edges: edges, confidenceFloor: floor)
            result.confidence = zip(result.order, result.order.dropFirst()).map {
                JoinConfidence.of($0, $1, cost: rawCosts, among: inked, floor: floor)
            }
            prices = PageMargins.Prices(join: { rawCosts[$0, $1] }, opens: { rawEdges.leftEdge[$0] },
                                        closes: { rawEdges.rightEdge[$0] })
        }
        result = PageMargins.aligningLeft(result, sides: sides)
        return PageMargins.placing(margins, around: result, images: images, prices: prices)
    }

    /// Up to this many strips (of one page), strips are tried both ways up: the measure
    /// then reads twice the strips, four times the pairs (a real page of 28: about
    /// 4 x 0.5 s), and on many narrow strips (a page in 144 strips 8 px wide) the turned
    /// borders mislead more than they find. Mixed pages are tried page by page.
    static let turnLimit = 120

    /// Orders `members`, each strip upright or turned, over oriented costs (`2i + t`),
    /// and turns the page the right way up (`upright`).
    /// With `sides` (per oriented node), joins against the page are vetoed (`PageMargins.vetoing`).
    static func orient(_ members: [Int], pieces: PieceSet, oriented: (costs: CostMatrix, edges: PageEdges),
                       sides: [PageMargins.Sides]? = nil) -> Result {
        let bias = turnBias(members, costs: oriented.costs)
        let (c, e) = sides.map { PageMargins.vetoing(oriented.costs, edges: oriented.edges, sides: $0,
                                                      nodes: members.flatMap { [2 * $0, 2 * $0 + 1] }) } ?? oriented
        let floor = JoinConfidence.floor(for: oriented.costs)
        let placed = upright(StripTurns.solve(members, costs: c, edges: e, bias: bias), pieces: pieces)
        let confidence = zip(placed, placed.dropFirst()).map {
            StripTurns.confidence($0.node, $1.node, costs: c, among: members, floor: floor)
        }
        return Result(order: placed.map(\.piece), confidence: confidence, cost: StripTurns.cost(placed, costs: c, edges: e),
                      turned: Set(placed.filter(\.turned).map(\.piece)))
    }

    /// What standing turned costs a strip, so that a strip whose edges say nothing
    /// either way (a margin strip, nearly blank) stays as scanned: `turnBiasShare` of
    /// the typical gap between a strip's cheapest join and its median one. A strip that
    /// is truly turned gains about that gap twice over (two joins) by turning.
    static func turnBias(_ members: [Int], costs: CostMatrix) -> Float {
        var gaps: [Float] = []
        for i in members {
            var row: [Float] = []
            for j in members where j != i { row.append(costs[2 * i, 2 * j]); row.append(costs[2 * i, 2 * j + 1]) }
            row = row.filter(\.isFinite).sorted()
            guard let least = row.first else { continue }
            gaps.append(row[row.count / 2] - least)
        }
        gaps.sort()
        return gaps.isEmpty ? 0 : turnBiasShare * gaps[gaps.count / 2]
    }

    static let turnBiasShare: Float = 0.25

    /// The page the right way up. Edge costs cannot tell a page from the page turned
    /// over (reversed, every strip turned), so: when clearly more of its strips would be
    /// turned than not (over `uprightShare`), the page is turned over, when clearly
    /// fewer, it stays (strips are mostly scanned the right way up); in between, the text
    /// decides (`TextOrientation`: turned over when it leans below -`uprightLean`).
    static func upright(_ page: [StripTurns.Placed], pieces: PieceSet) -> [StripTurns.Placed] {
        let share = Double(page.filter(\.turned).count) / Double(max(1, page.count))
        let overturn: Bool
        if share > uprightShare { overturn = true } else if share < 1 - uprightShare { overturn = false } else {
            let cue = page.reduce(TextOrientation.zero) { sum, p in
                let c = TextOrientation(pieces[p.piece].image)
                return sum + (p.turned ? c.turned : c)
            }
            overturn = cue.lean < -uprightLean || (abs(cue.lean) <= uprightLean && share > 0.5)
        }
        return overturn ? StripTurns.mirrored(page[...]) : page
    }

    /// Above this share of turned strips a page is turned over without asking the text.
    static let uprightShare = 0.6

    /// How far the text cue must lean to overrule the majority of strips as scanned.
    static let uprightLean = 0.1

    /// The median over pieces of their cheapest join that is not free: what a true
    /// join across ink usually costs.
    static func typicalJoin(_ costs: CostMatrix) -> Float {
        let n = costs.count
        guard n > 1 else { return 1e-3 }
        let best = cheapestJoins(costs)
        // Paper-to-paper joins say nothing; they would drag the median to zero (or,
        // on a noisy scan, to the noise's cost) on pages whose cuts mostly fall
        // between text lines.
        let paper = max(1e-6, paperJoinCost(best: best))
        let informative = best.filter { $0 > paper && $0 < .infinity }.sorted()
        guard !informative.isEmpty else { return 1e-3 }
        return max(1e-3, informative[informative.count / 2])
    }

    /// Each piece's cheapest join (`costs[i, j]`, `j != i`).
    static func cheapestJoins(_ costs: CostMatrix) -> [Float] {
        let n = costs.count
        return (0..<n).map { i in
            var b = Float.infinity
            for j in 0..<n where j != i { b = min(b, costs[i, j]) }
            return b
        }
    }

    /// Up to what cost a join may be two borders of plain paper. On a clean page such
    /// joins cost 0. Scanner noise makes them cost a little (the per-pixel noise,
    /// raised to the measure's power, summed along the cut), about the same for every
    /// pair of blank borders: they are then the cheapest joins of the page, and a
    /// fixed threshold cannot tell them from joins across ink. So: `paperJoinFactor`
    /// times the cheapest join of all (which on a clean page with any two blank
    /// borders is 0). On en-serif 8x12 and 11x19 pages with noise 5-30 (and blur),
    /// paper joins spread up to 2.5-6 times the cheapest; joins across ink start
    /// higher (noise 30: 6 times).
    static func paperJoinCost(_ costs: CostMatrix) -> Float {
        paperJoinCost(best: cheapestJoins(costs))
    }

    static func paperJoinCost(best: [Float]) -> Float {
        guard let cheapest = best.min(), cheapest.isFinite else { return 0 }
        return paperJoinFactor * cheapest
    }

    static let paperJoinFactor: Float = 8
}
