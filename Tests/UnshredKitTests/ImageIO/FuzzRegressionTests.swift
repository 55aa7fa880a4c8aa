import Foundation
import Testing
@testable import UnshredKit

/// Every input in fuzz/regressions/ (the fuzzer's crashes and hand-made hostile files)
/// must come back as an ImageError naming the file, with the expected message, never
/// a crash. Files named `*.ok.*` were crashes on valid input: they must now decode.
@Suite struct FuzzRegressionTests {
    static let folder = (Fixtures.root as NSString).deletingLastPathComponent + "/fuzz/regressions"

    /// FILE -> expected message fragment, from fuzz/regressions/expected.txt.
    static let expected: [String: String] = {
        guard let text = try? String(contentsOfFile: folder + "/expected.txt", encoding: .utf8) else { return [:] }
        var table: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if parts.count == 2 { table[parts[0]] = parts[1] }
        }
        return table
    }()

    static let inputs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".png") || $0.hasSuffix(".bmp") || $0.hasSuffix(".jpg") }.sorted()
    }()

    @Test func everyInputIsListedWithItsMessage() {
        #expect(Self.inputs.count >= 52)
        #expect(Self.inputs.filter { $0.hasSuffix(".jpg") }.count >= 12)
        for name in Self.inputs { #expect(Self.expected[name] != nil, "\(name) missing from expected.txt") }
        for name in Self.expected.keys { #expect(Self.inputs.contains(name), "\(name) listed but missing") }
    }

    @Test(arguments: inputs)
    func decodesToAnImageErrorNotACrash(_ name: String) throws {
        let path = Self.folder + "/" + name
        let fragment = try #require(Self.expected[name])
        if name.contains(".ok.") {
            let image = try ImageFile.read(path)
            #expect(image.width > 0 && image.height > 0 && image.pixels.count == image.width * image.height)
            return
        }
        do {
            let image = try ImageFile.read(path)
            Issue.record("\(name) decoded to \(image.width) x \(image.height); expected an error")
        } catch let error as ImageError {
            let text = error.description
            #expect(text.hasPrefix(path + ": "), "\(text)")
            #expect(text.contains(fragment), "\(text)")
            #expect(!text.contains("\n"))
        }
    }

    /// The same bytes through each codec directly (as the fuzz harnesses call them).
    @Test(arguments: inputs)
    func codecsThrowImageErrorsOnly(_ name: String) throws {
        let bytes = try ImageFile.readBytes(Self.folder + "/" + name, limit: 1 << 20)
        let jpeg: ([UInt8], String, ImageLimits) throws -> GrayImage = { try JPEGCodec.decode($0, path: $1, limits: $2).gray }
        let png: ([UInt8], String, ImageLimits) throws -> GrayImage = { try PNGCodec.decodeImage($0, path: $1, limits: $2).gray }
        for decode in [PNGCodec.decode, BMPCodec.decode, jpeg, png] {
            do { _ = try decode(bytes, name, .default) } catch is ImageError {}
        }
    }
}
