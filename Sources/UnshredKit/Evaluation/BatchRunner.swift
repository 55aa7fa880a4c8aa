import Foundation

/// Runs the solver on many test sets and scores it, the way a user would run it.
public enum BatchRunner {
    public struct Options: Sendable, Equatable {
        /// Pass the truth's grid to the solver (by default it must find the shape itself).
        public var gridFromTruth: Bool
        /// Cap on the oracle's answers per set; nil: 3 per piece; 0: no oracle.
        public var maxInterventions: Int?
        /// Time budget of the oracle per set, in seconds (`Oracle.run`'s `budget`); nil: none.
        public var oracleSeconds: Double?
        public var limits: ImageLimits
        public var maxPieces: Int
        /// Which edge measure orders strips (`Unshredder.Options.cuts`).
        public var cuts: Unshredder.Cuts
        /// `Unshredder.Options.findsTurnedStrips` and `findsPages`.
        public var findsTurnedStrips = true
        public var findsPages = true

        public init(gridFromTruth: Bool = false, maxInterventions: Int? = nil, oracleSeconds: Double? = nil,
                    limits: ImageLimits = .default, maxPieces: Int = 100_000, cuts: Unshredder.Cuts = .clean) {
            self.cuts = cuts
            self.gridFromTruth = gridFromTruth
            self.maxInterventions = maxInterventions
            self.oracleSeconds = oracleSeconds
            self.limits = limits
            self.maxPieces = maxPieces
        }
    }

    /// The sets of shard `index` (1-based) of `count`: with the paths sorted, the
    /// k-th (0-based) belongs to shard k mod count + 1. Keeps the order of `paths`.
    public static func shard(_ paths: [String], index: Int, count: Int) -> [String] {
        precondition(count >= 1 && (1...count).contains(index))
        let sorted = paths.sorted()
        var mine = Set<String>()
        for (k, path) in sorted.enumerated() where k % count == index - 1 { mine.insert(path) }
        return paths.filter { mine.contains($0) }
    }

    /// Loads, solves and scores one set; never throws: a set that cannot be run
    /// comes back with `error` set.
    public static func run(set path: String, options: Options = Options(),
                           solve: @escaping Oracle.Solve = { try Unshredder.solve($0, options: $1) }) -> SetResult {
        var result = SetResult(path: path)
        let started = DispatchTime.now()
        let set: TestSet
        do {
            set = try TestSet.load(path, limits: options.limits, maxPieces: options.maxPieces)
        } catch {
            result.error = "\(error)"
            return result
        }
        result.pieces = set.pieces.count
        result.truthShape = shapeDescription(set.truth)
        var solveOptions = Unshredder.Options()
        solveOptions.cuts = options.cuts
        solveOptions.findsTurnedStrips = options.findsTurnedStrips
        solveOptions.findsPages = options.findsPages
        if options.gridFromTruth, let page = set.truth.pages.first {
            solveOptions.grid = GridShape(rows: page.rowCount, columns: page.columnCount)
        }
        let solution: Solution
        do {
            solution = try solve(set.pieces, solveOptions)
        } catch {
            result.error = "\(path): \(error)"
            result.seconds = seconds(since: started)
            return result
        }
        result.seconds = seconds(since: started)
        result.shape = solution.shapeDescription
        if solution.shapeIsDoubtful { result.shapeRunnerUp = solution.shapeEstimate?.runnerUp?.description }
        let score = Score.compare(solution.layout, truth: set.truth, pieces: set.pieces)
        result.neighbourAccuracy = score.neighbourAccuracy
        result.directAccuracy = score.directAccuracy
        result.perfect = score.perfect
        result.confidence = ConfidenceScore.compare(solution, truth: set.truth, pieces: set.pieces)
        if options.maxInterventions != 0 {
            let oracleStarted = DispatchTime.now()
            // The interview answers the interactive session's questions, as a person
            // who knows the truth would. Cannot throw: the first solution is given.
            if let outcome = try? Oracle.interview(pieces: set.pieces, truth: set.truth, options: solveOptions,
                                                   initial: solution, cap: options.maxInterventions,
                                                   budget: options.oracleSeconds) {
                result.interventions = outcome.interventions
                result.answers = outcome.answerCount
                result.answerSeconds = outcome.secondsPerAnswer
                result.oracleTrail = outcome.trail
                result.looksRight = outcome.looksRight
                result.reached = outcome.reached
                result.oracleNote = outcome.stopReason
            }
            result.oracleSeconds = seconds(since: oracleStarted)
        }
        return result
    }

    /// Runs `paths` on `jobs` threads; results in the order of `paths`.
    /// `progress` is called (from any thread, one call at a time) after each set.
    public static func run(_ paths: [String], jobs: Int = 1, options: Options = Options(),
                           solve: @escaping Oracle.Solve = { try Unshredder.solve($0, options: $1) },
                           progress: @escaping @Sendable (_ done: Int, _ total: Int, _ last: SetResult) -> Void = { _, _, _ in }) -> [SetResult] {
        run(paths, jobs: jobs, work: { run(set: $0, options: options, solve: solve) }, progress: progress)
    }

    /// Runs `work` on every path, `jobs` at a time; results in the order of `paths`.
    public static func run(_ paths: [String], jobs: Int, work: @escaping @Sendable (String) -> SetResult,
                           progress: @escaping @Sendable (_ done: Int, _ total: Int, _ last: SetResult) -> Void) -> [SetResult] {
        let state = State(count: paths.count)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(jobs, paths.count)) {
            DispatchQueue.global().async(group: group) {
                while let k = state.next() {
                    state.finish(k, work(paths[k]), progress: progress)
                }
            }
        }
        group.wait()
        return state.results.map { $0! }
    }

    final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var nextIndex = 0
        private var done = 0
        private(set) var results: [SetResult?]

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func next() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard nextIndex < results.count else { return nil }
            nextIndex += 1
            return nextIndex - 1
        }

        func finish(_ k: Int, _ result: SetResult, progress: (Int, Int, SetResult) -> Void) {
            lock.lock(); defer { lock.unlock() }
            results[k] = result
            done += 1
            progress(done, results.count, result)
        }
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// The truth's shape in the words of `Solution.shapeDescription`.
    public static func shapeDescription(_ truth: Layout) -> String {
        let page = truth.pages[0]
        let dims = "\(page.rowCount) x \(page.columnCount)"
        if truth.pages.count > 1 { return "double-sided, \(truth.pages.count) pages of \(dims)" }
        return page.rowCount == 1 ? "strips, 1 x \(page.columnCount)" : "grid, \(dims)"
    }
}
