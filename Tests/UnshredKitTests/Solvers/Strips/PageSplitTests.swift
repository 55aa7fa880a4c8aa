import Testing
@testable import UnshredKit

/// Strips of two pages mixed in one folder: CUMCM strip sets 1 and 2 (the same strip
/// size, different text), renamed so the names say nothing of the page.
@Suite struct PageSplitTests {
    static func mixed(seed: UInt64) throws -> (pieces: PieceSet, truth: Layout) {
        var rng = SeededRandom(seed: seed)
        var numbers = Array(0..<38)
        numbers.shuffle(using: &rng)
        var pieces: [Piece] = [], pages: [Layout.Page] = []
        var next = 0
        for set in [1, 2] {
            let loaded = try PieceLoader.load(folder: Fixtures.cumcm(set))
            var rename: [String: String] = [:]
            for piece in loaded.pieces {
                rename[piece.name] = String(format: "m%03d", numbers[next])
                next += 1
                pieces.append(piece.renamed(rename[piece.name]!))
            }
            pages.append(Layout.Page(title: "set \(set)", rows: [try Fixtures.truth(set).pages[0].rows[0].map { rename[$0]! }]))
        }
        return (PieceSet(pieces: pieces), Layout(pages: pages))
    }

    @Test(arguments: [UInt64(1), 2])
    func twoPagesAreFoundAndEachRestored(seed: UInt64) throws {
        let (pieces, truth) = try Self.mixed(seed: seed)
        var options = Unshredder.Options()
        options.findsPages = true
        let solution = try Unshredder.solve(pieces, options: options)
        #expect(solution.layout.pages.count == 2)
        #expect(solution.layout.pages.map(\.title) == ["page 1", "page 2"])
        let score = Score.compare(solution.layout, truth: truth)
        #expect(score.neighbourAccuracy == 1 && score.perfect)
        // No join across pages; every page's joins within it.
        #expect(solution.joins.count == 36)
        #expect(Set(solution.joins.map(\.page)) == [0, 1])
        #expect(try PageAssembler.compose(solution.layout, pieces: pieces).count == 2)
    }

    @Test func withoutTheSearchTheyRunTogether() throws {
        let (pieces, truth) = try Self.mixed(seed: 1)
        var options = Unshredder.Options()
        options.findsPages = false
        let solution = try Unshredder.solve(pieces, options: options)
        #expect(solution.layout.pages.count == 1)
        #expect(!Score.compare(solution.layout, truth: truth).perfect)
    }

    @Test func stripsOfOnePageShareTheirLines() throws {
        let (pieces, _) = try Self.mixed(seed: 3)
        let groups = LineGrid(pieces.images).groups(threshold: PageSplit.threshold, turns: true)
        let big = groups.filter { $0.count >= PageSplit.minPageStrips }
        #expect(big.count == 2)
        // No big group mixes strips of the two sets (set 1's piece names were 000-018).
        let original1 = try PieceLoader.load(folder: Fixtures.cumcm(1))
        let set1 = Set(original1.pieces.map(\.image))
        for group in big {
            let fromSet1 = group.filter { set1.contains(pieces[$0].image) }.count
            #expect(fromSet1 == 0 || fromSet1 == group.count)
        }
    }

    @Test func aSplitNeedsBadJoinsBetweenItsPages() {
        let cost: (Int, Int) -> Float = { a, b in (a < 3) == (b < 3) ? 1 : 5 }
        #expect(PageSplit.confirmed([[0, 1, 2], [3, 4, 5]], order: [0, 1, 2, 3, 4, 5], cost: cost))
        let cheap: (Int, Int) -> Float = { _, _ in 1 }
        #expect(!PageSplit.confirmed([[0, 1, 2], [3, 4, 5]], order: [0, 1, 2, 3, 4, 5], cost: cheap))
    }

    /// `count` blank strips `width` x `height`, named `prefix` and a number.
    static func strips(_ prefix: String, count: Int, width: Int = 10, height: Int = 200) -> [Piece] {
        (0..<count).map { Piece(name: String(format: "\(prefix)%02d", $0), image: GrayImage(width: width, height: height)) }
    }

    @Test func groupsTooNarrowForAPageArePartsOfOne() {
        // a: 10 strips of 10 px under 200 rows (a page 2.0 times as tall as wide);
        // b, c: 6 strips each (3.3): too narrow alone, a page together (1.7).
        let pieces = PieceSet(pieces: Self.strips("a", count: 10) + Self.strips("b", count: 6) + Self.strips("c", count: 6))
        let a = Array(0..<10), b = Array(10..<16), c = Array(16..<22)
        #expect(abs(PageSplit.aspect(a, pieces: pieces) - 2) < 1e-6)
        // Alike says b is most like a: still the two fragments are joined.
        let alike: ([Int], [Int]) -> Float = { x, y in x.contains(0) || y.contains(0) ? 0.9 : 0.5 }
        let merged = PageSplit.mergingFragments([a, b, c], pieces: pieces, alike: alike).map { $0.sorted() }
        #expect(merged == [a, b + c] || merged == [a, c + b].map { $0.sorted() })
        // Pages that could each be pages stay apart.
        #expect(PageSplit.mergingFragments([a, b + c], pieces: pieces, alike: alike).count == 2)
        // The two columns of one page (each 2 x 2.0 = 4.0 as tall as wide) are one page.
        let halves = [Array(0..<5), Array(5..<10)]
        #expect(PageSplit.mergingFragments(halves, pieces: pieces, alike: alike).count == 1)
    }

    @Test func blankStripsGoWherePaperIsMissing() {
        // Pages of 10 and 6 strips and 4 blank ones: the short page takes all four.
        let pieces = PieceSet(pieces: Self.strips("a", count: 10) + Self.strips("b", count: 6) + Self.strips("z", count: 4))
        let filled = PageSplit.fillingOut([Array(0..<10), Array(10..<16)], with: Array(16..<20), pieces: pieces)
        #expect(filled == [Array(0..<10), Array(10..<20)])
        // Two blank strips for equal pages: one each.
        let even = PageSplit.fillingOut([Array(0..<8), Array(8..<16)], with: [16, 17], pieces: pieces)
        #expect(even.map(\.count) == [9, 9])
    }

    @Test func stripsOfUnequalSizeAreStripsHoweverMany() throws {
        // Three pages of 40 strips, 300, 296 and 304 rows: together 10 times as wide as tall.
        var pieces: [Piece] = []
        for (p, height) in [300, 296, 304].enumerated() {
            for (k, strip) in Self.strips("p\(p)-", count: 40, width: 12, height: height).enumerated() {
                var image = strip.image
                // Text lines in rows of the page's own rhythm.
                for y in stride(from: 20 + 3 * p, to: height - 20, by: 14 + p) { for x in 0..<12 where (x + k) % 3 != 0 { image[x, y] = 0 } }
                pieces.append(Piece(name: strip.name, image: image))
            }
        }
        let seen = PieceSet(pieces: try SolverView.prepare(pieces, folder: "mixed"))
        #expect(ShapeDetector.seenAsStrips(seen))
        #expect(ShapeDetector.isStrips(seen))
        // Equal in size, the same strips are seen as scanned.
        let one = PieceSet(pieces: try SolverView.prepare(Array(pieces.prefix(40)), folder: "page"))
        #expect(!ShapeDetector.seenAsStrips(one))
    }

    @Test func pageIndicesFromStarts() {
        let result = StripSolver.Result(order: [4, 2, 0, 1, 3], confidence: [0.5, 0, 0.5, 0.5], cost: 0, pageStarts: [2])
        #expect(result.pages == [[4, 2], [0, 1, 3]])
    }
}
