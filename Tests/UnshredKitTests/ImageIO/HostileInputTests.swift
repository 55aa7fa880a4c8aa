import Foundation
import Testing
@testable import UnshredKit
#if canImport(Glibc)
import Glibc
#endif

/// Limits, odd file types and atomic writes: what the fuzz regressions do not cover.
@Suite struct HostileInputTests {
    // MARK: limits

    @Test func fileSizeLimitFollowsPixelLimitUnlessSet() {
        #expect(ImageLimits.default.maxFileBytes == 50_000_000 * 9 + (64 << 20))
        var limits = ImageLimits.default
        limits.maxPixels = 100_000_000
        #expect(limits.maxFileBytes == 100_000_000 * 9 + (64 << 20))
        limits.maxPixels = Int.max
        #expect(limits.maxFileBytes == Int.max)
        limits.maxFileBytes = 1234
        #expect(limits.maxFileBytes == 1234)
        #expect(ImageLimits(maxPixels: 10, maxFileBytes: 99).maxFileBytes == 99)
    }

    @Test func sizeCheckCannotOverflow() {
        let limits = ImageLimits(maxPixels: .max)
        #expect(throws: ImageError.self) { try limits.checkSize(width: .max, height: .max, path: "x") }
        #expect(throws: Never.self) { try limits.checkSize(width: 1 << 31, height: 1 << 31, path: "x") }
        let error = ImageError.tooLarge(path: "x", width: .max, height: 2, limit: 5)
        #expect(error.description.contains("more than 9,223,372,036,854,775,807 pixels"))
    }

    @Test func fileOverTheLimitIsRefusedBeforeReading() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        try ImageFile.writePNG(GrayImage(width: 40, height: 40, fill: 0), to: folder.file("a.png"))
        let size = try FileManager.default.attributesOfItem(atPath: folder.file("a.png"))[.size] as! Int
        #expect(throws: ImageError.fileTooLarge(path: folder.file("a.png"), bytes: size, limit: 50)) {
            try ImageFile.read(folder.file("a.png"), limits: ImageLimits(maxFileBytes: 50))
        }
        let text = ImageError.fileTooLarge(path: "p.png", bytes: 600_000_000, limit: 517_108_864).description
        #expect(text == "p.png: file is 600,000,000 bytes, above the limit of 517,108,864 bytes for a piece (raise it with --max-pixels)")
    }

    @Test func pixelLimitAppliesToBothFormats() throws {
        let image = GrayImage(width: 30, height: 20, fill: 9)
        let limits = ImageLimits(maxPixels: 599)
        for bytes in [try PNGCodec.encode(image), TestImages.bmp8(image)] {
            #expect { try (PNGCodec.hasSignature(bytes) ? PNGCodec.decode : BMPCodec.decode)(bytes, "big", limits) } throws: { error in
                (error as? ImageError) == .tooLarge(path: "big", width: 30, height: 20, limit: 599)
            }
            #expect(try (PNGCodec.hasSignature(bytes) ? PNGCodec.decode : BMPCodec.decode)(bytes, "ok", ImageLimits(maxPixels: 600)) == image)
        }
    }

    @Test func hostileJPEGFilesThroughTheFileReader() throws {
        // Made here from a seed (fuzz/make-seeds.py): cut short, damaged, absurdly large.
        let seed = try ImageFile.readBytes(JPEGCodecTests.seeds + "/rgb-420.jpg", limit: 1 << 20)
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let cases: [(String, [UInt8], String)] = [
            ("cut.jpg", Array(seed.prefix(seed.count / 2)), "truncated JPEG data (libjpeg: Premature end of JPEG file)"),
            ("marker.jpg", Array(seed.prefix(seed.count - 30)) + [0xFF, 0xD9] + Array(seed.suffix(30)),
             "corrupt JPEG data (libjpeg: Corrupt JPEG data: premature end of data segment)"),
            ("huge.jpg", try JPEGCodecTests.withSize(seed, width: 60_000, height: 60_000),
             "image is 60,000 x 60,000 = 3,600,000,000 pixels, above the limit of 50,000,000 pixels (raise it with --max-pixels)"),
        ]
        for (name, bytes, message) in cases {
            try TestImages.write(bytes, to: folder.file(name))
            #expect { try ImageFile.read(folder.file(name)) } throws: { error in
                (error as? ImageError)?.description == "\(folder.file(name)): \(message)"
            }
        }
        // The pixel limit counts for JPEG as for the others, from the header.
        try TestImages.write(seed, to: folder.file("ok.jpg"))
        #expect(throws: ImageError.tooLarge(path: folder.file("ok.jpg"), width: 23, height: 17, limit: 100)) {
            try ImageFile.read(folder.file("ok.jpg"), limits: ImageLimits(maxPixels: 100))
        }
        #expect(try ImageFile.read(folder.file("ok.jpg")).width == 23)
    }

    @Test func smallDataUnderALargeHeaderIsRefusedEvenAboveTheLimit() throws {
        // Legitimately tiny: 10000 x 1000 of paper compresses over 200-fold (zlib's fast
        // setting, which the writer uses; the best setting reaches about 1000-fold); it decodes.
        let paper = GrayImage(width: 10_000, height: 1_000, fill: 255)
        let bytes = try PNGCodec.encode(paper)
        #expect(bytes.count < 50_000)
        #expect(try PNGCodec.decode(bytes, path: "paper.png") == paper)
        // A header claiming far more than the data can inflate to: refused before allocating.
        let liar = TestImages.png(width: 1_000_000, height: 1_000_000, bitDepth: 8, colorType: 0, scanlines: [[0]])
        #expect(throws: ImageError.corrupt(path: "liar.png", format: "PNG", detail: "13 bytes of image data cannot hold 1,000,000 x 1,000,000 pixels")) {
            try PNGCodec.decode(liar, path: "liar.png", limits: ImageLimits(maxPixels: .max))
        }
    }

    @Test func libpngSideLimitIsNamedNotCalledCorrupt() throws {
        let wide = GrayImage(width: 1_000_000, height: 1, fill: 255)
        #expect(try PNGCodec.decode(PNGCodec.encode(wide), path: "w.png") == wide)
        #expect(throws: ImageError.unwritable(path: "p.png", reason: "a PNG cannot be 1 x 1,000,001 pixels (libpng writes 1 to 1,000,000 pixels each way)")) {
            try PNGCodec.encode(GrayImage(width: 1, height: 1_000_001, fill: 255), path: "p.png")
        }
        let tooWide = TestImages.png(width: 1_000_001, height: 1, bitDepth: 1, colorType: 0, scanlines: [[UInt8](repeating: 0xFF, count: 125_001)])
        #expect(throws: ImageError.unsupported(path: "w.png", format: "PNG", detail: "1,000,001 x 1 pixels; libpng reads at most 1,000,000 pixels each way")) {
            try PNGCodec.decode(tooWide, path: "w.png")
        }
    }

    @Test func groupedNumbers() {
        #expect(0.grouped == "0" && 999.grouped == "999" && 1000.grouped == "1,000")
        #expect(13012.grouped == "13,012" && (-1234567).grouped == "-1,234,567")
    }

    // MARK: things that are not files

    @Test func folderNamedLikeAnImage() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        try FileManager.default.createDirectory(atPath: folder.file("x.png"), withIntermediateDirectories: false)
        #expect(throws: ImageError.unreadable(path: folder.file("x.png"), reason: "is a folder")) { try ImageFile.read(folder.file("x.png")) }
    }

    @Test func danglingSymbolicLinkIsNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        try FileManager.default.createSymbolicLink(atPath: folder.file("x.png"), withDestinationPath: folder.file("gone.png"))
        #expect { try ImageFile.read(folder.file("x.png")) } throws: { error in
            (error as? ImageError)?.description == "\(folder.file("x.png")): cannot read file (broken symbolic link to \(folder.file("gone.png")))"
        }
    }

    @Test func namedPipeIsRefusedWithoutBlocking() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = folder.file("pipe.png")
        #expect(mkfifo(path, 0o644) == 0)
        // Hold the pipe open with some bytes in it, so that a reader that did not
        // check the file type would not block forever but read them and fail the test.
        let holder = open(path, O_RDWR | O_NONBLOCK)
        #expect(holder >= 0)
        defer { close(holder) }
        _ = Glibc.write(holder, "\u{89}PNG", 4)
        #expect(throws: ImageError.unreadable(path: path, reason: "is a named pipe, not a regular file")) { try ImageFile.read(path) }
    }

    @Test func deviceIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        try FileManager.default.createSymbolicLink(atPath: folder.file("zero.png"), withDestinationPath: "/dev/zero")
        #expect(throws: ImageError.unreadable(path: folder.file("zero.png"), reason: "is a device, not a regular file")) {
            try ImageFile.read(folder.file("zero.png"))
        }
    }

    @Test func otherFormatsAreNamed() throws {
        let cases: [([UInt8], String?)] = [
            (Array("GIF89a".utf8), "GIF"), ([0x49, 0x49, 0x2A, 0x00, 8], "TIFF"),
            ([0x4D, 0x4D, 0x00, 0x2A], "TIFF"), (Array("RIFF\0\0\0\0WEBPVP8 ".utf8), "WebP"), (Array("%PDF-1.7".utf8), "PDF"),
            (Array("\0\0\0\u{18}ftypheic".utf8), "HEIF"), (Array("P5\n72 1980\n255\n".utf8), "PNM"),
            (Array("hello".utf8), nil), (Array("RIFF\0\0\0\0WAVE".utf8), nil), ([0x89, 0x50], nil),
        ]
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        for (bytes, format) in cases {
            try TestImages.write(bytes, to: folder.file("x.png"))
            let expected = format.map { ImageError.otherFormat(path: folder.file("x.png"), format: $0) }
            #expect { try ImageFile.read(folder.file("x.png")) } throws: { error in
                guard let error = error as? ImageError else { return false }
                if let expected { return error == expected }
                if case .otherFormat = error { return false }
                return true
            }
        }
    }

    @Test func emptyFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        _ = FileManager.default.createFile(atPath: folder.file("e.bmp"), contents: Data())
        #expect(throws: ImageError.truncated(path: folder.file("e.bmp"), format: "image", detail: "file is empty")) {
            try ImageFile.read(folder.file("e.bmp"))
        }
    }

    // MARK: writing

    @Test func atomicWriteReplacesAndLeavesNothingBehind() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = folder.file("out.txt")
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
        try AtomicFile.write("new", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
        #expect(mode == 0o600)
    }

    @Test func atomicWriteRefusesFoldersAndPipes() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        try FileManager.default.createDirectory(atPath: folder.file("dir.png"), withIntermediateDirectories: false)
        #expect(throws: ImageError.unwritable(path: folder.file("dir.png"), reason: "is a folder")) {
            try AtomicFile.write([1, 2, 3], to: folder.file("dir.png"))
        }
        #expect(mkfifo(folder.file("fifo.png"), 0o644) == 0)
        #expect(throws: ImageError.unwritable(path: folder.file("fifo.png"), reason: "is a named pipe, not a regular file")) {
            try AtomicFile.write([1, 2, 3], to: folder.file("fifo.png"))
        }
        #expect(throws: ImageError.unwritable(path: folder.file("no/x.png"), reason: "folder \(folder.file("no")) does not exist")) {
            try AtomicFile.write([1], to: folder.file("no/x.png"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["dir.png", "fifo.png"])
    }

    @Test func unencodableImageIsAnErrorNotACrash() {
        #expect(throws: ImageError.unwritable(path: "empty.png", reason: "a PNG cannot be 0 x 0 pixels (libpng writes 1 to 1,000,000 pixels each way)")) {
            try PNGCodec.encode(GrayImage(width: 0, height: 0), path: "empty.png")
        }
    }
}
