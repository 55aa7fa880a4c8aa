import Foundation
import Testing
@testable import UnshredKit

@Suite struct ShredderTests {
    /// A page whose every small block differs, so each piece is unique.
    static func page(width: Int, height: Int, salt: Int = 0) -> GrayImage {
        var image = GrayImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width { image[x, y] = UInt8((x * 7 + y * 13 + x * y + salt) % 256) }
        }
        return image
    }

    /// Puts the pieces back where the truth says: page `p` of the truth as an image.
    static func reassemble(_ cut: Shredder.Cut, page p: Int = 0) throws -> GrayImage {
        try PageAssembler.assemble(cut.truth, pieces: PieceSet(pieces: cut.pieces))[p]
    }

    @Test func gridCutHasShapeNamesAndTruth() throws {
        let page = Self.page(width: 23, height: 17)
        let cut = try Shredder.cut(page, options: .init(grid: GridShape(rows: 3, columns: 4), seed: 7))
        #expect(cut.pieces.count == 12)
        #expect(cut.pieces.allSatisfy { $0.image.width == 5 && $0.image.height == 5 })
        #expect(cut.pieceWidth == 5 && cut.pieceHeight == 5)
        #expect(cut.trimmed.right == 3 && cut.trimmed.bottom == 2)
        #expect(cut.pieces.map(\.name) == (0..<12).map { String(format: "%03d", $0) })
        #expect(cut.truth.pages.count == 1)
        #expect(cut.truth.pages[0].rowCount == 3 && cut.truth.pages[0].columnCount == 4)
        #expect(Set(cut.truth.names) == Set(cut.pieces.map(\.name)))
        // The truth puts the pieces back into the page, trimmed.
        #expect(try Self.reassemble(cut) == page.cropped(x: 0, y: 0, width: 20, height: 15))
        // Shuffled: the names do not follow the reading order.
        #expect(cut.truth.names != cut.pieces.map(\.name))
    }

    @Test func stripsAreOneRow() throws {
        let page = Self.page(width: 40, height: 9)
        let cut = try Shredder.cut(page, options: .init(grid: GridShape(rows: 1, columns: 8), seed: 3))
        #expect(cut.truth.pages[0].rowCount == 1 && cut.truth.pages[0].columnCount == 8)
        #expect(cut.pieces.allSatisfy { $0.image.width == 5 && $0.image.height == 9 })
        #expect(try Self.reassemble(cut) == page)
    }

    @Test func namesWidenBeyondAThousandPieces() throws {
        let cut = try Shredder.cut(Self.page(width: 1001, height: 2), options: .init(grid: GridShape(rows: 1, columns: 1001), seed: 1))
        #expect(cut.pieces.first?.name == "0000" && cut.pieces.last?.name == "1000")
    }

    @Test func sameSeedSameSetOtherSeedOtherShuffle() throws {
        let page = Self.page(width: 60, height: 40)
        let options = Shredder.Options(grid: GridShape(rows: 4, columns: 5), seed: 11, noise: 5, blur: 0.8)
        let a = try Shredder.cut(page, options: options)
        let b = try Shredder.cut(page, options: options)
        #expect(a.pieces == b.pieces && a.truth == b.truth)
        var other = options
        other.seed = 12
        let c = try Shredder.cut(page, options: other)
        #expect(c.truth != a.truth)
    }

    @Test func oldSignatureGivesTheSameCut() throws {
        let page = Self.page(width: 30, height: 20)
        let old = Shredder.cut(page, grid: GridShape(rows: 2, columns: 3), seed: 5)
        let new = try Shredder.cut(page, options: .init(grid: GridShape(rows: 2, columns: 3), seed: 5))
        #expect(old.pieces == new.pieces && old.truth == new.truth)
    }

    @Test func noiseKeepsTheShuffleAndSpoilsThePixels() throws {
        let page = GrayImage(width: 100, height: 100, fill: 128)
        let grid = GridShape(rows: 2, columns: 2)
        let clean = try Shredder.cut(page, options: .init(grid: grid, seed: 4))
        let noisy = try Shredder.cut(page, options: .init(grid: grid, seed: 4, noise: 10))
        #expect(noisy.truth == clean.truth)
        let values = noisy.pieces.flatMap(\.image.pixels).map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
        #expect(abs(mean - 128) < 0.5)
        #expect(abs(sd - 10) < 0.5)
    }

    @Test func noiseIsClampedAtPaperWhite() throws {
        let page = GrayImage(width: 50, height: 50, fill: 255)
        var rng = SeededRandom(seed: 1)
        let noisy = ImageFilters.addNoise(page, sigma: 20, using: &rng)
        #expect(noisy.pixels.contains { $0 < 255 })
        // About half the draws go above 255 and must stay at 255.
        let white = noisy.pixels.filter { $0 == 255 }.count
        #expect(white > noisy.pixels.count * 2 / 5)
    }

    @Test func blurSoftensEdgesAndKeepsFlatPaper() {
        var step = GrayImage(width: 20, height: 5, fill: 255)
        for y in 0..<5 { for x in 0..<10 { step[x, y] = 0 } }
        let blurred = ImageFilters.gaussianBlur(step, sigma: 1)
        #expect(blurred[9, 2] > 0 && blurred[9, 2] < 128)
        #expect(blurred[10, 2] > 128 && blurred[10, 2] < 255)
        #expect(blurred[0, 2] == 0 && blurred[19, 2] == 255)
        let flat = GrayImage(width: 9, height: 9, fill: 200)
        #expect(ImageFilters.gaussianBlur(flat, sigma: 2.5) == flat)
        #expect(ImageFilters.gaussianBlur(step, sigma: 0) == step)
    }

    @Test func blurHappensBeforeCutting() throws {
        // A stroke right at a cut: blurred on the whole page, its gray spills into
        // the neighbouring piece, as a scanner would show it.
        var page = GrayImage(width: 20, height: 4, fill: 255)
        for y in 0..<4 { page[9, y] = 0 }
        let cut = try Shredder.cut(page, options: .init(grid: GridShape(rows: 1, columns: 2), seed: 1, blur: 1))
        let right = try Self.reassemble(cut).cropped(x: 10, y: 0, width: 10, height: 4)
        #expect(right[0, 1] < 255)
    }

    @Test func doubleSidedFacesPairAcrossTheVerticalAxis() throws {
        let front = Self.page(width: 40, height: 30, salt: 0)
        let back = Self.page(width: 40, height: 30, salt: 101)
        let grid = GridShape(rows: 3, columns: 4)
        let cut = try Shredder.cut(front, back: back, options: .init(grid: grid, seed: 9))
        #expect(cut.pieces.count == 24)
        #expect(cut.truth.pages.map(\.title) == ["front", "back"])
        // Every number has exactly the faces a and b.
        var faces: [String: Set<Character>] = [:]
        for piece in cut.pieces {
            #expect(piece.name.count == 4)
            faces[String(piece.name.dropLast()), default: []].insert(piece.name.last!)
        }
        #expect(faces.count == 12 && faces.values.allSatisfy { $0 == ["a", "b"] })
        // front[r][c] and back[r][C-1-c] are the two faces of one piece.
        let f = cut.truth.pages[0].rows, b = cut.truth.pages[1].rows
        for r in 0..<3 {
            for c in 0..<4 {
                #expect(f[r][c].dropLast() == b[r][3 - c].dropLast())
                #expect(f[r][c].last != b[r][3 - c].last)
            }
        }
        // Both pages come back upright, not mirrored.
        #expect(try Self.reassemble(cut, page: 0) == front)
        #expect(try Self.reassemble(cut, page: 1) == back)
    }

    @Test func faceLettersAreDrawnPerPiece() throws {
        let page = Self.page(width: 60, height: 40)
        let cut = try Shredder.cut(page, back: page, options: .init(grid: GridShape(rows: 4, columns: 6), seed: 2))
        let letters = cut.truth.pages[0].names.map { $0.last! }
        #expect(letters.contains("a") && letters.contains("b"))
    }

    @Test func refusesMismatchedBackAndTinyPages() {
        let front = GrayImage(width: 20, height: 20)
        #expect(throws: ShredError.self) {
            try Shredder.cut(front, back: GrayImage(width: 21, height: 20), options: .init(grid: GridShape(rows: 1, columns: 2)))
        }
        #expect(throws: ShredError.pageTooSmall(width: 20, height: 20, grid: GridShape(rows: 1, columns: 21))) {
            try Shredder.cut(front, options: .init(grid: GridShape(rows: 1, columns: 21)))
        }
        #expect(throws: ShredError.self) {
            try Shredder.cut(front, options: .init(grid: GridShape(rows: 1, columns: 2), noise: -1))
        }
    }
}
