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

    @Test func nonImageWithImageExtensionIsNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        try "hello, not a picture".write(toFile: folder.file("fake.png"), atomically: true, encoding: .utf8)
        #expect(throws: ImageError.notAnImage(path: folder.file("fake.png"))) { try PieceLoader.load(folder: folder.path) }
    }
}
