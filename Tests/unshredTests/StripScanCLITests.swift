import Foundation
import Testing

/// End to end on synthetic look-alikes of scanned strip-cut pages (fixtures/strips):
/// colour JPEG strips of unequal width, bare or on a black background.
@Suite struct StripScanCLITests {
    static func pngHeader(_ path: String) throws -> (width: Int, height: Int, colourType: UInt8) {
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)).prefix(26))
        func be32(_ i: Int) -> Int { Int(data[i]) << 24 | Int(data[i + 1]) << 16 | Int(data[i + 2]) << 8 | Int(data[i + 3]) }
        return (be32(16), be32(20), data[25])
    }

    @Test(arguments: ["white", "dark"])
    func colourStripsComeBackInColour(_ name: String) throws {
        let tmp = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let set = "fixtures/strips/\(name)"
        let r = try Binary.run(["\(set)/pieces", "-o", "\(tmp)/page.png", "--layout", "\(tmp)/layout.txt"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("12 pieces, strips, 1 x 12"))
        let truth = try String(contentsOfFile: Binary.repo.path + "/\(set)/truth.txt", encoding: .utf8)
        #expect(try String(contentsOfFile: "\(tmp)/layout.txt", encoding: .utf8) == truth)
        let header = try Self.pngHeader("\(tmp)/page.png")
        #expect(header.colourType == 2)  // RGB
        #expect(header.height == 280 && (950...975).contains(header.width), "\(header)")
    }

    @Test func paperMasksAreWrittenOnRequest() throws {
        let tmp = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let r = try Binary.run(["fixtures/strips/dark/pieces", "--paper-masks", tmp, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let masks = try FileManager.default.contentsOfDirectory(atPath: tmp).filter { $0.hasSuffix(".png") }
        #expect(masks.count == 12)
        let bad = try Binary.run(["fixtures/strips/dark/pieces", "--paper-masks", "fixtures/strips/dark/pieces", "-q"])
        #expect(bad.status == 1 && bad.stderr.contains("is the folder of the input pieces"))
    }

    @Test func batchScoresTheSyntheticSets() throws {
        let r = try Binary.run(["batch", "fixtures/strips/white", "fixtures/strips/dark", "--max-interventions", "0"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("2 passed"), "\(r.stdout)")
    }
}
