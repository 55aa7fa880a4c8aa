import Foundation
import UnshredKit

/// What the user sees (text lines for standard error), and how answers are read.
///
/// A question is drawn from a list of options, each with the page as it would look
/// around the place with that answer (`PlaceOption`), plus answers without a picture
/// ("none of these"); so a new kind of question only has to say what its options are.
enum InteractiveView {
    static let gap = 2

    /// One answer as shown: the key to type, a short title, and the page around the
    /// place with this answer taken (nil: nothing to draw, e.g. "none of these").
    struct Option {
        var key: String
        var title: String
        var place: PlaceOption?
    }

    // MARK: The overview

    /// The current page(s) small, with the doubtful places numbered, and the first few
    /// places listed. Several pages stand side by side when they fit.
    static func overview(_ solution: Solution, pieces: PieceSet, places: [DoubtfulPlace], threshold: Float,
                         style: TTY.Style, columns: Int, rows: Int) -> [String] {
        var out = [""]
        let n = places.count
        out.append("Overview: the page as it stands"
                   + (n == 0 ? "; nothing doubtful left" : "; \(Terminal.count(n, "doubtful place")) numbered in the order they will be asked")
                   + " (o shows it again)")
        guard let pages = try? PageAssembler.assemble(solution.layout, pieces: pieces) else { return out }
        let lines = max(8, rows - 9)
        let perPage = max(8, (columns - gap * (pages.count - 1)) / max(1, pages.count))
        var blocks: [TTY.Block] = []
        for (p, page) in pages.enumerated() {
            let overview = PageOverview.make(page, cellWidth: pieces.width, cellHeight: pieces.height,
                                             places: places.filter { $0.page == p }, columns: perPage, lines: lines)
            var text = TTY.render(overview, style: style, threshold: threshold)
            if pages.count > 1 { text.insert(TTY.Block.pad("page \(p + 1)", overview.width), at: 0) }
            blocks.append(TTY.Block(width: overview.width, lines: text))
        }
        out += TTY.beside(blocks, gap: gap)
        if n > 0 {
            let listed = places.prefix(12).map { "\($0.number) \($0.label) (\(String(format: "%.2f", $0.confidence)))" }
            var line = " "
            for item in listed {
                if line.count + item.count + 3 > columns { out.append(line); line = " " }
                line += "  " + item
            }
            if n > listed.count { line += "  ... \(n - listed.count) more" }
            out.append(line)
            let legend = style == .ascii ? "| and _ mark the doubtful seams" : "red: least sure, yellow: less doubtful"
            out.append("  \(legend); the questions say which number they are about")
        }
        return out
    }

    // MARK: Questions

    /// "Is this join right?": the proposed join, its alternatives, and "none of these".
    static func question(_ q: Question, number: Int, remaining: Int, threshold: Float, solution: Solution,
                         pieces: PieceSet, places: [DoubtfulPlace], style: TTY.Style, columns: Int, rows: Int = 40) -> [String] {
        // Other kinds name their row and column in their text; the page, when there are two.
        let where_ = q.kind != .join ? (solution.layout.pages.count > 1 ? "page \(q.proposal.focus.page + 1), " : "")
            : solution.layout.pages.count > 1 || (solution.layout.pages.first?.rowCount ?? 1) > 1
            ? "page \(q.join.page + 1), row \(q.join.row + 1), column \(q.join.column + 1), "
            : "join \(q.join.column + 1) of \(solution.joins.count), "
        let place = (places.first { $0.spot == q.spot } ?? places.first { $0.spot == nil && $0.label == "\(q.proposed)" })
            .map { "place \($0.number) on the overview, " } ?? ""
        var options: [Option]
        if q.kind == .join {
            // The candidate piece's run moved beside the anchor: the page as the pick would make it.
            let joins = [q.proposed] + q.alternatives
            let pictures = PlacePictures.joinOptions(proposed: q.proposed, alternatives: q.alternatives, in: solution.layout)
            options = joins.enumerated().map { k, join in
                Option(key: "\(k)", title: "\(join)\(k == 0 ? " proposed" : "")", place: k < pictures.count ? pictures[k] : nil)
            }
        } else {
            // Each option's page, marked where it pins (or around the cells it is about).
            options = ([q.proposal] + q.options).enumerated().map { k, o in
                Option(key: "\(k)", title: o.label + (k == 0 ? " proposed" : ""),
                       place: PlaceOption(layout: o.layout, page: o.focus.page, joins: o.pins, rows: o.focus.rows, columns: o.focus.columns))
            }
        }
        options.append(Option(key: "r", title: "none of these", place: nil))
        let header = [
            "",
            "Question \(number): \(q.kind == .join ? "is \(q.proposed) right?" : q.text) (\(place)\(where_)confidence \(String(format: "%.2f", q.confidence)); "
                + (q.kind == .join ? "" : "an answer moves about \(String(format: "%.0f", q.value.rounded())) pieces; ")
                + "\(remaining) \(q.kind == .join ? "uncertain" : "doubtful") below \(String(format: "%.2f", threshold)))",
        ]
        return header + self.options(options, pieces: pieces, style: style, columns: columns, rows: rows)
    }

    /// The options line (`[0] 014|010 proposed   [1] 014|019   [r] none of these`), a
    /// legend, and every option's picture: one per line for vertical seams (wide, to read
    /// a line of text across the seam), side by side for horizontal ones; sized to fit
    /// the terminal and scaled so that about two lines of text show.
    static func options(_ options: [Option], pieces: PieceSet, style: TTY.Style, columns: Int, rows: Int) -> [String] {
        var out = ["  " + options.map { "[\($0.key)] \($0.title)" }.joined(separator: "   ")]
        let drawn = options.filter { $0.place != nil }
        guard let first = drawn.first?.place else { return out }
        let vertical = (first.seams.first?.direction ?? .leftRight) == .leftRight
        let perLine = max(1, min(drawn.count, (columns + gap) / ((vertical ? 50 : 40) + gap)))
        let panelRows = (drawn.count + perLine - 1) / perLine
        let horizontal = drawn.contains { $0.place!.seams.contains { $0.direction == .topBottom } }
        let width = max(16, (columns - gap * (perLine - 1)) / perLine - (horizontal ? 1 : 0))
        let lines = max(4, min(20, (rows - 7) / panelRows - (vertical ? 2 : 1)))
        let height = 2 * lines
        // About 1.3 lines of text along a vertical seam (across a horizontal one: both
        // sides), and about 48 px either side across a vertical seam (along a horizontal one).
        let (acrossSize, alongSize) = vertical ? (width, height) : (height, width)
        var scale = min(1, Double(acrossSize) / 96)
        if let page = try? PageAssembler.assemble(first.layout.pages[first.page],
                                                  pieces: Dictionary(uniqueKeysWithValues: pieces.pieces.map { ($0.name, $0.image) })),
           let pitch = PlacePictures.linePitch(page) {
            scale = vertical ? min(scale, Double(alongSize) / (1.3 * Double(pitch))) : min(1, Double(acrossSize) / (2.6 * Double(pitch)))
        }
        scale = max(0.4, scale)
        guard let pictures = try? PlacePictures.make(drawn.map { $0.place! }, pieces: pieces, width: width, height: height, scale: scale),
              let sample = pictures.first else { return out }
        let ratio = scale < 1 ? String(format: ", scaled to %.0f%%", scale * 100) : ""
        let directions = Set(pictures.flatMap { $0.marks.map(\.direction) })
        let marker = [directions.contains(.leftRight) ? "^^ under each picture marks a vertical seam" : nil,
                      directions.contains(.topBottom) ? "> beside each picture marks a horizontal one" : nil]
            .compactMap { $0 }.joined(separator: ", ")
        let legend = directions == [.leftRight] ? "^^ under each picture marks the seam"
            : directions == [.topBottom] ? "> beside each picture marks the seam" : marker
        out.append("  each as the page would look there: \(sample.width) x \(sample.height) px around the place\(ratio)"
                   + (legend.isEmpty ? "" : "; \(legend)"))
        var blocks: [TTY.Block] = []
        for (option, picture) in zip(drawn, pictures) {
            var text = TTY.render(picture.image, style: style)
            var w = picture.image.width
            let columnsMarked = picture.marks.filter { $0.direction == .leftRight }.flatMap { [$0.at - 1, $0.at] }
            if !columnsMarked.isEmpty {
                var line = [Character](repeating: " ", count: w)
                for x in columnsMarked where x >= 0 && x < w { line[x] = "^" }
                text.append(String(line))
            }
            let linesMarked = Set(picture.marks.filter { $0.direction == .topBottom }.map { min(text.count - 1, $0.at / 2) })
            if horizontal {
                text = text.enumerated().map { i, line in (linesMarked.contains(i) ? ">" : " ") + line }
                w += 1
            }
            blocks.append(TTY.Block(width: w, lines: [TTY.Block.pad("[\(option.key)] \(option.title)", w)] + text))
        }
        for start in stride(from: 0, to: blocks.count, by: perLine) {
            out += TTY.beside(Array(blocks[start..<min(blocks.count, start + perLine)]), gap: gap)
        }
        return out
    }

    static func prompt(alternatives: Int) -> String {
        let pick = alternatives == 0 ? "" : alternatives == 1 ? " · 1 pick" : " · 1-\(alternatives) pick"
        return "Enter accept\(pick) · r none of these · s pass · o overview · u undo · f finish > "
    }

    static let help = """
        Enter (or y)  accept the proposed join [0]: it is pinned
        1, 2, ...     the numbered alternative is right: it is pinned instead
        r (or n)      none of these: the proposed join is wrong; it is forbidden, then the next candidates for its place are shown
        s (or pass)   pass: not sure, or partly right (the place is not asked about again until it changes)
        o             show the overview again (the page small, the doubtful places numbered), then the question
        u             undo the last answer
        f (or q)      finish now: keep the rest as it is and write the result
        """

    enum Answer: Equatable {
        case accept, pick(Int), reject, skip, undo, finish, overview, help, invalid
    }

    static func parse(_ line: String, alternatives: Int) -> Answer {
        let s = line.trimmingCharacters(in: .whitespaces).lowercased()
        switch s {
        case "", "y", "yes", "a", "accept", "0": return .accept
        case "r", "n", "no", "reject", "none": return .reject
        case "s", "skip", "pass": return .skip
        case "u", "undo": return .undo
        case "f", "q", "finish", "quit": return .finish
        case "o", "overview": return .overview
        case "?", "h", "help": return .help
        default:
            if let k = Int(s), k >= 1, k <= alternatives { return .pick(k) }
            return .invalid
        }
    }
}
