import Foundation
import Testing

/// End to end through the built binary: `unshred shred` with real damage.
@Suite struct ShredDamageCLITests {
    typealias Run = Binary.Run
    static func run(_ arguments: [String]) throws -> Run { try Binary.run(arguments) }
    static let mono = "fixtures/pages/en-mono-960x1280.png"

    final class Folder {
        let path = NSTemporaryDirectory() + "unshred-damage-" + UUID().uuidString
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func callAsFunction(_ name: String) -> String { "\(path)/\(name)" }
    }

    @Test func badValuesExit64() throws {
        let tmp = try Folder()
        let bad: [[String]] = [
            ["--kerf", "-1"], ["--jitter", "-2"], ["--skew", "11"], ["--skew", "-1"], ["--jpeg", "0"], ["--jpeg", "101"],
            ["--flip", "1.5"], ["--flip", "-0.1"], ["--background", "mauve"], ["--background", "transparent", "--jpeg", "90"],
            ["--kerf", "x"],
        ]
        for extra in bad {
            let r = try Self.run(["shred", Self.mono, "--strips", "8", "-o", tmp("x")] + extra)
            #expect(r.status == 64, "\(extra): \(r.stderr)")
        }
        for extra in [["--kerf", "2"], ["--jitter", "1"], ["--edge-damage"], ["--skew", "1"]] {
            let grid = try Self.run(["shred", Self.mono, "--grid", "2x3", "-o", tmp("x")] + extra)
            #expect(grid.status == 64 && grid.stderr.contains("is for strips"), "\(extra): \(grid.stderr)")
            let sheet = try Self.run(["shred", Self.mono, "--back", Self.mono, "--strips", "3", "-o", tmp("x")] + extra)
            #expect(sheet.status == 64 && sheet.stderr.contains("not with --back"), "\(extra): \(sheet.stderr)")
        }
        // Valid flags, impossible for this page: one error line naming the page, exit 1.
        let wide = try Self.run(["shred", Self.mono, "--strips", "96", "--kerf", "12", "-o", tmp("x")])
        #expect(wide.status == 1 && wide.stderr.hasPrefix("error: \(Self.mono): kerf of 12 px leaves nothing"), "\(wide.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tmp("x")))
    }

    @Test func scannedLookingStripsLoadAndSolve() throws {
        let tmp = try Folder()
        let r = try Self.run(["shred", Self.mono, "--strips", "8", "--seed", "4", "--kerf", "2", "--jitter", "3",
                              "--edge-damage", "--skew", "0.3", "--background", "black", "--jpeg", "90", "--flip", "0.25",
                              "-o", tmp("set")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("8 pieces of ") && r.stderr.contains("2 turned by 180 degrees (marked ~)"), "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: tmp("set")).sorted()
        #expect(files == (0..<8).map { String(format: "%03d.jpg", $0) } + ["truth.txt"])
        let truth = try String(contentsOfFile: tmp("set/truth.txt"), encoding: .utf8)
        #expect(truth.split(separator: " ").count == 8 && truth.filter { $0 == "~" }.count == 2)
        // The same seed, the same bytes.
        let again = try Self.run(["shred", Self.mono, "--strips", "8", "--seed", "4", "--kerf", "2", "--jitter", "3",
                                  "--edge-damage", "--skew", "0.3", "--background", "black", "--jpeg", "90", "--flip", "0.25",
                                  "-o", tmp("again"), "-q"])
        #expect(again.status == 0)
        for name in files {
            #expect(FileManager.default.contents(atPath: tmp("set/\(name)")) == FileManager.default.contents(atPath: tmp("again/\(name)")))
        }
        // unshred reads the pieces (JPEG, on black, unequal sizes) and restores a page.
        let solve = try Self.run([tmp("set"), "-o", tmp("page.png"), "--layout", "/dev/null"])
        #expect(solve.status == 0, "\(solve.stderr)")
        #expect(FileManager.default.fileExists(atPath: tmp("page.png")))
    }

    @Test func kerfNarrowsTheSetInTheSummary() throws {
        let tmp = try Folder()
        // 960 px in 8 strips of 120: kerf 4 takes 2 px off each side of every cut.
        let r = try Self.run(["shred", Self.mono, "--strips", "8", "--kerf", "4", "--jitter", "5", "-o", tmp("set")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("8 pieces of 116-118 x 1270 px"), "\(r.stderr)")
    }

    @Test func helpDocumentsTheDamage() throws {
        let help = try Self.run(["shred", "--help"])
        for option in ["--kerf <px>", "--jitter <px>", "--edge-damage", "--skew <deg>", "--jpeg <quality>",
                       "--background <colour>", "--flip <fraction>", "007~"] {
            #expect(help.stdout.contains(option), "\(option) missing from unshred shred --help")
        }
        #expect(!help.stdout.split(separator: "\n").contains { $0.count > 80 })
    }
}
