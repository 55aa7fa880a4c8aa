import ArgumentParser
import Foundation
import UnshredKit
#if canImport(Glibc)
import Glibc
#endif

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the solver on many test sets and score it.",
        usage: """
            unshred batch SET... [--jobs N] [--report FILE] [--isolate] ...
            unshred batch merge REPORT.json... -o FILE
            """,
        discussion: """
            A test set is a folder with truth.txt and its pieces (beside it or in pieces/), \
            as `unshred shred` makes them. `unshred batch SETS...` runs and scores them \
            (the same as `unshred batch run`); `unshred batch merge` combines the JSON \
            reports of shards.

            Options of `unshred batch SET...` (details: unshred batch run --help):
              --jobs N                run N sets at the same time
              --report FILE           the report (.json, .md, .csv), kept up to date as
                                      sets finish, so an interrupted run loses none
              --shard I/N             run only shard I of N
              --fail-under X          exit 1 if the mean neighbour accuracy is below X
              --grid-from-truth       give the solver the grid from truth.txt
              --max-interventions N   the oracle's answers per set (default 3 a piece)
              --oracle-seconds S      the oracle's time per set (default 60; 0: no limit)
              --isolate               each set in a child process (per-set memory)
              --cuts KIND             edge measure for strips: clean, real, automatic
              --upright, --one-page   strips: none turned 180 degrees; all of one page
              --no-progress           no progress bar
            """,
        subcommands: [BatchRun.self, BatchMerge.self],
        defaultSubcommand: BatchRun.self)
}

struct BatchRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run and score test sets (the default for `unshred batch`).",
        discussion: """
            Per set: the shape found and whether it is the truth's, pieces, time (loading and solving), neighbour and \
            direct accuracy, perfect, and interventions: how many answers an oracle that \
            reads the truth must give before the page comes out perfect. A table goes to \
            standard output, closing with `N passed, N failed` (passed: perfect). Exit \
            status 0 unless a set could not be run, or the mean neighbour accuracy is \
            below --fail-under.
            """)

    @Argument(help: "Test-set folders.")
    var sets: [String] = []

    @Option(help: "Run this many sets at the same time.")
    var jobs: Int = 1

    @Option(help: "Write the report here: .json, .md or .csv by the extension.")
    var report: String?

    @Option(help: ArgumentHelp("Run only shard I of N: with the sets sorted by path, the k-th (from 0) runs in shard k mod N + 1.", valueName: "I/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Fail (exit 1) when the mean neighbour accuracy is below this (0..1, or a percentage like 95%).", valueName: "X"))
    var failUnder: String?

    @Flag(help: "Give the solver the grid shape from truth.txt (by default it must find the shape itself).")
    var gridFromTruth = false

    @Option(help: "Cap on the oracle's answers per set (default: 3 per piece; 0: no oracle).")
    var maxInterventions: Int?

    @Option(help: ArgumentHelp("Time budget of the oracle per set, in seconds (0: none). No new answer is given once it is spent; the set shows `not reached` with a note.", valueName: "S"))
    var oracleSeconds: Double = BatchRun.defaultOracleSeconds

    /// Long enough for the sets of `scripts/bench` the oracle reaches (the slowest,
    /// zh-song 11x19, took 23 s on a shared 2-core machine), short enough that one hard
    /// set of a thousand pieces does not hold a batch for minutes (issue 18: 3.5 min).
    static let defaultOracleSeconds: Double = 60

    @Flag(help: "Run each set in a child process: per-set peak memory, and a crash costs only that set.")
    var isolate = false

    @Option(help: ArgumentHelp("Edge measure for strips: clean (cut by a program), real (a shredder's cuts, docs/real-measure.md) or automatic.", valueName: "KIND"))
    var cuts: Unshredder.Cuts = .clean

    @OptionGroup var strips: StripFlags

    @Flag(help: "No progress bar, even on a terminal.")
    var noProgress = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let report, BatchReport.Format(path: report) == nil {
            throw ValidationError("--report must end in .json, .md or .csv, not '\(report)'")
        }
        if let shard, Self.parseShard(shard) == nil {
            throw ValidationError("--shard takes I/N with 1 <= I <= N, e.g. 2/8, not '\(shard)'")
        }
        if let failUnder, Self.parseFraction(failUnder) == nil {
            throw ValidationError("--fail-under takes a number from 0 to 1 or a percentage, not '\(failUnder)'")
        }
        if let maxInterventions, maxInterventions < 0 { throw ValidationError("--max-interventions must be zero or positive") }
        if !(oracleSeconds >= 0) || !oracleSeconds.isFinite { throw ValidationError("--oracle-seconds must be zero or positive") }
        if sets.isEmpty { throw ValidationError("give at least one test-set folder") }
    }

    static func parseShard(_ text: String) -> (index: Int, count: Int)? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else { return nil }
        return (i, n)
    }

    static func parseFraction(_ text: String) -> Double? {
        let percent = text.hasSuffix("%")
        guard let x = Double(percent ? String(text.dropLast()) : text), x.isFinite else { return nil }
        let value = percent ? x / 100 : x
        return (0...1).contains(value) ? value : nil
    }

    func run() throws {
        let started = Date()
        if let report { try Self.checkOutput(report) }
        var seen = Set<String>()
        var paths = sets.filter { seen.insert($0).inserted }
        if let shard, let (i, n) = Self.parseShard(shard) { paths = BatchRunner.shard(paths, index: i, count: n) }

        let budget = oracleSeconds > 0 ? oracleSeconds : nil
        var stripOptions = BatchRunner.Options(gridFromTruth: gridFromTruth, maxInterventions: maxInterventions, oracleSeconds: budget, cuts: cuts)
        stripOptions.findsTurnedStrips = !strips.upright
        stripOptions.findsPages = !strips.onePage
        let options = stripOptions
        let bar = ProgressBar(total: paths.count, enabled: !noProgress && ProgressBar.terminalAllowsIt,
                              oracleBudget: maxInterventions == 0 ? nil : budget)
        let tool = "unshred \(Unshred.configuration.version)", shard = self.shard, gridFromTruth = self.gridFromTruth
        let book = FinishedSets(paths: paths, reportPath: report) { finished, unfinished in
            // The largest process: this one, or with --isolate the largest child.
            let peak = (finished.compactMap(\.peakRSSBytes) + [Self.peakRSS()].compactMap { $0 }).max()
            return BatchReport(tool: tool, shard: shard, gridFromTruth: gridFromTruth, sets: finished,
                               wallSeconds: Date().timeIntervalSince(started), peakRSSBytes: peak, unfinished: unfinished)
        }
        // Ctrl-C or a kill: the finished sets are kept, in a report marked incomplete.
        let interrupts = Interrupts(signals: [SIGINT, SIGTERM]) { signal in
            bar.finish()
            ChildRunner.terminateAll()
            book.interrupted(signal: signal)
        }
        let inner: @Sendable (String) -> SetResult
        if isolate {
            let child = ChildRunner(gridFromTruth: gridFromTruth, maxInterventions: maxInterventions, oracleSeconds: oracleSeconds, cuts: cuts,
                                    strips: strips)
            inner = { child.run($0) }
        } else {
            inner = { BatchRunner.run(set: $0, options: options) }
        }
        let results = BatchRunner.run(paths, jobs: jobs, work: { path in
            let token = bar.beginSet()
            let result = inner(path)
            bar.endSet(token)
            book.finish(result)
            return result
        }, progress: { done, _, _ in bar.step(done: done) })
        bar.finish()

        let report = try book.complete(results)
        interrupts.cancel()
        print(report.table, terminator: "")
        let summary = report.summary
        if summary.errors > 0 {
            let first = results.first { $0.couldNotRun }!
            throw CLIError("\(summary.errors) of \(summary.sets) \(summary.sets == 1 ? "set" : "sets") could not be run (first: \(first.error!))")
        }
        if let failUnder, let threshold = Self.parseFraction(failUnder), let mean = summary.meanNeighbourAccuracy, mean < threshold {
            throw CLIError(String(format: "mean neighbour accuracy %.1f%% is below --fail-under %.1f%%", mean * 100, threshold * 100))
        }
    }

    /// Refuses, before a long run, a report that could not be written.
    static func checkOutput(_ path: String) throws {
        let parent = (OutputCheck.canonical(path) as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: parent, isDirectory: &isDir) || !isDir.boolValue {
            throw CLIError("\(path): output folder \(parent) does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw CLIError("\(path): is a folder")
        }
    }

    /// Peak resident memory of this process so far, in bytes.
    static func peakRSS() -> Int? {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss) * 1024 // kilobytes on Linux
    }
}

/// Runs one set in a child `unshred batch` process and reads back its JSON report,
/// with the child's own peak memory (from wait4).
struct ChildRunner: Sendable {
    var gridFromTruth: Bool
    var maxInterventions: Int?
    var oracleSeconds: Double
    var cuts: Unshredder.Cuts = .clean
    var strips = StripFlags()

    /// The children running now, so that an interrupted batch can stop them.
    private static let running = Locked(Set<pid_t>())

    /// Sends SIGTERM to every child still running.
    static func terminateAll() {
        running.withLock { pids in for pid in pids { kill(pid, SIGTERM) } }
    }

    static let executable: String = {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return CommandLine.arguments[0]
    }()

    func run(_ set: String) -> SetResult {
        let report = NSTemporaryDirectory() + "unshred-batch-\(UUID().uuidString).json"
        defer { unlink(report) }
        var arguments = [Self.executable, "batch", "run", set, "--report", report, "--no-progress"]
        if gridFromTruth { arguments.append("--grid-from-truth") }
        arguments += ["--cuts", cuts.rawValue] + strips.arguments
        if let maxInterventions { arguments += ["--max-interventions", String(maxInterventions)] }
        arguments += ["--oracle-seconds", String(oracleSeconds)]

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        // This process ignores SIGINT and SIGTERM while it runs sets (see `Interrupts`);
        // the child must not inherit that.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = Self.running.withLock { pids in
            let status = posix_spawn(&pid, Self.executable, &actions, &attributes, &argv, environ)
            if status == 0 { pids.insert(pid) }
            return status
        }
        guard spawned == 0 else {
            return SetResult(path: set, error: "\(set): cannot start \(Self.executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        _ = Self.running.withLock { $0.remove(pid) }
        let peak = Int(usage.ru_maxrss) * 1024
        let signal = status & 0x7F
        if signal != 0 {
            return SetResult(path: set, peakRSSBytes: peak, error: "\(set): the solver process died of signal \(signal)")
        }
        guard let bytes = try? ImageFile.readBytes(report, limit: 64 << 20),
              let parsed = try? BatchReport.parse(bytes, path: report), var result = parsed.sets.first else {
            return SetResult(path: set, peakRSSBytes: peak, error: "\(set): the solver process left no report (exit status \((status >> 8) & 0xFF))")
        }
        result.path = set
        result.peakRSSBytes = peak
        return result
    }
}

struct BatchMerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the JSON reports of shards into one report (the summary recomputed).")

    @Argument(help: "JSON reports written by `unshred batch --report`.")
    var reports: [String] = []

    @Option(name: .shortAndLong, help: "Write the merged report here: .json, .md or .csv by the extension.")
    var output: String

    @Flag(name: .shortAndLong, help: "Do not print the table.")
    var quiet = false

    func validate() throws {
        if reports.isEmpty { throw ValidationError("give the reports to merge") }
        if BatchReport.Format(path: output) == nil {
            throw ValidationError("-o must end in .json, .md or .csv, not '\(output)'")
        }
    }

    func run() throws {
        let target = OutputCheck.canonical(output)
        if let input = reports.first(where: { OutputCheck.canonical($0) == target }) {
            throw CLIError("\(output): output is one of the input reports (\(input)); refusing to overwrite it")
        }
        try BatchRun.checkOutput(output)
        var loaded: [(path: String, report: BatchReport)] = []
        for path in reports {
            let bytes = try ImageFile.readBytes(path, limit: 1 << 30)
            do {
                loaded.append((path, try BatchReport.parse(bytes, path: path)))
            } catch let error as ReportError {
                throw CLIError(error.description)
            }
        }
        let merged: BatchReport
        do { merged = try BatchReport.merge(loaded) } catch let error as ReportError { throw CLIError(error.description) }
        if let format = BatchReport.Format(path: output), !OutputCheck.discards(output) {
            try AtomicFile.write(merged.rendered(format), to: output)
        }
        if !quiet { print(merged.table, terminator: "") }
    }
}

extension Unshredder.Cuts: ExpressibleByArgument {}
