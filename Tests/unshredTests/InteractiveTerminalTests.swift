import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import unshred
import UnshredKit

/// A person at a real terminal: the built binary on a pseudo-terminal (standard input
/// and standard error), walked through the overview, a question, an answer, undo and
/// finish, each step waiting for what the person would see before typing.
@Suite struct InteractiveTerminalTests {
    /// A session on a pseudo-terminal of `columns` x `rows`; standard output on a pipe.
    final class Session {
        let process = Process()
        let master: Int32
        let out = Pipe()
        private(set) var transcript = ""
        private var bytes: [UInt8] = []

        init(_ arguments: [String], columns: UInt16 = 110, rows: UInt16 = 50) throws {
            let pty = try #require(PseudoTerminal.open())
            master = pty.master
            let slave = open(pty.slaveName, O_RDWR | O_NOCTTY)
            try #require(slave >= 0)
            var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
            _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
            process.executableURL = CLITests.binary
            process.arguments = arguments
            process.currentDirectoryURL = CLITests.repo
            var environment = ProcessInfo.processInfo.environment
            environment["TERM"] = "xterm-256color"
            for name in ["NO_COLOR", "COLORTERM", "COLUMNS", "LINES"] { environment[name] = nil }
            process.environment = environment
            let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
            process.standardInput = terminal
            process.standardError = terminal
            process.standardOutput = out
            try process.run()
            close(slave)
        }

        deinit {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            close(master)
        }

        /// Reads until the transcript holds `count` occurrences of `text` (or the output
        /// ends); true if it got there. The deadline is a safety net against a hang.
        @discardableResult
        func wait(for text: String, count: Int = 1, seconds: Double = 300) -> Bool {
            var buffer = [UInt8](repeating: 0, count: 65536)
            let deadline = Date().addingTimeInterval(seconds)
            while occurrences(text) < count {
                guard Date() < deadline else { return false }
                var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                if poll(&pfd, 1, 1000) == 0 { continue }
                let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress!, $0.count) }
                if n <= 0 { return occurrences(text) >= count }  // EIO once the child has gone
                bytes += buffer[0..<n]
                transcript = String(decoding: bytes, as: UTF8.self)
            }
            return true
        }

        func occurrences(_ text: String) -> Int { transcript.components(separatedBy: text).count - 1 }

        /// Types a line, as a person would (the terminal echoes it).
        func type(_ line: String) {
            let data = Array((line + "\n").utf8)
            _ = data.withUnsafeBytes { write(master, $0.baseAddress!, $0.count) }
        }

        /// Reads to the end, waits for the exit; the standard output.
        func finish() -> String {
            wait(for: "\u{0}never\u{0}", seconds: 120)
            let layout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return layout
        }

        /// Finishes (`f`) when no answer stands: the run exits 0 with the automatic
        /// layout and counts `questions` asked and nothing done. The transcript, plain.
        func finishUnchanged(automatic: String, questions: Int) -> String {
            type("f")
            let layout = finish()
            #expect(process.terminationStatus == 0)
            #expect(layout == automatic)
            let text = InteractiveTests.withoutEscapes(transcript)
            #expect(text.contains("0 interventions (0 picks, 0 rejects), 0 accepted; \(questions) questions asked"))
            return text
        }
    }

    @Test func overviewQuestionAnswerUndoAndFinishAtATerminal() throws {
        let set = try InteractiveTests.HardSet()
        defer { set.cleanup() }
        let journal = "\(set.work)/decisions.jsonl"
        let review = "\(set.work)/review.png"
        let automatic = try CLITests.run([set.folder, "-q"])
        let session = try Session([set.folder, "--interactive", "--decisions", journal, "--review", review,
                                   "-o", "\(set.work)/page.png"])
        let prompt = "f finish > "

        // The overview comes before the first question: the page small in half blocks,
        // the doubtful places numbered and coloured (256-colour red, orange or yellow).
        #expect(session.wait(for: prompt))
        let first = session.transcript
        let overviewAt = try #require(first.range(of: "Overview: the page as it stands"))
        let questionAt = try #require(first.range(of: "Question 1:"))
        #expect(overviewAt.lowerBound < questionAt.lowerBound)
        let overview = String(first[overviewAt.upperBound..<questionAt.lowerBound])
        #expect(overview.contains("▀"))
        #expect(overview.contains("\u{1B}[1;38;5;16;48;5;196m1"))  // place 1, a coin toss: its number on red
        #expect(overview.contains("1 014|010"))
        // The question says which place it is about, lists "none of these", and says how the seam is marked.
        #expect(first.contains("Question 1: is 014|010 right? (place 1 on the overview"))
        #expect(first.contains("[r] none of these"))
        #expect(first.contains("^^ under each picture marks the seam"))
        #expect(!first.contains("; ^ marks the seam"))  // the old legend, wrong for top-bottom seams
        #expect(first.contains("o overview"))

        // o: the overview again, then the same question.
        session.type("o")
        #expect(session.wait(for: prompt, count: 2))
        #expect(session.occurrences("Overview: the page as it stands") == 2)
        #expect(session.occurrences("Question 1: is 014|010 right?") == 2)

        // An answer, given after a pause: "none of these".
        usleep(1_500_000)
        session.type("r")
        #expect(session.wait(for: prompt, count: 3))
        #expect(session.transcript.contains(/reject 014\|010; (re-solved|repaired|kept) in/))
        #expect(session.transcript.contains("Question 2: is 014|"))

        // Undo: the page is as it was, and its first question comes back.
        session.type("u")
        #expect(session.wait(for: prompt, count: 4))
        #expect(session.transcript.contains(/undo; (re-solved|repaired|kept) in/))
        #expect(session.transcript.contains("Question 3: is 014|010 right?"))

        // Finish: the automatic layout (nothing stands), the time spent waiting said apart.
        let text = session.finishUnchanged(automatic: automatic.stdout, questions: 3)
        let summary = try #require(text.split(whereSeparator: \.isNewline).last { $0.hasPrefix("unshred: 30 pieces") })
        let waited = try #require(summary.firstMatch(of: /\(\+ ([0-9.]+) s waiting for answers\)/)).1
        #expect(Double(waited)! >= 1.5)
        let solving = try #require(summary.firstMatch(of: /, ([0-9.]+) s solving/)).1
        #expect(Double(solving)! > 0)

        // The journal holds the answer and the undo; the review picture was written.
        let lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].contains("\"reject\"") && lines[2].contains("\"undo\""))
        let picture = try ImageFile.read(review)
        #expect(picture.width == 960 && picture.height == 1280)
    }
}

extension InteractiveTerminalTests {
    /// A page whose rows could come in any order: six bands of six text lines (from a
    /// fixture page), each with white paper above and below, so every cut between two
    /// rows runs through white space; cut 6 x 8. The solver cannot tell the row order
    /// from the seams, so the session asks which block of rows comes next.
    struct BlockSet {
        static let grid = GridShape(rows: 6, columns: 8)
        let folder: String
        let work: String

        init() throws {
            let source = try ImageFile.read(CLITests.repo.path + "/fixtures/pages/en-sans-1152x1600.png")
            // The text lines: runs of pixel rows with ink.
            func ink(_ y: Int) -> Bool { (0..<source.width).contains { source[$0, y] < 128 } }
            var lines: [Range<Int>] = []
            var y = 0
            while y < source.height {
                guard ink(y) else { y += 1; continue }
                let start = y
                while y < source.height, ink(y) { y += 1 }
                lines.append(start..<y)
            }
            let bands = Self.grid.rows, perBand = 6, bandHeight = 266
            try #require(lines.count >= bands * perBand)
            var page = GrayImage(width: source.width, height: bands * bandHeight)
            for band in 0..<bands {
                let top = lines[band * perBand].lowerBound - 3, bottom = lines[band * perBand + perBand - 1].upperBound + 3
                let slice = source.cut(x: 0, y: top, width: source.width, height: bottom - top)
                page.paste(slice, x: 0, y: band * bandHeight + (bandHeight - slice.height) / 2)
            }
            let cut = Shredder.cut(page, grid: Self.grid, seed: 61)
            folder = try CLITests.temporaryFolder()
            work = try CLITests.temporaryFolder()
            for piece in cut.pieces { try ImageFile.writePNG(piece.image, to: "\(folder)/\(piece.name).png") }
        }

        func cleanup() {
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.removeItem(atPath: work)
        }
    }

    @Test func overviewBlockQuestionAnswerUndoPassAndFinishAtATerminal() throws {
        let set = try BlockSet()
        defer { set.cleanup() }
        let journal = "\(set.work)/decisions.jsonl"
        let automatic = try CLITests.run([set.folder, "-q"])
        #expect(automatic.status == 0)
        let session = try Session([set.folder, "--interactive", "--decisions", journal, "-o", "\(set.work)/page.png"])
        let prompt = "f finish > "

        // The overview first, numbering the places in the order they will be asked:
        // place 1 is the first question's, a boundary between two rows.
        #expect(session.wait(for: prompt))
        let first = InteractiveTests.withoutEscapes(session.transcript)
        let overviewAt = try #require(first.range(of: "Overview: the page as it stands"), "\(first)")
        let questionAt = try #require(first.range(of: "Question 1:"), "\(first)")
        #expect(overviewAt.lowerBound < questionAt.lowerBound)
        let asked = try #require(first.firstMatch(of: #/Question 1: Which rows come below row ([0-9]+)\? \(place 1 on the overview, /#),
                                 "the first question is not about a block of rows: \(first[questionAt.lowerBound...].prefix(300))")
        let row = String(asked.1)
        #expect(first.contains("   1 below row \(row) ("))
        #expect(first.contains("doubtful places numbered in the order they will be asked"))
        // Its options are blocks of rows moved below that row, then "none of these".
        #expect(first.contains(/\[1\] rows? [0-9-]+ \(from [^)]+\) (below row [0-9]+|at the top)/))
        #expect(first.contains("[r] none of these"))
        #expect(first.contains("> beside each picture marks the seam"))

        // An answer: option 1, a block of rows moved; the page is repaired around it.
        session.type("1")
        #expect(session.wait(for: prompt, count: 2))
        let answered = InteractiveTests.withoutEscapes(session.transcript)
        #expect(answered.contains(/take option 1: rows? [0-9-]+ .*; (repaired|re-solved) in [0-9.]+ s/), "\(answered.suffix(2000))")
        #expect(answered.contains("Question 2:"))

        // Undo: the page as it was, and the same block question again.
        session.type("u")
        #expect(session.wait(for: prompt, count: 3))
        let undone = InteractiveTests.withoutEscapes(session.transcript)
        #expect(undone.contains(/undo; (re-solved|repaired|kept) in/))
        #expect(undone.contains("Question 3: Which rows come below row \(row)? (place 1 on the overview, "))

        // Pass: the place is left as it is and not asked about again; the next place is asked.
        let places = Int(try #require(first.firstMatch(of: /([0-9]+) doubtful places? numbered/)).1) ?? 0
        #expect(first.contains(#/an answer moves about [0-9]+ pieces; /#))
        session.type("s")
        var questions = 3
        if places >= 2 {
            #expect(session.wait(for: prompt, count: 4))
            let passed = InteractiveTests.withoutEscapes(session.transcript)
            #expect(passed.contains(/passed over; [0-9]+ doubtful places? left/))
            let fourth = try #require(passed.firstMatch(of: /Question 4: ([^(]+) \(place ([0-9]+) on the overview/), "\(passed.suffix(1500))")
            #expect(!(fourth.1 == "Which rows come below row \(row)?" && fourth.2 == "1"), "the place passed over was asked again")
            questions = 4
        }

        // Finish: nothing stands, so the automatic page.
        _ = session.finishUnchanged(automatic: automatic.stdout, questions: questions)
        let lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].contains("\"settle\"") && lines[2].contains("\"undo\""))
    }
}

/// The question and overview views on made-up pages, without the binary.
@Suite struct InteractiveViewTests {
    /// Pieces `0`...`n-1`, each `size` x `size`, with a dark bar across its middle.
    static func barPieces(_ n: Int, size: Int = 24) -> PieceSet {
        PieceSet(pieces: (0..<n).map { k in
            var image = GrayImage(width: size, height: size)
            for x in 0..<size { for y in (size / 2 - 2)..<(size / 2 + 2) { image[x, y] = UInt8(20 * (k % 5)) } }
            return Piece(name: "\(k)", image: image)
        })
    }

    @Test func answersAreParsed() {
        #expect(InteractiveView.parse("o", alternatives: 3) == .overview)
        #expect(InteractiveView.parse("none", alternatives: 3) == .reject)
        #expect(InteractiveView.prompt(alternatives: 3) == "Enter accept · 1-3 pick · r none of these · s pass · o overview · u undo · f finish > ")
    }

    @Test func theLegendNamesTheMarkerOfTheSeamsDirection() throws {
        let pieces = Self.barPieces(6)
        let layout = Layout(rows: [["0", "1", "2"], ["3", "4", "5"]])
        func shown(_ proposed: JoinConstraints.Join, _ alternative: JoinConstraints.Join) -> [String] {
            let places = PlacePictures.joinOptions(proposed: proposed, alternatives: [alternative], in: layout)
            let options = [InteractiveView.Option(key: "0", title: "\(proposed) proposed", place: places[0]),
                           InteractiveView.Option(key: "1", title: "\(alternative)", place: places[1]),
                           InteractiveView.Option(key: "r", title: "none of these", place: nil)]
            return InteractiveView.options(options, pieces: pieces, style: .ascii, columns: 100, rows: 40)
        }
        let across = shown(.init("0", "3", .topBottom), .init("0", "4", .topBottom))
        #expect(across[0] == "  [0] 0/3 proposed   [1] 0/4   [r] none of these")
        #expect(across[1].hasSuffix("> beside each picture marks the seam"))
        #expect(!across.contains { $0.contains("^") })
        // Two pictures side by side, each with its seam line marked by '>'.
        let marked = across.filter { $0.hasPrefix(">") }
        #expect(marked.count == 1 && marked[0].components(separatedBy: ">").count - 1 == 2)

        let beside = shown(.init("0", "1", .leftRight), .init("0", "2", .leftRight))
        #expect(beside[1].hasSuffix("^^ under each picture marks the seam"))
        #expect(beside.contains { $0.contains("^^") })
        #expect(!beside.contains { $0.hasPrefix(">") })
    }

    @Test func aPieceQuestionMarksBothKindsOfSeam() throws {
        let pieces = Self.barPieces(9)
        let layout = Layout(rows: [["0", "1", "2"], ["3", "4", "5"], ["6", "7", "8"]])
        let places = PlacePictures.pieceOptions(page: 0, row: 1, column: 1, candidates: ["4", "0"], in: layout)
        let options = places.enumerated().map { k, place in InteractiveView.Option(key: "\(k)", title: "piece", place: place) }
        let shown = InteractiveView.options(options, pieces: pieces, style: .ascii, columns: 100, rows: 40)
        #expect(shown[1].hasSuffix("^^ under each picture marks a vertical seam, > beside each picture marks a horizontal one"))
        // One picture a line (100 columns), each marked at the cell's top and bottom, and its sides.
        #expect(shown.filter { $0.hasPrefix(">") }.count == 2 * 2)
        #expect(shown.filter { $0.contains("^^") && $0.allSatisfy { $0 == " " || $0 == "^" } }.count == 2)
        #expect(shown.dropFirst(2).allSatisfy { $0.count <= 100 })
    }

    @Test func twoPagesStandSideBySideInTheOverview() {
        let pieces = Self.barPieces(4)
        let layout = Layout(pages: [.init(title: "page 1", rows: [["0", "1"]]), .init(title: "page 2", rows: [["2", "3"]])])
        let join = Solution.Join(page: 1, row: 0, column: 0, direction: .leftRight, first: "2", second: "3", confidence: 0)
        let solution = Solution(kind: .doubleSided, layout: layout, joins: [join])
        let places = DoubtfulPlace.numbered([join], in: layout)
        #expect(places.first?.page == 1)
        let shown = InteractiveView.overview(solution, pieces: pieces, places: places, threshold: 0.25, style: .ascii,
                                             columns: 60, rows: 20)
        #expect(shown[1] == "Overview: the page as it stands; 1 doubtful place numbered in the order they will be asked (o shows it again)")
        let titles = shown.first { $0.hasPrefix("page 1") }
        #expect(titles?.contains("page 2") == true)
        #expect(shown.contains("   1 2|3 (0.00)"))
        // The pictures fit the width (the text lines wrap as the terminal likes).
        let pictures = shown.dropFirst(2).prefix { !$0.hasPrefix("   1 ") }
        #expect(!pictures.isEmpty && pictures.allSatisfy { $0.count <= 60 })
    }

    @Test func theOverviewInColourAndInPlainText() {
        let place = DoubtfulPlace(number: 2, page: 0, lines: [SeamLine(.leftRight, at: 1, span: 0..<1)], confidence: 0.2, label: "0|1")
        let overview = PageOverview.make(GrayImage(width: 8, height: 4), cellWidth: 4, cellHeight: 4, places: [place],
                                         columns: 8, lines: 2)
        let plain = TTY.render(overview, style: .ascii, threshold: 0.25)
        #expect(plain == ["    |2  ", "        "])
        // Confidence 0.2 of 0.25: the least doubtful third, yellow (220); its number in bold black on it.
        let colour = TTY.render(overview, style: .gray256, threshold: 0.25)
        #expect(colour[0].contains("\u{1B}[22;38;5;220;48;5;231m▀\u{1B}[1;38;5;16;48;5;220m2"))
        #expect(colour.allSatisfy { $0.hasSuffix("\u{1B}[0m") })
        #expect(TTY.placeColour(0, threshold: 0.25) == 196 && TTY.placeColour(0.1, threshold: 0.25) == 208)
    }
}
