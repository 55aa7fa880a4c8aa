import Testing
@testable import UnshredKit

@Suite struct BMPCodecTests {
    let rows: [[UInt8]] = [[0, 10, 20], [100, 110, 120]]

    @Test func eightBitPaletteBottomUp() throws {
        let bytes = TestImages.bmp(width: 3, height: 2, bitsPerPixel: 8, rows: rows, palette: TestImages.grayRamp)
        let image = try BMPCodec.decode(bytes, path: "a.bmp")
        #expect(image.pixels == [0, 10, 20, 100, 110, 120])
    }

    @Test func eightBitPaletteTopDown() throws {
        let bytes = TestImages.bmp(width: 3, height: 2, bitsPerPixel: 8, rows: rows, palette: TestImages.grayRamp, topDown: true)
        let image = try BMPCodec.decode(bytes, path: "a.bmp")
        #expect(image.pixels == [0, 10, 20, 100, 110, 120])
    }

    @Test func twentyFourBit() throws {
        // BGR order on disk; a gray pixel stays itself, pure blue is dark.
        let line: [[UInt8]] = [[50, 50, 50, 255, 0, 0]]
        let image = try BMPCodec.decode(TestImages.bmp(width: 2, height: 1, bitsPerPixel: 24, rows: line), path: "c.bmp")
        #expect(image.pixels[0] == 50)
        #expect(image.pixels[1] < 40)
    }

    @Test func thirtyTwoBitTopDown() throws {
        let lines: [[UInt8]] = [[200, 200, 200, 0], [0, 0, 0, 0]]
        let bytes = TestImages.bmp(width: 1, height: 2, bitsPerPixel: 32, rows: lines.map { $0 }, topDown: true)
        let image = try BMPCodec.decode(bytes, path: "d.bmp")
        #expect(image.pixels == [200, 0])
    }

    @Test func cutShortIsTruncated() throws {
        let bytes = TestImages.bmp(width: 3, height: 2, bitsPerPixel: 8, rows: rows, palette: TestImages.grayRamp)
        #expect { try BMPCodec.decode(Array(bytes.dropLast(5)), path: "short.bmp") } throws: { error in
            (error as? ImageError)?.description.hasPrefix("short.bmp: truncated BMP data") == true
        }
    }

    @Test func compressedIsUnsupported() throws {
        let bytes = TestImages.bmp(width: 3, height: 2, bitsPerPixel: 8, rows: rows, palette: TestImages.grayRamp, compression: 1)
        #expect { try BMPCodec.decode(bytes, path: "rle.bmp") } throws: { error in
            (error as? ImageError)?.description.contains("RLE8") == true
        }
    }

    @Test func matchesPNGFixtureWhenWrittenAsBMP() throws {
        let png = try ImageFile.read(Fixtures.cumcm(1) + "/000.png")
        let fromBMP = try BMPCodec.decode(TestImages.bmp8(png), path: "000.bmp")
        #expect(fromBMP == png)
    }
}
