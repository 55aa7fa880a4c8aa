/// The page small enough for a terminal, with the doubtful places marked and numbered:
/// the overview shown before the first question and on request.
///
/// A cell is one character: two pixels stacked (the top and bottom halves of a half
/// block). A place's seam is marked, dashed (every other cell, so the page shows
/// through), on the cells it passes through, and its number is
/// written over the cells beside the seam's middle (to the right of a vertical seam, on a
/// horizontal one), weakest place first; a number that finds no room, at least one cell
/// clear of every other number, is left out (`unlabelled`) and the seam stays marked.
/// Turning cells into characters and colours is the front end's business.
public struct PageOverview: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        /// Gray of the upper and lower pixel (0 ink ... 255 paper).
        public var top: UInt8
        public var bottom: UInt8
        /// Index into `places` of the place whose seam passes through the cell.
        public var place: Int?
        /// The direction of that seam (`.leftRight`: a vertical line).
        public var seam: JoinDirection?
        /// One character of a place's number, written over the cell.
        public var character: Character?
    }

    /// Lines of cells, top to bottom, all of the same length.
    public var lines: [[Cell]]
    public var places: [DoubtfulPlace]
    /// Indices into `places` whose number found no room.
    public var unlabelled: [Int]

    public var width: Int { lines.first?.count ?? 0 }

    /// `page` (cells of `cellWidth` x `cellHeight` pixels) scaled to fit `columns` x
    /// `lines` characters, keeping its proportions (a character is taken to be twice as
    /// tall as wide, as two stacked pixels are square). `places` must be on this page.
    public static func make(_ page: GrayImage, cellWidth: Int, cellHeight: Int, places: [DoubtfulPlace],
                            columns: Int, lines maxLines: Int) -> PageOverview {
        guard page.width > 0, page.height > 0, columns > 0, maxLines > 0 else {
            return PageOverview(lines: [], places: places, unlabelled: Array(places.indices))
        }
        let s = min(Double(columns) / Double(page.width), Double(2 * maxLines) / Double(page.height))
        let w = max(1, min(columns, Int((Double(page.width) * s).rounded())))
        var h = max(2, min(2 * maxLines, Int((Double(page.height) * s).rounded())))
        h += h % 2
        let small = page.resampled(width: w, height: h)
        let sx = Double(w) / Double(page.width), sy = Double(h) / Double(page.height)
        var cells = (0..<(h / 2)).map { line in
            (0..<w).map { x in Cell(top: small[x, 2 * line], bottom: small[x, 2 * line + 1]) }
        }
        let lineCount = h / 2

        // Seams: where each line falls once scaled.
        var anchors: [(line: Int, column: Int, direction: JoinDirection, along: Range<Int>)?] = []
        for (k, place) in places.enumerated() {
            var anchor: (line: Int, column: Int, direction: JoinDirection, along: Range<Int>)?
            for seam in place.lines {
                let r = seam.pixels(cellWidth: cellWidth, cellHeight: cellHeight)
                if seam.direction == .leftRight {
                    let column = max(0, min(w - 1, Int((Double(r.x) * sx).rounded())))
                    let from = max(0, min(lineCount - 1, Int(Double(r.y) * sy) / 2))
                    let to = max(from + 1, min(lineCount, (Int((Double(r.y + r.height) * sy).rounded()) + 1) / 2))
                    for line in stride(from: from, to: to, by: 2) where cells[line][column].place == nil {
                        cells[line][column].place = k
                        cells[line][column].seam = .leftRight
                    }
                    if anchor == nil { anchor = ((from + to - 1) / 2, column, .leftRight, from..<to) }
                } else {
                    let line = max(0, min(lineCount - 1, Int((Double(r.y) * sy).rounded()) / 2))
                    let from = max(0, min(w - 1, Int(Double(r.x) * sx)))
                    let to = max(from + 1, min(w, Int((Double(r.x + r.width) * sx).rounded())))
                    for column in stride(from: from, to: to, by: 2) where cells[line][column].place == nil {
                        cells[line][column].place = k
                        cells[line][column].seam = .topBottom
                    }
                    if anchor == nil { anchor = (line, (from + to - 1) / 2, .topBottom, from..<to) }
                }
            }
            anchors.append(anchor)
        }

        // Numbers: beside the middle of the seam, or as near it along the seam as there is room.
        var unlabelled: [Int] = []
        func free(_ line: Int, _ start: Int, _ length: Int) -> Bool {
            guard line >= 0, line < lineCount, start >= 0, start + length <= w else { return false }
            for column in max(0, start - 1)..<min(w, start + length + 1) where cells[line][column].character != nil {
                return false
            }
            return true
        }
        for (k, place) in places.enumerated() {
            let text = Array(String(place.number))
            guard let anchor = anchors[k] else { unlabelled.append(k); continue }
            var spot: (Int, Int)?
            // Offsets along the seam: 0, -1, +1, -2, +2, ... within its length.
            let reach = max(anchor.along.count, 2)
            let steps = [0] + (1..<reach).flatMap { [-$0, $0] }
            search: for step in steps {
                let candidates: [(Int, Int)] = anchor.direction == .leftRight
                    ? [(anchor.line + step, anchor.column + 1), (anchor.line + step, anchor.column - text.count)]
                    : [(anchor.line, anchor.column - text.count / 2 + step)]
                for (line, start) in candidates where free(line, start, text.count) {
                    spot = (line, start)
                    break search
                }
            }
            guard let (line, start) = spot else { unlabelled.append(k); continue }
            for (i, c) in text.enumerated() {
                cells[line][start + i].character = c
                cells[line][start + i].place = k
            }
        }
        return PageOverview(lines: cells, places: places, unlabelled: unlabelled)
    }
}
