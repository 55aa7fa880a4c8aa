import Foundation
import Testing
@testable import UnshredKit

@Suite struct BatchRunnerTests {
    /// End to end: shred a rendered page into strips, write the set, run it, perfect.
    @Test func shreddedPageComesBackPerfect() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let page = try Fixtures.page("en-mono-960x1280")
        let cut = try Shredder.cut(page, options: .init(grid: GridShape(rows: 1, columns: 12), seed: 7))
        try TestSet.write(cut, to: tmp.file("mono"))
        let result = BatchRunner.run(set: tmp.file("mono"))
        #expect(result.error == nil)
        #expect(result.perfect)
        #expect(result.neighbourAccuracy == 1 && result.directAccuracy == 1)
        #expect(result.pieces == 12)
        #expect(result.shape == "strips, 1 x 12" && result.truthShape == "strips, 1 x 12")
        #expect(result.interventions == 0 && result.reached == true)
        // Every join of the perfect page is right.
        #expect(result.confidence?.rightJoins == 11 && result.confidence?.wrongJoins == 0)
    }

    @Test func aSetThatCannotBeRunIsAnErrorRow() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let missing = BatchRunner.run(set: tmp.file("nothing"))
        #expect(missing.couldNotRun && missing.error!.contains("nothing"))
        // A solver that throws: the set is named in the error.
        let failing = BatchRunner.run(set: Fixtures.cumcm(1), solve: { _, _ in throw SolveError.unsupportedShape("not today") })
        #expect(failing.error == "\(Fixtures.cumcm(1)): not today")
        #expect(!failing.perfect && failing.pieces == 19)
    }

    @Test func gridFromTruthPassesTheShape() throws {
        let seen = ScriptedSolver([strips((0...18).map { String(format: "%03d", $0) }, Array(repeating: 0.5, count: 18))])
        _ = BatchRunner.run(set: Fixtures.cumcm(1), options: .init(gridFromTruth: true, maxInterventions: 0), solve: seen.solve)
        #expect(seen.received.map(\.grid) == [GridShape(rows: 1, columns: 19)])
        let blind = ScriptedSolver([strips((0...18).map { String(format: "%03d", $0) }, Array(repeating: 0.5, count: 18))])
        let result = BatchRunner.run(set: Fixtures.cumcm(1), options: .init(maxInterventions: 0), solve: blind.solve)
        #expect(blind.received.map(\.grid) == [nil])
        // No oracle with a cap of 0.
        #expect(result.interventions == nil && result.reached == nil)
        #expect(!result.perfect && result.neighbourAccuracy! < 1)
    }

    @Test func resultsComeInInputOrderWhateverTheJobs() throws {
        let paths = (0..<9).map { "set\($0)" }
        let results = BatchRunner.run(paths, jobs: 3, work: { path in
            // Later sets finish first.
            usleep(useconds_t(1000 * (9 - Int(path.dropFirst(3))!)))
            return SetResult(path: path, perfect: true)
        }, progress: { _, _, _ in })
        #expect(results.map(\.path) == paths)
    }

    @Test func progressCountsEverySet() {
        final class Counter: @unchecked Sendable { var calls: [Int] = []; let lock = NSLock() }
        let counter = Counter()
        _ = BatchRunner.run(["a", "b", "c"], jobs: 2, work: { SetResult(path: $0) }, progress: { done, total, _ in
            counter.lock.lock(); counter.calls.append(done * 10 + total); counter.lock.unlock()
        })
        #expect(counter.calls.sorted() == [13, 23, 33])
    }

    @Test func shardsSplitTheSortedSets() {
        let paths = ["e", "a", "d", "b", "c"]
        // Sorted: a b c d e; shard 1/2 gets a c e, shard 2/2 gets b d; input order kept.
        #expect(BatchRunner.shard(paths, index: 1, count: 2) == ["e", "a", "c"])
        #expect(BatchRunner.shard(paths, index: 2, count: 2) == ["d", "b"])
        #expect(BatchRunner.shard(paths, index: 1, count: 1) == paths)
        let all = (1...3).flatMap { BatchRunner.shard(paths, index: $0, count: 3) }
        #expect(all.sorted() == paths.sorted())
    }
}
