/// A line between the cells of a layout page, where pieces meet: what the overview, the
/// review picture and the question pictures mark.
///
/// ```
///        column 0   column 1   column 2
///      +----------+----------+----------+
///      |          |          |          |   SeamLine(.leftRight, at: 2, span: 0..<1):
///      +----------+----------+----------+   the vertical line left of column 2, along row 0
///      |          |          |          |   SeamLine(.topBottom, at: 1, span: 0..<3):
///      +----------+----------+----------+   the horizontal line above row 1, all across
/// ```
public struct SeamLine: Sendable, Equatable, Hashable {
    /// `.leftRight`: a vertical line, left of column `at`; `.topBottom`: a horizontal line, above row `at`.
    public var direction: JoinDirection
    public var at: Int
    /// The rows (a vertical line) or columns (a horizontal line) it runs along.
    public var span: Range<Int>

    public init(_ direction: JoinDirection, at: Int, span: Range<Int>) {
        self.direction = direction
        self.at = at
        self.span = span
    }

    /// The line in page pixels, for cells of `cellWidth` x `cellHeight`: a zero-thickness
    /// rectangle (x, y, width, height).
    public func pixels(cellWidth: Int, cellHeight: Int) -> (x: Int, y: Int, width: Int, height: Int) {
        direction == .leftRight
            ? (at * cellWidth, span.lowerBound * cellHeight, 0, span.count * cellHeight)
            : (span.lowerBound * cellWidth, at * cellHeight, span.count * cellWidth, 0)
    }
}

extension Layout {
    /// Where each piece stands: page, row, column.
    public var positions: [String: (page: Int, row: Int, column: Int)] {
        var out: [String: (page: Int, row: Int, column: Int)] = [:]
        for (p, page) in pages.enumerated() {
            for (r, row) in page.rows.enumerated() {
                for (c, name) in row.enumerated() { out[name] = (p, r, c) }
            }
        }
        return out
    }

    /// The page and line where `join`'s two pieces meet, or nil when the layout does not
    /// put them side by side (or one above the other) in that order.
    public func seam(of join: JoinConstraints.Join,
                     positions: [String: (page: Int, row: Int, column: Int)]? = nil) -> (page: Int, line: SeamLine)? {
        let at = positions ?? self.positions
        guard let a = at[join.first], let b = at[join.second], a.page == b.page else { return nil }
        switch join.direction {
        case .leftRight:
            guard a.row == b.row, b.column == a.column + 1 else { return nil }
            return (a.page, SeamLine(.leftRight, at: b.column, span: a.row..<(a.row + 1)))
        case .topBottom:
            guard a.column == b.column, b.row == a.row + 1 else { return nil }
            return (a.page, SeamLine(.topBottom, at: b.row, span: a.column..<(a.column + 1)))
        }
    }
}

/// A place on the page the solver is unsure of, numbered as the person sees it (the
/// overview, the review picture and the questions use the same numbers).
public struct DoubtfulPlace: Sendable, Equatable {
    /// 1, 2, ...: weakest first.
    public var number: Int
    public var page: Int
    /// The seams in doubt (one for a join; a whole row boundary for a block of rows).
    public var lines: [SeamLine]
    /// 0 (a coin toss) ... 1; what the marks are coloured by.
    public var confidence: Float
    /// What the place is, in words (`014|010`, `below row 3`, `row 5 shifted?`, `cell 3,4`).
    public var label: String
    /// The question's `spot` when the place is a question's (nil: a join, named by `label`).
    public var spot: String?

    public init(number: Int, page: Int, lines: [SeamLine], confidence: Float, label: String, spot: String? = nil) {
        self.number = number
        self.page = page
        self.lines = lines
        self.confidence = confidence
        self.label = label
        self.spot = spot
    }

    /// The questions as places, numbered 1, 2, ... in the order given (the order they
    /// will be asked in). A join question is its seam; a rows or shift question the
    /// whole row boundary it turns on (all across the page); a piece question the
    /// cell's sides that join inked pieces; a stretch question its two ends. Questions whose seams the layout does not
    /// hold are left out.
    public static func numbered(_ questions: [Question], in layout: Layout) -> [DoubtfulPlace] {
        let positions = layout.positions
        var out: [DoubtfulPlace] = []
        for q in questions {
            var lines: [SeamLine] = []
            var page = q.proposal.focus.page
            let columns = layout.pages.indices.contains(page) ? layout.pages[page].columnCount : 0
            switch q.kind {
            case .join:
                guard let (p, line) = layout.seam(of: q.proposed, positions: positions) else { continue }
                page = p
                lines = [line]
            case .rows, .shift:
                // The row boundaries the proposal's pins cross, drawn all across.
                var ats: [Int] = []
                for pin in q.proposal.pins {
                    guard let (_, line) = layout.seam(of: pin, positions: positions), line.direction == .topBottom else { continue }
                    if !ats.contains(line.at) { ats.append(line.at) }
                }
                lines = ats.sorted().map { SeamLine(.topBottom, at: $0, span: 0..<columns) }
            case .piece:
                lines = q.proposal.pins.compactMap { layout.seam(of: $0, positions: positions)?.line }
            case .stretch:
                // The stretch's ends (its place), not the joins inside it.
                lines = q.noneForbids.compactMap { layout.seam(of: $0, positions: positions)?.line }
            }
            guard !lines.isEmpty else { continue }
            out.append(DoubtfulPlace(number: out.count + 1, page: page, lines: lines, confidence: q.confidence,
                                     label: label(q), spot: q.spot))
        }
        return out
    }

    /// A question's place in a few words.
    static func label(_ q: Question) -> String {
        let cells = q.at ?? q.proposal.focus
        let rows = cells.rows.count == 1 ? "row \(cells.rows.lowerBound + 1)" : "rows \(cells.rows.lowerBound + 1)-\(cells.rows.upperBound + 1)"
        switch q.kind {
        case .join: return "\(q.proposed)"
        case .rows: return "below \(rows)"
        case .shift: return "\(rows) shifted?"
        case .piece: return "cell \(cells.rows.lowerBound + 1),\(cells.columns.lowerBound + 1)"
        case .stretch: return "\(rows), columns \(cells.columns.lowerBound + 1)-\(cells.columns.upperBound + 1)"
        }
    }

    /// The joins as places, numbered 1, 2, ... in the order given; joins the layout does
    /// not hold are left out.
    public static func numbered(_ joins: [Solution.Join], in layout: Layout) -> [DoubtfulPlace] {
        let positions = layout.positions
        var out: [DoubtfulPlace] = []
        for join in joins {
            let key = JoinConstraints.Join(join.first, join.second, join.direction)
            guard let (page, line) = layout.seam(of: key, positions: positions) else { continue }
            out.append(DoubtfulPlace(number: out.count + 1, page: page, lines: [line], confidence: join.confidence,
                                     label: "\(key)"))
        }
        return out
    }
}

extension GrayImage {
    /// Area-average resampling (a box filter), for showing a picture at a smaller size.
    /// - Complexity: O(width x height x (source pixels per output pixel)).
    public func resampled(width: Int, height: Int) -> GrayImage {
        guard width > 0, height > 0, self.width > 0, self.height > 0 else {
            return GrayImage(width: max(0, width), height: max(0, height))
        }
        if width == self.width && height == self.height { return self }
        var out = [UInt8](repeating: 255, count: width * height)
        let sx = Double(self.width) / Double(width), sy = Double(self.height) / Double(height)
        pixels.withUnsafeBufferPointer { source in
            for y in 0..<height {
                let y0 = Double(y) * sy, y1 = Double(y + 1) * sy
                for x in 0..<width {
                    let x0 = Double(x) * sx, x1 = Double(x + 1) * sx
                    var total = 0.0, area = 0.0
                    var py = Int(y0)
                    while Double(py) < y1 && py < self.height {
                        let hy = min(y1, Double(py + 1)) - max(y0, Double(py))
                        var px = Int(x0)
                        while Double(px) < x1 && px < self.width {
                            let wx = min(x1, Double(px + 1)) - max(x0, Double(px))
                            total += Double(source[py * self.width + px]) * wx * hy
                            area += wx * hy
                            px += 1
                        }
                        py += 1
                    }
                    out[y * width + x] = area > 0 ? UInt8(max(0, min(255, (total / area).rounded()))) : 255
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: out)
    }

    /// The part at (x, y) of `width` x `height`, paper (255) wherever it lies off the image.
    public func cut(x: Int, y: Int, width w: Int, height h: Int) -> GrayImage {
        var out = GrayImage(width: max(0, w), height: max(0, h))
        let x0 = max(0, x), x1 = min(width, x + w), y0 = max(0, y), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return out }
        for row in y0..<y1 {
            let from = row * width + x0, to = (row - y) * w + (x0 - x)
            out.pixels.replaceSubrange(to..<(to + x1 - x0), with: pixels[from..<(from + x1 - x0)])
        }
        return out
    }
}
