import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar with ETA on standard error, redrawn in place. Drawn only
/// when standard error is a terminal (and TERM is not `dumb`); otherwise silent.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let started = Date()
    private var done = 0
    private var lastFinished: Date?
    private var timer: DispatchSourceTimer?
    let enabled: Bool

    static var terminalAllowsIt: Bool {
        isatty(2) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    init(total: Int, enabled: Bool = ProgressBar.terminalAllowsIt) {
        self.total = total
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
        var eta = "ETA --"
        if done > 0, let last = lastFinished {
            let perSet = last.timeIntervalSince(started) / Double(done)
            let remaining = max(0, perSet * Double(total) - elapsed)
            eta = done == total ? "done" : "ETA \(Self.clock(remaining))"
        }
        let width = max(10, min(30, Self.columns() - 50))
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = "[\(bar)] \(done)/\(total) sets  \(Self.clock(elapsed))  \(eta)"
        write("\r\u{1B}[K" + line)
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
