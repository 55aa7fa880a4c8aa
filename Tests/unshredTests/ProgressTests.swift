import Testing
@testable import unshred

/// The progress bar's ETA: never 0 while a set is still running.
@Suite struct ProgressTests {
    @Test func theEtaCountsTheRunningSets() {
        // 4 of 5 sets done in 40 s, 40 s elapsed: 10 s left by the mean.
        #expect(ProgressBar.eta(done: 4, total: 5, elapsed: 40, lastFinished: 40, runningFor: [0], oracleBudget: 60) == "ETA 10s")
        // 100 s later the last set still runs: bounded by mean + budget - running (10 + 60 - 100 < 1).
        #expect(ProgressBar.eta(done: 4, total: 5, elapsed: 140, lastFinished: 40, runningFor: [100], oracleBudget: 60) == "ETA <= 1s")
        #expect(ProgressBar.eta(done: 4, total: 5, elapsed: 60, lastFinished: 40, runningFor: [20], oracleBudget: 60) == "ETA <= 50s")
        // Without a budget there is no bound to show.
        #expect(ProgressBar.eta(done: 4, total: 5, elapsed: 140, lastFinished: 40, runningFor: [100], oracleBudget: nil) == "ETA --")
        #expect(ProgressBar.eta(done: 0, total: 5, elapsed: 3, lastFinished: nil, runningFor: [3], oracleBudget: 60) == "ETA --")
        #expect(ProgressBar.eta(done: 5, total: 5, elapsed: 50, lastFinished: 50, runningFor: [], oracleBudget: 60) == "done")
    }
}
