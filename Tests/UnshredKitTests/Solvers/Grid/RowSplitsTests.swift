import Foundation
import Testing
@testable import UnshredKit

@Suite struct RowSplitsTests {
    /// A two-column page, 8 x 10 pieces of 60 x 150 px: each column a crop of the same
    /// dense text page, the right one from two piece rows further down, and a white
    /// gutter on the cut between columns 4 and 5. So the right part of row p has its
    /// text lines exactly where the left part of row p + 2 has them: the line profiles
    /// pair the wrong halves, the joins across the gutter are paper, and only the
    /// right column's top-bottom joins say which half goes with which.
    static func twoColumnPage() throws -> (inputs: GridSolver.Inputs, truth: [[Int]]) {
        let source = try Fixtures.page("en-serif-1368x1980")
        let (rows, columns, w, h) = (8, 10, 60, 161)
        var page = GrayImage(width: columns * w, height: rows * h)
        let height = rows * h - 60, width = 260, top = 290
        func paste(_ x0: Int, from sx: Int, _ sy: Int) {
            for y in 0..<height {
                for x in 0..<width {
                    page.pixels[(30 + y) * page.width + x0 + x] = source.pixels[(sy + y) * source.width + sx + x]
                }
            }
        }
        paste(30, from: 150, top)
        paste(310, from: 700, top + 332)
        let cut = Shredder.cut(page, grid: GridShape(rows: rows, columns: columns), seed: 3)
        let names = cut.pieces.map(\.name)
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let truth = cut.truth.pages[0].rows.map { $0.map { index[$0]! } }
        var configuration = GridSolver.Configuration()
        configuration.rowSplitRounds = 24
        return (GridSolver.prepare(cut.pieces.map(\.image), measure: .standard, configuration: configuration), truth)
    }

    /// The band prices add up to the page's cost: re-ordering a band changes the page's
    /// cost by exactly what `BandPrices.cost` says.
    @Test func bandPricesAreThePageCost() throws {
        let (inputs, truth) = try Self.twoColumnPage()
        let objective = inputs.objective
        let seams = PageObjective.ColumnSeams(truth, objective: objective)
        for band in [5..<10, 0..<3, 2..<7] {
            let prices = objective.bandPrices(truth, columns: band, seams: seams)
            let order = [3, 0, 6, 1, 7, 2, 5, 4]
            var rows = truth
            for p in rows.indices { rows[p].replaceSubrange(band, with: truth[order[p]][band]) }
            let predicted = objective.pageCost(truth) - prices.cost(Array(0..<8)) + prices.cost(order)
            #expect(abs(predicted - objective.pageCost(rows)) <= 1e-3 * max(1, abs(predicted)), "band \(band)")
        }
    }

    /// The grouping cost is the page's joins plus the line rhythm broken between each row
    /// and the next: on the truth, on a page whose left halves are swapped between rows,
    /// and on the truth upside down.
    @Test func groupingCostAddsTheRowsRhythm() throws {
        let (inputs, truth) = try Self.twoColumnPage()
        let objective = inputs.objective
        var mixed = truth
        for p in 0..<4 { mixed[p].replaceSubrange(0..<5, with: truth[p + 4][0..<5]) }
        for p in 4..<8 { mixed[p].replaceSubrange(0..<5, with: truth[p - 4][0..<5]) }
        for rows in [truth, mixed, Array(truth.reversed())] {
            let rhythm = LineRhythm(rows: rows, profiles: inputs.profiles)
            let scale = objective.rhythmScale(columns: 10)
            let broken = (1..<rows.count).reduce(Float(0)) { $0 + scale * rhythm.breakage(above: $1 - 1, below: $1) }
            let expected = objective.pageCost(rows) + broken
            #expect(broken >= 0)
            #expect(abs(objective.groupingCost(rows) - expected) <= 1e-4 * expected)
        }
        #expect(objective.pageCost(mixed) > objective.pageCost(truth))
    }

    /// The right column's parts shifted two rows, as the line profiles pair them: the
    /// band search puts them back in one move.
    @Test func shiftedRightColumnComesBack() throws {
        let (inputs, truth) = try Self.twoColumnPage()
        var rows = truth
        for p in rows.indices { rows[p].replaceSubrange(5..<10, with: truth[(p + 2) % 8][5..<10]) }
        #expect(GridSolver.pageCost(rows, inputs: inputs) > GridSolver.pageCost(truth, inputs: inputs))
        // Single swaps cannot mend it (each alone breaks more seams than it mends).
        #expect(GridSolver.swapPieces(rows, inputs: inputs) != truth)
        // The band search mends it (up to what the page's cost cannot tell: the cut
        // between the last two rows' left halves runs nearly through paper).
        let mended = RowSplits.improve(rows, inputs: inputs)
        #expect(GridSolver.pageCost(mended, inputs: inputs) < GridSolver.pageCost(rows, inputs: inputs))
        func rowsRight(_ g: [[Int]]) -> Int { Set(g.map(Set.init)).intersection(Set(truth.map(Set.init))).count }
        #expect(rowsRight(rows) == 0)
        #expect(rowsRight(mended) >= 6, "\(rowsRight(mended)) of 8 rows grouped right")
        // With decisions priced in, the band moves stand aside (as stackedTrades).
        var decided = inputs
        decided.decided = true
        #expect(RowSplits.improve(rows, inputs: decided) == rows)
    }

    /// The true neighbour pairs (left-right and top-bottom) of `truth` that `rows` keeps.
    static func trueNeighbours(_ rows: [[Int]], truth: [[Int]]) -> Int {
        func pairs(_ g: [[Int]]) -> Set<[Int]> {
            var out = Set<[Int]>()
            for r in g.indices {
                for c in g[r].indices {
                    if c + 1 < g[r].count { out.insert([0, g[r][c], g[r][c + 1]]) }
                    if r + 1 < g.count { out.insert([1, g[r][c], g[r + 1][c]]) }
                }
            }
            return out
        }
        return pairs(rows).intersection(pairs(truth)).count
    }

    /// End to end, the shape given: without the band moves both row groupings pair
    /// halves of different rows (the gutter's joins and the page's side margins are
    /// paper, so even two left halves make a cheap row) and nothing repairs it; with
    /// them the page costs less and more of it comes back.
    @Test func twoColumnPageComesBack() throws {
        let (inputs, truth) = try Self.twoColumnPage()
        let grid = GridShape(rows: 8, columns: 10)
        let solved = GridSolver.solve(inputs, grid: grid).rows
        var off = inputs
        off.configuration.rowSplitRounds = 0
        let without = GridSolver.solve(off, grid: grid).rows
        let all = 8 * 9 + 7 * 10
        let with = Self.trueNeighbours(solved, truth: truth), before = Self.trueNeighbours(without, truth: truth)
        #expect(GridSolver.pageCost(solved, inputs: inputs) < GridSolver.pageCost(without, inputs: inputs))
        #expect(with > before, "\(with) of \(all) true neighbours, without the bands \(before)")
    }
}
