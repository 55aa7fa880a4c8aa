import Foundation

/// The score of one test set in a batch.
public struct SetResult: Codable, Sendable, Equatable {
    /// The set's folder, as given.
    public var path: String
    public var pieces: Int?
    /// The shape the solver found (`Solution.shapeDescription`).
    public var shape: String?
    /// The true shape, in the same words.
    public var truthShape: String?
    /// When the shape found is doubtful (`ShapeEstimate.isDoubtful`): the runner-up, `RxC`.
    public var shapeRunnerUp: String?
    /// Loading plus the first solve, as a user running `unshred DIR` would wait.
    public var seconds: Double?
    public var neighbourAccuracy: Double?
    public var directAccuracy: Double?
    public var perfect: Bool
    /// How the first solution's join confidences separate its right and wrong joins.
    public var confidence: ConfidenceScore?
    /// The oracle's answers that changed the page (other options, none of these, the
    /// grid; see `Oracle.interview`); nil when the oracle did not run.
    public var interventions: Int?
    /// Every answer the oracle gave, accepts included: what a user would answer.
    public var answers: Int?
    /// Mean seconds the session spent applying one answer (repair or re-solve).
    public var answerSeconds: Double?
    /// Whether the oracle's answers led to a page that is perfect up to blank pieces
    /// (`Oracle.Interview.looksRight`).
    public var looksRight: Bool?
    /// The oracle's questions in turn (`Oracle.Interview.trail`), for the JSON report.
    public var oracleTrail: [String]?
    /// Whether the oracle's answers led to the perfect page.
    public var reached: Bool?
    /// Why the oracle stopped short.
    public var oracleNote: String?
    public var oracleSeconds: Double?
    /// Peak resident memory of the process that ran this set alone, when measured.
    public var peakRSSBytes: Int?
    /// Why the set could not be run at all.
    public var error: String?

    public init(path: String, pieces: Int? = nil, shape: String? = nil, truthShape: String? = nil,
                seconds: Double? = nil, neighbourAccuracy: Double? = nil, directAccuracy: Double? = nil,
                perfect: Bool = false, interventions: Int? = nil, reached: Bool? = nil,
                oracleNote: String? = nil, oracleSeconds: Double? = nil, peakRSSBytes: Int? = nil,
                error: String? = nil, confidence: ConfidenceScore? = nil) {
        self.path = path
        self.pieces = pieces
        self.shape = shape
        self.truthShape = truthShape
        self.seconds = seconds
        self.neighbourAccuracy = neighbourAccuracy
        self.directAccuracy = directAccuracy
        self.perfect = perfect
        self.interventions = interventions
        self.reached = reached
        self.oracleNote = oracleNote
        self.oracleSeconds = oracleSeconds
        self.peakRSSBytes = peakRSSBytes
        self.error = error
        self.confidence = confidence
    }

    public var couldNotRun: Bool { error != nil }

    /// Whether the shape found is the truth's (the same kind and the same rows and
    /// columns); nil when either is unknown (the set did not run).
    public var shapeRight: Bool? {
        guard let shape, let truthShape else { return nil }
        return shape == truthShape
    }

    /// `yes`, `no`, or `-` when either shape is unknown.
    public var shapeRightText: String { shapeRight.map { $0 ? "yes" : "no" } ?? "-" }

    /// `3`, `0`, `not reached (12)`, or `-` when the oracle did not run.
    public var interventionsText: String {
        guard let n = interventions else { return "-" }
        return reached == false ? "not reached (\(n))" : "\(n)"
    }
}

/// Totals over the sets of a report.
public struct BatchSummary: Codable, Sendable, Equatable {
    public var sets: Int
    /// Perfect pages.
    public var passed: Int
    /// Everything else, sets that could not be run included.
    public var failed: Int
    /// Sets that could not be run.
    public var errors: Int
    /// Means over the sets that ran; nil when none did.
    public var meanNeighbourAccuracy: Double?
    public var meanDirectAccuracy: Double?
    /// Oracle answers summed over the sets where the oracle reached the perfect page.
    public var interventions: Int
    /// Sets where the oracle ran and did not reach the perfect page.
    public var notReached: Int
    /// Sets whose shape found is the truth's, of the sets where both are known (nil
    /// when no set has both, as in reports written before these fields).
    public var shapesRight: Int?
    public var shapesCompared: Int?
    /// Sum of the sets' `seconds`.
    public var solveSeconds: Double
    /// Wall-clock time of the batch (merged: the longest shard).
    public var wallSeconds: Double?
    /// Peak resident memory of the largest process that ran sets: the batch process, or
    /// with per-set child processes the largest child (merged: the largest of all).
    public var peakRSSBytes: Int?
    /// The sets' join confidences pooled (`ConfidenceScore.pooled`); nil when no set has them.
    public var confidence: ConfidenceScore?

    public init(_ sets: [SetResult], wallSeconds: Double? = nil, peakRSSBytes: Int? = nil) {
        self.sets = sets.count
        passed = sets.filter(\.perfect).count
        failed = sets.count - passed
        errors = sets.filter(\.couldNotRun).count
        let ran = sets.filter { !$0.couldNotRun && $0.neighbourAccuracy != nil }
        meanNeighbourAccuracy = ran.isEmpty ? nil : ran.map { $0.neighbourAccuracy! }.reduce(0, +) / Double(ran.count)
        meanDirectAccuracy = ran.isEmpty ? nil : ran.map { $0.directAccuracy ?? 0 }.reduce(0, +) / Double(ran.count)
        interventions = sets.filter { $0.reached == true }.compactMap(\.interventions).reduce(0, +)
        notReached = sets.filter { $0.reached == false }.count
        let compared = sets.compactMap(\.shapeRight)
        shapesCompared = compared.isEmpty ? nil : compared.count
        shapesRight = compared.isEmpty ? nil : compared.filter { $0 }.count
        solveSeconds = sets.compactMap(\.seconds).reduce(0, +)
        self.wallSeconds = wallSeconds
        self.peakRSSBytes = peakRSSBytes
        confidence = ConfidenceScore.pooled(sets.compactMap(\.confidence))
    }

    /// The closing line of the table: `N passed, N failed`.
    public var passedLine: String { "\(passed) passed, \(failed) failed" }
}

/// A batch's results: written as JSON (and read back to merge shards), Markdown or CSV.
public struct BatchReport: Codable, Sendable, Equatable {
    public var format: Int = 1
    public var tool: String
    /// `i/n` for one shard of a batch; nil for a whole batch or a merge.
    public var shard: String?
    public var gridFromTruth: Bool
    public var summary: BatchSummary
    public var sets: [SetResult]
    /// An incomplete report (the batch was interrupted, or is still running): the sets
    /// given but not finished, in order. The summary covers the finished sets only.
    /// Nil when every set finished.
    public var unfinished: [String]?

    public init(tool: String, shard: String? = nil, gridFromTruth: Bool, sets: [SetResult],
                wallSeconds: Double? = nil, peakRSSBytes: Int? = nil, unfinished: [String]? = nil) {
        self.tool = tool
        self.shard = shard
        self.gridFromTruth = gridFromTruth
        self.sets = sets
        self.unfinished = unfinished
        summary = BatchSummary(sets, wallSeconds: wallSeconds, peakRSSBytes: peakRSSBytes)
    }

    public enum Format: String, Sendable, CaseIterable {
        case json, md, csv

        /// The format named by a file's extension (`.json`, `.md`, `.csv`, any case).
        public init?(path: String) {
            self.init(rawValue: (path as NSString).pathExtension.lowercased())
        }
    }

    /// `incomplete: 2 of 7 sets not finished (...)`, or nil for a complete report.
    public var incompleteLine: String? {
        guard let unfinished else { return nil }
        let total = sets.count + unfinished.count
        let names = unfinished.prefix(3).joined(separator: ", ") + (unfinished.count > 3 ? ", ..." : "")
        return "incomplete: \(unfinished.count) of \(total) \(total == 1 ? "set" : "sets") not finished (\(names))"
    }

    public func rendered(_ format: Format) -> String {
        switch format {
        case .json: return json
        case .md: return markdown
        case .csv: return csv
        }
    }

    // MARK: JSON

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try! encoder.encode(self) // plain values only: cannot fail
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a JSON report; `path` names the file in errors.
    public static func parse(_ bytes: [UInt8], path: String) throws -> BatchReport {
        do {
            return try JSONDecoder().decode(BatchReport.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw ReportError.notAReport(path: path, detail: Self.describe(error))
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .dataCorrupted(context): return context.underlyingError.map { "\($0.localizedDescription)" } ?? "not JSON"
        case let .keyNotFound(key, _): return "no \"\(key.stringValue)\" field"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        @unknown default: return "not a batch report"
        }
    }

    /// Combines shard reports into one; the sets sorted by path, the summary recomputed.
    public static func merge(_ reports: [(path: String, report: BatchReport)]) throws -> BatchReport {
        guard let first = reports.first else { throw ReportError.nothingToMerge }
        var owner: [String: String] = [:]
        var sets: [SetResult] = []
        var unfinished: [String]?
        for (path, report) in reports {
            if let more = report.unfinished { unfinished = (unfinished ?? []) + more }
            if report.gridFromTruth != first.report.gridFromTruth {
                throw ReportError.mixedOptions(path: path, other: first.path)
            }
            for set in report.sets {
                if let other = owner[set.path] { throw ReportError.duplicateSet(set: set.path, first: other, second: path) }
                owner[set.path] = path
                sets.append(set)
            }
        }
        sets.sort { $0.path < $1.path }
        let wall = reports.compactMap(\.report.summary.wallSeconds).max()
        let rss = reports.compactMap(\.report.summary.peakRSSBytes).max()
        return BatchReport(tool: first.report.tool, shard: nil, gridFromTruth: first.report.gridFromTruth,
                           sets: sets, wallSeconds: wall, peakRSSBytes: rss, unfinished: unfinished)
    }

    // MARK: Text

    static func percent(_ x: Double?) -> String {
        guard let x else { return "-" }
        return String(format: "%.1f%%", x * 100)
    }

    static func secondsText(_ x: Double?) -> String {
        guard let x else { return "-" }
        return x < 10 ? String(format: "%.2f s", x) : String(format: "%.1f s", x)
    }

    static func bytesText(_ x: Int?) -> String {
        guard let x else { return "-" }
        return String(format: "%.1f MB", Double(x) / 1_048_576)
    }

    static let headers = ["set", "shape found", "shape right", "pieces", "time", "neighbour", "direct", "perfect", "interventions"]
    /// Columns of numbers (right-aligned): pieces, time, neighbour, direct.
    static let numberColumns: Set<Int> = [3, 4, 5, 6]

    func cells(_ set: SetResult) -> [String] {
        if let error = set.error { return [set.path, "could not be run: \(error)"] }
        let shape = set.shape.map { shape in set.shapeRunnerUp.map { "\(shape) (doubtful, or \($0))" } ?? shape }
        var row = [set.path, shape ?? "-", set.shapeRightText, set.pieces.map(String.init) ?? "-", Self.secondsText(set.seconds),
                   Self.percent(set.neighbourAccuracy), Self.percent(set.directAccuracy),
                   set.perfect ? "yes" : "no", set.interventionsText]
        if set.peakRSSBytes != nil { row.append(Self.bytesText(set.peakRSSBytes)) }
        return row
    }

    /// Summary lines, without the closing `N passed, N failed`.
    public var summaryLines: [String] {
        var lines: [String] = []
        let s = summary
        if s.meanNeighbourAccuracy != nil {
            var line = "mean neighbour accuracy \(Self.percent(s.meanNeighbourAccuracy)), mean direct accuracy \(Self.percent(s.meanDirectAccuracy))"
            if sets.contains(where: { $0.interventions != nil }) {
                line += "; \(s.interventions) interventions in all"
                if s.notReached > 0 { line += " (\(s.notReached) \(s.notReached == 1 ? "set" : "sets") not reached)" }
            }
            lines.append(line)
        }
        if let right = s.shapesRight, let compared = s.shapesCompared {
            lines.append("shape found right in \(right) of \(compared) \(compared == 1 ? "set" : "sets")")
        }
        if let confidence = s.confidence { lines.append(confidence.summaryText) }
        if s.errors > 0 { lines.append("\(s.errors) of \(s.sets) \(s.sets == 1 ? "set" : "sets") could not be run") }
        var timing = "solve time \(Self.secondsText(s.solveSeconds))"
        if let wall = s.wallSeconds { timing += ", wall time \(Self.secondsText(wall))" }
        if let rss = s.peakRSSBytes { timing += ", peak memory \(Self.bytesText(rss))" }
        lines.append(timing)
        return lines
    }

    static let notesShown = 10

    /// The plain-text table for a terminal, closing with `N passed, N failed`.
    public var table: String {
        let perSetMemory = sets.contains { $0.peakRSSBytes != nil }
        let headers = Self.headers + (perSetMemory ? ["memory"] : [])
        let rows = sets.map(cells)
        var widths = headers.map(\.count)
        for row in rows where row.count == headers.count {
            for (k, cell) in row.enumerated() { widths[k] = max(widths[k], cell.count) }
        }
        for row in rows where row.count != headers.count { widths[0] = max(widths[0], row[0].count) }
        let rightAligned = Self.numberColumns
        func line(_ row: [String]) -> String {
            if row.count != headers.count { return row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0) + "  " + row[1] }
            return row.enumerated().map { k, cell in
                let pad = String(repeating: " ", count: max(0, widths[k] - cell.count))
                return rightAligned.contains(k) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = line(headers) + "\n"
        for row in rows { out += line(row) + "\n" }
        out += "\n"
        let notes = sets.filter { $0.oracleNote != nil }
        for set in notes.prefix(Self.notesShown) { out += "\(set.path): oracle stopped: \(set.oracleNote!)\n" }
        if notes.count > Self.notesShown { out += "... and \(notes.count - Self.notesShown) more oracle notes in the report\n" }
        if !notes.isEmpty { out += "\n" }
        for l in summaryLines { out += l + "\n" }
        if let incomplete = incompleteLine { out += incomplete + "\n" }
        out += summary.passedLine + "\n"
        return out
    }

    // MARK: Markdown

    public var markdown: String {
        func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        let perSetMemory = sets.contains { $0.peakRSSBytes != nil }
        let headers = Self.headers + (perSetMemory ? ["memory"] : [])
        var out = "# unshred batch report\n\n"
        if let shard { out += "Shard \(shard). " }
        out += gridFromTruth ? "Grid shapes given from the truth.\n\n" : "The solver found the shapes itself.\n\n"
        if let incomplete = incompleteLine { out += "**\(escape(incomplete).replacingOccurrences(of: "incomplete:", with: "Incomplete:"))**\n\n" }
        out += "| " + headers.joined(separator: " | ") + " |\n"
        out += "|" + headers.enumerated().map { Self.numberColumns.contains($0.offset) ? "---:" : "---" }.joined(separator: "|") + "|\n"
        for set in sets {
            var row = cells(set).map(escape)
            if row.count != headers.count {
                row = [row[0]] + ["error: " + row[1].dropFirst("could not be run: ".count)] + Array(repeating: "", count: headers.count - 2)
            }
            out += "| " + row.joined(separator: " | ") + " |\n"
        }
        out += "\n"
        for l in summaryLines { out += l + "  \n" }
        out += "**" + summary.passedLine + "**\n"
        return out
    }

    // MARK: CSV

    public var csv: String {
        func field(_ s: String?) -> String {
            guard let s else { return "" }
            if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return s
        }
        func number(_ x: Double?) -> String { x.map { String(format: "%.6g", $0) } ?? "" }
        var out = "set,shape,truth_shape,shape_right,pieces,seconds,neighbour_accuracy,direct_accuracy,perfect,interventions,reached,oracle_seconds,oracle_note,peak_rss_bytes,error,right_joins,wrong_joins,mean_confidence_right,mean_confidence_wrong,wrong_flagged,right_flagged\n"
        // An incomplete report lists its unfinished sets as rows with an error.
        let notFinished = (unfinished ?? []).map { SetResult(path: $0, error: "not finished (the batch was interrupted)") }
        for s in sets + notFinished {
            let cells: [String] = [
                field(s.path), field(s.shape), field(s.truthShape), s.shapeRight.map { $0 ? "true" : "false" } ?? "",
                s.pieces.map(String.init) ?? "",
                number(s.seconds), number(s.neighbourAccuracy), number(s.directAccuracy), s.perfect ? "true" : "false",
                s.interventions.map(String.init) ?? "", s.reached.map { $0 ? "true" : "false" } ?? "",
                number(s.oracleSeconds), field(s.oracleNote), s.peakRSSBytes.map(String.init) ?? "", field(s.error),
                s.confidence.map { String($0.rightJoins) } ?? "", s.confidence.map { String($0.wrongJoins) } ?? "",
                number(s.confidence?.meanRight), number(s.confidence?.meanWrong),
                s.confidence.map { String($0.wrongFlagged) } ?? "", s.confidence.map { String($0.rightFlagged) } ?? "",
            ]
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }
}

public enum ReportError: Error, Equatable, CustomStringConvertible, Sendable {
    case notAReport(path: String, detail: String)
    case duplicateSet(set: String, first: String, second: String)
    case mixedOptions(path: String, other: String)
    case nothingToMerge

    public var description: String {
        switch self {
        case let .notAReport(path, detail): return "\(path): not a JSON batch report (\(detail))"
        case let .duplicateSet(set, first, second): return "\(second): set \(set) is also in \(first)"
        case let .mixedOptions(path, other): return "\(path): run with another --grid-from-truth setting than \(other)"
        case .nothingToMerge: return "no reports to merge"
        }
    }
}
