/// Which way up a strip's text stands, from the shape of its text lines.
///
/// In Latin script most letters sit on the baseline and far more reach up (capitals,
/// b d f h k l t, accents, digits) than hang below it (g j p q y). So in a text line's
/// ink profile (dark pixels per row) the rows above the dense x-height band carry more
/// ink than the rows below it. Turned 180 degrees, the profile reverses and so does the
/// sign. Per strip: text lines are runs of rows holding dark pixels (gaps of up to
/// `gap` rows bridged); a line's band is its rows with at least half its busiest row's
/// count; `above` sums the ink of the line's rows above the band, `below` of those
/// below. A page sums its strips' `above` and `below`, as they stand.
///
/// ```
///   row ink   line            upright: above > below
///   ..##..    ascenders  <- above
///   ######    x-height   <- band
///   ######
///   .#....    descenders <- below
/// ```
/// Turning a strip swaps its `above` and `below` (`turned`), up to how the lines' bands
/// fall. The cue is weak: on the 15 real development pages, upright, it leaned the
/// wrong way on 3 (S-ISRI-OCR D002, D003, S-MARQUES D008), so the solver asks it only
/// when the strips' own orientations leave the page's way up open (`StripSolver.upright`);
/// it says nothing for scripts without the asymmetry.
struct TextOrientation: Sendable, Equatable {
    /// Ink above the text lines' x-height bands, and below them.
    var above: Double
    var below: Double

    /// A pixel darker than this is ink.
    static let inkLevel: UInt8 = 128
    /// Rows without ink bridged inside one text line.
    static let gap = 1
    /// Text lines shorter than this (rows) are noise or rules, not letters.
    static let minLineHeight = 5

    static let zero = TextOrientation(above: 0, below: 0)

    /// Turned 180 degrees.
    var turned: TextOrientation { TextOrientation(above: below, below: above) }

    static func + (a: TextOrientation, b: TextOrientation) -> TextOrientation {
        TextOrientation(above: a.above + b.above, below: a.below + b.below)
    }

    /// From -1 (upside down) to 1 (upright); 0 when there is no evidence.
    var lean: Double { above + below > 0 ? (above - below) / (above + below) : 0 }

    /// The cue of one strip as `image` shows it (0 = ink, 255 = paper).
    init(_ image: GrayImage) {
        let w = image.width, h = image.height
        var counts = [Int](repeating: 0, count: h)
        image.pixels.withUnsafeBufferPointer { px in
            for y in 0..<h {
                var c = 0
                for x in 0..<w where px[y * w + x] < Self.inkLevel { c += 1 }
                counts[y] = c
            }
        }
        self = Self.fromRowCounts(counts)
    }

    init(above: Double, below: Double) {
        self.above = above
        self.below = below
    }

    /// The cue from the ink count of each row, top to bottom.
    static func fromRowCounts(_ counts: [Int]) -> TextOrientation {
        var total = TextOrientation.zero
        var y = 0
        let h = counts.count
        while y < h {
            guard counts[y] > 0 else { y += 1; continue }
            var end = y + 1, blank = 0
            while end < h {
                if counts[end] > 0 { blank = 0 } else {
                    blank += 1
                    if blank > gap { break }
                }
                end += 1
            }
            end -= blank
            total = total + line(counts[y..<end])
            y = end + blank
        }
        return total
    }

    /// One text line's rows (the first and last hold ink).
    static func line(_ rows: ArraySlice<Int>) -> TextOrientation {
        guard rows.count >= minLineHeight, let peak = rows.max(), peak > 0 else { return .zero }
        let dense = rows.indices.filter { 2 * rows[$0] >= peak }
        let top = dense.first!, bottom = dense.last!
        var above = 0, below = 0
        for y in rows.indices where y < top { above += rows[y] }
        for y in rows.indices where y > bottom { below += rows[y] }
        return TextOrientation(above: Double(above), below: Double(below))
    }
}
