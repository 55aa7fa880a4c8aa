import Foundation
import UnshredKit

/// What the user sees of a question (text lines for standard error), and how answers are read.
enum InteractiveView {
    /// Pixels shown either side of a seam.
    static let context = 40
    static let minimumPanelWidth = 36
    static let gap = 2

    /// The question's header, the numbered joins, and the seam pictures side by side.
    static func question(_ q: Question, number: Int, remaining: Int, threshold: Float, solution: Solution,
                         pieces: PieceSet, style: TTY.Style, columns: Int, rows: Int = 40) -> [String] {
        let joins = [q.proposed] + q.alternatives
        var out: [String] = []
        let place = solution.layout.pages.count > 1 || (solution.layout.pages.first?.rowCount ?? 1) > 1
            ? "page \(q.join.page + 1), row \(q.join.row + 1), column \(q.join.column + 1)"
            : "join \(q.join.column + 1) of \(solution.joins.count)"
        out.append("")
        out.append("Question \(number): is \(q.proposed) right? (\(place), confidence \(String(format: "%.2f", q.join.confidence)); \(remaining) uncertain below \(String(format: "%.2f", threshold)))")
        out.append("  " + joins.enumerated().map { k, join in "[\(k)] \(join)\(k == 0 ? " proposed" : "")" }.joined(separator: "   "))

        // Panels: as many side by side as fit at a readable size.
        let n = joins.count
        let perLine = max(1, min(n, (columns + gap) / (minimumPanelWidth + gap)))
        let panelWidth = max(8, min(2 * context, (columns - gap * (perLine - 1)) / perLine - (q.join.direction == .topBottom ? 1 : 0)))
        let lineCount = (n + perLine - 1) / perLine
        // Up to 20 rows of picture per panel, fewer when the terminal is short (never below 8).
        let pictureRows = max(8, min(20, (rows - 7) / lineCount - 2))
        let scale: Double, window: Int
        if q.join.direction == .leftRight {
            scale = min(1, Double(panelWidth) / Double(2 * context))
            window = Int(Double(2 * pictureRows) / scale)
        } else {
            scale = min(1, Double(2 * pictureRows) / Double(2 * context))
            window = Int(Double(panelWidth) / scale)
        }
        let pictures = SeamPictures.make(joins, layout: solution.layout, pieces: pieces, context: context, windowLength: window)
        guard let first = pictures.first else { return out }
        let alongName = q.join.direction == .leftRight ? "rows" : "columns"
        let shown = first.isWindowed
            ? "\(alongName) \(first.window.lowerBound)-\(first.window.upperBound - 1) of \(first.length) (the part with most ink near the seams)"
            : "all \(first.length) \(alongName)"
        let ratio = scale < 1 ? String(format: ", scaled to %.0f%%", scale * 100) : ""
        out.append("  \(context) px either side of each seam; \(shown)\(ratio); ^ marks the seam")

        var blocks: [TTY.Block] = []
        for (k, picture) in pictures.enumerated() {
            let w = max(1, Int((Double(picture.image.width) * scale).rounded()))
            let h = max(1, Int((Double(picture.image.height) * scale).rounded()))
            let image = SeamPictures.resample(picture.image, width: w, height: h)
            var lines = TTY.render(image, style: style)
            let seam = Int((Double(picture.seam) * scale).rounded())
            var width = w
            if picture.direction == .leftRight {
                var marker = [Character](repeating: " ", count: w)
                for x in [seam - 1, seam] where x >= 0 && x < w { marker[x] = "^" }
                lines.append(String(marker))
            } else {
                let seamLine = seam / 2
                lines = lines.enumerated().map { i, line in (i == seamLine ? ">" : " ") + line }
                width += 1
            }
            let title = TTY.Block.pad("[\(k)] \(picture.join)", width)
            blocks.append(TTY.Block(width: width, lines: [title] + lines))
        }
        for start in stride(from: 0, to: blocks.count, by: perLine) {
            out += TTY.beside(Array(blocks[start..<min(blocks.count, start + perLine)]), gap: gap)
        }
        return out
    }

    static func prompt(alternatives: Int) -> String {
        let pick = alternatives == 0 ? "" : alternatives == 1 ? " · 1 pick" : " · 1-\(alternatives) pick"
        return "Enter accept\(pick) · r reject · u undo · f finish > "
    }

    static let help = """
        Enter (or y)  accept the proposed join [0]: it is pinned
        1, 2, ...     the numbered alternative is right: it is pinned instead
        r (or n)      the proposed join is wrong: it is forbidden, then the next candidates for its place are shown
        u             undo the last answer
        f (or q)      finish now: keep the rest as it is and write the result
        """

    enum Answer: Equatable {
        case accept, pick(Int), reject, undo, finish, help, invalid
    }

    static func parse(_ line: String, alternatives: Int) -> Answer {
        let s = line.trimmingCharacters(in: .whitespaces).lowercased()
        switch s {
        case "", "y", "yes", "a", "accept", "0": return .accept
        case "r", "n", "no", "reject": return .reject
        case "u", "undo": return .undo
        case "f", "q", "finish", "quit": return .finish
        case "?", "h", "help": return .help
        default:
            if let k = Int(s), k >= 1, k <= alternatives { return .pick(k) }
            return .invalid
        }
    }
}
