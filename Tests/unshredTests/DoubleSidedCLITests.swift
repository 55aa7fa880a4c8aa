import Foundation
import Testing

/// End to end with double-sided sheets: two pages out of one folder of faces.
@Suite struct DoubleSidedCLITests {
    static func run(_ arguments: [String]) throws -> CLITests.Run { try CLITests.run(arguments) }

    /// A double-sided set cut by `unshred shred` (English front, Chinese back, 4 x 6).
    static func makeSet(in tmp: String) throws -> String {
        let set = "\(tmp)/sheet"
        let r = try run(["shred", "fixtures/pages/en-serif-1368x1980.png", "--back", "fixtures/pages/zh-song-1368x1980.png",
                         "--grid", "4x6", "--seed", "5", "-o", set])
        #expect(r.status == 0, "\(r.stderr)")
        return set
    }

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ path: String) throws -> (Int, Int) {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func be32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    /// Pages of a layout file: title and rows.
    static func pages(_ text: String) -> [(title: String, rows: [[String]])] {
        var pages: [(title: String, rows: [[String]])] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# ") { pages.append((String(line.dropFirst(2)), [])) } else if !pages.isEmpty {
                pages[pages.count - 1].rows.append(line.split(separator: " ").map(String.init))
            }
        }
        return pages
    }

    @Test func bothPagesAndOneLayoutComeOut() throws {
        let tmp = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let set = try Self.makeSet(in: tmp)
        let r = try Self.run([set, "-o", "\(tmp)/page.png", "--layout", "\(tmp)/layout.txt"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("unshred: 24 pieces (48 faces), double-sided, 2 pages of 4 x 6, "), "\(r.stderr)")
        // page.png names the pair: page-1.png and page-2.png, each a whole page.
        #expect(!FileManager.default.fileExists(atPath: "\(tmp)/page.png"))
        for page in ["page-1.png", "page-2.png"] {
            let (w, h) = try Self.pngSize("\(tmp)/\(page)")
            #expect(w == 6 * 228 && h == 4 * 495, "\(page): \(w) x \(h)")
        }
        // One layout, two pages, each cell a face; page 1 holds face a of the first piece.
        let layout = Self.pages(try String(contentsOfFile: "\(tmp)/layout.txt", encoding: .utf8))
        #expect(layout.map(\.title) == ["page 1", "page 2"])
        #expect(layout.allSatisfy { $0.rows.count == 4 && $0.rows.allSatisfy { $0.count == 6 } })
        #expect(layout[0].rows.joined().contains("000a"))
        // Both pages are the true ones (the truth calls them front and back, in either order).
        let truth = Self.pages(try String(contentsOfFile: "\(set)/truth.txt", encoding: .utf8))
        #expect(Set(layout.map { $0.rows }) == Set(truth.map { $0.rows }))
        // Page 2's faces belong to page 1's pieces, mirrored: back[r][c] is front[r][C-1-c].
        for r in 0..<4 {
            for c in 0..<6 {
                #expect(layout[1].rows[r][c].dropLast() == layout[0].rows[r][5 - c].dropLast())
            }
        }
    }

    @Test func theGridHintCountsOnePage() throws {
        let tmp = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let set = try Self.makeSet(in: tmp)
        let ok = try Self.run([set, "--grid", "4x6", "-q"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.hasPrefix("# page 1\n"))
        let bad = try Self.run([set, "--grid", "4x12", "-o", "\(tmp)/page.png"])
        #expect(bad.status == 1)
        #expect(bad.stderr == "error: grid 4x12 needs 48 double-sided pieces (96 faces), the folder has 24 (48 faces)\n", "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(tmp)/page-1.png"))
    }

    @Test func aPieceWithOneFaceIsNamedInOneLine() throws {
        let tmp = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let set = try Self.makeSet(in: tmp)
        try FileManager.default.removeItem(atPath: "\(set)/007b.png")
        let r = try Self.run([set, "-o", "\(tmp)/page.png"])
        #expect(r.status == 1)
        #expect(r.stderr == "error: \(set): piece 007 has only one face (007a); a double-sided piece needs both, 007a and 007b\n",
                "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let written = try FileManager.default.contentsOfDirectory(atPath: tmp).filter { $0.hasPrefix("page") }
        #expect(written.isEmpty)
    }
}
