import Foundation

/// Restores a cross-cut page: an R x C grid of equal pieces.
///
/// 1. **Rows.** Pieces of one page row were cut from the same text lines, so
///    their vertical ink profiles match (`RowClustering`).
/// 2. **Each row** is ordered as a strip problem (`StripSolver`), anchored by its
///    left- and right-margin pieces.
/// 3. **Refinement.** Pieces are swapped between rows while the total cost falls:
///    a piece in the wrong row pays for it in its joins and in how badly its text
///    lines fit the row's. This also settles rows whose lines sit at the same heights.
/// 4. **Row order**: a tour over the rows, the cost of row `a` above row `b` being
///    the top-bottom edge costs down all C columns plus how badly the text-line
///    rhythm breaks across the cut (`LineRhythm`), anchored by the top and bottom
///    margin rows.
enum GridSolver {
    struct Result: Sendable, Equatable {
        /// Piece indices, top row first, each row left to right.
        var rows: [[Int]]
    }

    /// What every stage reads: the pieces, the page objective that prices their
    /// arrangement, the user's pins, and the solver's settings. Built in one place
    /// (`init`, then `deciding` for the user's decisions), whether the pieces are one
    /// page's (`prepare`) or a double-sided sheet's (`Sheet.gridInputs`).
    struct Inputs: Sendable {
        var images: [GrayImage]
        /// The page's cost, decisions priced in (prohibitive joins) when `decided`.
        var objective: PageObjective { didSet { candidates = CandidateCache() } }
        /// The objective before decisions priced it: what the pixels say, read by
        /// confidence (no n^2 matrix is computed twice).
        var evidence: PageObjective
        var configuration: Configuration
        /// Left-right joins the user pinned: their pieces share a row, whatever the profiles say.
        var pinnedLinks: [(Int, Int)] = []
        /// Top-bottom joins the user pinned (upper, lower).
        var pinnedBelow: [(Int, Int)] = []
        /// Decisions are priced into the matrices (prohibitive joins), so a page's cost
        /// counts broken decisions too; `stackedTrades` then stands aside (it could
        /// trade a broken pin for a broken prohibition).
        var decided = false
        /// The candidate lists of both cost matrices, made on first use and shared by
        /// copies (a new cache whenever a matrix is replaced or changed).
        var candidates = CandidateCache()

        init(images: [GrayImage], leftRight: CostMatrix, topBottom: CostMatrix,
             horizontalEdges: PageEdges, verticalEdges: PageEdges, profiles: [LineProfile],
             typicalJoin: Float, typicalVerticalJoin: Float, alignment: PageObjective.Alignment? = nil,
             configuration: Configuration = Configuration()) {
            self.images = images
            let objective = PageObjective(leftRight: leftRight, topBottom: topBottom,
                                          horizontalEdges: horizontalEdges, verticalEdges: verticalEdges,
                                          profiles: profiles, typicalJoin: typicalJoin,
                                          typicalVerticalJoin: typicalVerticalJoin, weights: configuration.weights,
                                          alignment: alignment)
            self.objective = objective
            evidence = objective
            self.configuration = configuration
        }

        /// The same inputs with the user's decisions priced into the matrices and the
        /// pinned joins (between pieces named in `names`) listed; `evidence` is kept.
        func deciding(_ constraints: JoinConstraints, names: [String]) -> Inputs {
            guard !constraints.isEmpty else { return self }
            var out = self
            constraints.apply(to: &out.objective.leftRight, names: names, direction: .leftRight)
            constraints.apply(to: &out.objective.topBottom, names: names, direction: .topBottom)
            let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
            func pins(_ direction: JoinDirection) -> [(Int, Int)] {
                constraints.pinned.filter { $0.direction == direction }
                    .sorted { ($0.first, $0.second) < ($1.first, $1.second) }
                    .compactMap { join -> (Int, Int)? in
                        guard let a = index[join.first], let b = index[join.second] else { return nil }
                        return (a, b)
                    }
            }
            out.pinnedLinks = pins(.leftRight)
            out.pinnedBelow = pins(.topBottom)
            out.decided = true
            return out
        }

        // The objective's parts, read (and in tests replaced) by name.
        var leftRight: CostMatrix {
            get { objective.leftRight }
            set { objective.leftRight = newValue }
        }
        var topBottom: CostMatrix {
            get { objective.topBottom }
            set { objective.topBottom = newValue }
        }
        var horizontalEdges: PageEdges { objective.horizontalEdges }
        var verticalEdges: PageEdges { objective.verticalEdges }
        var profiles: [LineProfile] { objective.profiles }
        var typicalJoin: Float { objective.typicalJoin }
        var typicalVerticalJoin: Float { objective.typicalVerticalJoin }
    }

    /// Computes `candidateLists` once, whichever thread asks first.
    final class CandidateCache: @unchecked Sendable {
        private let lock = NSLock()
        private var lists: (leftRight: CandidateLists, topBottom: CandidateLists)?

        func get(_ make: () -> (leftRight: CandidateLists, topBottom: CandidateLists))
            -> (leftRight: CandidateLists, topBottom: CandidateLists) {
            lock.lock()
            defer { lock.unlock() }
            if let lists { return lists }
            let made = make()
            lists = made
            return made
        }
    }

    /// The inputs of one page's pieces: both cost matrices, page edges and line
    /// profiles, then the decisions (`Inputs.deciding`).
    static func prepare(_ images: [GrayImage], measure: EdgeCostMeasure,
                        constraints: JoinConstraints = JoinConstraints(), names: [String] = [],
                        configuration: Configuration = Configuration()) -> Inputs {
        let lr = CostMatrix.leftRight(images, measure: measure)
        let tb = CostMatrix.topBottom(images, measure: measure)
        let typical = StripSolver.typicalJoin(lr)
        let typicalVertical = StripSolver.typicalJoin(tb)
        return Inputs(images: images, leftRight: lr, topBottom: tb,
                      horizontalEdges: PageEdges.horizontal(images, typicalJoin: typical, measure: measure),
                      verticalEdges: PageEdges.vertical(images, typicalJoin: typicalVertical, measure: measure),
                      profiles: images.map { LineProfile($0) },
                      typicalJoin: typical, typicalVerticalJoin: typicalVertical,
                      alignment: PageObjective.Alignment(images), configuration: configuration)
            .deciding(constraints, names: names)
    }

    static func solve(_ inputs: Inputs, grid: GridShape, seed: UInt64 = 1) -> Result {
        // Two kinds of evidence group the rows, each blind where the other sees: line
        // profiles (blind to rows with lines at the same heights) and the text's run
        // along a row (blind where a row is cut through paper). Each grouping is
        // arranged in full, on its own core, and the page whose joins cost least wins.
        var groupings = [RowClustering.cluster(inputs.profiles, rows: grid.rows, columns: grid.columns,
                                               links: inputs.pinnedLinks + confidentLinks(inputs))]
        let config = inputs.configuration
        if inputs.leftRight.count <= config.tourLimit && inputs.pinnedLinks.isEmpty {
            for groups in RowTour.groups(inputs, grid: grid, seed: seed, lineWeights: config.tourLineWeights) {
                let partition = Set(groups.map(Set.init))
                if !groupings.contains(where: { Set($0.map(Set.init)) == partition }) { groupings.append(groups) }
            }
        }
        let candidates = groupings
        let arranged = Parallel.map(candidates.count) { arrange(candidates[$0], inputs: inputs, seed: seed) }
        let costs = arranged.map { pageCost($0, inputs: inputs) }
        let best = costs.indices.min { (costs[$0], $0) < (costs[$1], $1) } ?? 0
        return Result(rows: enforcePins(descendAgain(arranged[best], cost: costs[best], inputs: inputs, seed: seed),
                                        inputs: inputs))
    }

    /// The page arranged again from its own rows (taken as the grouping), with another
    /// seed, while that makes it cheaper (`Configuration.extraDescents` times at most).
    ///
    /// Blank pieces carry no evidence and cuts through white space join alike, so a page
    /// with blank pieces has many arrangements its local steps price alike, and one
    /// descent stops in the first it reaches: measured on fresh corpora, the true page
    /// is then far cheaper than the one found (on a 16x14 text page 574 against 1,006),
    /// and arranging from the true rows finds a page close to it. The rows found hold
    /// most pieces of their true row, so a second descent from them (rows re-ordered,
    /// trades, row order, polish, bands, blanks) starts nearer, and the page's cost
    /// decides whether it is kept. Dense pages (no blank piece: every cut crosses
    /// text) are left as the first descent found them, as are pages past
    /// `extraDescentLimit` pieces and double-sided sheets (their own polish rounds,
    /// `SheetPolish`, arrange them again priced by the sheet; descents by these joins
    /// alone lowered a 60-set corpus's sheets from 83.7 to 82.3 % neighbour accuracy).
    static func descendAgain(_ start: [[Int]], cost: Float, inputs: Inputs, seed: UInt64) -> [[Int]] {
        let config = inputs.configuration
        guard config.extraDescents > 0, inputs.images.count <= config.extraDescentLimit,
              (inputs.objective.alignment?.faces.count ?? 1) == 1,
              inputs.profiles.contains(where: { $0.ink == 0 }) else { return start }
        var rows = start, standing = cost
        for round in 1...config.extraDescents {
            let again = arrange(rows, inputs: inputs, seed: seed &+ UInt64(round))
            let c = pageCost(again, inputs: inputs)
            guard c < standing - 1e-3 else { break }
            rows = again
            standing = c
        }
        return rows
    }

    /// Everything after the rows are grouped: order, trade, stack, polish.
    static func arrange(_ groups: [[Int]], inputs: Inputs, seed: UInt64) -> [[Int]] {
        var rows = groups.map { orderRow($0, inputs: inputs, seed: seed) }
        rows = exchangeSegments(rows, inputs: inputs, seed: seed)
        rows = refine(rows, inputs: inputs, seed: seed)
        rows = exchangeSegments(rows, inputs: inputs, seed: seed)
        rows = orderRows(rows, inputs: inputs, seed: seed)
        var settled = Set<[Int]>()
        rows = polish(rows, inputs: inputs, settled: &settled)
        for _ in 0..<inputs.configuration.arrangeRounds {
            let swapped = swapPieces(rows, inputs: inputs)
            if swapped == rows { break }
            rows = orderRows(polish(swapped, inputs: inputs, settled: &settled), inputs: inputs, seed: seed)
            rows = polish(rows, inputs: inputs, settled: &settled)
        }
        // Rows grouped wrongly across a white gap: a band of columns re-ordered down the
        // page by its top-bottom joins; then the row order, swaps and polish again.
        let split = RowSplits.improve(rows, inputs: inputs)
        if split != rows {
            rows = orderRows(polish(split, inputs: inputs, settled: &settled), inputs: inputs, seed: seed)
            rows = polish(swapPieces(rows, inputs: inputs), inputs: inputs, settled: &settled)
        }
        // Runs traded between look-alike rows; swaps and polish settle what they leave.
        let traded = stackedTrades(rows, inputs: inputs)
        if traded != rows {
            rows = polish(swapPieces(traded, inputs: inputs), inputs: inputs, settled: &settled)
        }
        // Last: blank pieces placed by what is above and below them, and by the margins
        // (steps that read the joins alone would slide them back where those cannot tell);
        // first whole blocks of rows, then single rows' blank runs.
        rows = shiftBlocks(rows, inputs: inputs)
        // A block turned by whole columns can bring a band's parts back under their own
        // column (the halves of rows swapped across a gutter): the bands again.
        let resplit = RowSplits.improve(rows, inputs: inputs)
        if resplit != rows {
            rows = polish(swapPieces(resplit, inputs: inputs), inputs: inputs, settled: &settled)
        }
        return shiftBlanks(rows, inputs: inputs)
    }

    /// The sum of every join of the page, left-right and top-bottom, page edges included
    /// (`PageObjective.pageCost`).
    static func pageCost(_ rows: [[Int]], inputs: Inputs) -> Float { inputs.objective.pageCost(rows) }

    /// Left-right joins sure enough to tie two pieces to one row: each is the
    /// other's cheapest partner (best buddies), the join carries ink, the runner-up
    /// costs at least half as much again, and the line profiles agree.
    static func confidentLinks(_ inputs: Inputs) -> [(Int, Int)] {
        let lr = inputs.leftRight
        let rivals = JoinRivals(lr)
        var links: [(Int, Int)] = []
        let floor = 0.05 * inputs.typicalJoin
        for i in 0..<lr.count {
            let out = rivals.successors[i]
            let j = Int(out.owner)
            guard j >= 0, rivals.predecessors[j].owner == Int32(i) else { continue }
            let c = lr[i, j]
            let secondOut = out.second, secondIn = rivals.predecessors[j].second
            guard secondOut >= 1.5 * c + floor, secondIn >= 1.5 * c + floor, secondOut > floor else { continue }
            guard inputs.profiles[i].ink > 0, inputs.profiles[j].ink > 0,
                  LineProfile.correlation(inputs.profiles[i].density, inputs.profiles[j].density) > 0.5 else { continue }
            links.append((i, j))
        }
        return links
    }

    /// Two rows ordered (`orderRow`), at once on two cores when they are long.
    static func orderRows(_ first: [Int], _ second: [Int], inputs: Inputs, seed: UInt64,
                          parallelFrom: Int? = nil) -> ([Int], [Int]) {
        let parallelFrom = parallelFrom ?? inputs.configuration.parallelKickColumns
        guard min(first.count, second.count) >= parallelFrom else {
            return (orderRow(first, inputs: inputs, seed: seed), orderRow(second, inputs: inputs, seed: seed))
        }
        let rows = [first, second]
        let out = Parallel.map(2) { orderRow(rows[$0], inputs: inputs, seed: seed) }
        return (out[0], out[1])
    }

    static func orderRow(_ members: [Int], inputs: Inputs, seed: UInt64) -> [Int] {
        StripSolver.order(members, costs: inputs.leftRight, edges: inputs.horizontalEdges,
                          confidenceFloor: 1, seed: seed).order
    }

    // MARK: Row order

    /// The rows in the order of the cheapest tour through `PageObjective.rowOrderMatrix`
    /// (seams, line rhythm, the top and bottom edges).
    static func orderRows(_ rows: [[Int]], inputs: Inputs, seed: UInt64) -> [[Int]] {
        guard rows.count > 1 else { return rows }
        let matrix = inputs.objective.rowOrderMatrix(rows)
        let tour = AsymmetricTSP.solve(cost: matrix, count: rows.count + 1, seed: seed)
        return tour.dropFirst().map { rows[$0 - 1] }
    }

    /// Merges a list ranked best first into `best` (at most `limit`, ranked), stopping at
    /// the first entry that cannot get in: the rest of its list cannot either.
    static func keepBest<T>(_ ranked: [T], in best: inout [T], limit: Int, by before: (T, T) -> Bool) {
        for t in ranked {
            if best.count == limit, !before(t, best[limit - 1]) { break }
            let at = best.firstIndex { before(t, $0) } ?? best.count
            best.insert(t, at: at)
            if best.count > limit { best.removeLast() }
        }
    }

}
