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
        var (inputs, truth) = try Fixtures.grid(3)
        inputs.configuration.allPairsLimit = allPairsLimit
        for (a, b) in [((2, 5), (7, 11)), ((4, 9), (5, 9)), ((0, 3), (10, 16))] {
            var rows = truth
            rows[a.0][a.1] = truth[b.0][b.1]
            rows[b.0][b.1] = truth[a.0][a.1]
            #expect(GridSolver.swapPieces(rows, inputs: inputs) == truth)
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
