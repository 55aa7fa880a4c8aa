import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar with ETA on standard error, redrawn in place. Drawn only
/// when standard error is a terminal (and TERM is not `dumb`); otherwise silent.
///
/// The ETA is the mean time per finished set times the sets left. When that has run
/// out but sets are still running (one set much slower than the rest), it is never
/// shown as 0: with an oracle budget it becomes a bound, `ETA <= T` (a running set
/// takes at most about the mean plus the budget), otherwise `ETA --`.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let started = Date()
    private let oracleBudget: Double?
    private var done = 0
    private var lastFinished: Date?
    private var running: [Int: Date] = [:]
    private var nextToken = 0
    private var timer: DispatchSourceTimer?
    let enabled: Bool

    static var terminalAllowsIt: Bool {
        isatty(2) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    init(total: Int, enabled: Bool = ProgressBar.terminalAllowsIt, oracleBudget: Double? = nil) {
        self.total = total
        self.oracleBudget = oracleBudget
        self.enabled = enabled && total > 0
        guard self.enabled else { return }
        draw()
        // Keep the clock moving between sets.
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
        self.timer = timer
    }

    /// A set has started; give the token back to `endSet`.
    func beginSet() -> Int {
        lock.lock(); defer { lock.unlock() }
        nextToken += 1
        running[nextToken] = Date()
        return nextToken
    }

    func endSet(_ token: Int) {
        lock.lock(); defer { lock.unlock() }
        running[token] = nil
    }

    func step(done: Int) {
        guard enabled else { return }
        lock.lock()
        self.done = done
        lastFinished = Date()
        lock.unlock()
        draw()
    }

    /// Clears the line so the table starts on a clean one.
    func finish() {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        timer?.cancel()
        timer = nil
        write("\r\u{1B}[K")
    }

    private func draw() {
        lock.lock(); defer { lock.unlock() }
        guard timer != nil || done == 0 else { return }
        let elapsed = Date().timeIntervalSince(started)
        let eta = Self.eta(done: done, total: total, elapsed: elapsed,
                           lastFinished: lastFinished.map { $0.timeIntervalSince(started) },
                           runningFor: running.values.map { Date().timeIntervalSince($0) }, oracleBudget: oracleBudget)
        let width = max(10, min(30, Self.columns() - 50))
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = "[\(bar)] \(done)/\(total) sets  \(Self.clock(elapsed))  \(eta)"
        write("\r\u{1B}[K" + line)
    }

    /// `ETA 1m05s`, `ETA <= 2m10s`, `ETA --` or `done` (see the type's comment).
    /// `lastFinished`: seconds from the start to the last set's end.
    static func eta(done: Int, total: Int, elapsed: Double, lastFinished: Double?,
                    runningFor: [Double], oracleBudget: Double?) -> String {
        if done == total && total > 0 { return "done" }
        guard done > 0, let last = lastFinished else { return "ETA --" }
        let perSet = last / Double(done)
        let remaining = perSet * Double(total) - elapsed
        if remaining >= 1 || runningFor.isEmpty { return "ETA \(clock(max(0, remaining)))" }
        guard let budget = oracleBudget else { return "ETA --" }
        let bound = runningFor.map { perSet + budget - $0 }.max() ?? 0
        return "ETA <= \(clock(max(1, bound)))"
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }

    static func columns() -> Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
