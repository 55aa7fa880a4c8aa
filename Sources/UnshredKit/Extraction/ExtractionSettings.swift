/// Every tunable of `ScanExtractor`, each with what it controls and why its default is
/// what it is. Lengths are fractions of the scan's shorter side unless said otherwise,
/// so the same settings hold at 150, 300 or 600 dpi.
public struct ExtractionSettings: Sendable, Equatable {
    /// A pixel is background when its colour lies within this many standard deviations
    /// (per channel, Euclidean over the three) of the sheet's colour. 6: the real yellow
    /// sheets' spread is 2-8 levels per channel with uneven lighting; paper and ink lie
    /// 20+ deviations away, JPEG ringing at the paper's edge 3-5.
    public var backgroundDistance: Double = 6

    /// The smallest per-channel deviation the model assumes (levels): a flat synthetic
    /// or very clean sheet would otherwise make every JPEG wobble "paper".
    public var minimumSpread: Double = 4

    /// Background regions enclosed by paper and at most this long each way are filled
    /// (ink on a dark sheet, specks of sheet colour showing through): 1/25 of the
    /// shorter side, 102 px at 300 dpi, larger than letters of body and heading text and
    /// shorter than the slivers of sheet between strips that touch in two places.
    public var holeSize: Double = 1.0 / 25

    /// Paper regions smaller than (this x shorter side) squared are dust and specks:
    /// 1/50, i.e. 2,600 px at 300 dpi, a 4.3 mm square; a piece smaller than that cannot
    /// be placed by its edges anyway.
    public var dustSize: Double = 1.0 / 50

    /// Closing radius (px) of the paper mask on a dark sheet, where ink looks like the
    /// sheet: fills cut strokes that reach a piece's edge (up to 2r+1 px wide), so the
    /// edge keeps its ink. 4: body-text strokes at 300 dpi are 3-7 px wide.
    public var darkSheetClosing: Int = 4

    /// Opening radius (px) of the paper mask: paper thinner than 2r+1 px goes (threads,
    /// dust lines, the 3-5 px frame a flatbed scanner leaves at the scan's border, which
    /// would otherwise join every piece that reaches that border into one).
    public var opening: Int = 3

    /// Border lines (rows or columns) that are paper-like from end to end are the
    /// scanner's frame or its lid showing past the sheet, cleared up to this fraction of
    /// the scan across: 0.04, 102 px of 2550 (the real scans show frames of 2-6 px and
    /// lids of 50-95 px).
    public var lidBand: Double = 0.04

    /// Each piece keeps only its body: what survives an opening with this radius (px),
    /// its largest part, and the piece's own pixels within this distance of it. Drops
    /// thin appendages (a stretch of the scanner's frame, a thread, the sliver a cut
    /// leaves) while the torn edge keeps every detail. 6: frames are up to 10 px thick,
    /// strips 90+ px wide.
    public var appendage: Int = 6

    /// Paper pixels this close (px) to a piece's outline are made transparent: the
    /// outline is a mixture of paper and sheet (JPEG, the scanner's blur). 2. On a strip
    /// only its two ends are trimmed (so that shape detection sees its blank margins): the
    /// real-cut measure reads a strip's outermost paper columns as the cut, and a trim of
    /// its long sides hides them (scans composed from real strips, four pages,
    /// `--cuts real`, grid given: 81 % untrimmed, 74 % with 1 px, 58 % with 2, against
    /// 96 % on the dataset's own strips). Cross-cut pieces are trimmed all round.
    public var edgeTrim: Int = 2

    /// A strip's long side whose outermost paper column is, down the whole strip (the
    /// median over its rows), this many gray levels darker than the paper a few columns
    /// in, has a dark fringe there, not paper: the column is taken off (made
    /// transparent), up to `fringeColumns` columns. A strip turned in front of a dark
    /// surround and laid on a coloured sheet leaves one (scans composed from the
    /// development strips: the first column 98-193 against 243-247 inside; the dataset's
    /// own strips on black 231). Ink cut at the side darkens a few rows, not the median.
    public var fringeDrop: Double = 40
    /// At most this many columns of fringe are taken off each long side.
    public var fringeColumns: Int = 2

    /// A run of paper across a row (or column) shorter than this (px) does not count as
    /// a piece in the touching-pieces split (torn fibres, JPEG fringes).
    public var minimumRun: Int = 8

    /// A component is split into k pieces side by side when at least this share of its
    /// rows (or columns) shows exactly k separate runs of paper. 0.3: strips that touch
    /// "in places" show their gaps over most of their length; one torn strip shows two
    /// runs only across a notch.
    public var splitEvidence: Double = 0.3

    /// The same, for splitting a part again across the other direction (pieces stacked
    /// within a row of pieces side by side): 0.8, see `TouchSplitter.splitAll`.
    public var secondSplitEvidence: Double = 0.8

    /// A region at least this many times the scan's median piece thickness is looked at
    /// for seams of pieces pressed together (`SeamSplitter`): 1.3. Strips of one page
    /// vary by +-10 %, and one lying over the next hides a quarter to a half of it (two
    /// real strips pressed together measured 1.5 x the median on a composed scan).
    public var pressedWidth: Double = 1.3

    /// A seam is clear when its tone dip (or bump), the mean over the piece's bands, is
    /// at least this many levels: 6. On scans composed from real strips pressed together,
    /// seams measured 11-21 levels, single strips' creases and ink columns at most 3.5.
    public var seamContrast: Double = 6

    /// ... and this many robust deviations above the paths through the piece's other
    /// positions: 8 (seams 8-78, single strips at most 6).
    public var seamEvidence: Double = 8

    /// Seams are at least this share of the median thickness apart and from the piece's
    /// edges: 0.4; a strip mostly covered by the next keeps about half its width.
    public var seamSpacing: Double = 0.4

    /// With three or more pieces on a scan, one thinner than this share of the median
    /// piece's thickness is a sliver (a stretch of the scanner's lid, an offcut), not a
    /// piece: 0.2, 22 px for 110-px strips.
    public var sliver: Double = 0.2

    /// Pieces turned more than this (degrees) are left as measured but reported:
    /// a flatbed scan's pieces lie within a few degrees of upright.
    public var maximumAngle: Double = 10

    /// Pieces this many times taller than wide are strips (`ScanExtractor.stripShape`):
    /// 4. Real strips are 30+ times taller than wide; cross-cut pieces 1-3 times.
    public var stripAspect: Double = 4

    /// ... when each is at least this share of the tallest piece's height: 0.8 (strips
    /// of one page span it; a strip cut off by the scan's edge or torn short is not one
    /// of a page's strips the solver can place by its edges alone).
    public var stripHeights: Double = 0.8

    /// Longest side of each scan on the contact sheet (px).
    public var contactSize: Int = 1000

    /// The largest scan accepted, in pixels (the CLI's `--max-pixels`).
    public var maxPixels: Int = ImageLimits.default.maxPixels

    public init() {}

    public static let `default` = ExtractionSettings()
}
