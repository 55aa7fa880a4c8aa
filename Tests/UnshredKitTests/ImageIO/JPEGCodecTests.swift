import Foundation
import Testing
@testable import UnshredKit

/// The JPEG reader on the seed files (fuzz/make-seeds.py writes them with Pillow) and on
/// damaged copies of them made here: cut short, overwritten, lying about their size.
@Suite struct JPEGCodecTests {
    static let seeds = (Fixtures.root as NSString).deletingLastPathComponent + "/fuzz/seeds/jpeg"

    static func seed(_ name: String) throws -> [UInt8] {
        try ImageFile.readBytes("\(seeds)/\(name).jpg", limit: 1 << 20)
    }

    /// Offset of the first SOFn marker (FF C0 / C2): height at +5, width at +7.
    static func sofOffset(_ bytes: [UInt8]) throws -> Int {
        var i = 2
        while i + 4 <= bytes.count, bytes[i] == 0xFF {
            if [0xC0, 0xC1, 0xC2].contains(bytes[i + 1]) { return i }
            i += 2 + (Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]))
        }
        throw ImageError.corrupt(path: "seed", format: "JPEG", detail: "no SOF")
    }

    static func withSize(_ bytes: [UInt8], width: Int, height: Int) throws -> [UInt8] {
        var out = bytes
        let sof = try sofOffset(bytes)
        out[sof + 5] = UInt8(height >> 8); out[sof + 6] = UInt8(height & 0xFF)
        out[sof + 7] = UInt8(width >> 8); out[sof + 8] = UInt8(width & 0xFF)
        return out
    }

    @Test func grayFileGivesGrayOnly() throws {
        let image = try JPEGCodec.decode(Self.seed("gray-baseline"), path: "g.jpg")
        #expect(image.gray.width == 23 && image.gray.height == 17)
        #expect(image.colour == nil && image.alpha == nil)
        // The seed's pattern is the luma of (11x, 15y, 7(x+y)) mod 256; quality 90.
        let expected = (299 * 55 + 587 * 45 + 114 * 56 + 500) / 1000
        #expect(abs(Int(image.gray[5, 3]) - expected) <= 12)
    }

    @Test func colourFileGivesColourAndItsLuma() throws {
        let image = try JPEGCodec.decode(Self.seed("rgb-444"), path: "c.jpg")
        let colour = try #require(image.colour)
        #expect(colour.width == 23 && colour.height == 17 && colour.pixels.count == 3 * 23 * 17)
        #expect(image.gray == colour.luma)
        let at = 3 * (3 * 23 + 5)
        #expect(abs(Int(colour.pixels[at]) - 55) <= 16 && abs(Int(colour.pixels[at + 1]) - 45) <= 16
                && abs(Int(colour.pixels[at + 2]) - 56) <= 16)
    }

    @Test func everySeedDecodesExceptCMYK() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.seeds).filter { $0.hasSuffix(".jpg") }
        #expect(names.count >= 10)
        for name in names {
            let bytes = try ImageFile.readBytes("\(Self.seeds)/\(name)", limit: 1 << 20)
            if name.hasPrefix("cmyk") {
                #expect(throws: ImageError.unsupported(path: name, format: "JPEG", detail: "CMYK with 4 components")) {
                    try JPEGCodec.decode(bytes, path: name)
                }
                continue
            }
            let image = try JPEGCodec.decode(bytes, path: name)
            #expect(image.gray.width > 0 && image.gray.pixels.count == image.gray.width * image.gray.height, "\(name)")
        }
    }

    @Test func onlyPixelsWithUnequalChannelsAreColour() throws {
        let image = try JPEGCodec.decode(Self.seed("rgb-1x1"), path: "one.jpg")  // one red pixel
        #expect(image.gray.width == 1 && image.colour != nil)
        #expect(RGBImage(width: 2, height: 1, pixels: [9, 9, 9, 200, 200, 200]).isGray)
        #expect(!RGBImage(width: 1, height: 1, pixels: [9, 9, 10]).isGray)
    }

    // MARK: hostile input

    @Test func truncatedFilesAreErrorsNamingTheFile() throws {
        let bytes = try Self.seed("rgb-420")
        for length in [2, 3, 20, 100, bytes.count / 2, bytes.count - 2] {
            do {
                _ = try JPEGCodec.decode(Array(bytes.prefix(length)), path: "cut.jpg")
                Issue.record("cut at \(length): decoded")
            } catch let error as ImageError {
                guard case .truncated = error else { Issue.record("cut at \(length): \(error)"); continue }
                #expect(error.description.hasPrefix("cut.jpg: truncated JPEG data ("))
                #expect(!error.description.contains("\n"))
            }
        }
    }

    @Test func damagedFilesAreErrorsNotImages() throws {
        let bytes = try Self.seed("rgb-420")
        let sof = try Self.sofOffset(bytes)
        var precision = bytes
        precision[sof + 4] = 12
        #expect(throws: ImageError.corrupt(path: "p.jpg", format: "JPEG", detail: "libjpeg: Unsupported JPEG data precision 12")) {
            try JPEGCodec.decode(precision, path: "p.jpg")
        }
        // An end-of-image marker in the middle of the coded data.
        var marker = bytes
        marker.insert(contentsOf: [0xFF, 0xD9], at: bytes.count - 40)
        #expect(throws: ImageError.corrupt(path: "m.jpg", format: "JPEG", detail: "libjpeg: Corrupt JPEG data: premature end of data segment")) {
            try JPEGCodec.decode(marker, path: "m.jpg")
        }
        // Every single byte overwritten in turn: an ImageError or an image, never a crash.
        for k in stride(from: 3, to: bytes.count, by: 7) {
            var damaged = bytes
            damaged[k] ^= 0x5A
            do { _ = try JPEGCodec.decode(damaged, path: "d.jpg") } catch let error as ImageError {
                #expect(error.description.hasPrefix("d.jpg: ") && !error.description.contains("\n"))
            }
        }
    }

    @Test func absurdDimensionsAreRefusedFromTheHeader() throws {
        let bytes = try Self.seed("rgb-420")
        #expect(throws: ImageError.tooLarge(path: "big.jpg", width: 65000, height: 65000, limit: 50_000_000)) {
            try JPEGCodec.decode(Self.withSize(bytes, width: 65000, height: 65000), path: "big.jpg")
        }
        #expect(throws: ImageError.tooLarge(path: "s.jpg", width: 23, height: 17, limit: 390)) {
            try JPEGCodec.decode(bytes, path: "s.jpg", limits: ImageLimits(maxPixels: 390))
        }
        #expect(try JPEGCodec.decode(bytes, path: "s.jpg", limits: ImageLimits(maxPixels: 391)).gray.width == 23)
        #expect(throws: ImageError.corrupt(path: "z.jpg", format: "JPEG", detail: "libjpeg: Empty JPEG image (DNL not supported)")) {
            try JPEGCodec.decode(Self.withSize(bytes, width: 0, height: 17), path: "z.jpg")
        }
    }

    @Test func readerGoesByTheBytesAndLoaderByTheExtension() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let bytes = try Self.seed("rgb-444")
        for name in ["a.JPG", "b.jpeg", "c.Jpeg", "d.png"] { try TestImages.write(bytes, to: folder.file(name)) }
        let set = try PieceLoader.load(folder: folder.path)
        #expect(set.names == ["a", "b", "c", "d"])
        #expect(set.pieces.allSatisfy { $0.colour != nil && $0.image.width == 23 })
    }
}
