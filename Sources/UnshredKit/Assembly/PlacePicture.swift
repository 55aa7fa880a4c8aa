/// One answer to a question, as the page would look with it: a layout, and the seams on
/// it the answer is about. Any kind of question (a join, a block of rows, a shifted row,
/// a piece for a cell) is shown the same way: one `PlaceOption` per answer, each drawn
/// by `PlacePictures.make` around the same place.
public struct PlaceOption: Sendable, Equatable {
    /// The page(s) with this answer taken.
    public var layout: Layout
    public var page: Int
    /// The seams the answer is about: where the picture is centred, and what it marks.
    public var seams: [SeamLine]

    public init(layout: Layout, page: Int, seams: [SeamLine]) {
        self.layout = layout
        self.page = page
        self.seams = seams
    }

    /// The option about `joins` on `page` of `layout`: their seams (joins the page does
    /// not hold are left out); with none of them held, the outline of the cells `rows` x
    /// `columns` inside the page, when given. Nil when there is nothing to mark.
    public init?(layout: Layout, page: Int, joins: [JoinConstraints.Join],
                 rows: ClosedRange<Int>? = nil, columns: ClosedRange<Int>? = nil) {
        guard page >= 0, page < layout.pages.count else { return nil }
        let positions = layout.positions
        var seams = joins.compactMap { join in layout.seam(of: join, positions: positions).flatMap { $0.page == page ? $0.line : nil } }
        if seams.isEmpty, let rows, let columns {
            let p = layout.pages[page]
            let r = max(0, rows.lowerBound)..<min(p.rowCount, rows.upperBound + 1)
            let c = max(0, columns.lowerBound)..<min(p.columnCount, columns.upperBound + 1)
            if !r.isEmpty && !c.isEmpty {
                if c.lowerBound > 0 { seams.append(SeamLine(.leftRight, at: c.lowerBound, span: r)) }
                if c.upperBound < p.columnCount { seams.append(SeamLine(.leftRight, at: c.upperBound, span: r)) }
                if r.lowerBound > 0 { seams.append(SeamLine(.topBottom, at: r.lowerBound, span: c)) }
                if r.upperBound < p.rowCount { seams.append(SeamLine(.topBottom, at: r.upperBound, span: c)) }
            }
        }
        guard !seams.isEmpty else { return nil }
        self.init(layout: layout, page: page, seams: seams)
    }
}

/// The page around a place, as one option would make it, at the size it is shown.
public struct PlacePicture: Sendable, Equatable {
    /// A seam in the picture's pixels: `.leftRight` lies between columns `at - 1` and
    /// `at`, `.topBottom` between rows `at - 1` and `at`; `span` is the part along it shown.
    public struct Mark: Sendable, Equatable {
        public var direction: JoinDirection
        public var at: Int
        public var span: Range<Int>
    }

    public var image: GrayImage
    public var marks: [Mark]
    /// The part of the page shown, in page pixels (it may reach past the page: paper).
    public var x: Int, y: Int, width: Int, height: Int
}

public enum PlacePictures {
    /// Pictures of `options`, each `width` x `height` pixels showing `1 / scale` times as
    /// many page pixels, all cut the same way around their seams: centred across them,
    /// and along them (when they are longer than the picture) where the ink near the
    /// seams is, summed over all the options, starting between two text lines.
    public static func make(_ options: [PlaceOption], pieces: PieceSet, width: Int, height: Int,
                            scale: Double) throws -> [PlacePicture] {
        guard width > 0, height > 0, scale > 0, !options.isEmpty else { return [] }
        let cw = pieces.width, ch = pieces.height
        let byName = Dictionary(uniqueKeysWithValues: pieces.pieces.map { ($0.name, $0.image) })
        let sw = max(1, Int((Double(width) / scale).rounded())), sh = max(1, Int((Double(height) / scale).rounded()))
        var pages: [GrayImage] = []
        var focus: [(x: Int, y: Int, width: Int, height: Int)] = []
        for option in options {
            guard option.page < option.layout.pages.count else { throw AssemblyError.unknownPiece(name: "<page \(option.page + 1)>") }
            pages.append(try PageAssembler.assemble(option.layout.pages[option.page], pieces: byName))
            let rects = option.seams.map { $0.pixels(cellWidth: cw, cellHeight: ch) }
            let x0 = rects.map(\.x).min() ?? 0, y0 = rects.map(\.y).min() ?? 0
            let x1 = rects.map { $0.x + $0.width }.max() ?? 0, y1 = rects.map { $0.y + $0.height }.max() ?? 0
            focus.append((x0, y0, x1 - x0, y1 - y0))
        }
        // Along the seams: the first option's direction decides (all of a question's seams run one way).
        let vertical = (options[0].seams.first?.direction ?? .leftRight) == .leftRight
        let along = vertical ? sh : sw
        let focusLength = vertical ? focus[0].height : focus[0].width
        var offset = (focusLength - along) / 2  // centred when the seam is shorter than the picture
        if focusLength > along {
            // Ink per pixel along the seam, four times as much within 6 px of it, over every option.
            var score = [Double](repeating: 0, count: focusLength), ink = score
            for (k, page) in pages.enumerated() {
                var f = focus[k]
                f.x += f.width / 2
                f.y += f.height / 2
                for t in 0..<focusLength {
                    var s = 0.0, plain = 0.0
                    if vertical {
                        let y = focus[k].y + t
                        guard y >= 0, y < page.height else { continue }
                        for x in max(0, f.x - sw / 2)..<min(page.width, f.x - sw / 2 + sw) {
                            let v = Double(255 - Int(page[x, y]))
                            s += abs(x - f.x) < 6 ? 4 * v : v
                            plain += v
                        }
                    } else {
                        let x = focus[k].x + t
                        guard x >= 0, x < page.width else { continue }
                        for y in max(0, f.y - sh / 2)..<min(page.height, f.y - sh / 2 + sh) {
                            let v = Double(255 - Int(page[x, y]))
                            s += abs(y - f.y) < 6 ? 4 * v : v
                            plain += v
                        }
                    }
                    score[t] += s
                    ink[t] += plain
                }
            }
            var sum = score[0..<along].reduce(0, +), best = sum, bestStart = 0
            for start in 1...(focusLength - along) {
                sum += score[start + along - 1] - score[start - 1]
                if sum > best + 1e-9 { best = sum; bestStart = start }
            }
            // Start between two lines of text rather than through one.
            offset = bestStart
            for candidate in stride(from: bestStart, through: max(0, bestStart - along / 3), by: -1)
            where ink[candidate] < ink[offset] - 1e-9 {
                offset = candidate
            }
        }
        return options.enumerated().map { k, option in
            let f = focus[k]
            let x = vertical ? f.x + f.width / 2 - sw / 2 : f.x + offset
            let y = vertical ? f.y + offset : f.y + f.height / 2 - sh / 2
            let image = pages[k].cut(x: x, y: y, width: sw, height: sh).resampled(width: width, height: height)
            let marks: [PlacePicture.Mark] = option.seams.compactMap { seam in
                let r = seam.pixels(cellWidth: cw, cellHeight: ch)
                func map(_ v: Int, _ origin: Int, _ limit: Int) -> Int {
                    max(0, min(limit, Int((Double(v - origin) * scale).rounded())))
                }
                if seam.direction == .leftRight {
                    let span = map(r.y, y, height)..<map(r.y + r.height, y, height)
                    return span.isEmpty ? nil : .init(direction: .leftRight, at: map(r.x, x, width), span: span)
                }
                let span = map(r.x, x, width)..<map(r.x + r.width, x, width)
                return span.isEmpty ? nil : .init(direction: .topBottom, at: map(r.y, y, height), span: span)
            }
            return PlacePicture(image: image, marks: marks, x: x, y: y, width: sw, height: sh)
        }
    }

    /// How far apart the lines of text are, in pixels: the lag (8...240) at which the ink
    /// per pixel row best matches itself shifted (its autocorrelation, about the mean);
    /// nil for a page with too little ink or rows to tell.
    public static func linePitch(_ page: GrayImage) -> Int? {
        guard page.height >= 32, page.width > 0 else { return nil }
        var profile = [Double](repeating: 0, count: page.height)
        page.pixels.withUnsafeBufferPointer { p in
            for y in 0..<page.height {
                var s = 0
                for x in 0..<page.width { s += 255 - Int(p[y * page.width + x]) }
                profile[y] = Double(s)
            }
        }
        let mean = profile.reduce(0, +) / Double(profile.count)
        let centred = profile.map { $0 - mean }
        let energy = centred.reduce(0) { $0 + $1 * $1 }
        guard mean > 0, energy > 0 else { return nil }
        var best: (lag: Int, value: Double)?
        for lag in 8...min(240, page.height / 3) {
            var s = 0.0
            for y in 0..<(page.height - lag) { s += centred[y] * centred[y + lag] }
            let value = s / energy
            if value > 0.1, best == nil || value > best!.value { best = (lag, value) }
        }
        return best?.lag
    }

    /// The answers to "is `proposed` right?": the layout as it is, then for each
    /// alternative the layout with it made true: for `a|k`, `k` and the pieces the layout
    /// puts after it (right of it, or below) moved to follow `a`; for `k|b`, `k` and the
    /// pieces before it moved to precede `b`; each move a run of swaps, so each layout
    /// holds every piece once. The seam of every option is where `proposed`'s is.
    public static func joinOptions(proposed: JoinConstraints.Join, alternatives: [JoinConstraints.Join],
                                   in layout: Layout) -> [PlaceOption] {
        guard let (page, line) = layout.seam(of: proposed) else { return [] }
        var out = [PlaceOption(layout: layout, page: page, seams: [line])]
        let original = layout.positions
        for alternative in alternatives {
            var moved = layout
            var at = original
            let after = alternative.first == proposed.first
            let anchor = after ? proposed.first : proposed.second
            let start = after ? alternative.second : alternative.first
            guard let a = original[anchor], let k = original[start], a.page == page else { continue }
            let step = after ? 1 : -1
            func cell(_ p: (page: Int, row: Int, column: Int), _ n: Int) -> (page: Int, row: Int, column: Int)? {
                let rows = moved.pages[p.page].rows
                let (r, c) = proposed.direction == .leftRight ? (p.row, p.column + n * step) : (p.row + n * step, p.column)
                return r >= 0 && r < rows.count && c >= 0 && c < rows[r].count ? (p.page, r, c) : nil
            }
            var placed: Set<String> = [anchor]
            var n = 1
            while let target = cell(a, n), let source = cell(k, n - 1) {
                let want = layout.pages[source.page].rows[source.row][source.column]
                guard !placed.contains(want), let from = at[want] else { break }
                let there = moved.pages[target.page].rows[target.row][target.column]
                moved.pages[target.page].rows[target.row][target.column] = want
                moved.pages[from.page].rows[from.row][from.column] = there
                at[want] = target
                at[there] = from
                placed.insert(want)
                n += 1
            }
            out.append(PlaceOption(layout: moved, page: page, seams: [line]))
        }
        return out
    }

    /// The answers to "which block of rows comes after row `row`?": for each candidate
    /// (a range of the page's rows, not holding `row`), the page with those rows moved,
    /// in their order, to just below `row`. The seam: the top of the block, all across.
    public static func blockOptions(page: Int, after row: Int, blocks: [Range<Int>], in layout: Layout) -> [PlaceOption] {
        guard page < layout.pages.count, row >= 0, row < layout.pages[page].rowCount else { return [] }
        let rows = layout.pages[page].rows
        return blocks.compactMap { block in
            guard !block.isEmpty, block.lowerBound >= 0, block.upperBound <= rows.count, !block.contains(row) else { return nil }
            var order = Array(rows.indices).filter { !block.contains($0) }
            let at = order.firstIndex(of: row)! + 1
            order.insert(contentsOf: block, at: at)
            var moved = layout
            moved.pages[page].rows = order.map { rows[$0] }
            return PlaceOption(layout: moved, page: page,
                               seams: [SeamLine(.topBottom, at: at, span: 0..<layout.pages[page].columnCount)])
        }
    }

    /// The answers to "is row `row` shifted?": for each shift (0 = as it is; 1 = every
    /// piece one column to the right, the last coming round to the first), the page with
    /// the row so shifted. The seams: above and below the row, all across.
    public static func rowShiftOptions(page: Int, row: Int, shifts: [Int], in layout: Layout) -> [PlaceOption] {
        guard page < layout.pages.count, row >= 0, row < layout.pages[page].rowCount else { return [] }
        let pieces = layout.pages[page].rows[row], n = pieces.count
        let seams = [row, row + 1].filter { $0 > 0 && $0 < layout.pages[page].rowCount }
            .map { SeamLine(.topBottom, at: $0, span: 0..<n) }
        return shifts.map { shift in
            var moved = layout
            moved.pages[page].rows[row] = (0..<n).map { pieces[(($0 - shift) % n + n) % n] }
            return PlaceOption(layout: moved, page: page, seams: seams.isEmpty ? [SeamLine(.topBottom, at: row, span: 0..<n)] : seams)
        }
    }

    /// The answers to "which piece belongs here?": for each candidate, the page with it
    /// swapped into the cell (`row`, `column`). The seams: the cell's sides inside the page.
    public static func pieceOptions(page: Int, row: Int, column: Int, candidates: [String], in layout: Layout) -> [PlaceOption] {
        guard page < layout.pages.count, row >= 0, row < layout.pages[page].rowCount,
              column >= 0, column < layout.pages[page].columnCount else { return [] }
        let p = layout.pages[page]
        var seams: [SeamLine] = []
        if column > 0 { seams.append(SeamLine(.leftRight, at: column, span: row..<(row + 1))) }
        if column + 1 < p.columnCount { seams.append(SeamLine(.leftRight, at: column + 1, span: row..<(row + 1))) }
        if row > 0 { seams.append(SeamLine(.topBottom, at: row, span: column..<(column + 1))) }
        if row + 1 < p.rowCount { seams.append(SeamLine(.topBottom, at: row + 1, span: column..<(column + 1))) }
        let at = layout.positions
        return candidates.compactMap { name in
            guard let from = at[name] else { return nil }
            var moved = layout
            let there = p.rows[row][column]
            moved.pages[page].rows[row][column] = name
            moved.pages[from.page].rows[from.row][from.column] = there
            return PlaceOption(layout: moved, page: page, seams: seams)
        }
    }
}
