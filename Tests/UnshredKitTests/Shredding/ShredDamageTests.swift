import Foundation
import Testing
@testable import UnshredKit

/// `Shredder` with `ShredDamage`: each kind of damage does what it says, and only that.
@Suite struct ShredDamageTests {
    /// Ink everywhere (never 255), every pixel different from its neighbours.
    static func page(width: Int, height: Int) -> GrayImage {
        var image = GrayImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width { image[x, y] = UInt8((x * 37 + y * 11 + x * y) % 200) }
        }
        return image
    }

    /// n strips of `width` x 60 px.
    static func strips(_ n: Int, width: Int = 10, seed: UInt64 = 5, _ damage: ShredDamage) throws -> Shredder.Cut {
        try Shredder.cut(page(width: width * n, height: 60), options: .init(grid: GridShape(rows: 1, columns: n), seed: seed, damage: damage))
    }

    /// The pieces in true order, left to right.
    static func ordered(_ cut: Shredder.Cut) -> [GrayImage] {
        let byName = Dictionary(uniqueKeysWithValues: cut.pieces.map { ($0.name, $0.image) })
        return cut.truth.pages[0].rows[0].map { byName[$0]! }
    }

    static func rotated180(_ image: GrayImage) -> GrayImage {
        GrayImage(width: image.width, height: image.height, pixels: image.pixels.reversed())
    }

    @Test func noDamageIsTheCleanCut() throws {
        let page = Self.page(width: 80, height: 60)
        let clean = try Shredder.cut(page, options: .init(grid: GridShape(rows: 1, columns: 8), seed: 5))
        let none = try Self.strips(8, ShredDamage())
        #expect(none.files.isEmpty && none.jpegQuality == nil && none.flipped.isEmpty)
        #expect(none.pieces == clean.pieces && none.truthText == clean.truth.text)
    }

    @Test func kerfTakesPaperFromEachCut() throws {
        let page = Self.page(width: 80, height: 60)
        let cut = try Self.strips(8, ShredDamage(kerf: 3))
        let strips = Self.ordered(cut)
        let total = strips.map(\.width).reduce(0, +)
        #expect(total == 80 - 3 * 7)
        #expect(strips.map(\.width) == [9, 7, 7, 7, 7, 7, 7, 8])
        // Each strip is its cell less 1 px (3/2) on its right and 2 px on its left.
        for (c, strip) in strips.enumerated() {
            let x = c * 10 + (c > 0 ? 2 : 0)
            #expect(strip == page.cropped(x: x, y: 0, width: strip.width, height: 60))
            #expect(strip.height == 60)
        }
        // Written with their unequal widths, as PNG.
        #expect(cut.files.count == 8 && cut.jpegQuality == nil)
    }

    @Test func kerfMustLeaveSomePaper() throws {
        #expect(throws: ShredError.self) { try Self.strips(8, ShredDamage(kerf: 10)) }
        #expect(throws: ShredError.self) { try Self.strips(8, ShredDamage(kerf: -1)) }
        #expect(throws: ShredError.self) { try Self.strips(8, ShredDamage(jitter: 30)) }
    }

    @Test func jitterShiftsEachStripUpOrDown() throws {
        let page = Self.page(width: 80, height: 60)
        let cut = try Self.strips(8, ShredDamage(jitter: 4))
        var shifts: [Int] = []
        for (c, strip) in Self.ordered(cut).enumerated() {
            #expect(strip.width == 10 && strip.height == 60 - 8)
            let d = (-4...4).first { strip == page.cropped(x: c * 10, y: 4 + $0, width: 10, height: 52) }
            #expect(d != nil, "strip \(c) is no shifted window of its column")
            shifts.append(d ?? 99)
        }
        #expect(Set(shifts).count > 1, "all strips shifted alike: \(shifts)")
        // Jitter draws from its own generator: other damage does not change the shifts.
        let both = try Self.strips(8, ShredDamage(kerf: 2, jitter: 4, flip: 0.5))
        let shiftsBoth = Self.ordered(both).enumerated().map { c, strip in
            (-4...4).first { d in
                let window = page.cropped(x: c * 10 + (c > 0 ? 1 : 0), y: 4 + d, width: strip.width, height: 52)
                return strip == window || strip == Self.rotated180(window)
            } ?? 99
        }
        #expect(shiftsBoth == shifts)
    }

    @Test func flipTurnsAShareOfThePiecesAndMarksThem() throws {
        let page = Self.page(width: 80, height: 60)
        let cut = try Self.strips(8, ShredDamage(flip: 0.25))
        #expect(cut.flipped.count == 2)
        let cells = cut.truthText.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        #expect(cells.filter { $0.hasSuffix("~") }.sorted() == cut.flipped.sorted().map { $0 + "~" })
        #expect(cut.truth.names.allSatisfy { !$0.contains("~") })
        for (c, name) in cut.truth.pages[0].rows[0].enumerated() {
            let cell = page.cropped(x: c * 10, y: 0, width: 10, height: 60)
            let piece = cut.pieces.first { $0.name == name }!.image
            #expect(piece == (cut.flipped.contains(name) ? Self.rotated180(cell) : cell))
        }
        #expect(try Self.strips(8, ShredDamage(flip: 1)).flipped.count == 8)
        #expect(try Self.strips(8, ShredDamage(flip: 0.01)).flipped.isEmpty)
        // Grids and double-sided sheets too; both faces of a turned piece are turned.
        let front = Self.page(width: 40, height: 30), back = Self.rotated180(front)
        let sheet = try Shredder.cut(front, back: back, options: .init(grid: GridShape(rows: 3, columns: 4), seed: 2, damage: ShredDamage(flip: 0.5)))
        #expect(sheet.flipped.count == 12)
        let stems = Set(sheet.flipped.map { String($0.dropLast()) })
        #expect(stems.count == 6 && stems.allSatisfy { sheet.flipped.contains($0 + "a") && sheet.flipped.contains($0 + "b") })
    }

    @Test func edgeDamageLosesTheOuterColumnsOfCutEdgesOnly() throws {
        let page = Self.page(width: 160, height: 60)
        let cut = try Self.strips(8, width: 20, ShredDamage(edgeDamage: true))
        let strips = Self.ordered(cut)
        var depths = Set<Int>()
        for (c, strip) in strips.enumerated() {
            let cell = page.cropped(x: c * 20, y: 0, width: 20, height: 60)
            #expect(strip.width == 20 && strip.height == 60)
            // Beyond 5 px of the edges, untouched.
            #expect(strip.cropped(x: 5, y: 0, width: 10, height: 60) == cell.cropped(x: 5, y: 0, width: 10, height: 60))
            for y in 0..<60 {
                if c > 0 {
                    // Lost paper shows the (white) background: 1-3 columns of 255 on the left.
                    let lost = (0..<20).first { strip[$0, y] != 255 } ?? 20
                    #expect((1...3).contains(lost), "strip \(c) row \(y): \(lost) columns lost")
                    depths.insert(lost)
                } else {
                    #expect(strip[0, y] == cell[0, y], "the page's own edge is not damaged")
                }
                if c < 7 {
                    #expect(strip[19, y] == 255)
                } else {
                    #expect(strip[19, y] == cell[19, y])
                }
            }
        }
        #expect(depths.count > 1, "the depth of the damage never changes")
        // Dotted: some ink next to the loss is lightened, none darkened.
        let dotted = strips.enumerated().dropFirst().flatMap { c, strip in
            (0..<60).compactMap { y -> Bool? in
                let x = (0..<20).first { strip[$0, y] != 255 }!
                let original = page[c * 20 + x, y]
                return original < 200 ? strip[x, y] > original : nil
            }
        }
        #expect(dotted.contains(true) && dotted.contains(false))
    }

    @Test func backgroundBordersThePieceAndShowsWhereThePaperIsLost() throws {
        let page = Self.page(width: 160, height: 60)
        let b = ShredDamage.border
        let black = try Self.strips(8, width: 20, ShredDamage(edgeDamage: true, background: .colour(red: 0, green: 0, blue: 0)))
        for (c, strip) in Self.ordered(black).enumerated() {
            #expect(strip.width == 20 + 2 * b && strip.height == 60 + 2 * b)
            #expect((0..<strip.width).allSatisfy { strip[$0, 0] == 0 && strip[$0, strip.height - 1] == 0 })
            #expect(strip.cropped(x: b + 5, y: b, width: 10, height: 60) == page.cropped(x: c * 20 + 5, y: 0, width: 10, height: 60))
            if c > 0 { #expect((0..<60).allSatisfy { strip[b, b + $0] == 0 }) }
        }
        if case .gray = black.files[0].image {} else { Issue.record("black background should stay gray") }
        // A coloured background makes RGB pieces, their gray the luma.
        let yellow = try Self.strips(4, ShredDamage(background: ShredDamage.Background("yellow")))
        guard case let .colour(rgb) = yellow.files[0].image else { Issue.record("yellow should be RGB"); return }
        #expect(Array(rgb.pixels[0..<3]) == [235, 200, 60])
        #expect(yellow.pieces[0].image == rgb.luma)
        // Transparent: alpha 0 round the paper, 255 on it.
        let clear = try Self.strips(4, ShredDamage(background: .transparent))
        let alpha = try #require(clear.files[0].alpha)
        #expect(alpha[0, 0] == 0 && alpha[b, b] == 255 && alpha[b + 9, b + 59] == 255 && alpha[b + 10, b] == 0)
    }

    @Test func backgroundNamesAndHex() {
        #expect(ShredDamage.Background("black") == .colour(red: 0, green: 0, blue: 0))
        #expect(ShredDamage.Background("#FF8000") == .colour(red: 255, green: 128, blue: 0))
        #expect(ShredDamage.Background("Transparent") == .transparent)
        #expect(ShredDamage.Background("#12345") == nil && ShredDamage.Background("mauve") == nil)
    }

    @Test func skewTurnsEachStripOnALargerCanvas() throws {
        let straight = try Self.strips(6, ShredDamage(skew: 0))
        let cut = try Self.strips(6, ShredDamage(skew: 3))
        let widths = Self.ordered(cut).map(\.width)
        #expect(widths.allSatisfy { $0 >= 10 } && widths.contains { $0 > 10 })
        // 60 px tall at up to 3 degrees: at most 10 + 60 sin 3 (+1) px wide.
        #expect(widths.allSatisfy { Double($0) <= 10 * cos(3 * Double.pi / 180) + 60 * sin(3 * Double.pi / 180) + 1 })
        #expect(Self.ordered(straight).map(\.width) == [10, 10, 10, 10, 10, 10])
        // The turned strip still carries its ink: about as dark on the whole.
        for (a, b) in zip(Self.ordered(straight), Self.ordered(cut)) {
            let ink = { (g: GrayImage) in g.pixels.reduce(0) { $0 + 255 - Int($1) } }
            #expect(abs(ink(a) - ink(b)) < ink(a) / 10)
        }
        #expect(throws: ShredError.self) { try Self.strips(6, ShredDamage(skew: 11)) }
    }

    @Test func stripsOnlyDamageIsRefusedForGridsAndSheets() throws {
        let page = Self.page(width: 40, height: 30)
        for damage in [ShredDamage(kerf: 1), ShredDamage(jitter: 1), ShredDamage(edgeDamage: true), ShredDamage(skew: 1)] {
            #expect(throws: ShredError.self) {
                try Shredder.cut(page, options: .init(grid: GridShape(rows: 3, columns: 4), damage: damage))
            }
            #expect(throws: ShredError.self) {
                try Shredder.cut(page, back: page, options: .init(grid: GridShape(rows: 1, columns: 4), damage: damage))
            }
        }
        // A grid on a background, in JPEG: pieces stay equal.
        let grid = try Shredder.cut(page, options: .init(grid: GridShape(rows: 3, columns: 4),
                                                          damage: ShredDamage(jpegQuality: 80, background: .colour(red: 0, green: 0, blue: 0))))
        #expect(Set(grid.files.map { "\($0.image.width)x\($0.image.height)" }) == ["22x22"])
        #expect(throws: ShredError.self) {
            try Shredder.cut(page, options: .init(grid: GridShape(rows: 1, columns: 4), damage: ShredDamage(jpegQuality: 80, background: .transparent)))
        }
        #expect(throws: ShredError.self) {
            try Shredder.cut(page, options: .init(grid: GridShape(rows: 1, columns: 4), damage: ShredDamage(jpegQuality: 0)))
        }
    }

    @Test func sameSeedSameDamageOtherSeedOther() throws {
        let damage = ShredDamage(kerf: 2, jitter: 3, edgeDamage: true, skew: 1, background: .colour(red: 0, green: 0, blue: 0), flip: 0.3)
        let a = try Self.strips(10, seed: 9, damage), b = try Self.strips(10, seed: 9, damage)
        #expect(a.files == b.files && a.truthText == b.truthText)
        let c = try Self.strips(10, seed: 10, damage)
        #expect(c.files != a.files)
    }

    @Test func writtenSetsLoadBack() throws {
        let folder = NSTemporaryDirectory() + "unshred-damage-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = Self.page(width: 120, height: 80)
        // JPEG on black, two flipped: the files are .jpg, the truth marks the flips.
        let jpeg = try Shredder.cut(page, options: .init(grid: GridShape(rows: 1, columns: 6), seed: 3,
                                                          damage: ShredDamage(kerf: 2, jpegQuality: 90, background: ShredDamage.Background("black"), flip: 0.34)))
        try TestSet.write(jpeg, to: folder + "/jpeg")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/jpeg").sorted()
        #expect(names == (0..<6).map { String(format: "%03d.jpg", $0) } + ["truth.txt"])
        let truth = try String(contentsOfFile: folder + "/jpeg/truth.txt", encoding: .utf8)
        #expect(truth == jpeg.truthText && truth.filter { $0 == "~" }.count == 2)
        for file in jpeg.files {
            let read = try ImageFile.readImage("\(folder)/jpeg/\(file.name).jpg")
            guard case let .gray(original) = file.image else { Issue.record("expected gray"); continue }
            #expect(read.gray.width == original.width && read.gray.height == original.height)
            let diff = zip(read.gray.pixels, original.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +)
            #expect(Double(diff) / Double(original.pixels.count) < 6, "JPEG quality 90 differs by \(diff)")
        }
        // Transparent PNG: RGBA, the alpha read back as written.
        let clear = try Shredder.cut(page, options: .init(grid: GridShape(rows: 1, columns: 6), seed: 3,
                                                           damage: ShredDamage(edgeDamage: true, background: .transparent)))
        try TestSet.write(clear, to: folder + "/clear")
        let read = try ImageFile.readImage("\(folder)/clear/\(clear.files[2].name).png")
        #expect(read.alpha == clear.files[2].alpha)
        // The loader takes the unequal strips.
        let kerfed = try Shredder.cut(page, options: .init(grid: GridShape(rows: 1, columns: 6), seed: 3, damage: ShredDamage(kerf: 3, jitter: 2)))
        try TestSet.write(kerfed, to: folder + "/kerf")
        let set = try TestSet.load(folder + "/kerf")
        #expect(set.pieces.count == 6)
    }
}
