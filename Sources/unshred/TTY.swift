import Foundation
#if canImport(Glibc)
import Glibc
#endif
import UnshredKit

/// The terminal: whether there is one, how wide, which colours; and gray pictures as text.
enum TTY {
    enum Style: Equatable {
        /// Plain characters, darker = denser: NO_COLOR, TERM=dumb, or standard error not a terminal.
        case ascii
        /// Unicode upper half blocks in the 24 grays (plus black and white) of the 256-colour palette.
        case gray256
        /// Unicode upper half blocks in 24-bit colour (COLORTERM=truecolor or 24bit).
        case trueColor
    }

    /// What the decisions depend on, gathered once (and made up in tests).
    struct Environment {
        var variables: [String: String]
        var standardErrorIsTerminal: Bool
        var standardInputIsTerminal: Bool
        /// Columns reported by the terminal driver for standard error, if any.
        var windowColumns: Int?
        /// Rows reported by the terminal driver, if any.
        var windowRows: Int? = nil

        static func current() -> Environment {
            var size = winsize()
            let known = ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0
            return Environment(variables: ProcessInfo.processInfo.environment,
                               standardErrorIsTerminal: isatty(STDERR_FILENO) == 1,
                               standardInputIsTerminal: isatty(STDIN_FILENO) == 1,
                               windowColumns: known && size.ws_col > 0 ? Int(size.ws_col) : nil,
                               windowRows: known && size.ws_row > 0 ? Int(size.ws_row) : nil)
        }

        var style: Style {
            if variables["NO_COLOR"] != nil || variables["TERM"] == "dumb" || !standardErrorIsTerminal { return .ascii }
            let colorTerm = (variables["COLORTERM"] ?? "").lowercased()
            return colorTerm == "truecolor" || colorTerm == "24bit" ? .trueColor : .gray256
        }

        /// The terminal's width (TIOCGWINSZ), else COLUMNS, else 80; never below 20.
        var columns: Int {
            if let c = windowColumns { return max(20, c) }
            if let text = variables["COLUMNS"], let c = Int(text), c > 0 { return max(20, c) }
            return 80
        }

        /// The terminal's height (TIOCGWINSZ), else LINES, else 40.
        var rows: Int {
            if let r = windowRows { return r }
            if let text = variables["LINES"], let r = Int(text), r > 0 { return r }
            return 40
        }
    }

    /// Shades for `.ascii`, from paper to ink.
    static let ramp: [Character] = Array(" .:-=+*#%@")

    /// Renders `image` as text lines, one character per pixel column. Colour styles put
    /// two pixel rows in a cell (upper half block: foreground the top pixel, background
    /// the bottom); `.ascii` shades each cell by the average of its two pixels.
    static func render(_ image: GrayImage, style: Style) -> [String] {
        var lines: [String] = []
        var y = 0
        while y < image.height {
            let y2 = min(y + 1, image.height - 1)
            var line = ""
            switch style {
            case .ascii:
                for x in 0..<image.width {
                    let v = (Int(image[x, y]) + Int(image[x, y2])) / 2
                    line.append(ramp[(255 - v) * ramp.count / 256])
                }
            case .gray256, .trueColor:
                var last: (Int, Int)? = nil
                for x in 0..<image.width {
                    let top = Int(image[x, y]), bottom = Int(image[x, y2])
                    let key = style == .gray256 ? (gray256(top), gray256(bottom)) : (top, bottom)
                    if last == nil || last! != key {
                        line += style == .gray256
                            ? "\u{1B}[38;5;\(key.0);48;5;\(key.1)m"
                            : "\u{1B}[38;2;\(top);\(top);\(top);48;2;\(bottom);\(bottom);\(bottom)m"
                        last = key
                    }
                    line += "▀"
                }
                line += "\u{1B}[0m"
            }
            lines.append(line)
            y += 2
        }
        return lines
    }

    /// The 256-colour palette's red, orange or yellow for a doubtful place: the weaker, the redder.
    static func placeColour(_ confidence: Float, threshold: Float) -> Int {
        let f = threshold > 0 ? confidence / threshold : 1
        return f < 1.0 / 3 ? 196 : f < 2.0 / 3 ? 208 : 220
    }

    /// The overview's cells as text lines. Colour styles: half blocks in grays, the seams
    /// of doubtful places in their colour (the upper half of each marked cell), their
    /// numbers in bold black on that colour.
    /// `.ascii`: shades, `|` and `_` for the seams, the numbers as they are.
    static func render(_ overview: PageOverview, style: Style, threshold: Float) -> [String] {
        overview.lines.map { cells in
            var line = ""
            var last = ""
            for cell in cells {
                let colour = cell.place.map { placeColour(overview.places[$0].confidence, threshold: threshold) }
                switch style {
                case .ascii:
                    if let c = cell.character { line.append(c) }
                    else if cell.place != nil { line.append(cell.seam == .topBottom ? "_" : "|") }
                    else { line.append(ramp[(255 - (Int(cell.top) + Int(cell.bottom)) / 2) * ramp.count / 256]) }
                case .gray256, .trueColor:
                    let code: String, glyph: String
                    if let c = cell.character, let colour {
                        code = "\u{1B}[1;38;5;16;48;5;\(colour)m"
                        glyph = String(c)
                    } else if let colour {
                        // The seam in the upper half, the page in the lower: light enough to read through.
                        let b = Int(cell.bottom)
                        code = style == .gray256 ? "\u{1B}[22;38;5;\(colour);48;5;\(gray256(b))m"
                                                 : "\u{1B}[22;38;5;\(colour);48;2;\(b);\(b);\(b)m"
                        glyph = "▀"
                    } else if style == .gray256 {
                        code = "\u{1B}[22;38;5;\(gray256(Int(cell.top)));48;5;\(gray256(Int(cell.bottom)))m"
                        glyph = "▀"
                    } else {
                        let t = Int(cell.top), b = Int(cell.bottom)
                        code = "\u{1B}[22;38;2;\(t);\(t);\(t);48;2;\(b);\(b);\(b)m"
                        glyph = "▀"
                    }
                    if code != last { line += code; last = code }
                    line += glyph
                }
            }
            if style != .ascii { line += "\u{1B}[0m" }
            return line
        }
    }

    /// The nearest of the palette's grays: 16 (black), 232...255 (8, 18, ..., 238), 231 (white).
    static func gray256(_ v: Int) -> Int {
        let levels = [0] + (0..<24).map { 8 + 10 * $0 } + [255]
        let codes = [16] + Array(232...255) + [231]
        var best = 0
        for k in levels.indices where abs(levels[k] - v) < abs(levels[best] - v) { best = k }
        return codes[best]
    }

    /// A block of text lines with a known visible width (escape sequences do not count).
    struct Block {
        var width: Int
        var lines: [String]

        /// Plain text, cut or padded to `width`.
        static func text(_ lines: [String], width: Int) -> Block {
            Block(width: width, lines: lines.map { pad($0, width) })
        }

        static func pad(_ s: String, _ width: Int) -> String {
            let cut = String(s.prefix(width))
            return cut + String(repeating: " ", count: max(0, width - cut.count))
        }
    }

    /// Blocks side by side, `gap` spaces apart, top-aligned.
    static func beside(_ blocks: [Block], gap: Int = 2) -> [String] {
        let height = blocks.map(\.lines.count).max() ?? 0
        return (0..<height).map { row in
            blocks.map { block in row < block.lines.count ? block.lines[row] : String(repeating: " ", count: block.width) }
                .joined(separator: String(repeating: " ", count: gap))
        }.map { line in
            var s = line
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
    }
}
