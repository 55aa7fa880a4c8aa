/// Tells strips from a cross-cut grid, and leaves the grid's shape to `ShapeInference`.
///
/// Strips run the page's full height: nearly every one shows both the top and the
/// bottom margin (or, cropped, the same text lines), and strips are tall and narrow.
enum ShapeDetector {
    /// Rows x columns of the pieces: `1 x n` for strips, else `ShapeInference`'s choice.
    static func detect(_ pieces: PieceSet) -> GridShape {
        estimate(pieces).shape
    }

    /// The shape with its runner-up (none for strips).
    static func estimate(_ pieces: PieceSet, measure: EdgeCostMeasure = .standard) -> ShapeEstimate {
        let n = pieces.count
        if n <= 1 || isStrips(pieces) { return ShapeEstimate(shape: GridShape(rows: 1, columns: max(n, 1))) }
        return ShapeInference.infer(GridSolver.prepare(pieces.images, measure: measure)).estimate
    }

    /// Strips run the page's full height: nearly every one shows both margins, and they
    /// are tall and narrow (a cross-cut piece whose cuts fell between text lines shows
    /// blank bands too, but is not several times taller than wide).
    public static func isStrips(_ pieces: PieceSet) -> Bool {
        let n = pieces.count
        guard n > 1 else { return true }
        // Strips decision (owned with the strip solver): pieces the loader saw as strips.
        if seenAsStrips(pieces) { return true }
        let images = pieces.images
        let h = pieces.height, w = pieces.width
        // Strips are tall and narrow, and side by side they make a page of sensible
        // proportions (390 pieces of a grid are no page of 390 strips).
        let aspect = Float(h) / Float(n * w)
        guard h >= 2 * w, aspect <= ShapeInference.maxAspect, aspect >= 1 / ShapeInference.maxAspect else { return false }
        let top = images.map(PaperModel.blankRowsFromTop)
        let bottom = images.map(PaperModel.blankRowsFromBottom)
        let inked = images.indices.filter { top[$0] < h }
        let bothMargins = inked.filter { top[$0] >= 2 && bottom[$0] >= 2 }.count
        let allShowMargins = inked.isEmpty || Float(bothMargins) >= 0.9 * Float(inked.count)
        return allShowMargins || sharedLines(images, inked)
    }

    /// Strips of unequal size, or resampled to their paper: the loader reads pieces of
    /// unequal size only as strips (`SolverView`), each at least 3 times as tall as its
    /// paper is wide, so they are strips whatever their number (several pages of strips
    /// mixed make no page of sensible proportions together; their heights differ by a
    /// few px from page to page). Equal-size pieces cut to the paper are seen as scanned.
    static func seenAsStrips(_ pieces: PieceSet) -> Bool {
        let w = pieces.width, h = pieces.height
        return pieces.pieces.contains { $0.scan.width != w || $0.scan.height != h }
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
    ///
    /// A blank piece may sit in a margin place (a margin column of a page whose text
    /// starts lower down, a corner): then fewer than `count` inked pieces show that
    /// margin. With `blanks` blank pieces about, anywhere from `count - blanks` to `count`
    /// pieces may stand apart, and the cleanest such split counts.
    static func split(_ bands: [Int], count: Int, full: Int, blanks: Int = 0) -> Float {
        let sorted = bands.filter { $0 < full }.sorted(by: >)
        guard !sorted.isEmpty else { return 0 }
        var best = 0
        for m in max(1, count - max(0, blanks))...max(1, count) {
            let k = min(m, sorted.count)
            let outside = k < sorted.count ? sorted[k] : 0
            best = max(best, sorted[k - 1] - outside)
            if k == sorted.count { break }
        }
        return Float(best) / Float(max(1, full))
    }
}
