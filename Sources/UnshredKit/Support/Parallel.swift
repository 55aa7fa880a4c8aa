import Foundation

/// Work spread over all cores, written once: `DispatchQueue.concurrentPerform` behind
/// a switch that runs the same loop on the calling thread (for small inputs, where
/// threads cost more than they save, and for tests that compare the two).
///
/// Results come back in index order whatever the threads' order, so a parallel run
/// gives exactly what the plain loop gives as long as `body(i)` depends on `i` alone.
enum Parallel {
    /// `body(i)` for every `i` in `0..<count`; on all cores when `parallel`.
    /// Iterations must not write to shared state except disjoint slots of a buffer
    /// (its pointer wrapped in `UnsafeSendable`).
    static func forEach(_ count: Int, parallel: Bool = true, _ body: @Sendable (Int) -> Void) {
        if parallel && count > 1 {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        } else {
            for i in 0..<count { body(i) }
        }
    }

    /// `[transform(0), transform(1), ...]`, computed on all cores when `parallel`.
    static func map<T>(_ count: Int, parallel: Bool = true, _ transform: @Sendable (Int) -> T) -> [T] {
        guard parallel && count > 1 else { return (0..<count).map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = UnsafeSendable(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: count) { i in
                (slots.value + i).initialize(to: transform(i))
            }
            initialized = count
        }
    }
}

/// Lets a `Parallel` body write disjoint slots of a buffer.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
