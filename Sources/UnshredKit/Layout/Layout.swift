/// An arrangement of pieces: pages of rows of piece names (file stems), left to right.
///
/// Text format, shared by `--layout`, `truth.txt` and reports:
/// ```
/// # page title        <- a line starting with '#' starts a new page
/// 008 014 012         <- one line per page row, stems separated by spaces
/// ```
/// A file without any `#` line holds one untitled page.
public struct Layout: Equatable, Sendable {
    public struct Page: Equatable, Sendable {
        public var title: String?
        public var rows: [[String]]
        public init(title: String? = nil, rows: [[String]]) {
            self.title = title
            self.rows = rows
        }
        public var rowCount: Int { rows.count }
        public var columnCount: Int { rows.first?.count ?? 0 }
        public var names: [String] { rows.flatMap { $0 } }
    }

    public var pages: [Page]

    public init(pages: [Page]) { self.pages = pages }
    public init(rows: [[String]]) { self.pages = [Page(rows: rows)] }

    public var names: [String] { pages.flatMap(\.names) }

    /// The text form; ends with a newline.
    public var text: String {
        var out = ""
        for page in pages {
            if let title = page.title { out += "# \(title)\n" }
            for row in page.rows { out += row.joined(separator: " ") + "\n" }
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
                current!.rows.append(cells)
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

    public var description: String {
        switch self {
        case let .empty(path): return "\(path): layout has no rows"
        case let .ragged(path, row, expected, found):
            return "\(path): row \(row) has \(found) pieces, the first row has \(expected)"
        }
    }
}

import Foundation
