import Foundation
import Testing
@testable import UnshredKit

@Suite struct GridSolverTests {
    /// No hint: the solver finds 11 x 19 and the exact page.
    @Test(arguments: [3, 4])
    func cumcmCrossCutSetsComeBackExactly(set number: Int) throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(number))
        let solution = try Unshredder.solve(pieces)
        #expect(solution.kind == .grid)
        let score = Score.compare(solution.layout, truth: try Fixtures.truth(number), pieces: pieces)
        #expect(score.perfect, "set \(number): neighbour \(score.neighbourAccuracy), direct \(score.directAccuracy)")
        // Every join has a confidence, left-right and top-bottom.
        #expect(solution.joins.count == 11 * 18 + 10 * 19)
        #expect(solution.joins.allSatisfy { (0...1).contains($0.confidence) })
    }

    /// Two pieces traded between rows of the true page: global swaps put them back,
    /// trying every pair or (as for thousands of pieces) only the pieces that are
    /// among the best partners of a cell's neighbours.
    @Test(arguments: [Int.max, 0])
    func swapsRepairATradedPair(allPairsLimit: Int) throws {
        let (inputs, truth) = try Fixtures.grid(3)
        for (a, b) in [((2, 5), (7, 11)), ((4, 9), (5, 9)), ((0, 3), (10, 16))] {
            var rows = truth
            rows[a.0][a.1] = truth[b.0][b.1]
            rows[b.0][b.1] = truth[a.0][a.1]
            #expect(GridSolver.swapPieces(rows, inputs: inputs, allPairsLimit: allPairsLimit) == truth)
        }
    }

    /// Runs of pieces traded between two rows of the true page whose lines look alike
    /// (each run where the other stood): the stacked trades put them back, and the
    /// page is then the true one. With decisions priced in, they stand aside.
    @Test func stackedTradesRepairTradedRuns() throws {
        let grid = try Fixtures.grid(4)
        var inputs = grid.inputs
        let truth = grid.truth
        let templates = truth.map { RowClustering.template($0, profiles: inputs.profiles) }
        // The pair of rows, not neighbours, whose line templates correlate best.
        var best = (0, 2)
        for a in truth.indices { for b in truth.indices where b > a + 1 {
            if LineProfile.correlation(templates[a], templates[b]) > LineProfile.correlation(templates[best.0], templates[best.1]) { best = (a, b) }
        } }
        for (i, j, length) in [(3, 9, 4), (12, 2, 3), (0, 14, 5)] {
            var rows = truth
            let (a, b) = best
            rows[a].replaceSubrange(i..<(i + length), with: truth[b][j..<(j + length)])
            rows[b].replaceSubrange(j..<(j + length), with: truth[a][i..<(i + length)])
            #expect(GridSolver.pageCost(rows, inputs: inputs) > GridSolver.pageCost(truth, inputs: inputs))
            // Swaps of single pieces cannot move the runs back (each step alone costs more) ...
            #expect(GridSolver.swapPieces(rows, inputs: inputs) != truth)
            // ... the trades do, and swaps then settle what is left, as in `arrange`.
            let traded = GridSolver.stackedTrades(rows, inputs: inputs)
            #expect(GridSolver.pageCost(traded, inputs: inputs) < GridSolver.pageCost(rows, inputs: inputs))
            var settled = Set<[Int]>()
            let settledPage = GridSolver.polish(GridSolver.swapPieces(traded, inputs: inputs), inputs: inputs, settled: &settled)
            #expect(settledPage == truth, "rows \(a), \(b): run of \(length) at \(i) and \(j)")
            inputs.decided = true
            #expect(GridSolver.stackedTrades(rows, inputs: inputs) == rows)
            inputs.decided = false
        }
    }

    /// Pins chained through shared pieces (left of and above one piece, a run along a
    /// row, one at a page corner) all hold after enforcement, from any starting grid.
    @Test func chainedPinsAllHold() {
        var inputs = BlockOrderTests.randomInputs(pieces: 20, seed: 9)
        let truth = (0..<4).map { r in (0..<5).map { r * 5 + $0 } }
        inputs.pinnedLinks = [(truth[2][1], truth[2][2]), (truth[2][2], truth[2][3]), (truth[0][3], truth[0][4])]
        inputs.pinnedBelow = [(truth[1][2], truth[2][2]), (truth[2][3], truth[3][3]), (truth[0][4], truth[1][4])]
        for seed in 1...20 as ClosedRange<UInt64> {
            var rng = SeededRandom(seed: seed)
            let shuffled = Array(0..<20).shuffled(using: &rng)
            let start = (0..<4).map { Array(shuffled[($0 * 5)..<($0 * 5 + 5)]) }
            let rows = GridSolver.enforcePins(start, inputs: inputs)
            #expect(rows.flatMap { $0 }.sorted() == Array(0..<20))
            func at(_ p: Int) -> (Int, Int) { let r = rows.firstIndex { $0.contains(p) }!; return (r, rows[r].firstIndex(of: p)!) }
            for (a, b) in inputs.pinnedLinks { #expect(at(b) == (at(a).0, at(a).1 + 1), "seed \(seed): \(a)|\(b)") }
            for (a, b) in inputs.pinnedBelow { #expect(at(b) == (at(a).0 + 1, at(a).1), "seed \(seed): \(a)/\(b)") }
        }
    }

    @Test func lineProfilesTellTheRowsOfSetThreeApart() throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(3))
        let truth = try Fixtures.truth(3).pages[0].rows
        let groups = RowClustering.cluster(pieces.images.map { LineProfile($0) }, rows: 11, columns: 19)
        #expect(groups.count == 11 && groups.allSatisfy { $0.count == 19 })
        // Each group is mostly one true row.
        for group in groups {
            let rows = group.map { i in truth.firstIndex { $0.contains(pieces[i].name) }! }
            let majority = Dictionary(grouping: rows, by: { $0 }).values.map(\.count).max()!
            #expect(majority >= 17)
        }
    }

    @Test func lineRhythmContinuesAcrossTrueRowsOnly() throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(3))
        let truth = try Fixtures.truth(3).pages[0].rows.map { $0.map { pieces.index(of: $0)! } }
        let rhythm = LineRhythm(rows: truth, profiles: pieces.images.map { LineProfile($0) })
        #expect(abs(rhythm.pitch - 68.25) < 1.5)
        let trueBreaks = (0..<10).map { rhythm.breakage(above: $0, below: $0 + 1) }
        #expect(trueBreaks.allSatisfy { $0 < 0.25 })
    }

    /// Pages the solver has never seen: two languages, five fonts, three grid shapes,
    /// and scanner-like noise (gaussian sigma 5 after a 0.7 px blur). No hints.
    @Test(arguments: [
        ("en-serif-1368x1980", "8x12", 0.0), ("en-sans-1152x1600", "8x12", 0.0),
        ("zh-song-1368x1980", "8x12", 0.0), ("zh-hei-1200x1500", "8x12", 0.0), ("en-mono-960x1280", "8x12", 0.0),
        ("en-serif-1368x1980", "6x10", 0.0), ("zh-hei-1200x1500", "6x10", 0.0),
        ("zh-song-1368x1980", "10x8", 0.0), ("en-serif-1368x1980", "10x8", 0.0),
        ("en-sans-1152x1600", "8x12", 5.0), ("zh-song-1368x1980", "8x12", 5.0),
    ])
    func syntheticCrossCutPagesComeBackExactly(page: String, grid: String, noise: Double) throws {
        let options = Shredder.Options(grid: GridShape(grid)!, seed: 5, noise: noise, blur: noise > 0 ? 0.7 : 0)
        let cut = try Shredder.cut(try Fixtures.page(page), options: options)
        let pieces = PieceSet(pieces: cut.pieces)
        let solution = try Unshredder.solve(pieces)
        let score = Score.compare(solution.layout, truth: cut.truth, pieces: pieces)
        #expect(score.perfect, "\(page) \(grid) noise \(noise): neighbour \(score.neighbourAccuracy), direct \(score.directAccuracy)")
    }
}

@Suite struct ShapeDetectorTests {
    @Test(arguments: [(1, "1x19"), (2, "1x19"), (3, "11x19"), (4, "11x19")])
    func cumcmShapes(set number: Int, expected: String) throws {
        #expect(ShapeDetector.detect(try PieceLoader.load(folder: Fixtures.cumcm(number))) == GridShape(expected)!)
    }

    @Test(arguments: [
        ("en-serif-1368x1980", "11x19"), ("en-sans-1152x1600", "15x20"), ("zh-hei-1200x1500", "10x15"),
        ("zh-hei-1200x1500", "5x5"), ("en-serif-1368x1980", "20x10"), ("en-sans-1152x1600", "1x30"),
    ])
    func syntheticShapes(page: String, grid: String) throws {
        let cut = Shredder.cut(try Fixtures.page(page), grid: GridShape(grid)!, seed: 5)
        #expect(ShapeDetector.detect(PieceSet(pieces: cut.pieces)) == GridShape(grid)!)
    }
}

@Suite struct GridConstraintTests {
    /// A pinned left-right join holds in the result even when the edges disagree,
    /// and a pinned join reports full confidence.
    @Test func pinnedJoinIsHonoured() throws {
        let cut = Shredder.cut(try Fixtures.page("zh-song-1368x1980"), grid: GridShape(rows: 8, columns: 12), seed: 5)
        let pieces = PieceSet(pieces: cut.pieces)
        let truth = cut.truth.pages[0].rows
        let wrong = JoinConstraints.Join(truth[2][3], truth[5][7], .leftRight)
        let solution = try Unshredder.solve(pieces, options: .init(constraints: JoinConstraints(pinned: [wrong])))
        let row = try #require(solution.layout.pages[0].rows.first { $0.contains(wrong.first) })
        let at = try #require(row.firstIndex(of: wrong.first))
        #expect(at + 1 < row.count && row[at + 1] == wrong.second)
        let join = solution.joins.first { $0.first == wrong.first && $0.second == wrong.second && $0.direction == .leftRight }
        #expect(join?.confidence == 1)
    }
}

extension GridConstraintTests {
    /// A pinned top-bottom join holds too, even one the edges would never choose.
    @Test func pinnedTopBottomJoinIsHonoured() throws {
        let cut = Shredder.cut(try Fixtures.page("zh-hei-1200x1500"), grid: GridShape(rows: 6, columns: 10), seed: 5)
        let pieces = PieceSet(pieces: cut.pieces)
        let truth = cut.truth.pages[0].rows
        let wrong = JoinConstraints.Join(truth[1][4], truth[4][8], .topBottom)
        let solution = try Unshredder.solve(pieces, options: .init(constraints: JoinConstraints(pinned: [wrong])))
        let rows = solution.layout.pages[0].rows
        let r = try #require(rows.firstIndex { $0.contains(wrong.first) })
        let c = try #require(rows[r].firstIndex(of: wrong.first))
        #expect(r + 1 < rows.count && rows[r + 1][c] == wrong.second, "\(rows.map { $0.joined(separator: " ") }.joined(separator: "\n")) pin \(wrong)")
    }
}

@Suite struct RowBalanceTests {
    /// A fragment that fits nowhere overfills a group; balancing moves pieces until
    /// every group holds one row's worth, so the page stays rectangular.
    @Test func overfullGroupsAreEvenedOut() throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(3))
        let profiles = pieces.images.prefix(12).map { LineProfile($0) }
        let lopsided = [Array(0..<6), Array(6..<8), Array(8..<12)]
        let balanced = RowClustering.balance(lopsided, profiles: Array(profiles), columns: 4)
        #expect(balanced.map(\.count) == [4, 4, 4])
        #expect(Set(balanced.flatMap { $0 }) == Set(0..<12))
    }

    @Test func raggedLayoutIsAnErrorNotACrash() throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(1))
        let layout = Layout(pages: [Layout.Page(rows: [["000", "001"], ["002"]])])
        #expect(throws: AssemblyError.ragged(row: 2, count: 1, expected: 2)) {
            try PageAssembler.assemble(layout, pieces: pieces)
        }
    }
}
