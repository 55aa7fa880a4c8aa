import Foundation
import Testing
@testable import unshred
import UnshredKit

/// `--review FILE.png`: the page with the doubtful joins marked, with or without asking.
@Suite struct ReviewTests {
    /// Pixels of `image` that are strongly red (the marks of the weakest joins).
    static func redPixels(_ image: RGBImage) -> Int {
        stride(from: 0, to: image.pixels.count, by: 3).filter { i in
            image.pixels[i] > 190 && image.pixels[i + 1] < 90 && image.pixels[i + 2] < 90
        }.count
    }

    @Test func withoutAskingThePageIsWrittenWithItsDoubtsMarked() throws {
        let set = try InteractiveTests.HardSet()
        defer { set.cleanup() }
        let review = "\(set.work)/review.png"
        let r = try CLITests.run([set.folder, "-o", "\(set.work)/page.png", "--review", review, "-q"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        let page = try ImageFile.readImage("\(set.work)/page.png")
        let marked = try ImageFile.readImage(review)
        #expect(page.colour == nil)
        let colour = try #require(marked.colour)
        #expect((colour.width, colour.height) == (page.gray.width, page.gray.height))
        // Eight uncertain joins, all a coin toss: red bands the height of the page.
        #expect(Self.redPixels(colour) > 8 * 1000)
        // Nothing left beside it (written atomically: no temporary file).
        let left = try FileManager.default.contentsOfDirectory(atPath: set.work).sorted()
        #expect(left == ["page.png", "review.png"])

        // A higher threshold marks more, a threshold of 0 marks nothing.
        let none = try CLITests.run([set.folder, "--review", "\(set.work)/none.png", "--ask-below", "0", "-q"])
        #expect(none.status == 0)
        let plain = try #require(try ImageFile.readImage("\(set.work)/none.png").colour ?? RGBImage(ImageFile.read("\(set.work)/none.png")))
        #expect(Self.redPixels(plain) == 0)
    }

    @Test func theReviewIsAnOutputLikeTheOthers() throws {
        let set = try InteractiveTests.HardSet()
        defer { set.cleanup() }
        let piece = try #require(try FileManager.default.contentsOfDirectory(atPath: set.folder).first)
        let before = try Data(contentsOf: URL(fileURLWithPath: "\(set.folder)/\(piece)"))
        let overwrite = try CLITests.run([set.folder, "--review", "\(set.folder)/\(piece)", "-q"])
        #expect(overwrite.status == 1)
        #expect(overwrite.stderr.hasPrefix("error: "))
        #expect(overwrite.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(set.folder)/\(piece)")) == before)
        let same = try CLITests.run([set.folder, "-o", "\(set.work)/x.png", "--review", "\(set.work)/x.png", "-q"])
        #expect(same.status == 1)
        let missing = try CLITests.run([set.folder, "--review", "/nonexistent/dir/r.png", "-q"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/dir/r.png"))
        // --ask-below goes with --review or --interactive.
        #expect(try CLITests.run([set.folder, "--ask-below", "0.5", "-q"]).status == 64)
        #expect(try CLITests.run([set.folder, "--ask-below", "0.5", "--review", "/dev/null", "-q"]).status == 0)
    }

    /// Piped answers: the overview comes first in plain text, `o` shows it again, and the
    /// review is drawn from the page the answers made.
    @Test func withPipedAnswersTheOverviewIsPlainText() throws {
        let set = try InteractiveTests.HardSet()
        defer { set.cleanup() }
        let r = try CLITests.run([set.folder, "--interactive", "--review", "\(set.work)/review.png", "--layout", "/dev/null"],
                                 stdin: "o\nr\nf\n")
        #expect(r.status == 0)
        #expect(!r.stderr.contains("\u{1B}"))
        #expect(r.stderr.components(separatedBy: "Overview: the page as it stands").count - 1 == 2)
        #expect(r.stderr.contains("| and _ mark the doubtful seams"))
        // The numbers of the places on the page (the shading has no digits): all eight fit.
        let overview = r.stderr.components(separatedBy: "Question 1:")[0].split(separator: "\n")
        let start = try #require(overview.firstIndex { $0.hasPrefix("Overview:") })
        let end = try #require(overview.firstIndex { $0.hasPrefix("   1 014|010") })
        let picture = overview[(start + 1)..<end].joined()
        #expect(Set(picture.filter(\.isNumber)) == Set("12345678"))
        #expect(picture.contains("|"))
        #expect(r.stderr.contains("s solving (+ "))
        #expect(FileManager.default.fileExists(atPath: "\(set.work)/review.png"))
    }
}
