import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// End to end: a batch stopped half-way keeps its finished sets.
@Suite struct BatchInterruptTests {
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "unshred-interrupt-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Ctrl-C after some sets finished: the report holds them, marked incomplete.
    @Test(arguments: [false, true])
    func anInterruptedBatchKeepsTheFinishedSets(isolate: Bool) throws {
        let tmp = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let report = "\(tmp)/report.json"
        // One quick set, then the double-sided one under several spellings (each its own set).
        let slow = ["fixtures/cumcm2013b/5", "fixtures/cumcm2013b/5/", "./fixtures/cumcm2013b/5",
                    "fixtures/cumcm2013b/./5", "fixtures/../fixtures/cumcm2013b/5"]
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["batch", "fixtures/cumcm2013b/1"] + slow + ["--report", report, "--no-progress"]
            + (isolate ? ["--isolate"] : [])
        process.currentDirectoryURL = Binary.repo
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()

        // Wait for the report of the first set, then interrupt.
        let deadline = Date().addingTimeInterval(60)
        var finished = 0
        while Date() < deadline, finished == 0 {
            usleep(20_000)
            if let data = FileManager.default.contents(atPath: report),
               let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
                finished = (json["sets"] as? [Any])?.count ?? 0
            }
        }
        #expect(finished >= 1)
        kill(process.processIdentifier, SIGINT)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as! [String: Any]
        let sets = (json["sets"] as! [[String: Any]]).map { $0["path"] as! String }
        let unfinished = json["unfinished"] as? [String] ?? []
        #expect(sets.first == "fixtures/cumcm2013b/1")
        #expect(!unfinished.isEmpty, "the batch finished before the interrupt")
        #expect(sets + unfinished == ["fixtures/cumcm2013b/1"] + slow)
        #expect(String(decoding: stdout, as: UTF8.self).contains("incomplete: \(unfinished.count) of 6 sets not finished"))
    }
}
