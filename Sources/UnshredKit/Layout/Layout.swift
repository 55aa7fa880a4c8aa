/// An arrangement of pieces: pages of rows of piece names (file stems), left to right.
///
/// Text format, shared by `--layout`, `truth.txt` and reports:
/// ```
/// # page title        <- a line starting with '#' starts a new page
/// 008 014 012         <- one line per page row, stems separated by spaces
/// 003 007~ 011        <- '~' right after a stem: that piece stands turned 180 degrees
/// ```
/// A file without any `#` line holds one untitled page.
///
/// **Turned pieces.** A cell `007~` is piece `007` turned by 180 degrees from how it
/// was scanned (a strip fed into the scanner upside down, or `unshred shred --flip`):
/// to stand where the layout puts it, it is turned back. The mark is not part of the
/// name: `rows` hold the stems (`007`) and `Page.turned` the stems marked. A layout
/// without marks reads and writes exactly as before. (So a piece whose file stem itself
/// ends in `~` cannot be named in a layout.)
public struct Layout: Equatable, Sendable {
    /// The mark written right after a stem whose piece is turned 180 degrees.
    public static let turnMark: Character = "~"

    public struct Page: Equatable, Sendable {
        public var title: String?
        /// Piece names (stems, without the turn mark), top row first, left to right.
        public var rows: [[String]]
        /// Names of the pieces that stand turned 180 degrees from how they were scanned.
        public var turned: Set<String>

        public init(title: String? = nil, rows: [[String]], turned: Set<String> = []) {
            self.title = title
            self.rows = rows
            self.turned = turned
        }
        public var rowCount: Int { rows.count }
        public var columnCount: Int { rows.first?.count ?? 0 }
        public var names: [String] { rows.flatMap { $0 } }
        /// True when `name` stands turned 180 degrees on this page.
        public func isTurned(_ name: String) -> Bool { turned.contains(name) }
        /// The cell's text: the name, with the turn mark when the piece is turned.
        public func cell(_ name: String) -> String { isTurned(name) ? name + String(Layout.turnMark) : name }
    }

    public var pages: [Page]

    public init(pages: [Page]) { self.pages = pages }
    public init(rows: [[String]], turned: Set<String> = []) { self.pages = [Page(rows: rows, turned: turned)] }

    public var names: [String] { pages.flatMap(\.names) }
    /// Names of every turned piece, on any page.
    public var turned: Set<String> { pages.reduce(into: Set<String>()) { $0.formUnion($1.turned) } }

    /// The text form; ends with a newline.
    public var text: String {
        var out = ""
        for page in pages {
            if let title = page.title { out += "# \(title)\n" }
            for row in page.rows { out += row.map(page.cell).joined(separator: " ") + "\n" }
        }
        return out
    }

    public static func parse(_ text: String, path: String = "<layout>") throws -> Layout {
        var pages: [Page] = []
        var current: Page? = nil
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.hasPrefix("#") {
                if let page = current { pages.append(page) }
                let title = line.dropFirst().trimmingCharacters(in: .whitespaces)
                current = Page(title: title, rows: [])
            } else if !line.isEmpty {
                let cells = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                if current == nil { current = Page(title: nil, rows: []) }
                var row: [String] = []
                for cell in cells {
                    guard cell.last == turnMark else { row.append(cell); continue }
                    let stem = String(cell.dropLast())
                    guard !stem.isEmpty, stem.last != turnMark else { throw LayoutError.badCell(path: path, cell: cell) }
                    row.append(stem)
                    current!.turned.insert(stem)
                }
                current!.rows.append(row)
            }
        }
        if let page = current { pages.append(page) }
        guard !pages.isEmpty else { throw LayoutError.empty(path: path) }
        for page in pages {
            guard let width = page.rows.first?.count else { throw LayoutError.empty(path: path) }
            if let bad = page.rows.firstIndex(where: { $0.count != width }) {
                throw LayoutError.ragged(path: path, row: bad + 1, expected: width, found: page.rows[bad].count)
            }
        }
        return Layout(pages: pages)
    }
}

public enum LayoutError: Error, Equatable, CustomStringConvertible, Sendable {
    case empty(path: String)
    case ragged(path: String, row: Int, expected: Int, found: Int)
    /// A cell that is only the turn mark, or carries it twice.
    case badCell(path: String, cell: String)

    public var description: String {
        switch self {
        case let .empty(path): return "\(path): layout has no rows"
        case let .ragged(path, row, expected, found):
            return "\(path): row \(row) has \(found) pieces, the first row has \(expected)"
        case let .badCell(path, cell):
            return "\(path): cell '\(cell)' is not a piece name ('~' after a name marks a piece turned 180 degrees)"
        }
    }
}
