import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a handler on SIGINT or SIGTERM instead of dying at once, for as long as it is
/// installed: the signals are ignored at the C level and delivered through dispatch
/// sources, so the handler runs on an ordinary thread and may take locks, write files
/// and print. The handler must end the process (`FinishedSets.interrupted` does).
final class Interrupts {
    private let sources: [any DispatchSourceSignal]
    private let signals: [Int32]

    init(signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        self.signals = signals
        var sources: [any DispatchSourceSignal] = []
        for sig in signals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: DispatchQueue.global())
            source.setEventHandler { handler(sig) }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// Back to the default actions.
    func cancel() {
        for source in sources { source.cancel() }
        for sig in signals { signal(sig, SIG_DFL) }
    }

    static func name(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(signal)"
        }
    }
}

/// A value behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
