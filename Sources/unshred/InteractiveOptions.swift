import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import UnshredKit

/// `--interactive`, `--decisions FILE`, `--ask N`, `--ask-below C`: the solve command
/// asks the user about the joins it is least sure of, and keeps the answers;
/// `--review FILE.png` (with or without asking) draws the doubtful joins on the page.
struct InteractiveOptions: ParsableArguments {
    @Flag(help: "Ask about the joins the solver is least sure of (questions on standard error, answers on standard input).")
    var interactive = false

    @Option(help: ArgumentHelp("Journal of answers (JSON lines): replayed first when it exists; with --interactive, every new answer is appended at once.", valueName: "file"))
    var decisions: String?

    @Option(help: ArgumentHelp("Ask at most this many questions (with --interactive).", valueName: "n"))
    var ask: Int?

    @Option(help: ArgumentHelp("Ask about joins whose confidence is below this (0...1); with --review, mark those.", valueName: "confidence"))
    var askBelow: Float = QuestionPicker.defaultThreshold

    @Option(help: ArgumentHelp("Write the restored page here (PNG) with each doubtful join marked and numbered, coloured by confidence (with or without --interactive).", valueName: "file.png"))
    var review: String?

    func validate() throws {
        if let ask, ask < 0 { throw ValidationError("--ask must be 0 or more") }
        if !(0...1).contains(askBelow) { throw ValidationError("--ask-below takes a confidence from 0 to 1") }
        if !interactive && ask != nil { throw ValidationError("--ask needs --interactive") }
        if !interactive && review == nil && askBelow != QuestionPicker.defaultThreshold {
            throw ValidationError("--ask-below needs --interactive or --review")
        }
    }

    /// What solving gave: the solution, and the seconds spent waiting for the person
    /// (not solving), for the summary.
    struct Outcome {
        var solution: Solution
        var waiting: TimeInterval = 0
        /// The places still in doubt, as the session numbers them (nil: no session ran).
        var places: [DoubtfulPlace]? = nil
    }

    /// Solves; with the flags, replays the journal and asks.
    func solve(_ pieces: PieceSet, options: Unshredder.Options) throws -> Outcome {
        guard interactive || decisions != nil else { return Outcome(solution: try Unshredder.solve(pieces, options: options)) }
        var run = InteractiveRun(options: self, environment: .current())
        let session = try run.run(pieces, solverOptions: options)
        return Outcome(solution: session.solution, waiting: run.waiting, places: review == nil ? nil : session.places)
    }

    /// The places of `solution` a session would ask about, numbered as the overview
    /// numbers them (in the order they would be asked).
    static func places(_ solution: Solution, pieces: PieceSet, options: Unshredder.Options, threshold: Float) throws -> [DoubtfulPlace] {
        try InteractiveSession(pieces: pieces, options: options, threshold: threshold, initial: solution).places
    }

    /// Writes the review picture(s) of `solution` (one file per page, numbered like `-o`):
    /// `places` as the session left them, else the places a session would start with.
    func writeReview(_ solution: Solution, pieces: PieceSet, places known: [DoubtfulPlace]?, options: Unshredder.Options) throws {
        guard let review, !OutputCheck.discards(review) else { return }
        let places = try known ?? Self.places(solution, pieces: pieces, options: options, threshold: askBelow)
        let images = try ReviewPicture.render(solution.layout, pieces: pieces, places: places, threshold: askBelow)
        for (path, image) in zip(OutputCheck.pagePaths(review, count: images.count), images) {
            try ImageFile.writePNG(image, to: path)
        }
    }
}

/// One interactive (or replaying) run of the solve command.
struct InteractiveRun {
    let options: InteractiveOptions
    let environment: TTY.Environment
    var output: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    var write: (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    var readAnswer: () -> String? = { readLine(strippingNewline: true) }
    /// Seconds spent waiting for answers (reading standard input), not solving.
    private(set) var waiting: TimeInterval = 0

    init(options: InteractiveOptions, environment: TTY.Environment) {
        self.options = options
        self.environment = environment
    }

    mutating func run(_ pieces: PieceSet, solverOptions: Unshredder.Options) throws -> InteractiveSession {
        var journal: DecisionJournal?
        var solverOptions = solverOptions
        if let path = options.decisions {
            do {
                let opened = try DecisionJournal(path: path, pieces: PieceFingerprint(of: pieces),
                                                 settings: JournalSettings(solverOptions), create: options.interactive)
                if let settings = opened.settings {
                    let resolved = try settings.resolve(solverOptions, path: path)
                    solverOptions = resolved.options
                    for note in resolved.notes { output("unshred: \(path): \(note)") }
                }
                journal = opened
            } catch let error as DecisionJournalError {
                throw CLIError(error.description)
            }
        }
        let session = try InteractiveSession(pieces: pieces, options: solverOptions, threshold: options.askBelow)
        if let journal, !journal.replayed.isEmpty {
            do {
                let refused = try session.replay(journal.replayed, resolving: !(journal.settings?.answersAreRepaired ?? false))
                for why in refused { output("unshred: \(journal.path): refused again on replay: \(why)") }
            } catch let error as DecisionError {
                throw CLIError("\(journal.path): the answers cannot be replayed: \(error)")
            }
            let s = session.state
            output("unshred: replayed \(journal.replayed.count) answers from \(journal.path): \(Self.tally(s))")
        }
        guard options.interactive else { return session }
        Self.letInterruptsThrough()

        let style = environment.style, columns = environment.columns
        let echo = !environment.standardInputIsTerminal
        let what = session.asksAboutPlaces ? Terminal.count(session.doubtCount, "doubtful place") : Terminal.count(session.doubtCount, "uncertain join")
        output("unshred: \(what) (confidence below \(String(format: "%.2f", options.askBelow)))"
               + (journal.map { "; answers are saved to \($0.path)" } ?? "; answers are not saved (use --decisions FILE to keep them)"))
        var asked = 0
        var finished = false
        var places: [DoubtfulPlace]? = nil
        /// The page small, the doubtful places numbered; the questions then use these numbers.
        func showOverview() {
            let shown = session.places
            for line in InteractiveView.overview(session.solution, pieces: pieces, places: shown, threshold: options.askBelow,
                                                 style: style, columns: columns, rows: environment.rows) {
                output(line)
            }
            places = shown
        }
        questions: while !finished, let q = session.nextQuestion() {
            if let limit = options.ask, asked >= limit {
                output("unshred: asked \(asked) question\(asked == 1 ? "" : "s") (--ask \(limit)); the rest stays as it is")
                break
            }
            asked += 1
            if places == nil { showOverview() }
            func showQuestion() {
                for line in InteractiveView.question(q, number: asked, remaining: session.doubtCount, threshold: options.askBelow,
                                                     solution: session.solution, pieces: pieces, places: places ?? [],
                                                     style: style, columns: columns, rows: environment.rows) {
                    output(line)
                }
            }
            showQuestion()
            while true {
                write(InteractiveView.prompt(alternatives: q.options.count))
                let asking = Date()
                let answer = readAnswer()
                waiting += Date().timeIntervalSince(asking)
                guard let line = answer else {
                    if echo { write("\n") } else { output("") }
                    output("unshred: end of input: the remaining joins are accepted as they are")
                    finished = true
                    continue questions
                }
                if echo { output(line) }
                let decision: Decision
                switch InteractiveView.parse(line, alternatives: q.options.count) {
                case .accept: decision = q.decision(0)
                case let .pick(k): decision = q.decision(k)
                case .reject: decision = q.decision(nil)
                case .undo: decision = .undo
                case .skip:
                    session.skip(q)
                    output("  passed over; \(Terminal.count(session.doubtCount, "doubtful place")) left")
                    continue questions
                case .finish:
                    finished = true
                    continue questions
                case .help:
                    output(InteractiveView.help)
                    continue
                case .overview:
                    showOverview()
                    showQuestion()
                    continue
                case .invalid:
                    output("? answer Enter, \(q.options.isEmpty ? "" : "a number, ")r, s, o, u or f (? for help)")
                    continue
                }
                do {
                    try session.check(decision)
                    try journal?.append(decision, confidence: q.join.confidence)
                    try session.answer(decision, to: q)
                    let how = session.lastApplication
                    let seconds = String(format: "%.2f", how?.seconds ?? 0)
                    let verb = how?.kind == .resolved ? "re-solved" : how?.kind == .kept ? "kept" : "repaired"
                    let left = session.doubts.count
                    output("  \(decision); \(verb) in \(seconds) s; \(left) doubtful place\(left == 1 ? " remains" : "s remain")")
                } catch let error as DecisionError {
                    output("  cannot: \(error)")
                    continue
                } catch let error as DecisionJournalError {
                    throw CLIError(error.description)
                }
                continue questions
            }
        }
        if !finished && session.nextQuestion() == nil { output("unshred: no uncertain joins left") }
        output("unshred: \(Self.tally(session.state)); \(asked) question\(asked == 1 ? "" : "s") asked")
        return session
    }

    /// Ctrl-C must end a session (the journal already holds every answer given), even
    /// when the program was started with SIGINT blocked, as some parents leave it.
    static func letInterruptsThrough() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// `2 interventions (1 pick, 1 reject), 5 accepted`: accepts are not interventions.
    static func tally(_ s: DecisionState) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(s.interventions, "intervention")) (\(plural(s.picks, "pick")), \(plural(s.rejects, "reject"))), \(s.accepts) accepted"
    }
}
