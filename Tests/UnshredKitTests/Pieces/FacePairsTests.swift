import Foundation
import Testing
@testable import UnshredKit

@Suite struct FacePairsTests {
    @Test func faceLettersPairUp() {
        guard case let .doubleSided(pairs) = FacePairs.recognise(["000a", "000b", "001a", "001b"]) else {
            Issue.record("not recognised as double-sided")
            return
        }
        #expect(pairs.pieces == ["000", "001"])
        #expect(pairs.faceA == [0, 2] && pairs.faceB == [1, 3])
        // Either case, in any order.
        guard case let .doubleSided(mixed) = FacePairs.recognise(["x7B", "x7a", "x8A", "x8b"]) else {
            Issue.record("mixed case not recognised")
            return
        }
        #expect(mixed.pieces == ["x7", "x8"] && mixed.faceA == [1, 2] && mixed.faceB == [0, 3])
    }

    @Test func singleSidedNamesStaySingleSided() {
        #expect(FacePairs.recognise(["000", "001", "002"]) == .singleSided)
        // A lone letter is no face of anything; faces that never pair up mean nothing.
        #expect(FacePairs.recognise(["a", "b"]) == .singleSided)
        #expect(FacePairs.recognise(["1a", "2b", "3a", "4b"]) == .singleSided)
        #expect(FacePairs.recognise(["strip", "stripa", "stripb", "other", "more"]) == .singleSided)
    }

    @Test func aPieceWithOneFaceIsNamed() {
        let missing = FacePairs.recognise(["000a", "000b", "001a", "002a", "002b"])
        #expect(missing == .incomplete(piece: "001", faces: ["001a"]))
        #expect(missing.problem == "piece 001 has only one face (001a); a double-sided piece needs both, 001a and 001b")
        let stray = FacePairs.recognise(["000a", "000b", "001a", "001b", "notes"])
        #expect(stray.problem?.hasPrefix("notes has no face letter") == true)
        let twice = FacePairs.recognise(["000a", "000b", "001a", "001A", "002a", "002b"])
        #expect(twice.problem == "piece 001 has faces 001A, 001a; a double-sided piece needs one a and one b face")
        #expect(FacePairs.recognise(["000a", "000b"]).problem == nil)
    }

    @Test func loaderNamesThePieceWithOneFace() throws {
        let dir = try TemporaryFolder()
        defer { dir.cleanup() }
        let image = GrayImage(width: 4, height: 6)
        try dir.write(["000a", "000b", "001b", "002a", "002b"].map { Piece(name: $0, image: image) })
        #expect(throws: PieceError.incompleteFaces(
            path: dir.path, problem: "piece 001 has only one face (001b); a double-sided piece needs both, 001a and 001b")) {
            _ = try PieceLoader.load(folder: dir.path)
        }
        // The solver says the same of pieces that did not come from a folder.
        let pieces = PieceSet(pieces: ["000a", "000b", "001b"].map { Piece(name: $0, image: image) })
        #expect(throws: SolveError.self) { _ = try Unshredder.solve(pieces) }
    }
}
