import Foundation
import Testing
@testable import UnshredKit

@Suite struct BatchReportTests {
    static let sets = [
        SetResult(path: "sets/a", pieces: 19, shape: "strips, 1 x 19", truthShape: "strips, 1 x 19", seconds: 0.5, neighbourAccuracy: 1,
                  directAccuracy: 1, perfect: true, interventions: 0, reached: true),
        SetResult(path: "sets/b", pieces: 19, shape: "strips, 1 x 19", truthShape: "strips, 1 x 19", seconds: 1.5, neighbourAccuracy: 0.5,
                  directAccuracy: 0.25, perfect: false, interventions: 3, reached: true),
        SetResult(path: "sets/c", pieces: 209, shape: "strips, 1 x 209", truthShape: "grid, 11 x 19", seconds: 2, neighbourAccuracy: 0.3,
                  directAccuracy: 0, perfect: false, interventions: 1, reached: false, oracleNote: "gave up"),
        SetResult(path: "sets/d, \"odd\"", error: "sets/d: no truth.txt"),
    ]

    @Test func summaryHandWorked() {
        let s = BatchSummary(Self.sets)
        #expect(s.sets == 4 && s.passed == 1 && s.failed == 3 && s.errors == 1)
        // Means over the three sets that ran: (1 + 0.5 + 0.3) / 3 and (1 + 0.25 + 0) / 3.
        #expect(abs(s.meanNeighbourAccuracy! - 0.6) < 1e-12)
        #expect(abs(s.meanDirectAccuracy! - 1.25 / 3) < 1e-12)
        // Interventions of the reached sets only: 0 + 3; one set not reached.
        #expect(s.interventions == 3 && s.notReached == 1)
        #expect(s.solveSeconds == 4)
        #expect(s.passedLine == "1 passed, 3 failed")
        // Shapes: a and b found right, c wrong, d did not run.
        #expect(s.shapesRight == 2 && s.shapesCompared == 3)
    }

    @Test func shapeRightComparesKindRowsAndColumns() {
        func right(_ found: String?, _ truth: String?) -> Bool? {
            SetResult(path: "s", shape: found, truthShape: truth).shapeRight
        }
        #expect(right("grid, 11 x 19", "grid, 11 x 19") == true)
        #expect(right("grid, 19 x 11", "grid, 11 x 19") == false)
        #expect(right("grid, 11 x 18", "grid, 11 x 19") == false)
        #expect(right("grid, 1 x 19", "strips, 1 x 19") == false)
        #expect(right("double-sided, 2 pages of 11 x 19", "double-sided, 2 pages of 11 x 19") == true)
        #expect(right("grid, 11 x 19", "double-sided, 2 pages of 11 x 19") == false)
        #expect(right(nil, "grid, 11 x 19") == nil && right("grid, 11 x 19", nil) == nil)
        #expect(Self.sets.map(\.shapeRight) == [true, true, false, nil])
        #expect(Self.sets.map(\.shapeRightText) == ["yes", "yes", "no", "-"])
        let none = BatchSummary([SetResult(path: "x", shape: "grid, 2 x 2")])
        #expect(none.shapesRight == nil && none.shapesCompared == nil)
        let one = BatchSummary([SetResult(path: "x", shape: "grid, 2 x 3", truthShape: "grid, 3 x 2")])
        #expect(one.shapesRight == 0 && one.shapesCompared == 1)
    }

    @Test func shapeRightInEveryFormat() throws {
        let report = BatchReport(tool: "t", gridFromTruth: false, sets: Self.sets)
        let lines = report.table.split(separator: "\n").map(String.init)
        #expect(lines[0].split(separator: " ", omittingEmptySubsequences: true).prefix(6)
            == ["set", "shape", "found", "shape", "right", "pieces"])
        #expect(lines.contains { $0.hasPrefix("sets/c") && $0.contains("strips, 1 x 209  no ") })
        #expect(lines.contains { $0.hasPrefix("sets/a") && $0.contains("strips, 1 x 19   yes ") })
        #expect(lines.contains("shape found right in 2 of 3 sets"))
        #expect(report.markdown.contains("| sets/c | strips, 1 x 209 | no | 209 |"))
        #expect(report.markdown.contains("shape found right in 2 of 3 sets"))
        let csv = report.csv.split(separator: "\n").map(String.init)
        #expect(csv[0].hasPrefix("set,shape,truth_shape,shape_right,pieces,"))
        #expect(csv[3].hasPrefix("sets/c,\"strips, 1 x 209\",\"grid, 11 x 19\",false,209,"))
        #expect(csv[4].hasPrefix("\"sets/d, \"\"odd\"\"\",,,,,"))
        let json = try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as! [String: Any]
        let summary = json["summary"] as! [String: Any]
        #expect(summary["shapesRight"] as? Int == 2 && summary["shapesCompared"] as? Int == 3)
        // A report without the fields (an older one) still reads, and shows no count.
        let old = BatchReport(tool: "t", gridFromTruth: false, sets: [SetResult(path: "x", shape: "grid, 2 x 2")])
        #expect(!old.json.contains("shapesRight"))
        #expect(try BatchReport.parse(Array(old.json.utf8), path: "r.json").summary.shapesRight == nil)
        #expect(!old.table.contains("shape found right"))
    }

    @Test func noSetsNoMeans() {
        let s = BatchSummary([])
        #expect(s.meanNeighbourAccuracy == nil && s.passedLine == "0 passed, 0 failed")
    }

    @Test func tableClosesWithThePassedLine() {
        let report = BatchReport(tool: "unshred test", gridFromTruth: false, sets: Self.sets)
        let lines = report.table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.dropLast().last == "1 passed, 3 failed")
        #expect(lines.last == "")
        #expect(lines[0].hasPrefix("set") && lines[0].contains("interventions"))
        #expect(lines.contains { $0.hasPrefix("sets/c") && $0.hasSuffix("not reached (1)") })
        #expect(lines.contains { $0.contains("could not be run: sets/d: no truth.txt") })
        #expect(lines.contains("1 of 4 sets could not be run"))
        #expect(lines.contains("sets/c: oracle stopped: gave up"))
    }

    @Test func jsonRoundTrips() throws {
        let report = BatchReport(tool: "unshred test", shard: "1/2", gridFromTruth: true, sets: Self.sets,
                                 wallSeconds: 3, peakRSSBytes: 1 << 20)
        let back = try BatchReport.parse(Array(report.json.utf8), path: "r.json")
        #expect(back == report)
        #expect(throws: ReportError.self) { try BatchReport.parse(Array("{}".utf8), path: "r.json") }
        #expect(throws: ReportError.self) { try BatchReport.parse(Array("not json".utf8), path: "r.json") }
    }

    @Test func mergeSortsAndRecomputes() throws {
        let a = BatchReport(tool: "t", shard: "1/2", gridFromTruth: false, sets: [Self.sets[2], Self.sets[0]],
                            wallSeconds: 5, peakRSSBytes: 100)
        let b = BatchReport(tool: "t", shard: "2/2", gridFromTruth: false, sets: [Self.sets[1]],
                            wallSeconds: 7, peakRSSBytes: 50)
        let merged = try BatchReport.merge([("a.json", a), ("b.json", b)])
        #expect(merged.sets.map(\.path) == ["sets/a", "sets/b", "sets/c"])
        #expect(merged.shard == nil)
        #expect(merged.summary == BatchSummary(Array(Self.sets.prefix(3)), wallSeconds: 7, peakRSSBytes: 100))
        #expect(throws: ReportError.duplicateSet(set: "sets/c", first: "a.json", second: "c.json")) {
            try BatchReport.merge([("a.json", a), ("c.json", a)])
        }
        var other = b
        other.gridFromTruth = true
        #expect(throws: ReportError.mixedOptions(path: "b.json", other: "a.json")) {
            try BatchReport.merge([("a.json", a), ("b.json", other)])
        }
    }

    @Test func csvQuotesAndMarkdownTables() {
        let report = BatchReport(tool: "t", gridFromTruth: false, sets: Self.sets)
        let csv = report.csv.split(separator: "\n").map(String.init)
        #expect(csv.count == 5)
        #expect(csv[0].hasPrefix("set,shape,truth_shape,shape_right,pieces,seconds,neighbour_accuracy,direct_accuracy,perfect"))
        #expect(csv[1] == "sets/a,\"strips, 1 x 19\",\"strips, 1 x 19\",true,19,0.5,1,1,true,0,true,,,,,,,,,,")
        #expect(csv[4].hasPrefix("\"sets/d, \"\"odd\"\"\","))
        let md = report.markdown
        #expect(md.contains("| sets/b | strips, 1 x 19 | yes | 19 | 1.50 s | 50.0% | 25.0% | no | 3 |"))
        #expect(md.contains("**1 passed, 3 failed**"))
    }

    @Test func formatFromExtension() {
        #expect(BatchReport.Format(path: "out/r.JSON") == .json)
        #expect(BatchReport.Format(path: "r.md") == .md)
        #expect(BatchReport.Format(path: "r.csv") == .csv)
        #expect(BatchReport.Format(path: "r.txt") == nil)
    }

    @Test func confidenceInEveryFormat() throws {
        var sets = Array(Self.sets.prefix(2))
        sets[0].confidence = ConfidenceScore(threshold: 0.25, rightJoins: 18, wrongJoins: 0, meanRight: 0.75, meanWrong: nil,
                                             wrongFlagged: 0, rightFlagged: 1)
        sets[1].confidence = ConfidenceScore(threshold: 0.25, rightJoins: 6, wrongJoins: 12, meanRight: 0.5, meanWrong: 0.125,
                                             wrongFlagged: 9, rightFlagged: 2)
        let report = BatchReport(tool: "t", gridFromTruth: false, sets: sets)
        #expect(report.summary.confidence == ConfidenceScore(threshold: 0.25, rightJoins: 24, wrongJoins: 12, meanRight: 0.6875,
                                                             meanWrong: 0.125, wrongFlagged: 9, rightFlagged: 3))
        let line = "join confidence: right joins mean 0.69, wrong joins mean 0.12; below 0.25: 9 of 12 wrong joins flagged, 3 of 24 right joins (false alarms)"
        #expect(report.table.contains(line + "\n"))
        #expect(report.markdown.contains(line))
        let csv = report.csv.split(separator: "\n").map(String.init)
        #expect(csv[0].hasSuffix(",error,right_joins,wrong_joins,mean_confidence_right,mean_confidence_wrong,wrong_flagged,right_flagged"))
        #expect(csv[2].hasSuffix(",6,12,0.5,0.125,9,2"))
        #expect(csv[1].hasSuffix(",18,0,0.75,,0,1"))
        // JSON round trip; a report without the field (an older one) still reads.
        let back = try BatchReport.parse(Array(report.json.utf8), path: "r.json")
        #expect(back == report)
        let old = BatchReport(tool: "t", gridFromTruth: false, sets: Array(Self.sets.prefix(2)))
        #expect(!old.json.contains("confidence"))
        #expect(try BatchReport.parse(Array(old.json.utf8), path: "r.json").summary.confidence == nil)
    }
}

extension BatchReportTests {
    /// An interrupted batch's report: the finished sets, the unfinished ones listed, in
    /// every format, and kept through a JSON round trip and a merge.
    @Test func anIncompleteReportSaysSo() throws {
        let report = BatchReport(tool: "unshred test", gridFromTruth: false, sets: Array(Self.sets.prefix(2)),
                                 unfinished: ["sets/c", "sets/e"])
        #expect(report.summary.sets == 2)
        #expect(report.incompleteLine == "incomplete: 2 of 4 sets not finished (sets/c, sets/e)")
        #expect(report.table.contains("incomplete: 2 of 4 sets not finished"))
        #expect(report.markdown.contains("**Incomplete: 2 of 4 sets not finished"))
        let csvRows = report.csv.split(separator: "\n")
        #expect(csvRows.count == 1 + 4)
        #expect(csvRows.last?.hasPrefix("sets/e,") == true && csvRows.last?.contains("not finished") == true)
        let parsed = try BatchReport.parse(Array(report.json.utf8), path: "r.json")
        #expect(parsed == report)
        let complete = BatchReport(tool: "unshred test", gridFromTruth: false, sets: [Self.sets[3]])
        #expect(complete.incompleteLine == nil && !complete.json.contains("unfinished"))
        let merged = try BatchReport.merge([("a.json", report), ("b.json", complete)])
        #expect(merged.unfinished == ["sets/c", "sets/e"] && merged.sets.count == 3)
    }
}
