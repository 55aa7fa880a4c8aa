import Foundation
import Testing

/// End to end through the built binary: `unshred shred` and `unshred batch`.
@Suite struct ShredBatchTests {
    static var repo: URL { Binary.repo }
    static var binary: URL { Binary.url }
    typealias Run = Binary.Run

    static func run(_ arguments: [String]) throws -> Run { try Binary.run(arguments) }

    final class Folder {
        let path = NSTemporaryDirectory() + "unshred-shred-" + UUID().uuidString
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func callAsFunction(_ name: String) -> String { "\(path)/\(name)" }
    }

    static let mono = "fixtures/pages/en-mono-960x1280.png"

    static func files(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    @Test func shredThenBatchIsPerfect() throws {
        let tmp = try Folder()
        let shred = try Self.run(["shred", Self.mono, "--strips", "8", "--seed", "7", "-o", tmp("sets/mono")])
        #expect(shred.status == 0, "\(shred.stderr)")
        #expect(shred.stderr.contains("8 pieces of 120 x 1280 px"))
        #expect(!shred.stderr.contains("trimmed"))
        #expect(try Self.files(tmp("sets/mono")) == (0..<8).map { String(format: "%03d.png", $0) } + ["truth.txt"])

        let batch = try Self.run(["batch", tmp("sets/mono"), "--report", tmp("report.json")])
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(batch.lines.last == "1 passed, 0 failed")
        #expect(batch.lines.contains { $0.hasPrefix(tmp("sets/mono")) && $0.contains("strips, 1 x 8") && $0.contains("100.0%") })
        #expect(batch.stderr.isEmpty) // no progress bar when standard error is not a terminal
        let report = try Self.json(tmp("report.json"))
        let sets = report["sets"] as! [[String: Any]]
        #expect(sets.count == 1 && sets[0]["perfect"] as? Bool == true && sets[0]["interventions"] as? Int == 0)
    }

    @Test func sameSeedSameBytes() throws {
        let tmp = try Folder()
        for name in ["a", "b"] {
            let r = try Self.run(["shred", Self.mono, "--grid", "2x3", "--seed", "3", "--noise", "4", "-o", tmp(name), "-q"])
            #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        }
        let names = try Self.files(tmp("a"))
        #expect(names.count == 7)
        #expect(try Self.files(tmp("b")) == names)
        for name in names {
            #expect(FileManager.default.contents(atPath: tmp("a/\(name)")) == FileManager.default.contents(atPath: tmp("b/\(name)")))
        }
        let truth = try String(contentsOfFile: tmp("a/truth.txt"), encoding: .utf8)
        #expect(truth.split(separator: "\n").count == 2)
        #expect(truth.split(separator: "\n").allSatisfy { $0.split(separator: " ").count == 3 })
    }

    @Test func trimsAndRefusesNonEmptyOutputUnlessForced() throws {
        let tmp = try Folder()
        let first = try Self.run(["shred", Self.mono, "--grid", "3x7", "-o", tmp("set")])
        #expect(first.status == 0)
        // 960 = 7 * 137 + 1, 1280 = 3 * 426 + 2.
        #expect(first.stderr.contains("137 x 426 px") && first.stderr.contains("trimmed 1 px at the right, 2 px at the bottom"))
        let again = try Self.run(["shred", Self.mono, "--strips", "4", "-o", tmp("set")])
        #expect(again.status == 1)
        #expect(again.stderr == "error: \(tmp("set")): folder exists and is not empty (use --force to replace a test set)\n")
        let forced = try Self.run(["shred", Self.mono, "--strips", "4", "-o", tmp("set"), "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try Self.files(tmp("set")).count == 5)
    }

    @Test func doubleSidedSet() throws {
        let tmp = try Folder()
        let r = try Self.run(["shred", "fixtures/pages/en-serif-1368x1980.png", "--back", "fixtures/pages/zh-song-1368x1980.png",
                              "--grid", "2x3", "-o", tmp("double")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("6 pieces (12 faces)"))
        let truth = try String(contentsOfFile: tmp("double/truth.txt"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(truth.count == 6 && truth[0] == "# front" && truth[3] == "# back")
        let front = truth[1].split(separator: " "), back = truth[4].split(separator: " ")
        #expect(front[0].dropLast() == back[2].dropLast() && front[0].last != back[2].last)
        #expect(try Self.files(tmp("double")).count == 13)
    }

    @Test func badFlagsAndMissingPage() throws {
        let tmp = try Folder()
        #expect(try Self.run(["shred", Self.mono, "-o", tmp("x")]).status == 64)
        #expect(try Self.run(["shred", Self.mono, "--strips", "4", "--grid", "2x2", "-o", tmp("x")]).status == 64)
        #expect(try Self.run(["shred", Self.mono, "--strips", "4", "--noise", "-1", "-o", tmp("x")]).status == 64)
        let missing = try Self.run(["shred", "no/such.png", "--strips", "4", "-o", tmp("x")])
        #expect(missing.status == 1 && missing.stderr.hasPrefix("error: no/such.png: "))
        let tooSmall = try Self.run(["shred", Self.mono, "--strips", "2000", "-o", tmp("x")])
        #expect(tooSmall.status == 1 && tooSmall.stderr.hasPrefix("error: \(Self.mono): page of 960 x 1280 px is too small"))
        #expect(!FileManager.default.fileExists(atPath: tmp("x")))
        #expect(try Self.run(["batch", "fixtures/cumcm2013b/1", "--report", tmp("r.txt")]).status == 64)
        #expect(try Self.run(["batch", "fixtures/cumcm2013b/1", "--shard", "3/2"]).status == 64)
        #expect(try Self.run(["batch", "fixtures/cumcm2013b/1", "--fail-under", "1.5"]).status == 64)
        #expect(try Self.run(["batch", "fixtures/cumcm2013b/1", "--jobs", "0"]).status == 64)
        #expect(try Self.run(["batch"]).status == 64)
    }

    /// A strip set with the truth reversed: the solver is right, the score is zero.
    static func wrongTruthSet(at folder: String) throws {
        let r = try run(["shred", mono, "--strips", "6", "--seed", "2", "-o", folder, "-q"])
        #expect(r.status == 0)
        let truth = try String(contentsOfFile: "\(folder)/truth.txt", encoding: .utf8)
        let reversed = truth.split(separator: "\n")[0].split(separator: " ").reversed().joined(separator: " ") + "\n"
        try reversed.write(toFile: "\(folder)/truth.txt", atomically: true, encoding: .utf8)
    }

    @Test func aSetThatCannotRunFailsTheBatchButNotTheTable() throws {
        let tmp = try Folder()
        try FileManager.default.createDirectory(atPath: tmp("empty"), withIntermediateDirectories: true)
        let r = try Self.run(["batch", tmp("empty"), tmp("missing"), "--jobs", "2"])
        #expect(r.status == 1)
        #expect(r.lines.last == "0 passed, 2 failed")
        #expect(r.stdout.contains("could not be run: \(tmp("empty")): no truth.txt"))
        #expect(r.stdout.contains("could not be run: \(tmp("missing")): no such folder"))
        #expect(r.stderr == "error: 2 of 2 sets could not be run (first: \(tmp("empty")): no truth.txt, so not a test set)\n")
    }

    @Test func failUnderMeanNeighbourAccuracy() throws {
        let tmp = try Folder()
        try Self.wrongTruthSet(at: tmp("wrong"))
        let low = try Self.run(["batch", tmp("wrong"), "--fail-under", "0.9", "--max-interventions", "0"])
        #expect(low.status == 1)
        #expect(low.lines.last == "0 passed, 1 failed")
        #expect(low.stderr == "error: mean neighbour accuracy 0.0% is below --fail-under 90.0%\n")
        let fine = try Self.run(["batch", tmp("wrong"), "--fail-under", "0%", "--max-interventions", "0"])
        #expect(fine.status == 0, "\(fine.stderr)")
    }

    @Test func shardsMergeIntoOneReport() throws {
        let tmp = try Folder()
        try Self.wrongTruthSet(at: tmp("wrong"))
        let sets = ["fixtures/cumcm2013b/1", tmp("wrong")]
        // Sorted: the temporary path (/...) first, so shard 1/2 runs it, shard 2/2 the fixture.
        let one = try Self.run(["batch"] + sets + ["--shard", "1/2", "--report", tmp("a.json"), "--max-interventions", "0"])
        let two = try Self.run(["batch"] + sets + ["--shard", "2/2", "--report", tmp("b.json"), "--max-interventions", "0"])
        #expect(one.status == 0 && two.status == 0)
        #expect(one.lines.last == "0 passed, 1 failed" && two.lines.last == "1 passed, 0 failed")
        let merged = try Self.run(["batch", "merge", tmp("a.json"), tmp("b.json"), "-o", tmp("all.json")])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.lines.last == "1 passed, 1 failed")
        let report = try Self.json(tmp("all.json"))
        #expect((report["sets"] as! [[String: Any]]).map { $0["path"] as! String } == sets.sorted())
        #expect((report["summary"] as! [String: Any])["passed"] as? Int == 1)
        // Markdown and CSV by the extension.
        #expect(try Self.run(["batch", "merge", tmp("a.json"), tmp("b.json"), "-o", tmp("all.md"), "-q"]).stdout.isEmpty)
        #expect(try String(contentsOfFile: tmp("all.md"), encoding: .utf8).contains("| fixtures/cumcm2013b/1 | strips, 1 x 19 | yes | 19 |"))
        #expect(try Self.run(["batch", "merge", tmp("a.json"), tmp("b.json"), "-o", tmp("all.csv")]).status == 0)
        let csv = try String(contentsOfFile: tmp("all.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 3 && csv[2].hasPrefix("fixtures/cumcm2013b/1,\"strips, 1 x 19\""))
        // Merging a shard twice, or writing over an input, is refused.
        let twice = try Self.run(["batch", "merge", tmp("a.json"), tmp("a.json"), "-o", tmp("x.json")])
        #expect(twice.status == 1 && twice.stderr.contains("is also in"))
        let over = try Self.run(["batch", "merge", tmp("a.json"), tmp("b.json"), "-o", tmp("a.json")])
        #expect(over.status == 1 && over.stderr.contains("refusing to overwrite"))
    }

    @Test func isolatedSetsReportTheirOwnMemory() throws {
        let tmp = try Folder()
        let r = try Self.run(["batch", "fixtures/cumcm2013b/2", "--isolate", "--max-interventions", "0", "--report", tmp("r.json")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.lines[0].hasSuffix("memory"))
        let set = (try Self.json(tmp("r.json"))["sets"] as! [[String: Any]])[0]
        #expect(set["perfect"] as? Bool == true)
        #expect((set["peakRSSBytes"] as? Int ?? 0) > 1_000_000)
    }
}
