import Testing
@testable import UnshredKit

/// Strips scanned upside down: CUMCM strip sets with some strips turned 180 degrees.
@Suite struct StripTurnsTests {
    /// CUMCM set `number` with the strips named in `turn` turned, and its truth marking them.
    static func turnedSet(_ number: Int, every k: Int, from start: Int) throws -> (pieces: PieceSet, truth: Layout) {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(number))
        let truth = try Fixtures.truth(number)
        let order = truth.pages[0].rows[0]
        let turn = Set(order.enumerated().filter { ($0.offset - start) % k == 0 && $0.offset >= start }.map(\.element))
        return (pieces.turning(turn), Layout(rows: [order], turned: turn))
    }

    @Test(arguments: [(1, 3, 1), (2, 4, 0), (1, 3, 0)])
    func turnedStripsAreFoundAndTurnedBack(set number: Int, every k: Int, from start: Int) throws {
        let (pieces, truth) = try Self.turnedSet(number, every: k, from: start)
        #expect(!truth.turned.isEmpty)
        let solution = try Unshredder.solve(pieces)
        #expect(solution.layout == truth)
        #expect(Score.compare(solution.layout, truth: truth).perfect)
        // The page composed turns them back: it is the original page.
        let original = try PieceLoader.load(folder: Fixtures.cumcm(number))
        #expect(try PageAssembler.compose(solution.layout, pieces: pieces)
                == PageAssembler.compose(try Fixtures.truth(number), pieces: original))
    }

    @Test func withoutTheSearchTurnedStripsAreLeftAsScanned() throws {
        let (pieces, truth) = try Self.turnedSet(1, every: 3, from: 1)
        var options = Unshredder.Options()
        options.findsTurnedStrips = false
        let solution = try Unshredder.solve(pieces, options: options)
        #expect(solution.layout.turned.isEmpty)
        #expect(Score.compare(solution.layout, truth: truth).neighbourAccuracy < 0.5)
    }

    @Test(arguments: [1, 2])
    func uprightSetsStayUpright(set number: Int) throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(number))
        let solution = try Unshredder.solve(pieces)
        #expect(solution.layout == (try Fixtures.truth(number)))
        #expect(solution.layout.turned.isEmpty)
    }

    /// Every strip turned: nothing tells this from a page scanned upright but printed
    /// upside down; the rule "most strips are scanned the right way up" keeps every
    /// strip as scanned, so the page comes back upside down (in reverse order, no marks).
    @Test func mostStripsTurnedIsReadAsTheWholePageTurned() throws {
        let (pieces, _) = try Self.turnedSet(1, every: 1, from: 0)
        let solution = try Unshredder.solve(pieces)
        let order = try Fixtures.truth(1).pages[0].rows[0]
        #expect(solution.layout == Layout(rows: [order.reversed()]))
    }

    @Test func polishTurnsAMirroredRunBack() {
        // Four strips in a chain 0 > 1 > 2 > 3 (oriented nodes 2i); node costs 1 for
        // true joins (and their mirrors), 10 otherwise; page edges free.
        let n = 4, m = 2 * n
        var values = [Float](repeating: 10, count: m * m)
        for i in 0..<(n - 1) {
            values[(2 * i) * m + 2 * (i + 1)] = 1
            values[(2 * (i + 1) + 1) * m + 2 * i + 1] = 1
        }
        for u in 0..<m { values[u * m + u] = .infinity }
        let costs = CostMatrix(count: m, values: values)
        let edges = PageEdges(leftEdge: [Float](repeating: 0, count: m), rightEdge: [Float](repeating: 0, count: m))
        // 0 then the run 1 2 3 standing turned over (3~ 2~ 1~).
        let start = [StripTurns.Placed(piece: 0, turned: false), .init(piece: 3, turned: true),
                     .init(piece: 2, turned: true), .init(piece: 1, turned: true)]
        let polished = StripTurns.polish(start, costs: costs, edges: edges)
        #expect(polished == (0..<n).map { StripTurns.Placed(piece: $0, turned: false) })
        #expect(StripTurns.cost(polished, costs: costs, edges: edges) == 3)
    }
}

@Suite struct TurnedPieceTests {
    @Test func turningTwiceIsTheIdentity() {
        let image = GrayImage(width: 3, height: 2, pixels: [1, 2, 3, 4, 5, 6])
        #expect(image.turned().pixels == [6, 5, 4, 3, 2, 1])
        #expect(image.turned().turned() == image)
        let mask = PaperMask(width: 5, height: 2, leftEdge: [1, 0], rightEdge: [3, 5])
        #expect(mask.turned() == PaperMask(width: 5, height: 2, leftEdge: [0, 2], rightEdge: [5, 4]))
        #expect(mask.turned().turned() == mask)
        let colour = RGBImage(width: 2, height: 1, pixels: [1, 2, 3, 4, 5, 6])
        #expect(colour.turned().pixels == [4, 5, 6, 1, 2, 3])
    }

    @Test func textLeansUprightAndTurnedTheOtherWay() throws {
        // A rendered English page: its ascenders outweigh its descenders.
        let page = try Fixtures.page("en-serif-1368x1980")
        let cue = TextOrientation(page)
        #expect(cue.lean > 0.1)
        #expect(TextOrientation(page.turned()).lean < -0.1)
        #expect(TextOrientation(GrayImage(width: 10, height: 40)).lean == 0)
    }
}
