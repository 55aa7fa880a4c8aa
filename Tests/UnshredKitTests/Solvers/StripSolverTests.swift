import Foundation
import Testing
@testable import UnshredKit

@Suite struct StripSolverTests {
    @Test(arguments: [1, 2])
    func cumcmStripSetsComeBackExactly(set number: Int) throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(number))
        let solution = try Unshredder.solve(pieces)
        #expect(solution.layout == (try Fixtures.truth(number)))
        #expect(solution.joins.count == 18)
        #expect(solution.joins.allSatisfy { (0...1).contains($0.confidence) })
    }

    /// Renaming the files at random (so they sort differently) changes nothing but the names.
    @Test(arguments: [(1, UInt64(11)), (2, UInt64(12)), (1, UInt64(13))])
    func randomNamesGiveTheSameOrder(set number: Int, seed: UInt64) throws {
        let original = try PieceLoader.load(folder: Fixtures.cumcm(number))
        var rng = SeededRandom(seed: seed)
        var rename: [String: String] = [:]
        for piece in original.pieces {
            rename[piece.name] = String((0..<8).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement(using: &rng)! })
        }
        let renamed = PieceSet(pieces: original.pieces.map { Piece(name: rename[$0.name]!, image: $0.image) })
        let solution = try Unshredder.solve(renamed)
        let expected = try Fixtures.truth(number).pages[0].rows[0].map { rename[$0]! }
        #expect(solution.layout.pages[0].rows[0] == expected)
    }

    /// From BMP files, as the contest distributed them.
    @Test func bmpFolderGivesTheSameAnswer() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(2))
        for piece in pieces.pieces { try TestImages.write(TestImages.bmp8(piece.image), to: folder.file("\(piece.name).bmp")) }
        let fromBMP = try PieceLoader.load(folder: folder.path)
        #expect(try Unshredder.solve(fromBMP).layout == (try Fixtures.truth(2)))
    }

    /// Pages the solver has never seen, cut at different strip widths.
    @Test(arguments: [
        ("en-serif-1368x1980", 19), ("en-serif-1368x1980", 57),
        ("zh-song-1368x1980", 38), ("zh-song-1368x1980", 24),
        ("en-sans-1152x1600", 48), ("zh-hei-1200x1500", 30),
        ("en-mono-960x1280", 24), ("zh-hei-1200x1500", 10), ("en-sans-1152x1600", 144),
    ])
    func syntheticStripPagesComeBackExactly(page: String, strips: Int) throws {
        let image = try Fixtures.page(page)
        let cut = Shredder.cut(image, grid: GridShape(rows: 1, columns: strips), seed: UInt64(strips))
        let solution = try Unshredder.solve(PieceSet(pieces: cut.pieces))
        let score = Score.compare(solution.layout, truth: cut.truth, pieces: PieceSet(pieces: cut.pieces))
        #expect(score.perfect, "\(page) in \(strips) strips: neighbour accuracy \(score.neighbourAccuracy)")
    }
}

@Suite struct JoinConstraintTests {
    @Test func pinnedAndForbiddenJoinsAreHonoured() throws {
        let pieces = try PieceLoader.load(folder: Fixtures.cumcm(1))
        let truth = try Fixtures.truth(1).pages[0].rows[0]
        // Force a wrong join and forbid a true one; the rest must still be sensible.
        let pinned = JoinConstraints.Join(truth[0], truth[5], .leftRight)
        let forbidden = JoinConstraints.Join(truth[10], truth[11], .leftRight)
        let solution = try Unshredder.solve(pieces, options: .init(constraints: JoinConstraints(pinned: [pinned], forbidden: [forbidden])))
        let row = solution.layout.pages[0].rows[0]
        let at = row.firstIndex(of: truth[0])!
        #expect(at + 1 < row.count && row[at + 1] == truth[5])
        if let k = row.firstIndex(of: truth[10]), k + 1 < row.count { #expect(row[k + 1] != truth[11]) }
        #expect(Set(row) == Set(truth))
    }
}
