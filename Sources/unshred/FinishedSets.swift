import Foundation
#if canImport(Glibc)
import Glibc
#endif
import UnshredKit

/// The sets of a batch finished so far, and its report file kept up to date with them,
/// so that no finished set is lost when the batch is stopped.
///
/// While the batch runs, the report (`--report`) is rewritten, atomically, after a set
/// finishes (at most once a second), marked incomplete: its `unfinished` field lists the
/// sets not done yet. On SIGINT or SIGTERM, `interrupted` writes it once more with every
/// set finished by then, prints the table and ends the process with status 128 + signal.
/// At the end, `complete` writes the whole report.
final class FinishedSets: @unchecked Sendable {
    typealias MakeReport = @Sendable (_ finished: [SetResult], _ unfinished: [String]?) -> BatchReport

    private let lock = NSLock()
    private let paths: [String]
    private let reportPath: String?
    private let makeReport: MakeReport
    private var results: [String: SetResult] = [:]
    private var lastWrite: Date?
    private var over = false

    /// Rewrites of the running report are this far apart at least (the last set's result
    /// is written by `complete` or `interrupted` in any case).
    static let rewriteInterval: TimeInterval = 1

    init(paths: [String], reportPath: String?, makeReport: @escaping MakeReport) {
        self.paths = paths
        self.reportPath = reportPath
        self.makeReport = makeReport
    }

    func finish(_ result: SetResult) {
        lock.lock(); defer { lock.unlock() }
        guard !over else { return }
        results[result.path] = result
        guard reportPath != nil, results.count < paths.count else { return }
        if let last = lastWrite, Date().timeIntervalSince(last) < Self.rewriteInterval { return }
        lastWrite = Date()
        // A failed rewrite is not fatal: the final write reports the problem.
        try? write(partialReport())
    }

    /// The whole report, written to `--report` when given.
    func complete(_ all: [SetResult]) throws -> BatchReport {
        lock.lock(); defer { lock.unlock() }
        over = true
        let report = makeReport(all, nil)
        try write(report)
        return report
    }

    /// Writes the report of the sets finished so far (marked incomplete), prints its table
    /// and a line on standard error, and ends the process as the signal would have.
    func interrupted(signal: Int32) -> Never {
        lock.lock()
        let wasOver = over
        over = true
        if wasOver {  // the batch had finished: its report is being (or was) written
            lock.unlock()
            _exit(128 + signal)
        }
        let report = partialReport()
        var message = "unshred: interrupted (\(Interrupts.name(signal))) with \(report.sets.count) of \(paths.count) sets finished"
        do {
            try write(report)
            if let reportPath { message += "; report with the finished sets in \(reportPath), marked incomplete" }
        } catch {
            message = "error: \(error); " + message
        }
        print(report.table, terminator: "")
        fflush(nil)
        FileHandle.standardError.write(Data((message + "\n").utf8))
        _exit(128 + signal)
    }

    private func partialReport() -> BatchReport {
        let finished = paths.compactMap { results[$0] }
        let unfinished = paths.filter { results[$0] == nil }
        return makeReport(finished, unfinished)
    }

    private func write(_ report: BatchReport) throws {
        guard let reportPath, !OutputCheck.discards(reportPath), let format = BatchReport.Format(path: reportPath) else { return }
        try AtomicFile.write(report.rendered(format), to: reportPath)
    }
}
