import Foundation
import Testing
@testable import UnshredKit

@Suite struct TestSetWriterTests {
    static func smallCut(seed: UInt64 = 1, columns: Int = 4) throws -> Shredder.Cut {
        try Shredder.cut(ShredderTests.page(width: 40, height: 10), options: .init(grid: GridShape(rows: 1, columns: columns), seed: seed))
    }

    @Test func writesPiecesAndTruthThatLoadBack() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let cut = try Self.smallCut()
        let folder = tmp.file("sets/one") // parent created on the way
        try TestSet.write(cut, to: folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == ["000.png", "001.png", "002.png", "003.png", "truth.txt"])
        let set = try TestSet.load(folder)
        #expect(set.truth == cut.truth)
        #expect(set.pieces.pieces == cut.pieces)
        // Nothing left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.file("sets")) == ["one"])
    }

    @Test func refusesANonEmptyFolderUnlessForced() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let folder = tmp.file("set")
        try TestSet.write(try Self.smallCut(columns: 5), to: folder)
        #expect(throws: TestSetError.notEmpty(path: folder)) { try TestSet.write(try Self.smallCut(), to: folder) }
        try TestSet.write(try Self.smallCut(seed: 2), to: folder, replace: true)
        // The old set is gone entirely: four pieces now, not five.
        let set = try TestSet.load(folder)
        #expect(set.pieces.count == 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == ["set"])
    }

    @Test func anEmptyFolderIsFine() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        try TestSet.write(try Self.smallCut(), to: tmp.path)
        #expect(try TestSet.load(tmp.path).pieces.count == 4)
    }

    @Test func forceDoesNotReplaceOtherFoldersOrInputs() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        try "notes".write(toFile: tmp.file("notes.md"), atomically: true, encoding: .utf8)
        #expect(throws: TestSetError.notATestSet(path: tmp.path, file: "notes.md")) {
            try TestSet.write(try Self.smallCut(), to: tmp.path, replace: true)
        }
        #expect(FileManager.default.fileExists(atPath: tmp.file("notes.md")))
        let folder = tmp.file("set")
        try TestSet.write(try Self.smallCut(), to: folder)
        let input = "\(folder)/000.png"
        #expect(throws: TestSetError.inputInside(path: folder, input: input)) {
            try TestSet.write(try Self.smallCut(), to: folder, replace: true, inputs: [input])
        }
    }

    @Test func loadsPiecesFromAPiecesSubfolder() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let cut = try Self.smallCut()
        try FileManager.default.createDirectory(atPath: tmp.file("pieces"), withIntermediateDirectories: true)
        for piece in cut.pieces { try ImageFile.writePNG(piece.image, to: tmp.file("pieces/\(piece.name).png")) }
        try cut.truth.text.write(toFile: tmp.file("truth.txt"), atomically: true, encoding: .utf8)
        #expect(try TestSet.load(tmp.path).pieces.count == 4)
    }

    @Test func loadRefusesTruthThatDoesNotMatchThePieces() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        try TestSet.write(try Self.smallCut(), to: tmp.path)
        try "000 001 002 009\n".write(toFile: tmp.file("truth.txt"), atomically: true, encoding: .utf8)
        #expect(throws: TestSetError.truthMismatch(path: tmp.file("truth.txt"), notInFolder: ["009"], notInTruth: ["003"])) {
            try TestSet.load(tmp.path)
        }
        try FileManager.default.removeItem(atPath: tmp.file("truth.txt"))
        #expect(throws: TestSetError.noTruth(path: tmp.path)) { try TestSet.load(tmp.path) }
    }

    @Test func cumcmFixturesAreTestSets() throws {
        let set = try TestSet.load(Fixtures.cumcm(5))
        #expect(set.pieces.count == 418 && set.truth.pages.count == 2)
    }
}
