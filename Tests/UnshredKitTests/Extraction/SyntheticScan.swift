import Foundation
@testable import UnshredKit

/// Flatbed-scan look-alikes drawn by the tests: pieces of a made-up page (white paper,
/// dark "words" in lines) turned and laid on a coloured sheet, with the truth kept.
struct SyntheticScan {
    struct Placed {
        var index: Int          // which piece of the page
        var centreX: Double, centreY: Double
        var angle: Double       // degrees the piece lies turned clockwise
        var width: Int, height: Int
    }

    var image: RGBImage
    var placed: [Placed]
    var pieces: [RGBImage]      // the upright pieces, as cut from the page

    /// A page `width` x `height` of text-like ink, seeded.
    static func page(width: Int, height: Int, seed: UInt64) -> RGBImage {
        var rng = SeededRandom(seed: seed)
        var page = RGBImage(width: width, height: height, fill: (250, 248, 244))
        var y = 12
        while y + 10 < height - 10 {
            var x = 8
            while x < width - 8 {
                // A word of letters drawn with 2-px strokes of scanned-print gray (as printed
                // text is: strokes, not solid blocks): a stem, and one of a bar, a bowl's side or a foot.
                let letters = Int(rng.next() % 6) + 1
                for _ in 0..<letters where x + 6 < width - 4 {
                    let shape = rng.next() % 3
                    for yy in y..<(y + 10) {
                        for xx in x..<(x + 2) { page.dot(xx, yy, (70, 70, 78)) }
                        if shape == 1 { for xx in (x + 4)..<(x + 6) { page.dot(xx, yy, (70, 70, 78)) } }
                    }
                    let bar = shape == 2 ? y + 8 : y
                    for yy in bar..<(bar + 2) { for xx in x..<(x + 6) { page.dot(xx, yy, (70, 70, 78)) } }
                    x += 8
                }
                x += Int(rng.next() % 8) + 6
            }
            y += 18
        }
        return page
    }

    /// The page cut into `count` strips of equal width.
    static func strips(of page: RGBImage, count: Int) -> [RGBImage] {
        let w = page.width / count
        return (0..<count).map { k in crop(page, x: k * w, y: 0, width: w, height: page.height) }
    }

    static func crop(_ image: RGBImage, x: Int, y: Int, width: Int, height: Int) -> RGBImage {
        var out = RGBImage(width: width, height: height)
        for row in 0..<height {
            for col in 0..<width {
                let s = 3 * ((y + row) * image.width + x + col), d = 3 * (row * width + col)
                out.pixels[d] = image.pixels[s]; out.pixels[d + 1] = image.pixels[s + 1]; out.pixels[d + 2] = image.pixels[s + 2]
            }
        }
        return out
    }

    /// Lays `pieces` on a sheet of `sheet` colour: piece k centred at `centres[k]`, turned
    /// clockwise by `angles[k]` degrees; a little seeded noise over everything.
    static func lay(_ pieces: [RGBImage], width: Int, height: Int, sheet: (UInt8, UInt8, UInt8),
                    centres: [(Double, Double)], angles: [Double], seed: UInt64 = 1) -> SyntheticScan {
        var image = RGBImage(width: width, height: height, fill: sheet)
        var placed: [Placed] = []
        for (k, piece) in pieces.enumerated() {
            let (cx, cy) = centres[k]
            let t = angles[k] * .pi / 180, c = cos(t), s = sin(t)
            let half = Double(piece.width + piece.height)
            for y in max(0, Int(cy - half))..<min(height, Int(cy + half)) {
                for x in max(0, Int(cx - half))..<min(width, Int(cx + half)) {
                    // Scan point -> piece point: turn back (counter-clockwise) about the centre.
                    let dx = Double(x) - cx, dy = Double(y) - cy
                    let u = c * dx + s * dy + Double(piece.width) / 2, v = -s * dx + c * dy + Double(piece.height) / 2
                    let px = Int(u.rounded(.down)), py = Int(v.rounded(.down))
                    guard px >= 0, py >= 0, px < piece.width, py < piece.height else { continue }
                    let i = 3 * (py * piece.width + px)
                    image.dot(x, y, (piece.pixels[i], piece.pixels[i + 1], piece.pixels[i + 2]))
                }
            }
            placed.append(Placed(index: k, centreX: cx, centreY: cy, angle: angles[k], width: piece.width, height: piece.height))
        }
        var rng = SeededRandom(seed: seed)
        for i in 0..<image.pixels.count {
            let noise = Int(rng.next() % 7) - 3
            image.pixels[i] = UInt8(max(0, min(255, Int(image.pixels[i]) + noise)))
        }
        return SyntheticScan(image: image, placed: placed, pieces: pieces)
    }

    /// Strips of a page laid left to right, `gaps[k]` px between strip k and k+1 (measured
    /// between their upright boxes), each turned by `angles[k]`, in the order `order`.
    static func row(strips: [RGBImage], order: [Int], angles: [Double], gaps: [Int], sheet: (UInt8, UInt8, UInt8),
                    margin: Int = 30, seed: UInt64 = 1) -> SyntheticScan {
        let h = strips.map(\.height).max()! + 2 * margin
        var x = Double(margin)
        var centres: [(Double, Double)] = []
        for (k, i) in order.enumerated() {
            let w = Double(strips[i].width)
            centres.append((x + w / 2, Double(h) / 2))
            x += w + Double(k < gaps.count ? gaps[k] : 0)
        }
        let width = Int(x) + margin
        var scan = lay(order.map { strips[$0] }, width: width, height: h, sheet: sheet, centres: centres, angles: angles, seed: seed)
        for k in scan.placed.indices { scan.placed[k].index = order[k] }
        return scan
    }
}

/// Mean absolute difference of luma between `a` and `b` over the inner part of `a` (a
/// margin of `inset` px left out), `b` aligned by centre; nil when the sizes differ by
/// more than 2 * inset. `dx` shifts `b` right by that many px.
func innerDifference(_ a: RGBImage, _ b: RGBImage, inset: Int, dx: Int = 0) -> Double? {
    guard abs(a.width - b.width) <= 2 * inset, abs(a.height - b.height) <= 2 * inset else { return nil }
    let ga = a.luma, gb = b.luma
    let ox = (b.width - a.width) / 2 + dx, oy = (b.height - a.height) / 2
    var sum = 0.0, n = 0.0
    for y in inset..<(a.height - inset) {
        for x in inset..<(a.width - inset) {
            let bx = x + ox, by = y + oy
            guard bx >= 0, by >= 0, bx < b.width, by < b.height else { continue }
            sum += abs(Double(ga[x, y]) - Double(gb[bx, by]))
            n += 1
        }
    }
    return n > 0 ? sum / n : nil
}
