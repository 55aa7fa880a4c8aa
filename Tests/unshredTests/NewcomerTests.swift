import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// End to end: what a newcomer meets first: the help, the counts, /dev/null.
@Suite struct NewcomerTests {
    static func run(_ arguments: [String]) throws -> Binary.Run { try Binary.run(arguments) }

    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "unshred-newcomer-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The long options a help text lists in its OPTIONS section.
    static func options(_ help: String) -> Set<String> {
        let section = help.components(separatedBy: "OPTIONS:").last ?? ""
        var found = Set<String>()
        for line in section.split(separator: "\n") {
            for word in line.split(separator: " ") where word.hasPrefix("--") {
                found.insert(String(word.prefix { $0 != "," && $0 != "<" && $0 != "=" }))
            }
        }
        return found.subtracting(["--help", "--version"])
    }

    @Test func topLevelHelpShowsHowToRestoreAPage() throws {
        let help = try Self.run(["--help"])
        #expect(help.status == 0)
        for needle in ["unshred DIR", "-o, --output", "--grid RxC", "--interactive", "--decisions", "--layout", "unshred solve --help"] {
            #expect(help.stdout.contains(needle), "\(needle) missing from unshred --help")
        }
        #expect(!help.stdout.split(separator: "\n").contains { $0.count > 80 })
    }

    @Test func batchHelpListsEveryOptionOfBatchRun() throws {
        let batch = try Self.run(["batch", "--help"])
        let run = try Self.run(["batch", "run", "--help"])
        #expect(batch.status == 0 && run.status == 0)
        let listed = Self.options(run.stdout)
        #expect(listed.count >= 9)
        for option in listed { #expect(batch.stdout.contains(option), "\(option) missing from unshred batch --help") }
        #expect(!batch.stdout.split(separator: "\n").contains { $0.count > 80 })
    }

    @Test func onePieceIsOnePiece() throws {
        let tmp = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        try FileManager.default.copyItem(atPath: Binary.repo.path + "/fixtures/cumcm2013b/1/000.png", toPath: "\(tmp)/000.png")
        let r = try Self.run([tmp])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("unshred: 1 piece, "))
    }

    @Test func devNullTakesTheLayoutAndThePage() throws {
        let r = try Self.run(["fixtures/cumcm2013b/1", "--layout", "/dev/null", "-o", "/dev/null"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    }

    /// A journal made with --grid replays with it, and refuses another grid.
    @Test func aJournalReplaysWithItsGrid() throws {
        let tmp = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let journal = "\(tmp)/answers.jsonl"
        let made = try Binary.run(["fixtures/cumcm2013b/1", "--grid", "1x19", "--interactive", "--decisions", journal, "-q"], stdin: "f\n")
        #expect(made.status == 0, "\(made.stderr)")
        let replay = try Self.run(["fixtures/cumcm2013b/1", "--decisions", journal, "-q"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stderr.contains("using the journal's grid 1x19"))
        let other = try Self.run(["fixtures/cumcm2013b/1", "--decisions", journal, "--grid", "19x1"])
        #expect(other.status == 1)
        #expect(other.stderr == "error: \(journal): decisions journal was made with other solver settings: the journal was made with --grid 1x19, not 19x1\n")
    }
}
