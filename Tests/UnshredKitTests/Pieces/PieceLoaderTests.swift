import Foundation
import Testing
@testable import UnshredKit

@Suite struct PieceLoaderTests {
    @Test func loadsPNGAndBMPCaseInsensitivelySkippingHiddenAndOtherFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let image = GrayImage(width: 4, height: 3, fill: 200)
        try ImageFile.writePNG(image, to: folder.file("b.PNG"))
        try TestImages.write(TestImages.bmp8(image), to: folder.file("a.Bmp"))
        try ImageFile.writePNG(image, to: folder.file(".hidden.png"))
        try "notes".write(toFile: folder.file("readme.txt"), atomically: true, encoding: .utf8)
        let set = try PieceLoader.load(folder: folder.path)
        #expect(set.names == ["a", "b"])
        #expect(set[0].image == image && set[1].image == image)
    }

    @Test func loadsCUMCMFixture() throws {
        let set = try PieceLoader.load(folder: Fixtures.cumcm(3))
        #expect(set.count == 209)
        #expect(set.width == 72 && set.height == 180)
    }

    @Test func differentSizesNameTheOddOnesOut() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        for name in ["p1", "p2", "p3"] { try ImageFile.writePNG(GrayImage(width: 4, height: 3), to: folder.file("\(name).png")) }
        try ImageFile.writePNG(GrayImage(width: 5, height: 3), to: folder.file("odd.png"))
        #expect { try PieceLoader.load(folder: folder.path) } throws: { error in
            let text = "\(error)"
            return text.contains("most are 4 x 3") && text.contains("odd (5 x 3)")
        }
    }

    @Test func emptyAndMissingFolders() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        #expect(throws: PieceError.noImages(path: folder.path, otherFiles: 0)) { try PieceLoader.load(folder: folder.path) }
        #expect(throws: PieceError.folderMissing(path: folder.file("nope"))) { try PieceLoader.load(folder: folder.file("nope")) }
    }

    @Test func noImagesNamesSomeOfTheOtherFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        for name in ["d.webp", "a.tif", "c.txt", "b.gif"] { try "x".write(toFile: folder.file(name), atomically: false, encoding: .utf8) }
        #expect { try PieceLoader.load(folder: folder.path) } throws: { error in
            "\(error)" == "\(folder.path): no .png, .bmp or .jpg pieces among its 4 files (a.tif, b.gif, c.txt, ...)"
        }
        try FileManager.default.removeItem(atPath: folder.file("a.tif"))
        try FileManager.default.removeItem(atPath: folder.file("b.gif"))
        try FileManager.default.removeItem(atPath: folder.file("c.txt"))
        #expect { try PieceLoader.load(folder: folder.path) } throws: { error in
            "\(error)" == "\(folder.path): no .png, .bmp or .jpg pieces among its 1 file (d.webp)"
        }
    }

    @Test func tooManyPiecesIsRefusedBeforeDecoding() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        // Not images at all: the count is checked first, so nothing is read.
        for i in 0..<4 { try "x".write(toFile: folder.file("\(i).png"), atomically: false, encoding: .utf8) }
        #expect(throws: PieceError.tooMany(path: folder.path, count: 4, limit: 3)) { try PieceLoader.load(folder: folder.path, maxPieces: 3) }
        #expect("\(PieceError.tooMany(path: "f", count: 4, limit: 3))" == "f: 4 pieces, above the limit of 3 (raise it with --max-pieces)")
    }

    @Test func firstBrokenPieceInNameOrderIsReported() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let image = GrayImage(width: 4, height: 3, fill: 7)
        for name in ["a", "c", "e"] { try ImageFile.writePNG(image, to: folder.file("\(name).png")) }
        for name in ["d", "b", "f"] { try TestImages.write([0x42, 0x4D], to: folder.file("\(name).bmp")) }
        #expect(throws: ImageError.truncated(path: folder.file("b.bmp"), format: "BMP", detail: "read 2 of at least 18 header bytes")) {
            try PieceLoader.load(folder: folder.path)
        }
    }

    @Test func nonImageWithImageExtensionIsNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        try "hello, not a picture".write(toFile: folder.file("fake.png"), atomically: true, encoding: .utf8)
        #expect(throws: ImageError.notAnImage(path: folder.file("fake.png"))) { try PieceLoader.load(folder: folder.path) }
    }

    /// A strip cut out of a scan (RGBA, the sheet transparent) is read by the real-cut
    /// measure exactly as the same strip on a black background, as the datasets give
    /// them: paper edges found by the measure, black beyond them.
    @Test func aTransparentSurroundReadsAsABlackBackground() throws {
        let w = 24, h = 90
        var rng = SeededRandom(seed: 3)
        var onBlack = RGBImage(width: w, height: h, fill: (0, 0, 0))
        var rgba = RGBImage(width: w, height: h)
        var alpha = GrayImage(width: w, height: h, fill: 0)
        for y in 0..<h {
            // A torn edge: the paper's first and last columns wander row by row.
            let left = 3 + Int(rng.next() % 4), right = w - 3 - Int(rng.next() % 4)
            for x in left..<right {
                let ink = rng.next() % 5 == 0
                let v: UInt8 = ink ? UInt8(20 + rng.next() % 60) : UInt8(225 + rng.next() % 25)
                let px = (v, v, v > 12 ? v - 12 : 0)
                onBlack.dot(x, y, px)
                rgba.dot(x, y, px)
                alpha.pixels[y * w + x] = 255
            }
        }
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        try ImageFile.writePNG(onBlack, to: folder.file("black.png"))
        try AtomicFile.write(try PNGCodec.encode(rgba, alpha: alpha), to: folder.file("cut.png"))
        let black = PieceLoader.piece(named: "black", try ImageFile.readImage(folder.file("black.png")))
        let cut = PieceLoader.piece(named: "cut", try ImageFile.readImage(folder.file("cut.png")))
        #expect(cut.paper != nil && cut.colour != nil)
        let strips = RealCutMeasure.strips(PieceSet(pieces: [black, cut]))
        #expect(strips.allSatisfy { $0.dark })
        #expect(strips[0].left == strips[1].left && strips[0].right == strips[1].right)
        // The page is composed from the paper only: its pixels are the strip's own.
        #expect(cut.paperSpan(h / 2) == black.paperSpan(h / 2))
    }
}
