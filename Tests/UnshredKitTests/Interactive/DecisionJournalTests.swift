import Foundation
import Testing
@testable import UnshredKit

@Suite struct DecisionJournalTests {
    @Test func aJournalReplaysToTheSameLayout() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let cut = try HardStrips.cut()
        let pieces = PieceSet(pieces: cut.pieces)
        let fingerprint = PieceFingerprint(of: pieces)
        let path = folder.file("decisions.jsonl")

        // A session with a few answers of every kind, each journaled as it is given.
        let session = try InteractiveSession(pieces: pieces)
        let oracle = TruthOracle(truth: cut.truth)
        do {
            let journal = try DecisionJournal(path: path, pieces: fingerprint, create: true)
            var given = 0
            while let q = session.nextQuestion(), given < 8 {
                let answer = oracle.answer(q.proposed, alternatives: q.alternatives)
                try session.answer(answer)
                try journal.append(answer, confidence: q.join.confidence)
                given += 1
                if given == 3 { try session.answer(.undo); try journal.append(.undo) }
            }
            #expect(given == 8)
        }
        let reopened = try DecisionJournal(path: path, pieces: fingerprint, create: false)
        #expect(reopened.replayed.count == 9)
        #expect(reopened.replayed.contains(.undo))
        let replay = try InteractiveSession(pieces: pieces)
        try replay.replay(reopened.replayed)
        #expect(replay.solution.layout == session.solution.layout)
        #expect(replay.state == session.state)
    }

    @Test func aJournalFromAnotherPieceSetIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = folder.file("d.jsonl")
        let one = try PieceLoader.load(folder: Fixtures.cumcm(1))
        let two = try PieceLoader.load(folder: Fixtures.cumcm(2))
        _ = try DecisionJournal(path: path, pieces: PieceFingerprint(of: one), create: true)
        #expect(throws: DecisionJournalError.self) {
            _ = try DecisionJournal(path: path, pieces: PieceFingerprint(of: two), create: true)
        }
        do {
            _ = try DecisionJournal(path: path, pieces: PieceFingerprint(of: two), create: false)
            Issue.record("accepted a journal of another piece set")
        } catch let error as DecisionJournalError {
            #expect(error.description.hasPrefix("\(path): decisions journal belongs to another piece set"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func theFingerprintSeesNamesAndPixels() throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(1))
        let base = PieceFingerprint(of: pieces)
        #expect(PieceFingerprint(of: PieceSet(pieces: pieces.pieces.reversed())) == base)  // order of reading: no matter
        var changed = pieces.pieces
        var image = changed[3].image
        image[5, 7] = image[5, 7] == 0 ? 1 : image[5, 7] - 1
        changed[3] = Piece(name: changed[3].name, image: image)
        #expect(PieceFingerprint(of: PieceSet(pieces: changed)).hash != base.hash)
        var renamed = pieces.pieces
        renamed[0] = Piece(name: "x" + renamed[0].name, image: renamed[0].image)
        #expect(PieceFingerprint(of: PieceSet(pieces: renamed)).hash != base.hash)
    }

    @Test func aTornLastLineIsDroppedAndCutBeforeTheNextAnswer() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = folder.file("d.jsonl")
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(1))
        let fingerprint = PieceFingerprint(of: pieces)
        let a = JoinConstraints.Join(pieces.names[0], pieces.names[1], .leftRight)
        let b = JoinConstraints.Join(pieces.names[2], pieces.names[3], .leftRight)
        try DecisionJournal(path: path, pieces: fingerprint, create: true).append(.accept(a))
        // Killed in the middle of writing the next line.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"answer":"rej"#.utf8))
        try handle.close()
        #expect(try DecisionJournal(path: path, pieces: fingerprint, create: false).replayed == [.accept(a)])
        try DecisionJournal(path: path, pieces: fingerprint, create: true).append(.reject(b))
        #expect(try DecisionJournal(path: path, pieces: fingerprint, create: false).replayed == [.accept(a), .reject(b)])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 3)
        #expect(text.hasSuffix("\n"))
    }

    @Test func garbageIsNamedByLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = folder.file("d.jsonl")
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(1))
        let fingerprint = PieceFingerprint(of: pieces)
        _ = try DecisionJournal(path: path, pieces: fingerprint, create: true)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"answer\":\"maybe\"}\n".utf8))
        try handle.close()
        #expect(throws: DecisionJournalError.badLine(path: path, line: 2, reason: "unknown answer 'maybe'")) {
            _ = try DecisionJournal(path: path, pieces: fingerprint, create: false)
        }
        try "hello\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: DecisionJournalError.notAJournal(path: path)) {
            _ = try DecisionJournal(path: path, pieces: fingerprint, create: false)
        }
        #expect(throws: DecisionJournalError.self) {
            _ = try DecisionJournal(path: folder.file("missing.jsonl"), pieces: fingerprint, create: false)
        }
    }
}

@Suite struct SeamPictureTests {
    /// Three 4-pixel-wide strips, each a solid gray, 10 rows; ink only in rows 6...7 of `b`.
    func strips() -> PieceSet {
        func strip(_ name: String, _ value: UInt8) -> Piece {
            Piece(name: name, image: GrayImage(width: 4, height: 10, fill: value))
        }
        var b = GrayImage(width: 4, height: 10, fill: 200)
        for y in 6...7 { for x in 0..<4 { b[x, y] = 0 } }
        return PieceSet(pieces: [strip("a", 100), Piece(name: "b", image: b), strip("c", 150)])
    }

    @Test func theRegionTakesNeighboursFromTheLayoutAndPaperBeyond() {
        let pieces = strips()
        let layout = Layout(rows: [["a", "b", "c"]])
        let join = JoinConstraints.Join("b", "c", .leftRight)
        let picture = SeamPictures.make([join], layout: layout, pieces: pieces, context: 6)[0]
        #expect(picture.image.width == 12 && picture.image.height == 10)
        #expect(picture.seam == 6)
        // Columns: 2 of a, 4 of b | 4 of c, then paper.
        #expect(picture.image.row(0) == [100, 100, 200, 200, 200, 200, 150, 150, 150, 150, 255, 255])
        #expect(!picture.isWindowed)
    }

    @Test func theWindowGoesWhereTheInkIs() {
        let pieces = strips()
        let layout = Layout(rows: [["a", "b", "c"]])
        let pictures = SeamPictures.make([.init("a", "b", .leftRight), .init("a", "c", .leftRight)],
                                         layout: layout, pieces: pieces, context: 4, windowLength: 3)
        #expect(pictures.count == 2)
        #expect(pictures.allSatisfy { $0.window == pictures[0].window && $0.image.height == 3 })
        #expect(pictures[0].window.contains(6) && pictures[0].window.contains(7))
        #expect(pictures[0].isWindowed)
    }

    @Test func topBottomSeamsStackPieces() {
        let top = Piece(name: "t", image: GrayImage(width: 3, height: 5, fill: 10))
        let bottom = Piece(name: "u", image: GrayImage(width: 3, height: 5, fill: 240))
        let layout = Layout(rows: [["t"], ["u"]])
        let picture = SeamPictures.make([.init("t", "u", .topBottom)], layout: layout,
                                        pieces: PieceSet(pieces: [top, bottom]), context: 4)[0]
        #expect(picture.image.width == 3 && picture.image.height == 8)
        #expect(picture.image.column(1) == [10, 10, 10, 10, 240, 240, 240, 240])
        #expect(picture.length == 3)
    }

    @Test func resamplingAveragesAreas() {
        let image = GrayImage(width: 4, height: 2, pixels: [0, 255, 0, 255, 0, 255, 0, 255])
        let half = SeamPictures.resample(image, width: 2, height: 1)
        #expect(half.pixels == [128, 128])
        #expect(SeamPictures.resample(image, width: 4, height: 2) == image)
    }
}

extension DecisionJournalTests {
    /// A journal records the grid it was made with and replays with it: without the
    /// flag it is used, with another grid the replay is refused, and a journal made
    /// without one takes the flag with a note.
    @Test func aJournalKeepsItsGrid() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(1))
        let fingerprint = PieceFingerprint(of: pieces)
        let path = folder.file("d.jsonl")
        let made = Unshredder.Options(grid: GridShape(rows: 1, columns: 19))
        _ = try DecisionJournal(path: path, pieces: fingerprint, settings: JournalSettings(made), create: true)
        let header = try String(contentsOfFile: path, encoding: .utf8)
        #expect(header.contains("\"grid\":\"1x19\""))

        let reopened = try DecisionJournal(path: path, pieces: fingerprint, settings: JournalSettings(.init()), create: false)
        let settings = try #require(reopened.settings)
        let replay = try settings.resolve(Unshredder.Options(), path: path)
        #expect(replay.options == made)
        #expect(replay.notes == ["using the journal's grid 1x19 (it was made with --grid 1x19)"])
        #expect(try settings.resolve(made, path: path).notes.isEmpty)
        #expect(throws: DecisionJournalError.otherSettings(path: path, detail: "the journal was made with --grid 1x19, not 19x1")) {
            _ = try settings.resolve(Unshredder.Options(grid: GridShape(rows: 19, columns: 1)), path: path)
        }
        #expect(throws: DecisionJournalError.self) {
            _ = try settings.resolve(Unshredder.Options(seed: 9), path: path)
        }
        let detected = JournalSettings(Unshredder.Options())
        #expect(detected.grid == nil)
        #expect(try detected.resolve(made, path: path).notes.count == 1)
    }

    /// Journals written before settings were recorded still open, with no settings.
    @Test func anOldJournalHasNoSettings() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(1))
        let fingerprint = PieceFingerprint(of: pieces)
        let path = folder.file("old.jsonl")
        let header = String(decoding: try DecisionJournal.encode(DecisionJournal.Header(
            journal: DecisionJournal.magic, version: DecisionJournal.version, fingerprint: fingerprint, settings: nil)), as: UTF8.self)
        #expect(!header.contains("settings"))
        try header.write(toFile: path, atomically: true, encoding: .utf8)
        let journal = try DecisionJournal(path: path, pieces: fingerprint, create: false)
        #expect(journal.settings == nil && journal.replayed.isEmpty)
    }
}
