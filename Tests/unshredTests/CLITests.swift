import Foundation
import Testing

/// End to end: the built `unshred` binary, its output files, messages and exit codes.
@Suite struct CLITests {
    static var repo: URL { Binary.repo }
    static var binary: URL { Binary.url }
    typealias Run = Binary.Run

    static func run(_ arguments: [String], stdin: String? = nil) throws -> Run {
        try Binary.run(arguments, stdin: stdin)
    }

    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "unshred-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func restoresStripSetAndWritesPageAndLayout() throws {
        let tmp = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let r = try Self.run(["fixtures/cumcm2013b/1", "-o", "\(tmp)/page.png", "--layout", "\(tmp)/layout.txt"])
        #expect(r.status == 0, "\(r.stderr)")
        let truth = try String(contentsOfFile: Self.repo.path + "/fixtures/cumcm2013b/1/truth.txt", encoding: .utf8)
        #expect(try String(contentsOfFile: "\(tmp)/layout.txt", encoding: .utf8) == truth)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("19 pieces") && r.stderr.contains("least confident join"))
        let png = try Data(contentsOf: URL(fileURLWithPath: "\(tmp)/page.png"))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        // No temporary files left beside the outputs.
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).sorted() == ["layout.txt", "page.png"])
    }

    @Test func layoutGoesToStandardOutputWithoutTheFlag() throws {
        let r = try Self.run(["fixtures/cumcm2013b/2", "--quiet"])
        #expect(r.status == 0)
        let truth = try String(contentsOfFile: Self.repo.path + "/fixtures/cumcm2013b/2/truth.txt", encoding: .utf8)
        #expect(r.stdout == truth)
        #expect(r.stderr.isEmpty)
    }

    @Test func missingFolderIsOneLineErrorWithStatus1() throws {
        let r = try Self.run(["no/such/folder", "-o", "/tmp/x.png"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error: no/such/folder: no such folder"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func badFlagIsStatus64() throws {
        let r = try Self.run(["fixtures/cumcm2013b/1", "--grid", "eleven"])
        #expect(r.status == 64)
    }

    @Test func outputOverAnInputIsRefusedAndTheInputKept() throws {
        let tmp = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        for name in ["000", "001", "002"] {
            try FileManager.default.copyItem(atPath: Self.repo.path + "/fixtures/cumcm2013b/1/\(name).png", toPath: "\(tmp)/\(name).png")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: "\(tmp)/001.png"))
        let r = try Self.run([tmp, "-o", "\(tmp)/001.png"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("001.png: output path is one of the input pieces"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(tmp)/001.png")) == before)
    }

    @Test func outputInMissingFolderFailsBeforeWork() throws {
        let r = try Self.run(["fixtures/cumcm2013b/1", "-o", "/nonexistent-dir/page.png"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("/nonexistent-dir/page.png: output folder /nonexistent-dir does not exist"))
    }

    @Test func truncatedPieceIsNamed() throws {
        let tmp = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        for name in ["000", "001"] {
            try FileManager.default.copyItem(atPath: Self.repo.path + "/fixtures/cumcm2013b/1/\(name).png", toPath: "\(tmp)/\(name).png")
        }
        let whole = try Data(contentsOf: URL(fileURLWithPath: "\(tmp)/001.png"))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: "\(tmp)/001.png"))
        let r = try Self.run([tmp, "-o", "\(tmp)/out.png"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("001.png: truncated PNG data"))
        #expect(!FileManager.default.fileExists(atPath: "\(tmp)/out.png"))
    }
}
