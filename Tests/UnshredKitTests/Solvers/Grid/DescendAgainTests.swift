import Foundation
import Testing
@testable import UnshredKit

@Suite struct DescendAgainTests {
    /// A 6 x 8 page of 70 x 120 px pieces: a block of dense text in its upper left, white
    /// paper to the right and below (so it has blank pieces), or text over the whole
    /// page (`dense`: no blank piece).
    static func page(dense: Bool) throws -> (inputs: GridSolver.Inputs, truth: [[Int]]) {
        let source = try Fixtures.page("en-serif-1368x1980")
        let (rows, columns, w, h) = (6, 8, 70, 120)
        var page = GrayImage(width: columns * w, height: rows * h)
        let width = dense ? columns * w : 5 * w - 20, height = dense ? rows * h : 4 * h - 30
        for y in 0..<height {
            for x in 0..<width {
                page.pixels[y * page.width + x] = source.pixels[(250 + y) * source.width + 150 + x]
            }
        }
        let cut = Shredder.cut(page, grid: GridShape(rows: rows, columns: columns), seed: 5)
        let names = cut.pieces.map(\.name)
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let truth = cut.truth.pages[0].rows.map { $0.map { index[$0]! } }
        return (GridSolver.prepare(cut.pieces.map(\.image), measure: .standard), truth)
    }

    /// The truth with pieces of the text block traded between rows: a page grouped wrongly.
    static func spoilt(_ truth: [[Int]]) -> [[Int]] {
        var rows = truth
        for (a, b, c) in [(0, 1, 1), (1, 2, 3), (2, 3, 0), (0, 3, 4), (1, 3, 2)] {
            let t = rows[a][c]
            rows[a][c] = rows[b][c]
            rows[b][c] = t
        }
        return rows
    }

    /// From a page grouped wrongly, the descent again comes back cheaper (the page's
    /// cost decides), and never dearer than it was given.
    @Test func spoiltPageComesBackCheaper() throws {
        let (inputs, truth) = try Self.page(dense: false)
        #expect(inputs.profiles.contains { $0.ink == 0 }, "the page needs blank pieces")
        let start = Self.spoilt(truth)
        let cost = GridSolver.pageCost(start, inputs: inputs)
        let again = GridSolver.descendAgain(start, cost: cost, inputs: inputs, seed: 1)
        #expect(GridSolver.pageCost(again, inputs: inputs) < cost - 1e-3)
        #expect(Set(again.flatMap { $0 }) == Set(truth.flatMap { $0 }))
        #expect(again.allSatisfy { $0.count == truth[0].count } && again.count == truth.count)
    }

    /// Off (`extraDescents = 0`), and on a dense page (no blank piece), the page stays
    /// as it was given.
    @Test func offAndDensePagesStay() throws {
        var (inputs, truth) = try Self.page(dense: false)
        inputs.configuration.extraDescents = 0
        let start = Self.spoilt(truth)
        #expect(GridSolver.descendAgain(start, cost: GridSolver.pageCost(start, inputs: inputs),
                                        inputs: inputs, seed: 1) == start)
        let (dense, denseTruth) = try Self.page(dense: true)
        #expect(!dense.profiles.contains { $0.ink == 0 })
        let denseStart = Self.spoilt(denseTruth)
        #expect(GridSolver.descendAgain(denseStart, cost: GridSolver.pageCost(denseStart, inputs: dense),
                                        inputs: dense, seed: 1) == denseStart)
    }
}
