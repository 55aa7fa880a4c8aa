import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import unshred
import UnshredKit

/// Interactive mode end to end: the built binary, driven through a pseudo-terminal or
/// pipes by an oracle that knows the true page and answers what it is shown.
@Suite struct InteractiveTests {
    /// Monospace text in 30 strips: the automatic result is wrong there (white seams).
    struct HardSet {
        /// The pieces.
        let folder: String
        /// Outputs and journals.
        let work: String
        let truth: Layout
        let truePairs: Set<String>

        init() throws {
            let page = try ImageFile.read(CLITests.repo.path + "/fixtures/pages/en-mono-960x1280.png")
            let cut = Shredder.cut(page, grid: GridShape(rows: 1, columns: 30), seed: 30)
            folder = try CLITests.temporaryFolder()
            work = try CLITests.temporaryFolder()
            for piece in cut.pieces { try ImageFile.writePNG(piece.image, to: "\(folder)/\(piece.name).png") }
            truth = cut.truth
            let row = cut.truth.pages[0].rows[0]
            truePairs = Set(zip(row, row.dropFirst()).map { "\($0)|\($1)" })
        }

        func cleanup() {
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.removeItem(atPath: work)
        }

        /// Enter, the number of a true alternative, or r.
        func answer(toQuestionIn text: String) -> String? {
            guard let start = text.range(of: "Question ", options: .backwards) else { return nil }
            let lines = text[start.lowerBound...].split(whereSeparator: \.isNewline)
            guard lines.count > 1 else { return nil }
            var shown: [(Int, String)] = []
            let words = lines[1].split(separator: " ")
            for (k, word) in words.enumerated() where word.hasPrefix("[") && word.hasSuffix("]") && k + 1 < words.count {
                if let n = Int(word.dropFirst().dropLast()) { shown.append((n, String(words[k + 1]))) }
            }
            guard let proposed = shown.first, proposed.0 == 0 else { return nil }
            if truePairs.contains(proposed.1) { return "" }
            if let pick = shown.dropFirst().first(where: { truePairs.contains($0.1) }) { return "\(pick.0)" }
            return "r"
        }
    }

    /// Talks to a running session: reads its questions from `reader` until the prompt,
    /// answers on `writer` like the oracle, until the reader ends. Returns all it read.
    /// `stopAt`: at that prompt, return without answering.
    static func converse(reading reader: Int32, writing writer: Int32, set: HardSet, limit: Int = 100,
                         stopAt: Int? = nil) -> (transcript: String, questions: Int) {
        var transcript = ""
        var bytes: [UInt8] = []
        var prompts = 0
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(300)  // a safety net against a hang, not a timing assertion
        while Date() < deadline {
            var pfd = pollfd(fd: reader, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, 1000)
            if ready == 0 { continue }
            let n = buffer.withUnsafeMutableBytes { read(reader, $0.baseAddress!, $0.count) }
            if n <= 0 { break }  // end of file, or EIO once the terminal's last user is gone
            bytes += buffer[0..<n]
            transcript = String(decoding: bytes, as: UTF8.self)
            let seen = transcript.components(separatedBy: "finish > ").count - 1
            if seen > prompts {
                prompts = seen
                if let stopAt, prompts >= stopAt { break }
                let answer = prompts > limit ? "f" : (set.answer(toQuestionIn: transcript) ?? "f")
                let line = Array((answer + "\n").utf8)
                _ = line.withUnsafeBytes { write(writer, $0.baseAddress!, $0.count) }
            }
        }
        return (transcript, prompts)
    }

    @Test func throughAPseudoTerminalTheOracleReachesTheTruth() throws {
        let set = try HardSet()
        defer { set.cleanup() }
        let journal = "\(set.work)/decisions.jsonl"
        // Without help the layout is wrong.
        let automatic = try CLITests.run([set.folder, "-q"])
        #expect(automatic.status == 0)
        #expect(automatic.stdout != set.truth.text)

        let pty = try #require(PseudoTerminal.open())
        let master = pty.master
        defer { close(master) }
        let slave = open(pty.slaveName, O_RDWR | O_NOCTTY)
        try #require(slave >= 0)
        var size = winsize(ws_row: 50, ws_col: 110, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)

        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = [set.folder, "--interactive", "--decisions", journal, "-o", "\(set.work)/page.png"]
        process.currentDirectoryURL = CLITests.repo
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment["NO_COLOR"] = nil
        environment["COLORTERM"] = nil
        environment["COLUMNS"] = nil
        process.environment = environment
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardInput = terminal
        process.standardError = terminal
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        close(slave)
        let (transcript, questions) = Self.converse(reading: master, writing: master, set: set)
        let layout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationStatus == 0)
        #expect(questions > 0)
        // Standard output holds the layout and nothing else: the true one.
        #expect(layout == set.truth.text)
        // Pictures in half blocks and 256-colour grays, at the terminal's width (110 columns).
        #expect(transcript.contains("▀"))
        #expect(transcript.contains("\u{1B}[38;5;"))
        let widest = Self.withoutEscapes(transcript).components(separatedBy: "\n").map(\.count).max() ?? 0
        #expect(widest > 80)
        #expect(transcript.contains("intervention"))

        // The journal replays to the same layout, asking nothing.
        let replay = try CLITests.run([set.folder, "--decisions", journal])
        #expect(replay.status == 0)
        #expect(replay.stdout == set.truth.text)
        #expect(replay.stderr.contains("replayed"))
        #expect(!replay.stderr.contains("Question"))
        // And a journal from another piece set is refused, naming the journal.
        let other = try CLITests.run(["fixtures/cumcm2013b/1", "--decisions", journal, "-o", "\(set.work)/other.png"])
        #expect(other.status == 1)
        #expect(other.stderr.hasPrefix("error: \(journal): decisions journal belongs to another piece set"))
        #expect(other.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: "\(set.work)/other.png"))
    }

    /// The text without `ESC [ ... m` colour sequences.
    static func withoutEscapes(_ text: String) -> String {
        var out = ""
        var inEscape = false
        for c in text.unicodeScalars {
            if inEscape { if c == "m" { inEscape = false }; continue }
            if c == "\u{1B}" { inEscape = true; continue }
            out.unicodeScalars.append(c)
        }
        return out
    }

    @Test func throughPipesTheOracleReachesTheTruthInPlainText() throws {
        let set = try HardSet()
        defer { set.cleanup() }
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = [set.folder, "--interactive", "--layout", "\(set.work)/layout.txt"]
        process.currentDirectoryURL = CLITests.repo
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"  // but standard error is no terminal: plain text anyway
        process.environment = environment
        let input = Pipe(), errors = Pipe(), out = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = out
        try process.run()
        let (transcript, questions) = Self.converse(reading: errors.fileHandleForReading.fileDescriptor,
                                                    writing: input.fileHandleForWriting.fileDescriptor, set: set)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(questions > 0)
        #expect(try String(contentsOfFile: "\(set.work)/layout.txt", encoding: .utf8) == set.truth.text)
        #expect(out.fileHandleForReading.readDataToEndOfFile().isEmpty)
        #expect(!transcript.contains("\u{1B}"))
        #expect(!transcript.contains("▀"))
        #expect(transcript.contains("^^"))  // the seam marker under ASCII-shaded pictures
        #expect(transcript.contains("answers are not saved"))
    }

    /// Ctrl-C in the middle of a session: the answers given are in the journal, and the
    /// next run replays them and goes on asking from there.
    @Test func anInterruptedSessionLosesNoAnswer() throws {
        let set = try HardSet()
        defer { set.cleanup() }
        let journal = "\(set.work)/decisions.jsonl"
        func start() throws -> (Process, Pipe, Pipe) {
            let process = Process()
            process.executableURL = CLITests.binary
            process.arguments = [set.folder, "--interactive", "--decisions", journal, "--layout", "\(set.work)/layout.txt"]
            let input = Pipe(), errors = Pipe()
            process.standardInput = input
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return (process, input, errors)
        }
        let (first, input, errors) = try start()
        let (_, asked) = Self.converse(reading: errors.fileHandleForReading.fileDescriptor,
                                       writing: input.fileHandleForWriting.fileDescriptor, set: set, stopAt: 4)
        #expect(asked == 4)
        first.interrupt()  // SIGINT, as Ctrl-C sends, while the fourth question waits
        var waited = 0
        while first.isRunning && waited < 600 { usleep(100_000); waited += 1 }
        if first.isRunning {
            Issue.record("SIGINT did not end the session")
            kill(first.processIdentifier, SIGKILL)
        }
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)
        #expect(!FileManager.default.fileExists(atPath: "\(set.work)/layout.txt"))
        let lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1 + 3)

        let (second, input2, errors2) = try start()
        let (transcript, _) = Self.converse(reading: errors2.fileHandleForReading.fileDescriptor,
                                            writing: input2.fileHandleForWriting.fileDescriptor, set: set)
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)
        #expect(transcript.contains("replayed 3 answers"))
        #expect(try String(contentsOfFile: "\(set.work)/layout.txt", encoding: .utf8) == set.truth.text)
    }

    /// Answers worked out beforehand (by the same oracle on the library) go in all at once;
    /// a finished session leaves the journal to replay.
    @Test func scriptedAnswersEndOfInputAndAskLimit() throws {
        let set = try HardSet()
        defer { set.cleanup() }
        // End of input at once: nothing answered, the automatic layout stands.
        let automatic = try CLITests.run([set.folder, "-q"])
        let silent = try CLITests.run([set.folder, "--interactive", "-q"], stdin: "")
        #expect(silent.status == 0)
        #expect(silent.stdout == automatic.stdout)
        #expect(silent.stderr.contains("end of input"))
        #expect(silent.stderr.contains("0 interventions"))

        // --ask 2: two questions, then it stops asking.
        let two = try CLITests.run([set.folder, "--interactive", "--ask", "2", "-q"], stdin: "r\nr\nr\nr\n")
        #expect(two.status == 0)
        #expect(two.stderr.components(separatedBy: "Question ").count - 1 == 2)
        #expect(two.stderr.contains("2 interventions (0 picks, 2 rejects)"))

        // Without --interactive nothing is asked, whatever is on standard input.
        let plain = try CLITests.run([set.folder, "-q"], stdin: "r\nr\n")
        #expect(!plain.stderr.contains("Question"))
        #expect(plain.stdout == automatic.stdout)
    }

    @Test func anUnknownAnswerIsAskedAgainAndUndoNeedsAnAnswer() throws {
        let set = try HardSet()
        defer { set.cleanup() }
        let r = try CLITests.run([set.folder, "--interactive", "-q"], stdin: "maybe\nu\n9\nf\n")
        #expect(r.status == 0)
        #expect(r.stderr.contains("? answer Enter"))
        #expect(r.stderr.contains("cannot: nothing to undo"))
        #expect(r.stderr.components(separatedBy: "Question ").count - 1 == 1)
        #expect(r.stderr.contains("0 interventions"))
    }

    @Test func badFlagsAreRefused() throws {
        #expect(try CLITests.run(["fixtures/cumcm2013b/1", "--ask", "3"]).status == 64)
        #expect(try CLITests.run(["fixtures/cumcm2013b/1", "--interactive", "--ask-below", "2"]).status == 64)
        let missing = try CLITests.run(["fixtures/cumcm2013b/1", "--decisions", "/nonexistent/d.jsonl"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("error: /nonexistent/d.jsonl: cannot read decisions journal"))
    }

    @Test func cumcmStripSetsAskNothing() throws {
        for set in [1, 2] {
            let r = try CLITests.run(["fixtures/cumcm2013b/\(set)", "--interactive", "-q"], stdin: "r\n")
            #expect(r.status == 0)
            #expect(!r.stderr.contains("Question"))
            #expect(r.stderr.contains("0 uncertain joins"))
            let truth = try String(contentsOfFile: CLITests.repo.path + "/fixtures/cumcm2013b/\(set)/truth.txt", encoding: .utf8)
            #expect(r.stdout == truth)
        }
    }
}

/// posix_openpt and friends, looked up at run time: the Glibc module does not export them.
enum PseudoTerminal {
    typealias OpenPT = @convention(c) (Int32) -> Int32
    typealias Grant = @convention(c) (Int32) -> Int32
    typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

    static func open() -> (master: Int32, slaveName: String)? {
        func symbol<T>(_ name: String, _ type: T.Type) -> T? {
            guard let p = dlsym(nil, name) else { return nil }
            return unsafeBitCast(p, to: type)
        }
        guard let openpt = symbol("posix_openpt", OpenPT.self), let grantpt = symbol("grantpt", Grant.self),
              let unlockpt = symbol("unlockpt", Grant.self), let ptsname = symbol("ptsname", Name.self) else { return nil }
        let master = openpt(O_RDWR | O_NOCTTY)
        guard master >= 0 else { return nil }
        guard grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else { close(master); return nil }
        return (master, String(cString: name))
    }
}

@Suite struct TTYTests {
    func environment(_ variables: [String: String], terminal: Bool = true, columns: Int? = nil) -> TTY.Environment {
        TTY.Environment(variables: variables, standardErrorIsTerminal: terminal, standardInputIsTerminal: terminal, windowColumns: columns)
    }

    @Test func plainTextWhenAskedOrWithoutATerminal() {
        #expect(environment(["TERM": "xterm"]).style == .gray256)
        #expect(environment(["TERM": "xterm", "COLORTERM": "truecolor"]).style == .trueColor)
        #expect(environment(["TERM": "xterm", "NO_COLOR": ""]).style == .ascii)
        #expect(environment(["TERM": "dumb"]).style == .ascii)
        #expect(environment(["TERM": "xterm"], terminal: false).style == .ascii)
    }

    @Test func widthFromTheTerminalThenColumnsThen80() {
        #expect(environment(["COLUMNS": "132"], columns: 100).columns == 100)
        #expect(environment(["COLUMNS": "132"]).columns == 132)
        #expect(environment(["COLUMNS": "wide"]).columns == 80)
        #expect(environment([:]).columns == 80)
    }

    @Test func halfBlocksCarryTwoPixelRows() {
        // Column 0: black over white; column 1: white over black. Two rows: one line.
        let image = GrayImage(width: 2, height: 2, pixels: [0, 255, 255, 0])
        let line = TTY.render(image, style: .gray256)
        #expect(line == ["\u{1B}[38;5;16;48;5;231m▀\u{1B}[38;5;231;48;5;16m▀\u{1B}[0m"])
        let true24 = TTY.render(image, style: .trueColor)
        #expect(true24[0].hasPrefix("\u{1B}[38;2;0;0;0;48;2;255;255;255m▀"))
        // Plain text: paper is blank, ink is '@', averaged over the two rows.
        #expect(TTY.render(GrayImage(width: 3, height: 2, pixels: [255, 0, 0, 255, 0, 255]), style: .ascii) == [" @+"])
        #expect(TTY.render(GrayImage(width: 1, height: 3, fill: 0), style: .ascii) == ["@", "@"])
        #expect(TTY.gray256(128) == 244 && TTY.gray256(255) == 231 && TTY.gray256(3) == 16)
    }

    @Test func answersAreParsed() {
        #expect(InteractiveView.parse("", alternatives: 3) == .accept)
        #expect(InteractiveView.parse(" 2 ", alternatives: 3) == .pick(2))
        #expect(InteractiveView.parse("4", alternatives: 3) == .invalid)
        #expect(InteractiveView.parse("R", alternatives: 3) == .reject)
        #expect(InteractiveView.parse("u", alternatives: 3) == .undo)
        #expect(InteractiveView.parse("f", alternatives: 3) == .finish)
    }
}
