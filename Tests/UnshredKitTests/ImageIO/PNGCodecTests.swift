import Testing
@testable import UnshredKit

@Suite struct PNGCodecTests {
    @Test func grayRoundTrip() throws {
        let pixels = (0..<(37 * 23)).map { UInt8(($0 * 7) % 256) }
        let image = GrayImage(width: 37, height: 23, pixels: pixels)
        let decoded = try PNGCodec.decode(PNGCodec.encode(image), path: "x.png")
        #expect(decoded == image)
    }

    @Test func rgbBecomesLuminance() throws {
        // Pure red, green, blue, white: gray = Rec.709/601-ish weights, white stays 255.
        let bytes = TestImages.png(width: 4, height: 1, bitDepth: 8, colorType: 2,
                                   scanlines: [[255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]])
        let image = try PNGCodec.decode(bytes, path: "rgb.png")
        #expect(image.width == 4 && image.height == 1)
        #expect(image.pixels[3] == 255)
        #expect(image.pixels[1] > image.pixels[0] && image.pixels[0] > image.pixels[2])
    }

    @Test func transparentPixelsArePaper() throws {
        // Gray+alpha: black fully transparent, black opaque.
        let bytes = TestImages.png(width: 2, height: 1, bitDepth: 8, colorType: 4, scanlines: [[0, 0, 0, 255]])
        let image = try PNGCodec.decode(bytes, path: "ga.png")
        #expect(image.pixels == [255, 0])
    }

    @Test func paletteAndLowBitDepth() throws {
        // 2-bit palette: entries black, white, mid gray; pixels 0 1 2 1 packed in one byte.
        let palette: [UInt8] = [0, 0, 0, 255, 255, 255, 128, 128, 128]
        let bytes = TestImages.png(width: 4, height: 1, bitDepth: 2, colorType: 3,
                                   scanlines: [[0b00_01_10_01]], palette: palette)
        let image = try PNGCodec.decode(bytes, path: "pal.png")
        #expect(image.pixels[0] == 0 && image.pixels[1] == 255 && image.pixels[3] == 255)
        #expect(image.pixels[2] > 100 && image.pixels[2] < 160)
    }

    @Test func sixteenBitGray() throws {
        let bytes = TestImages.png(width: 2, height: 1, bitDepth: 16, colorType: 0, scanlines: [[0xFF, 0xFF, 0x00, 0x00]])
        let image = try PNGCodec.decode(bytes, path: "g16.png")
        #expect(image.pixels == [255, 0])
    }

    @Test func oneBitGray() throws {
        let bytes = TestImages.png(width: 8, height: 1, bitDepth: 1, colorType: 0, scanlines: [[0b1010_0000]])
        let image = try PNGCodec.decode(bytes, path: "g1.png")
        #expect(image.pixels == [255, 0, 255, 0, 0, 0, 0, 0])
    }

    @Test func truncatedFileIsNamed() throws {
        let bytes = try PNGCodec.encode(GrayImage(width: 10, height: 10, fill: 0))
        #expect(throws: ImageError.self) { try PNGCodec.decode(Array(bytes.prefix(40)), path: "cut.png") }
        do {
            _ = try PNGCodec.decode(Array(bytes.prefix(40)), path: "cut.png")
        } catch let error as ImageError {
            #expect(error.description.hasPrefix("cut.png: truncated PNG data"))
        }
    }

    @Test func badCRCIsCorrupt() throws {
        var bytes = try PNGCodec.encode(GrayImage(width: 10, height: 10, fill: 0))
        bytes[20] ^= 0xFF  // inside IHDR data
        #expect { try PNGCodec.decode(bytes, path: "crc.png") } throws: { error in
            (error as? ImageError)?.description.contains("bad CRC in chunk IHDR") == true
        }
    }

    @Test func absurdHeaderRefusedBeforeAllocating() throws {
        // Claims 200000 x 200000; the data is tiny. Must fail on the header.
        let bytes = TestImages.png(width: 200_000, height: 200_000, bitDepth: 8, colorType: 0, scanlines: [[0]])
        #expect { try PNGCodec.decode(bytes, path: "huge.png") } throws: { error in
            if case .tooLarge(_, 200_000, 200_000, _)? = error as? ImageError { return true }
            return false
        }
    }

    // MARK: colour and transparency kept beside the gray

    @Test func colourIsKeptBesideTheGray() throws {
        let rgb: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]
        let bytes = TestImages.png(width: 4, height: 1, bitDepth: 8, colorType: 2, scanlines: [rgb])
        let image = try PNGCodec.decodeImage(bytes, path: "rgb.png")
        #expect(image.colour == RGBImage(width: 4, height: 1, pixels: rgb))
        #expect(image.gray == (try PNGCodec.decode(bytes, path: "rgb.png")))
        #expect(image.alpha == nil)
        // Gray files, and colour files whose pixels are all gray, have no colour.
        let gray = TestImages.png(width: 2, height: 1, bitDepth: 8, colorType: 0, scanlines: [[0, 200]])
        #expect(try PNGCodec.decodeImage(gray, path: "g.png").colour == nil)
        let grayRGB = TestImages.png(width: 2, height: 1, bitDepth: 8, colorType: 2, scanlines: [[7, 7, 7, 99, 99, 99]])
        #expect(try PNGCodec.decodeImage(grayRGB, path: "g.png").colour == nil)
    }

    @Test func transparencyIsKeptAsOpacity() throws {
        let bytes = TestImages.png(width: 3, height: 1, bitDepth: 8, colorType: 4, scanlines: [[0, 0, 0, 255, 90, 128]])
        let image = try PNGCodec.decodeImage(bytes, path: "ga.png")
        #expect(image.alpha?.pixels == [0, 255, 128])
        #expect(image.gray.pixels[0] == 255 && image.gray.pixels[1] == 0)  // transparent: paper, as before
        // Opaque everywhere: no opacity kept.
        let opaque = TestImages.png(width: 2, height: 1, bitDepth: 8, colorType: 4, scanlines: [[0, 255, 9, 255]])
        #expect(try PNGCodec.decodeImage(opaque, path: "o.png").alpha == nil)
    }

    @Test func rgbRoundTrip() throws {
        let pixels = (0..<(3 * 17 * 5)).map { UInt8(($0 * 29) % 256) }
        let image = RGBImage(width: 17, height: 5, pixels: pixels)
        let decoded = try PNGCodec.decodeImage(PNGCodec.encode(image), path: "c.png")
        #expect(decoded.colour == image)
        #expect(decoded.gray.width == 17)
    }
}
