import Testing
@testable import UnshredKit

/// A dark line down a strip's long side, left by a dark surround, is not paper; ink cut
/// at the side is.
@Suite struct EdgeFringeTests {
    /// A 30 x 200 strip of paper (gray 240), all opaque, from column `from` of each row.
    static func cut(from: Int = 0) -> PieceCutter.Cut {
        let w = 30, h = 200
        var alpha = GrayImage(width: w, height: h, fill: 0)
        for y in 0..<h { for x in from..<w { alpha[x, y] = 255 } }
        return PieceCutter.Cut(colour: RGBImage(width: w, height: h, fill: (240, 240, 240)), alpha: alpha,
                               centre: (15, 100), corners: [])
    }

    static func paint(_ cut: inout PieceCutter.Cut, x: Int, y: Int, gray: UInt8) {
        let o = 3 * (y * cut.colour.width + x)
        cut.colour.pixels[o] = gray; cut.colour.pixels[o + 1] = gray; cut.colour.pixels[o + 2] = gray
    }

    @Test func aDarkColumnDownTheSideIsTakenOff() {
        var cut = Self.cut(from: 2)
        // Each row's first paper pixel dark (the fringe), wherever the row starts.
        for y in 0..<200 { Self.paint(&cut, x: 2, y: y, gray: 120) }
        EdgeFringe.remove(from: &cut, drop: 40, columns: 2)
        for y in [0, 100, 199] {
            #expect(cut.alpha[2, y] == 0)
            #expect(cut.alpha[3, y] == 255)
            #expect(cut.alpha[29, y] == 255)
        }
    }

    @Test func inkCutAtTheSideStays() {
        var cut = Self.cut()
        // Letters cut at the left side in a third of the rows.
        for y in stride(from: 0, to: 200, by: 3) { Self.paint(&cut, x: 0, y: y, gray: 30) }
        // A fringe a little darker than the paper is paper (under `drop`).
        for y in 0..<200 { Self.paint(&cut, x: 29, y: y, gray: 215) }
        EdgeFringe.remove(from: &cut, drop: 40, columns: 2)
        #expect(cut.alpha.pixels.allSatisfy { $0 == 255 })
    }
}
