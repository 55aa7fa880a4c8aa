import Foundation
import Testing
@testable import UnshredKit

/// `JPEGCodec.encode`: what `unshred shred --jpeg` writes decodes back close to the
/// pixels, the same bytes every time.
@Suite struct JPEGEncodeTests {
    static func gray(width: Int, height: Int) -> GrayImage {
        var image = GrayImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width { image[x, y] = UInt8(((x / 4 + y / 4) % 2) * 180 + 40) }
        }
        return image
    }

    static func meanDifference(_ a: [UInt8], _ b: [UInt8]) -> Double {
        Double(zip(a, b).map { abs(Int($0) - Int($1)) }.reduce(0, +)) / Double(a.count)
    }

    @Test func grayRoundTrip() throws {
        let image = Self.gray(width: 37, height: 211)
        let bytes = try JPEGCodec.encode(image, quality: 95)
        #expect(JPEGCodec.hasSignature(bytes))
        let back = try JPEGCodec.decode(bytes, path: "x.jpg")
        #expect(back.colour == nil && back.gray.width == 37 && back.gray.height == 211)
        #expect(Self.meanDifference(back.gray.pixels, image.pixels) < 4)
        #expect(try JPEGCodec.encode(image, quality: 95) == bytes)
        // Lower quality, fewer bytes, larger error.
        let rough = try JPEGCodec.encode(image, quality: 10)
        #expect(rough.count < bytes.count)
        #expect(Self.meanDifference(try JPEGCodec.decode(rough, path: "x.jpg").gray.pixels, image.pixels)
                > Self.meanDifference(back.gray.pixels, image.pixels))
    }

    @Test func colourRoundTrip() throws {
        var pixels = [UInt8](repeating: 0, count: 64 * 48 * 3)
        for y in 0..<48 {
            for x in 0..<64 {
                let i = 3 * (y * 64 + x)
                pixels[i] = UInt8(x * 4)
                pixels[i + 1] = UInt8(y * 5)
                pixels[i + 2] = 200
            }
        }
        let image = RGBImage(width: 64, height: 48, pixels: pixels)
        let back = try JPEGCodec.decode(try JPEGCodec.encode(image, quality: 95), path: "x.jpg")
        let colour = try #require(back.colour)
        #expect(colour.width == 64 && colour.height == 48)
        #expect(Self.meanDifference(colour.pixels, pixels) < 4)
    }

    @Test func outputGrowsBeyondTheFirstBuffer() throws {
        // Noise, 600 x 400 at quality 100: the coded data outgrows the shim's first 64 KiB.
        var pixels = [UInt8](repeating: 0, count: 600 * 400)
        var state: UInt32 = 12345
        for i in pixels.indices {
            state = state &* 1_103_515_245 &+ 12345
            pixels[i] = UInt8(truncatingIfNeeded: state >> 16)
        }
        let image = GrayImage(width: 600, height: 400, pixels: pixels)
        let bytes = try JPEGCodec.encode(image, quality: 100)
        #expect(bytes.count > 1 << 16)
        let back = try JPEGCodec.decode(bytes, path: "x.jpg")
        #expect(back.gray.width == 600 && back.gray.height == 400)
        #expect(Self.meanDifference(back.gray.pixels, pixels) < 8)
    }

    @Test func badRequestsAreErrors() {
        let image = Self.gray(width: 8, height: 8)
        #expect(throws: ImageError.self) { try JPEGCodec.encode(image, quality: 0) }
        #expect(throws: ImageError.self) { try JPEGCodec.encode(image, quality: 101) }
        #expect(throws: ImageError.self) { try JPEGCodec.encode(GrayImage(width: 70_000, height: 1), quality: 90) }
    }
}
