import Foundation
import Testing
@testable import UnshredKit

/// The fast paths the grid solver takes for thousands of pieces, against the plain
/// computations they replace.
@Suite struct GridScaleTests {
    /// Profiles of random pieces: a few dark bands (text lines) at random heights, some blank.
    static func profiles(_ count: Int, seed: UInt64) -> [LineProfile] {
        var rng = SeededRandom(seed: seed)
        return (0..<count).map { k in
            var pixels = [UInt8](repeating: 255, count: 12 * 60)
            if k % 7 != 3 {
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let y = Int.random(in: 0..<56, using: &rng)
                    for yy in y..<(y + 4) {
                        for x in 0..<12 where Bool.random(using: &rng) { pixels[yy * 12 + x] = UInt8.random(in: 0...120, using: &rng) }
                    }
                }
            }
            return LineProfile(GrayImage(width: 12, height: 60, pixels: pixels))
        }
    }

    @Test(arguments: [1, 7, 8, 9, 61])
    func correlationsAreTheReferenceBitForBit(count: Int) {
        let profiles = Self.profiles(count, seed: UInt64(count))
        let kernel = ProfileCorrelation(profiles.map(\.density))
        for i in 0..<count {
            var row = [Float](repeating: .nan, count: count)
            row.withUnsafeMutableBufferPointer { kernel.correlations(of: i, from: 0, into: $0.baseAddress!) }
            for j in 0..<count {
                let reference = LineProfile.correlation(profiles[i].density, profiles[j].density)
                #expect(row[j].bitPattern == reference.bitPattern, "\(i) \(j)")
                #expect(kernel.correlation(i, j).bitPattern == reference.bitPattern)
            }
        }
        let template = RowClustering.template(Array(0..<count).filter { $0 % 3 == 0 }, profiles: profiles)
        let fits = kernel.correlations(with: template)
        for j in 0..<count {
            #expect(fits[j].bitPattern == LineProfile.correlation(profiles[j].density, template).bitPattern)
        }
    }

    /// Sums over groups of many sizes, on one thread (few pieces) and on all (many).
    @Test(arguments: [40, 300])
    func pairSumsAreTheReferenceBitForBit(count: Int) {
        let profiles = Self.profiles(count, seed: 99)
        var rng = SeededRandom(seed: 3)
        var groups: [[Int]] = []
        var rest = Array(0..<count).shuffled(using: &rng)[...]
        while !rest.isEmpty {
            let size = Int.random(in: 1...5, using: &rng)
            groups.append(Array(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        let fast = RowClustering.pairSums(groups, profiles: profiles)
        let reference = RowClustering.pairSumsReference(groups, profiles: profiles)
        #expect(fast.map(\.bitPattern) == reference.map(\.bitPattern))
    }

    /// Refinement from rows dealt badly (set 4's true rows with pieces traded
    /// between them): the incremental search takes the reference's steps.
    @Test func refineTakesTheReferenceSteps() throws {
        let (inputs, truth) = try Fixtures.grid(4)
        var rows = truth
        var rng = SeededRandom(seed: 11)
        for _ in 0..<12 {
            let a = Int.random(in: 0..<rows.count, using: &rng), b = Int.random(in: 0..<rows.count, using: &rng)
            let i = Int.random(in: 0..<rows[a].count, using: &rng), j = Int.random(in: 0..<rows[b].count, using: &rng)
            let t = rows[a][i]; rows[a][i] = rows[b][j]; rows[b][j] = t
        }
        let fast = GridSolver.refine(rows, inputs: inputs, seed: 1)
        #expect(fast != rows)
        #expect(fast == GridSolver.refineReference(rows, inputs: inputs, seed: 1))
    }

    /// The branch-free search takes the plain search's steps, to the same Floats.
    @Test(arguments: [2, 3, 7, 19, 40])
    func blockSearchIsTheReference(columns: Int) {
        let rowCount = 4
        let n = rowCount * columns
        for seed in 0..<6 as Range<UInt64> {
            let inputs = BlockOrderTests.randomInputs(pieces: n, seed: seed * 31 + UInt64(columns))
            var rng = SeededRandom(seed: seed)
            let pieces = Array(0..<n).shuffled(using: &rng)
            let rows = (0..<rowCount).map { Array(pieces[($0 * columns)..<(($0 + 1) * columns)]) }
            for block in [0...0, 1...2, 3...3, 0...3] {
                let order = BlockOrder(rows: rows, block: block, objective: inputs.objective)
                var start = Array(0..<columns).shuffled(using: &rng)
                var fast = start
                let fastCost = order.improve(&fast)
                let referenceCost = order.improveReference(&start)
                #expect(fast == start)
                #expect(fastCost.bitPattern == referenceCost.bitPattern)
            }
        }
    }

    @Test(arguments: [1, 2, 3, 9, 30])
    func replacementsAreTheReference(columns: Int) {
        let n = 3 * columns + 1
        let inputs = BlockOrderTests.randomInputs(pieces: n, seed: UInt64(columns))
        var rng = SeededRandom(seed: 5)
        for _ in 0..<5 {
            let pieces = Array(0..<n).shuffled(using: &rng)
            let row = Array(pieces.prefix(columns)), piece = pieces[columns]
            let fast = GridSolver.replacements(row, with: piece, inputs: inputs)
            let reference = row.indices.map { GridSolver.refineDelta(row, at: $0, with: piece, inputs: inputs) }
            #expect(fast == reference)
        }
    }

    /// Runs traded between set 4's true rows: the incremental exchange takes the
    /// reference's steps.
    @Test func exchangeSegmentsTakesTheReferenceSteps() throws {
        let (inputs, truth) = try Fixtures.grid(4)
        var rows = truth
        var rng = SeededRandom(seed: 12)
        for _ in 0..<8 {
            let a = Int.random(in: 0..<rows.count, using: &rng), b = Int.random(in: 0..<rows.count, using: &rng)
            let i = Int.random(in: 0..<15, using: &rng), length = Int.random(in: 1...4, using: &rng)
            let run = Array(rows[a][i..<(i + length)])
            rows[a].replaceSubrange(i..<(i + length), with: rows[b][i..<(i + length)])
            rows[b].replaceSubrange(i..<(i + length), with: run)
        }
        let fast = GridSolver.exchangeSegments(rows, inputs: inputs, seed: 1)
        #expect(fast != rows)
        #expect(fast == GridSolver.exchangeSegmentsReference(rows, inputs: inputs, seed: 1))
    }

    /// Confidence computed row by row on all cores equals the one-thread result.
    @Test func placementConfidenceIsTheSameOnAllCores() throws {
        var (parallel, rows) = try Fixtures.grid(3)
        var serial = parallel
        parallel.configuration.parallelFrom = 0
        serial.configuration.parallelFrom = .max
        #expect(GridSolver.placementConfidence(rows, inputs: parallel) == GridSolver.placementConfidence(rows, inputs: serial))
    }

    /// Polish with the few kicks of pages of thousands of pieces (from 0 columns
    /// here) still puts back pieces moved within a row, as with the full count;
    /// with no kicks (as from 62 columns) it still puts back two swapped pieces.
    @Test(arguments: [(0, Int.max), (Int.max, Int.max), (Int.max, 0)])
    func polishRepairsARowWithFewKicks(fewerKicksFrom: Int, noKicksFrom: Int) throws {
        var (inputs, truth) = try Fixtures.grid(3)
        inputs.configuration.fewerKicksColumns = fewerKicksFrom
        inputs.configuration.noKicksColumns = noKicksFrom
        var rows = truth
        rows[4].swapAt(3, 12)
        if noKicksFrom > 0 { rows[7].replaceSubrange(2..<10, with: Array(truth[7][6..<10] + truth[7][2..<6])) }
        var settled = Set<[Int]>()
        #expect(GridSolver.polish(rows, inputs: inputs, settled: &settled) == truth)
        var config = GridSolver.Configuration()
        config.fewerKicksColumns = 0
        config.noKicksColumns = .max
        #expect(GridSolver.kicks(columns: 19, configuration: config) == config.fewKicks)
        config.noKicksColumns = 0
        #expect(GridSolver.kicks(columns: 19, configuration: config) == 0)
    }

    /// Join confidences worked out on all cores (as from 1,000 pieces) are the one-thread ones.
    @Test func joinConfidencesAreTheSameOnAllCores() throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(3))
        let grid = GridShape(rows: 11, columns: 19)
        var everywhere = GridSolver.Configuration(), alone = GridSolver.Configuration()
        everywhere.parallelFrom = 0
        alone.parallelFrom = .max
        let parallel = Unshredder.solveGrid(pieces, grid: grid, options: .init(), configuration: everywhere)
        let serial = Unshredder.solveGrid(pieces, grid: grid, options: .init(), configuration: alone)
        #expect(parallel.layout == serial.layout)
        #expect(parallel.joins.map(\.confidence) == serial.joins.map(\.confidence))
        #expect(parallel.joins.count == 11 * 18 + 10 * 19)
    }
}
