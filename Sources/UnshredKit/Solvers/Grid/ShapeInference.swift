import Foundation

/// The shape chosen for a cross-cut page, with the runner-up and how far behind it is.
public struct ShapeEstimate: Sendable, Equatable {
    public var shape: GridShape
    /// The next best shape, when there was another candidate.
    public var runnerUp: GridShape?
    /// The chosen shape's lead over the runner-up in evidence units (`ShapeInference`);
    /// `.infinity` when there was no rival.
    public var margin: Float

    public init(shape: GridShape, runnerUp: GridShape? = nil, margin: Float = .infinity) {
        self.shape = shape
        self.runnerUp = runnerUp
        self.margin = margin
    }

    /// The runner-up came close enough that the user should be told (and can choose with `--grid`).
    public var isDoubtful: Bool { runnerUp != nil && margin < ShapeInference.doubtfulMargin }
}

/// Works out rows x columns of a cross-cut page from the pieces alone.
///
/// Every factor pair `R x C` of the piece count is a candidate, save those whose page
/// would be absurdly long and thin (beyond `maxAspect`), which are never solved. Each is
/// scored on the evidence (`Evidence`):
///
/// - **Margins**: `C` pieces show the top margin, `C` the bottom one, `R` each side, or
///   fewer where blank pieces fill margin places (`ShapeDetector.split`, averaged over
///   the four sides).
/// - **Proportions**: a page is usually A4 or Letter, and more often portrait than
///   landscape; equal pieces tile the whole sheet, so the true shape's page has the
///   sheet's proportions to within a few per cent. A candidate pays for how far (log
///   ratio, beyond a small tolerance) its page is from a portrait sheet, or from a
///   landscape one plus `landscapePenalty`. A soft prior, not a rule: the margins and
///   the trials can outvote it.
/// - **Trials**: the few best candidates so far are arranged quickly (rows grouped by
///   their line profiles, each row ordered, rows stacked) and pay for the mean cost of
///   their joins, each in typical joins of its direction and capped (`trialJoinCap`),
///   as a log ratio to the cheapest trial: the wrong shape breaks text lines where its
///   rows end.
///
/// Line profiles alone (how sharply each piece's ranked profile correlations drop
/// after `C - 1` mates) were tried as a fourth term and left out: on the tuning
/// corpora (seeds 101 and 102, 80 grid and double-sided sets) they added nothing.
///
/// ```
///   R x C = 3 x 4           the top C pieces show the top margin,
///   +--+--+--+--+           the left R the left margin;
///   |  |  |  |  |  <- one   the C pieces of a row share text lines
///   +--+--+--+--+     row
/// ```
enum ShapeInference {
    /// Weights of the evidence terms. Margins and proportions were fitted by grid search
    /// on make-corpus seeds 101 and 102 (40 grid + double-sided sets each): 1 / 2 / 0.5
    /// found 89 % of the shapes (margins alone, the detector before: 58 %). The trial's
    /// weight was fitted again with its joins capped (`trialJoinCap`), on seeds 31001 and
    /// 50505 (200 sets): 0.1-0.35 all found every shape, 0.4-0.5 lost one or two.
    struct Weights: Sendable, Equatable {
        var margins: Float = 1
        var proportions: Float = 2
        var trial: Float = 0.25
        init() {}
    }

    /// What one candidate shape scored on.
    struct Evidence: Sendable, Equatable {
        var shape: GridShape
        var margins: Float
        /// How far (log ratio beyond a tolerance) the page's proportions are from a usual sheet's.
        var proportions: Float
        /// Mean cost per join of a quick arrangement, in typical joins; nil when not tried.
        var trial: Float?
        var score: Float = 0
    }

    static let weights = Weights()
    /// A runner-up closer than this (in score units) makes the shape doubtful. On the
    /// tuning corpora (seeds 31001 and 50505, 200 sets), before capped trials and blank
    /// margin places, 5 of the 8 wrong shapes fell below 0.15 (three won by 0.3-1.5) and
    /// 9 of the 192 right ones; since, no shape is wrong there and 14 of the 200 fall
    /// below (7 %), among them 3 of the 8 that were wrong. On fresh seed 44022 (100
    /// sets): 3 wrong of which 3 flagged, 6 false alarms before; 0 wrong, 7 after.
    static let doubtfulMargin: Float = 0.15
    /// Candidates whose page is more than this many times taller than wide (or wider than
    /// tall) are not considered: a 2 x 1045 page of 72 x 180 px pieces would be 209 times as
    /// wide as tall, and rows that long cost the solver minutes.
    static let maxAspect: Float = 5
    /// How many of the best candidates are tried by arranging them (two from `bigPage` pieces).
    static let trials = 3
    static let bigPage = 1100
    /// Trials run only when the runner-up before them is within this score of the best.
    static let trialMargin: Float = 1
    /// A trial join costs at most this many typical joins of its direction: a quick
    /// arrangement breaks a few joins badly whatever the shape (a row ordered with its
    /// blank pieces at the wrong end breaks every join below it), and uncapped those few
    /// outweighed the rest. Capped, the trial counts broken joins rather than how broken
    /// they are. On the tuning corpora (seeds 31001 and 50505, 200 grid and double-sided
    /// sets) uncapped trials cost 4 shapes (true 12 x 10 read as 10 x 12 by a trial of
    /// 0.58 typical joins a join against 7.3); caps of 0.5 to 8 all found every shape.
    static let trialJoinCap: Float = 2

    /// Usual page proportions (height / width) upright: Letter and A4.
    static let sheets: [Float] = [11 / 8.5, 297 / 210]
    /// Proportions within this log ratio of a usual sheet pay nothing: pieces cut from a
    /// whole sheet tile it, so only rounding to whole pixels and a trimmed edge move the
    /// page off the sheet (CUMCM's 11 x 19 page: 0.023 from A4). It was 0.12, which let a
    /// transposed near-square shape (10 x 9 read as 9 x 10: a page 1.15 high for 1.41)
    /// and a landscape shape with sqrt(2) fewer rows pass as a Letter or A4 sheet.
    static let sheetTolerance: Float = 0.03
    /// What a landscape page pays beyond its distance from a landscape sheet: office pages
    /// are mostly portrait, so between a portrait and a landscape reading that the other
    /// evidence finds equal, portrait is the likelier. Small beside the margin and trial
    /// terms of a page that really is landscape (a log ratio of 0.05, weighted like the
    /// other proportions). On make-corpus seed 31001 (80 grid and double-sided sets, all
    /// portrait) 6 of the 10 wrong shapes were landscape readings of portrait pages.
    static let landscapePenalty: Float = 0.05

    /// The candidate shapes of `n` pieces of `width x height` px: every factor pair with at
    /// least two rows and two columns whose page is not absurdly long (`maxAspect`).
    static func candidates(count n: Int, width: Int, height: Int) -> [GridShape] {
        guard n >= 4 else { return [] }
        let all = (2...(n / 2)).filter { n % $0 == 0 }.map { GridShape(rows: $0, columns: n / $0) }
        let plausible = all.filter {
            let aspect = pageAspect($0, width: width, height: height)
            return aspect <= maxAspect && aspect >= 1 / maxAspect
        }
        // None plausible: the least absurd alone.
        guard plausible.isEmpty else { return plausible }
        return all.min { abs(log(pageAspect($0, width: width, height: height))) < abs(log(pageAspect($1, width: width, height: height))) }
            .map { [$0] } ?? []
    }

    /// Page height over width.
    static func pageAspect(_ shape: GridShape, width: Int, height: Int) -> Float {
        Float(shape.rows * height) / Float(max(1, shape.columns * width))
    }

    static func proportionPenalty(_ shape: GridShape, width: Int, height: Int) -> Float {
        let a = pageAspect(shape, width: width, height: height)
        let portrait = sheets.map { abs(log(a / $0)) }.min() ?? 0
        let landscape = sheets.map { abs(log(a * $0)) }.min() ?? 0
        return min(max(0, portrait - sheetTolerance), max(0, landscape - sheetTolerance) + landscapePenalty)
    }

    /// The best shape of a grid whose inputs are prepared (`GridSolver.prepare`), with
    /// every candidate's evidence (best first).
    static func infer(_ inputs: GridSolver.Inputs, seed: UInt64 = 1)
        -> (estimate: ShapeEstimate, evidence: [Evidence]) {
        let images = inputs.images
        let bands = MarginBands(images)
        let w = images.first?.width ?? 1, h = images.first?.height ?? 1
        return infer(inputs, pieceWidth: w, pieceHeight: h, margins: { bands.score($0, width: w, height: h) }, seed: seed)
    }

    /// - Parameters:
    ///   - pieceWidth, pieceHeight: one face's size (the inputs' images may stack two faces).
    ///   - margins: the margin term of a candidate.
    static func infer(_ inputs: GridSolver.Inputs, pieceWidth w: Int, pieceHeight h: Int,
                      margins: (GridShape) -> Float, seed: UInt64)
        -> (estimate: ShapeEstimate, evidence: [Evidence]) {
        let n = inputs.images.count
        let shapes = candidates(count: n, width: w, height: h)
        guard !shapes.isEmpty else { return (ShapeEstimate(shape: GridShape(rows: 1, columns: max(n, 1))), []) }
        var evidence = shapes.map { s in
            Evidence(shape: s, margins: margins(s), proportions: proportionPenalty(s, width: w, height: h), trial: nil)
        }
        let wt = weights
        func rescore() {
            let floor = evidence.compactMap(\.trial).min() ?? 1
            for k in evidence.indices {
                let e = evidence[k]
                var s = wt.margins * e.margins - wt.proportions * e.proportions
                if let t = e.trial { s -= wt.trial * log(max(t, 1e-6) / max(floor, 1e-6)) }
                evidence[k].score = s
            }
            evidence.sort { ($0.score, $1.shape.rows) > ($1.score, $0.shape.rows) }
        }
        rescore()
        if evidence.count > 1 && evidence[0].score - evidence[1].score < trialMargin {
            let shapesTried = evidence.prefix(n >= bigPage ? 2 : trials).map(\.shape)
            let costs = Parallel.map(shapesTried.count) { k in trialCost(shapesTried[k], inputs: inputs, seed: seed) }
            for (k, shape) in shapesTried.enumerated() {
                if let i = evidence.firstIndex(where: { $0.shape == shape }) { evidence[i].trial = costs[k] }
            }
            // Untried candidates cannot gain on a term they did not sit: they pay the worst trial seen.
            let worst = costs.max() ?? 0
            for k in evidence.indices where evidence[k].trial == nil { evidence[k].trial = worst }
            rescore()
        }
        let best = evidence[0]
        let estimate = ShapeEstimate(shape: best.shape, runnerUp: evidence.count > 1 ? evidence[1].shape : nil,
                                     margin: evidence.count > 1 ? best.score - evidence[1].score : .infinity)
        return (estimate, evidence)
    }

    /// Mean cost per join of a quick arrangement of the page as `shape`: rows grouped by
    /// their line profiles, each ordered, rows stacked; each join in typical joins of its
    /// direction, at most `trialJoinCap`, page edges included.
    static func trialCost(_ shape: GridShape, inputs: GridSolver.Inputs, seed: UInt64) -> Float {
        let groups = RowClustering.cluster(inputs.profiles, rows: shape.rows, columns: shape.columns,
                                           links: GridSolver.confidentLinks(inputs))
        var rows = groups.map { GridSolver.orderRow($0, inputs: inputs, seed: seed) }
        rows = GridSolver.orderRows(rows, inputs: inputs, seed: seed)
        return meanJoinCost(rows, inputs: inputs, cap: trialJoinCap)
    }

    /// Mean cost per join of an arrangement, each join in typical joins of its
    /// direction and at most `cap` of them, page edges included.
    static func meanJoinCost(_ rows: [[Int]], inputs: GridSolver.Inputs, cap: Float = .infinity) -> Float {
        // Double-sided inputs carry no typical vertical join (their line rhythm is off).
        let typicalVertical = inputs.typicalVerticalJoin > 0 ? inputs.typicalVerticalJoin : StripSolver.typicalJoin(inputs.topBottom)
        let lrScale = 1 / max(inputs.typicalJoin, 1e-6), tbScale = 1 / max(typicalVertical, 1e-6)
        var total: Float = 0
        var count = 0
        func add(_ typicalJoins: Float) {
            total += min(typicalJoins, cap)
            count += 1
        }
        for (r, row) in rows.enumerated() {
            guard let a = row.first, let b = row.last else { continue }
            add(lrScale * inputs.horizontalEdges.leftEdge[a])
            add(lrScale * inputs.horizontalEdges.rightEdge[b])
            for (x, y) in zip(row, row.dropFirst()) { add(lrScale * inputs.leftRight[x, y]) }
            for (c, piece) in row.enumerated() {
                if r == 0 { add(tbScale * inputs.verticalEdges.leftEdge[piece]) }
                if r + 1 < rows.count, c < rows[r + 1].count {
                    add(tbScale * inputs.topBottom[piece, rows[r + 1][c]])
                } else {
                    add(tbScale * inputs.verticalEdges.rightEdge[piece])
                }
            }
        }
        return total / Float(max(1, count))
    }

    /// The blank bands at each side of every piece, for the margin term.
    struct MarginBands {
        let top: [Int], bottom: [Int], left: [Int], right: [Int]
        /// Pieces with no ink at all.
        let blanks: Int

        init(_ images: [GrayImage]) {
            top = images.map(PaperModel.blankRowsFromTop)
            bottom = images.map(PaperModel.blankRowsFromBottom)
            left = images.map(PaperModel.blankColumnsFromLeft)
            right = images.map(PaperModel.blankColumnsFromRight)
            blanks = zip(top, images).filter { $0 >= $1.height }.count
        }

        /// `C` pieces stand apart by their top bands and `C` by their bottom ones, `R` by
        /// each side's; or fewer, where blank pieces may fill margin places.
        ///
        /// Without that allowance a page whose left column holds two blank pieces among
        /// 12 shows 10 left margins (and an indented piece makes 11): the split then named
        /// 11 rows, and a 12 x 11 page was read as 11 x 12 (make-corpus seed 31001,
        /// 058). On the tuning corpora (seeds 31001 and 50505, 200 grid and double-sided
        /// sets) shapes right went from 192 to 196 with the trials as they were, and from
        /// 197 to 200 with capped trials (`trialJoinCap`).
        func score(_ shape: GridShape, width: Int, height: Int) -> Float {
            (ShapeDetector.split(top, count: shape.columns, full: height, blanks: blanks)
                + ShapeDetector.split(bottom, count: shape.columns, full: height, blanks: blanks)
                + ShapeDetector.split(left, count: shape.rows, full: width, blanks: blanks)
                + ShapeDetector.split(right, count: shape.rows, full: width, blanks: blanks)) / 4
        }
    }
}
