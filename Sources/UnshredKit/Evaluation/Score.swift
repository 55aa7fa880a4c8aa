/// How close a result is to the truth.
///
/// - neighbour accuracy: share of the true adjacent pairs (left-right and top-bottom)
///   that are adjacent the same way in the result;
/// - direct accuracy: share of cells holding the piece the truth has there;
/// - perfect: the restored pages equal the true ones pixel for pixel (pieces with
///   identical pixels are interchangeable).
///
/// Pages (double-sided sheets) are compared with the result page holding most of
/// the same pieces, whatever their order: which side is the front is a convention.
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
        for (p, truePage) in truth.pages.enumerated() {
            var resultPairs: [String: Int] = [:]
            let resultPage = matched[p].map { result.pages[$0] } ?? Layout.Page(rows: [])
            for (r, row) in resultPage.rows.enumerated() {
                for (c, name) in row.enumerated() {
                    if c + 1 < row.count { resultPairs["\(id(name))>\(id(row[c + 1]))", default: 0] += 1 }
                    if r + 1 < resultPage.rows.count, c < resultPage.rows[r + 1].count {
                        resultPairs["\(id(name))v\(id(resultPage.rows[r + 1][c]))", default: 0] += 1
                    }
                }
            }
            for (r, row) in truePage.rows.enumerated() {
                for (c, name) in row.enumerated() {
                    cells += 1
                    let got = r < resultPage.rows.count && c < resultPage.rows[r].count ? resultPage.rows[r][c] : nil
                    if let got, id(got) == id(name) { rightCells += 1 } else { allCellsRight = false }
                    var keys: [String] = []
                    if c + 1 < row.count { keys.append("\(id(name))>\(id(row[c + 1]))") }
                    if r + 1 < truePage.rows.count { keys.append("\(id(name))v\(id(truePage.rows[r + 1][c]))") }
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
