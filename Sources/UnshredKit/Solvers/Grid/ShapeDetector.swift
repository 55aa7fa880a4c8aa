/// Works out rows x columns of a cross-cut page from the pieces alone.
///
/// Every factor pair `R x C` of the piece count is a candidate. A page has white
/// margins all round, so exactly `C` pieces (the top row) start with a blank band
/// as deep as the top margin, `C` end with the bottom margin, `R` show the left
/// margin and `R` the right. For each side the pieces are ranked by the depth of
/// their blank band; the candidate whose counts fall where the depths drop most
/// sharply wins. Strips (one row) are told apart first: nearly every strip shows
/// both the top and the bottom margin (or, cropped, the same text lines), and
/// strips are tall and narrow.
enum ShapeDetector {
    static func detect(_ pieces: PieceSet) -> GridShape {
        let n = pieces.count
        let images = pieces.images
        guard n > 1 else { return GridShape(rows: 1, columns: max(n, 1)) }
        let top = images.map(PaperModel.blankRowsFromTop)
        let bottom = images.map(PaperModel.blankRowsFromBottom)
        let left = images.map(PaperModel.blankColumnsFromLeft)
        let right = images.map(PaperModel.blankColumnsFromRight)
        let h = pieces.height, w = pieces.width
        let inked = images.indices.filter { top[$0] < h }
        // Strips run the page's full height: nearly every one shows both margins,
        // and they are tall and narrow (a cross-cut piece whose cuts fell between
        // text lines shows blank bands too, but is not several times taller than wide).
        let bothMargins = inked.filter { top[$0] >= 2 && bottom[$0] >= 2 }.count
        let allShowMargins = inked.isEmpty || Float(bothMargins) >= 0.9 * Float(inked.count)
        if h >= 2 * w && (allShowMargins || sharedLines(images, inked)) { return GridShape(rows: 1, columns: n) }
        var best: (Float, GridShape) = (-.infinity, GridShape(rows: 1, columns: n))
        for rows in 2...n where n % rows == 0 && n / rows >= 2 {
            let columns = n / rows
            let score = split(top, count: columns, full: h) + split(bottom, count: columns, full: h)
                + split(left, count: rows, full: w) + split(right, count: rows, full: w)
            if score > best.0 { best = (score, GridShape(rows: rows, columns: columns)) }
        }
        return best.1
    }

    /// Strips all cross the same text lines, so their line profiles agree (even
    /// where the page was cropped through text and shows no margin).
    static func sharedLines(_ images: [GrayImage], _ inked: [Int]) -> Bool {
        guard inked.count >= 2 else { return true }
        let profiles = inked.map { LineProfile(images[$0]).density }
        var scores: [Float] = []
        var rng = SeededRandom(seed: 17)
        let pairs = min(400, inked.count * (inked.count - 1) / 2)
        for _ in 0..<pairs {
            let a = Int.random(in: 0..<profiles.count, using: &rng)
            var b = Int.random(in: 0..<profiles.count, using: &rng)
            if a == b { b = (b + 1) % profiles.count }
            scores.append(LineProfile.correlation(profiles[a], profiles[b]))
        }
        scores.sort()
        return scores[scores.count / 2] > 0.5
    }

    /// How cleanly the `count` deepest bands stand apart from the rest, relative to
    /// the piece size: the gap between the count-th and (count+1)-th deepest band.
    /// Blank pieces (band == full) are left out of the ranking.
    static func split(_ bands: [Int], count: Int, full: Int) -> Float {
        let sorted = bands.filter { $0 < full }.sorted(by: >)
        guard !sorted.isEmpty else { return 0 }
        let k = min(count, sorted.count)
        let inside = sorted[k - 1]
        let outside = k < sorted.count ? sorted[k] : 0
        return Float(inside - outside) / Float(max(1, full))
    }
}
