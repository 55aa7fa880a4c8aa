/// How close a result is to the truth.
///
/// - neighbour accuracy: share of the true adjacent pairs (left-right and top-bottom)
///   that are adjacent the same way in the result, on any of its pages;
/// - direct accuracy: share of cells holding the piece the truth has there;
/// - perfect: the restored pages equal the true ones pixel for pixel (pieces with
///   identical pixels are interchangeable).
///
/// Pages (double-sided sheets, mixed pages) are compared with the result page holding
/// most of the same pieces, whatever their order: which side is the front, or which
/// page of a mixed folder is page 1, is a convention.
///
/// Turned pieces (`Layout.Page.turned`, the `~` mark): a piece is in the right place
/// only when it also stands the right way round, and a pair only when both do.
public struct Score: Sendable, Equatable, Codable {
    public var neighbourAccuracy: Double
    public var directAccuracy: Double
    public var perfect: Bool

    public init(neighbourAccuracy: Double, directAccuracy: Double, perfect: Bool) {
        self.neighbourAccuracy = neighbourAccuracy
        self.directAccuracy = directAccuracy
        self.perfect = perfect
    }

    /// Scores `result` against `truth`. With `pieces`, identical pieces count as the same.
    public static func compare(_ result: Layout, truth: Layout, pieces: PieceSet? = nil) -> Score {
        // Identical-pixel pieces share a canonical name so they compare equal.
        let canonical = pieces.map(canonicalNames) ?? [:]
        func id(_ s: String) -> String { canonical[s] ?? s }

        var truePairs = 0, keptPairs = 0, cells = 0, rightCells = 0
        var allCellsRight = result.pages.count == truth.pages.count
        let matched = matchPages(result, truth: truth, id: id)
        // A cell's key: its canonical name, and its orientation.
        func key(_ name: String, on page: Layout.Page) -> String { page.isTurned(name) ? id(name) + "~" : id(name) }
        // Pairs count wherever they are found: two true neighbours put side by side on
        // another page than the one matched (two mixed pages run together) are kept.
        var resultPairs: [String: Int] = [:]
        for resultPage in result.pages {
            for (r, row) in resultPage.rows.enumerated() {
                for (c, name) in row.enumerated() {
                    let here = key(name, on: resultPage)
                    if c + 1 < row.count { resultPairs["\(here)>\(key(row[c + 1], on: resultPage))", default: 0] += 1 }
                    if r + 1 < resultPage.rows.count, c < resultPage.rows[r + 1].count {
                        resultPairs["\(here)v\(key(resultPage.rows[r + 1][c], on: resultPage))", default: 0] += 1
                    }
                }
            }
        }
        for (p, truePage) in truth.pages.enumerated() {
            let resultPage = matched[p].map { result.pages[$0] } ?? Layout.Page(rows: [])
            for (r, row) in truePage.rows.enumerated() {
                for (c, name) in row.enumerated() {
                    cells += 1
                    let here = key(name, on: truePage)
                    let got = r < resultPage.rows.count && c < resultPage.rows[r].count ? resultPage.rows[r][c] : nil
                    if let got, key(got, on: resultPage) == here { rightCells += 1 } else { allCellsRight = false }
                    var keys: [String] = []
                    if c + 1 < row.count { keys.append("\(here)>\(key(row[c + 1], on: truePage))") }
                    if r + 1 < truePage.rows.count { keys.append("\(here)v\(key(truePage.rows[r + 1][c], on: truePage))") }
                    for key in keys {
                        truePairs += 1
                        if let n = resultPairs[key], n > 0 { keptPairs += 1; resultPairs[key] = n - 1 }
                    }
                }
            }
            if resultPage.rowCount != truePage.rowCount || resultPage.columnCount != truePage.columnCount {
                allCellsRight = false
            }
        }
        return Score(
            neighbourAccuracy: truePairs == 0 ? 1 : Double(keptPairs) / Double(truePairs),
            directAccuracy: cells == 0 ? 1 : Double(rightCells) / Double(cells),
            perfect: allCellsRight)
    }

    /// Name -> the first name (in name order) of a piece with exactly the same pixels.
    static func canonicalNames(_ pieces: PieceSet) -> [String: String] {
        var canonical: [String: String] = [:]
        var firstByPixels: [GrayImage: String] = [:]
        for piece in pieces.pieces {
            if let first = firstByPixels[piece.image] { canonical[piece.name] = first } else {
                firstByPixels[piece.image] = piece.name
                canonical[piece.name] = piece.name
            }
        }
        return canonical
    }

    /// For each truth page, the result page it is compared with. Which page of a
    /// double-sided sheet is called the front is a convention, so pages are matched
    /// by the pieces they share (most shared first), not by their order; ties keep
    /// the order. One page each: page 0 with page 0.
    static func matchPages(_ result: Layout, truth: Layout, id: (String) -> String) -> [Int?] {
        if truth.pages.count == 1 { return [result.pages.isEmpty ? nil : 0] }
        let resultSets = result.pages.map { Set($0.names.map(id)) }
        var candidates: [(shared: Int, truth: Int, result: Int)] = []
        for (t, page) in truth.pages.enumerated() {
            let names = Set(page.names.map(id))
            for (r, set) in resultSets.enumerated() {
                candidates.append((names.intersection(set).count, t, r))
            }
        }
        // Most shared first; on ties, the same index first, then lower indices.
        candidates.sort {
            if $0.shared != $1.shared { return $0.shared > $1.shared }
            let sameA = $0.truth == $0.result, sameB = $1.truth == $1.result
            if sameA != sameB { return sameA }
            return ($0.truth, $0.result) < ($1.truth, $1.result)
        }
        var match = [Int?](repeating: nil, count: truth.pages.count)
        var used = Set<Int>()
        for c in candidates where match[c.truth] == nil && !used.contains(c.result) {
            match[c.truth] = c.result
            used.insert(c.result)
        }
        return match
    }
}

/// How well a solution's join confidences tell its right joins from its wrong ones.
///
/// A join is *right* when the truth has the same two pieces adjacent the same way
/// (left-right or top-bottom), on any page; pieces with identical pixels are
/// interchangeable, as in `Score`. A join is *flagged* when its confidence is below
/// `threshold` (by default the interactive mode's, `QuestionPicker.defaultThreshold`):
/// a flagged wrong join is a catch, a flagged right join a false alarm.
public struct ConfidenceScore: Sendable, Equatable, Codable {
    public var threshold: Double
    public var rightJoins: Int
    public var wrongJoins: Int
    /// Mean confidence of the right (wrong) joins; nil when there are none.
    public var meanRight: Double?
    public var meanWrong: Double?
    /// Wrong joins below the threshold.
    public var wrongFlagged: Int
    /// Right joins below the threshold (false alarms).
    public var rightFlagged: Int

    public init(threshold: Double, rightJoins: Int, wrongJoins: Int, meanRight: Double?, meanWrong: Double?,
                wrongFlagged: Int, rightFlagged: Int) {
        self.threshold = threshold
        self.rightJoins = rightJoins
        self.wrongJoins = wrongJoins
        self.meanRight = meanRight
        self.meanWrong = meanWrong
        self.wrongFlagged = wrongFlagged
        self.rightFlagged = rightFlagged
    }

    /// Scores the joins of `solution` against `truth`.
    public static func compare(_ solution: Solution, truth: Layout, pieces: PieceSet? = nil,
                               threshold: Float = QuestionPicker.defaultThreshold) -> ConfidenceScore {
        let canonical = pieces.map(Score.canonicalNames) ?? [:]
        func id(_ s: String) -> String { canonical[s] ?? s }
        func key(_ a: String, _ b: String, _ direction: JoinDirection) -> String {
            "\(id(a))\(direction == .leftRight ? ">" : "v")\(id(b))"
        }
        var truePairs = Set<String>()
        for page in truth.pages {
            for (r, row) in page.rows.enumerated() {
                for (c, name) in row.enumerated() {
                    if c + 1 < row.count { truePairs.insert(key(name, row[c + 1], .leftRight)) }
                    if r + 1 < page.rows.count, c < page.rows[r + 1].count {
                        truePairs.insert(key(name, page.rows[r + 1][c], .topBottom))
                    }
                }
            }
        }
        var right: [Double] = [], wrong: [Double] = []
        var wrongFlagged = 0, rightFlagged = 0
        for join in solution.joins {
            let flagged = join.confidence < threshold
            if truePairs.contains(key(join.first, join.second, join.direction)) {
                right.append(Double(join.confidence))
                if flagged { rightFlagged += 1 }
            } else {
                wrong.append(Double(join.confidence))
                if flagged { wrongFlagged += 1 }
            }
        }
        func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count) }
        return ConfidenceScore(threshold: Double(threshold), rightJoins: right.count, wrongJoins: wrong.count,
                               meanRight: mean(right), meanWrong: mean(wrong),
                               wrongFlagged: wrongFlagged, rightFlagged: rightFlagged)
    }

    /// The scores of many sets pooled, join by join (means weighted by the joins);
    /// nil when `scores` is empty. The threshold is the first score's.
    public static func pooled(_ scores: [ConfidenceScore]) -> ConfidenceScore? {
        guard let first = scores.first else { return nil }
        let right = scores.map(\.rightJoins).reduce(0, +), wrong = scores.map(\.wrongJoins).reduce(0, +)
        let sumRight = scores.map { ($0.meanRight ?? 0) * Double($0.rightJoins) }.reduce(0, +)
        let sumWrong = scores.map { ($0.meanWrong ?? 0) * Double($0.wrongJoins) }.reduce(0, +)
        return ConfidenceScore(threshold: first.threshold, rightJoins: right, wrongJoins: wrong,
                               meanRight: right == 0 ? nil : sumRight / Double(right),
                               meanWrong: wrong == 0 ? nil : sumWrong / Double(wrong),
                               wrongFlagged: scores.map(\.wrongFlagged).reduce(0, +),
                               rightFlagged: scores.map(\.rightFlagged).reduce(0, +))
    }

    /// `right joins: mean confidence 0.83; wrong joins: mean 0.12, 12 of 15 flagged (below 0.25); 4 of 2000 right joins flagged`
    public var summaryText: String {
        func f(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "-" }
        let t = String(format: "%.2f", threshold)
        return "join confidence: right joins mean \(f(meanRight)), wrong joins mean \(f(meanWrong)); "
            + "below \(t): \(wrongFlagged) of \(wrongJoins) wrong \(wrongJoins == 1 ? "join" : "joins") flagged, "
            + "\(rightFlagged) of \(rightJoins) right \(rightJoins == 1 ? "join" : "joins") (false alarms)"
    }
}
