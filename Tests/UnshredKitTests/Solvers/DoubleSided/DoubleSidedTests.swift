import Foundation
import Testing
@testable import UnshredKit

@Suite struct DoubleSidedTests {
    /// Two pages of one size: `back` cut to the size of `front` from its top left.
    static func sheet(_ front: String, _ back: String) throws -> (GrayImage, GrayImage) {
        let f = try Fixtures.page(front), b = try Fixtures.page(back)
        let w = min(f.width, b.width), h = min(f.height, b.height)
        return (f.cropped(x: 0, y: 0, width: w, height: h), b.cropped(x: 0, y: 0, width: w, height: h))
    }

    static func cut(_ front: String, _ back: String, grid: String, seed: UInt64) throws -> Shredder.Cut {
        let (f, b) = try sheet(front, back)
        return try Shredder.cut(f, back: b, options: .init(grid: GridShape(grid)!, seed: seed))
    }

    /// The layout's joins, as the solution must list them.
    static func joins(of layout: Layout) -> Set<String> {
        var out = Set<String>()
        for (p, page) in layout.pages.enumerated() {
            for (r, row) in page.rows.enumerated() {
                for (c, name) in row.enumerated() {
                    if c + 1 < row.count { out.insert("\(p) \(r) \(c) \(name)|\(row[c + 1])") }
                    if r + 1 < page.rows.count { out.insert("\(p) \(r) \(c) \(name)/\(page.rows[r + 1][c])") }
                }
            }
        }
        return out
    }

    @Test func cumcmSetFiveComesBackExactly() throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(5))
        let solution = try Unshredder.solve(pieces)
        #expect(solution.kind == .doubleSided)
        #expect(solution.shapeDescription == "double-sided, 2 pages of 11 x 19")
        let score = Score.compare(solution.layout, truth: try Fixtures.truth(5), pieces: pieces)
        #expect(score.perfect, "neighbour \(score.neighbourAccuracy), direct \(score.directAccuracy)")
        // Page 1 holds face a of the first piece; here that is the dataset's front.
        #expect(solution.layout.pages.map(\.title) == ["page 1", "page 2"])
        #expect(solution.layout.pages[0].names.contains("000a"))
        #expect(solution.layout.pages[0] == Layout.Page(title: "page 1", rows: try Fixtures.truth(5).pages[0].rows))
        // Every join of both pages, each with a confidence.
        #expect(solution.joins.count == 2 * (11 * 18 + 10 * 19))
        #expect(solution.joins.allSatisfy { (0...1).contains($0.confidence) })
        let listed = Set(solution.joins.map {
            "\($0.page) \($0.row) \($0.column) \($0.first)\($0.direction == .leftRight ? "|" : "/")\($0.second)"
        })
        #expect(listed == Self.joins(of: solution.layout))
    }

    @Test(arguments: [
        ("en-mono-960x1280", "zh-hei-1200x1500", "8x12", UInt64(12)),
        ("zh-song-1368x1980", "en-serif-1368x1980", "1x19", UInt64(13)),
    ])
    func syntheticSheetsComeBackExactly(front: String, back: String, grid: String, seed: UInt64) throws {
        let cut = try Self.cut(front, back, grid: grid, seed: seed)
        let pieces = PieceSet(pieces: cut.pieces)
        let solution = try Unshredder.solve(pieces)
        let score = Score.compare(solution.layout, truth: cut.truth, pieces: pieces)
        #expect(score.perfect, "\(front)/\(back) \(grid): neighbour \(score.neighbourAccuracy), direct \(score.directAccuracy)")
        #expect(solution.layout.pages.count == 2)
        #expect(solution.shapeDescription.hasSuffix("of \(grid.replacingOccurrences(of: "x", with: " x "))"))
    }

    /// Shapes from both faces' evidence, no solving: pages cut to a common size lose margins.
    @Test(arguments: [
        ("en-serif-1368x1980", "zh-song-1368x1980", "11x19"), ("en-mono-960x1280", "zh-hei-1200x1500", "8x12"),
        ("zh-hei-1200x1500", "zh-song-1368x1980", "10x15"), ("en-sans-1152x1600", "en-mono-960x1280", "10x12"),
        ("zh-song-1368x1980", "en-sans-1152x1600", "13x17"), ("en-serif-1368x1980", "en-mono-960x1280", "1x24"),
    ])
    func shapeComesFromTheMarginsOfBothFaces(front: String, back: String, grid: String) throws {
        let cut = try Self.cut(front, back, grid: grid, seed: 3)
        let pieces = PieceSet(pieces: cut.pieces)
        guard case let .doubleSided(pairs) = FacePairs.recognise(pieces.names) else {
            Issue.record("not double-sided")
            return
        }
        let shape = DoubleSidedSolver.estimateShape(pieces, pairs: pairs).estimate.shape
        #expect(shape == GridShape(grid)!)
    }

    /// Where no edge joins two blocks of rows, only each page's own line rhythm and
    /// margins tell how they lie: rows turned over come back, in order.
    @Test func rowsTurnedOverAreTurnedBack() throws {
        let cut = try Self.cut("zh-song-1368x1980", "en-serif-1368x1980", grid: "11x19", seed: 3)
        let pieces = PieceSet(pieces: cut.pieces)
        guard case let .doubleSided(pairs) = FacePairs.recognise(pieces.names) else {
            Issue.record("not double-sided")
            return
        }
        let sheet = Sheet(pieces, pairs: pairs, measure: .standard)
        let item: (String) -> Int = { name in
            let p = pairs.pieces.firstIndex(of: String(name.dropLast()))!
            return 2 * p + (name.last == "b" ? 1 : 0)
        }
        let truth = cut.truth.pages[0].rows.map { $0.map(item) }
        var scrambled = truth
        for r in [3, 4, 5, 9] { scrambled[r] = scrambled[r].reversed().map(Sheet.turned) }
        scrambled.swapAt(3, 9)
        let settled = RowTurns.settle(scrambled, sheet: sheet, objective: sheet.itemObjective(sheet.itemMatrices()), seed: 1)
        let mirror = truth.map { $0.reversed().map(Sheet.turned) }
        #expect(settled == truth || settled == mirror)
        // The edges alone orient the pieces of each block of rows alike.
        let votes = Orientation.edgeVotes(sheet, items: sheet.itemMatrices())
        let front = Set(cut.truth.pages[0].names)
        let turned = (0..<pairs.count).map { !front.contains(pieces[pairs.faceA[$0]].name) }
        var right: Float = 0, wrong: Float = 0
        for p in 0..<pairs.count {
            for q in (p + 1)..<pairs.count where votes[p, q] != 0 {
                if (votes[p, q] > 0) == (turned[p] == turned[q]) { right += abs(votes[p, q]) } else { wrong += abs(votes[p, q]) }
            }
        }
        #expect(wrong < 0.05 * right, "right \(right), wrong \(wrong)")
    }

    /// Decisions name faces: a pinned join appears on whichever page its faces lie,
    /// a forbidden one nowhere; the grid hint is one page's.
    @Test func decisionsAreHonouredOnBothPages() throws {
        let cut = try Self.cut("en-serif-1368x1980", "zh-song-1368x1980", grid: "4x6", seed: 9)
        let pieces = PieceSet(pieces: cut.pieces)
        let front = cut.truth.pages[0].rows, back = cut.truth.pages[1].rows
        // Not true: two back faces of different rows side by side; true: a front join.
        let pin = JoinConstraints.Join(back[0][0], back[2][3], .leftRight)
        let forbid = JoinConstraints.Join(front[1][2], front[2][2], .topBottom)
        var options = Unshredder.Options(grid: GridShape(rows: 4, columns: 6))
        options.constraints = JoinConstraints(pinned: [pin], forbidden: [forbid])
        let solution = try Unshredder.solve(pieces, options: options)
        let found = Self.joins(of: solution.layout).map { $0.split(separator: " ").last.map(String.init)! }
        #expect(found.contains(pin.description), "\(solution.layout.text)")
        #expect(!found.contains(forbid.description), "\(solution.layout.text)")
        #expect(solution.layout.pages.allSatisfy { $0.rowCount == 4 && $0.columnCount == 6 })

        // The grid counts one page's cells, not faces.
        options.grid = GridShape(rows: 4, columns: 5)
        #expect(throws: SolveError.doubleSidedGridMismatch(grid: GridShape(rows: 4, columns: 5), pieces: 24)) {
            _ = try Unshredder.solve(pieces, options: options)
        }
        #expect(SolveError.doubleSidedGridMismatch(grid: GridShape(rows: 4, columns: 5), pieces: 24).description
            == "grid 4x5 needs 20 double-sided pieces (40 faces), the folder has 24 (48 faces)")
    }

    /// A 10 x 10 face with ink in columns `from..<to` (rows 2..<8), or blank.
    static func face(ink columns: Range<Int>?) -> GrayImage {
        var image = GrayImage(width: 10, height: 10)
        if let columns { for y in 2..<8 { for x in columns { image.pixels[y * 10 + x] = 0 } } }
        return image
    }

    /// Page 1's left margin and page 2's right margin are wider than a piece: every row's
    /// outer piece on that side is blank there, so its blank bands say nothing, and a row
    /// turned over (page 1 showing page 2's text) looks as good as one lying right. The
    /// text's extent through the blank pieces tells: turned, the row's text starts 2 px
    /// from page 1's edge where every other row's starts 12 px in.
    @Test func marginsReadThroughBlankPiecesTellARowTurnedOver() throws {
        let front = [Self.face(ink: nil), Self.face(ink: 2..<10), Self.face(ink: 0..<10), Self.face(ink: 0..<8)]
        let back = [Self.face(ink: 2..<10), Self.face(ink: 0..<10), Self.face(ink: 0..<8), Self.face(ink: nil)]
        var list: [Piece] = []
        for r in 0..<3 {
            for c in 0..<4 {
                let p = r * 4 + c
                list.append(Piece(name: String(format: "%03da", p), image: front[c]))
                // Page 2 shows the piece at column 3 - c.
                list.append(Piece(name: String(format: "%03db", p), image: back[3 - c]))
            }
        }
        let pieces = PieceSet(pieces: list)
        guard case let .doubleSided(pairs) = FacePairs.recognise(pieces.names) else {
            Issue.record("not double-sided")
            return
        }
        let sheet = Sheet(pieces, pairs: pairs, measure: .standard)
        let item: (Int) -> Int = { 2 * pairs.pieces.firstIndex(of: String(format: "%03d", $0))! }
        let start = (0..<3).map { r in (0..<4).map { item(r * 4 + $0) } }
        let turns = RowTurns(start, sheet: sheet, objective: sheet.itemObjective(sheet.itemMatrices()), seed: 1)
        let lying = [false, false, false], turned = [false, true, false]
        #expect(turns.bandMisalignment(turned) == turns.bandMisalignment(lying))
        #expect(turns.misalignment(turned) > turns.misalignment(lying) + 1)
    }
}
