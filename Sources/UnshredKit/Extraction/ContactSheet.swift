/// A small picture of each scan with every piece found outlined and numbered, so a
/// person can check at a glance that nothing was missed (or found twice).
///
/// Each scan is shrunk (box filter) so its longer side is `size` pixels; the scans stand
/// side by side on gray in the order given. Outlines are the pieces' upright boxes in red
/// (orange for a piece that touches the scan's edge, magenta for one that may be several
/// pieces); the number is the piece's `NN`, white on the outline's colour.
public enum ContactSheet {
    /// The scan shrunk to at most `size` px on its longer side, and the factor applied.
    public static func preview(_ scan: RGBImage, size: Int) -> (image: RGBImage, scale: Double) {
        let factor = max(1, Int((Double(max(scan.width, scan.height)) / Double(max(1, size))).rounded(.up)))
        let w = max(1, scan.width / factor), h = max(1, scan.height / factor)
        var out = [UInt8](repeating: 0, count: 3 * w * h)
        scan.pixels.withUnsafeBufferPointer { p in
            for y in 0..<h {
                for x in 0..<w {
                    var sum = (0, 0, 0)
                    for dy in 0..<factor {
                        let row = (y * factor + dy) * scan.width
                        for dx in 0..<factor {
                            let i = 3 * (row + x * factor + dx)
                            sum.0 += Int(p[i]); sum.1 += Int(p[i + 1]); sum.2 += Int(p[i + 2])
                        }
                    }
                    let n = factor * factor, o = 3 * (y * w + x)
                    out[o] = UInt8(sum.0 / n); out[o + 1] = UInt8(sum.1 / n); out[o + 2] = UInt8(sum.2 / n)
                }
            }
        }
        return (RGBImage(width: w, height: h, pixels: out), 1 / Double(factor))
    }

    /// The contact sheet of several scans' previews and their pieces.
    public static func draw(_ scans: [(preview: RGBImage, scale: Double, pieces: [ExtractedPiece])]) -> RGBImage {
        let gap = 16
        let width = scans.reduce(gap) { $0 + $1.preview.width + gap }
        let height = (scans.map(\.preview.height).max() ?? 1) + 2 * gap
        var sheet = RGBImage(width: width, height: height, fill: (128, 128, 128))
        var left = gap
        for scan in scans {
            sheet.blit(scan.preview, x: left, y: gap)
            for piece in scan.pieces {
                let colour: (UInt8, UInt8, UInt8) = piece.maybeSeveral ? (230, 0, 230) : piece.cutEdges.isEmpty ? (230, 0, 0) : (255, 140, 0)
                let points = piece.corners.map { (Double(left) + $0.x * scan.scale, Double(gap) + $0.y * scan.scale) }
                for k in 0..<4 { sheet.line(from: points[k], to: points[(k + 1) % 4], colour: colour) }
                let cx = Int((Double(left) + piece.centreX * scan.scale).rounded())
                let cy = Int((Double(gap) + piece.centreY * scan.scale).rounded())
                sheet.label(String(piece.number), centreX: cx, centreY: cy, colour: colour)
            }
            left += scan.preview.width + gap
        }
        return sheet
    }
}

extension RGBImage {
    mutating func blit(_ other: RGBImage, x: Int, y: Int) {
        for row in 0..<other.height where y + row >= 0 && y + row < height {
            for col in 0..<other.width where x + col >= 0 && x + col < width {
                let s = 3 * (row * other.width + col), d = 3 * ((y + row) * width + x + col)
                pixels[d] = other.pixels[s]; pixels[d + 1] = other.pixels[s + 1]; pixels[d + 2] = other.pixels[s + 2]
            }
        }
    }

    mutating func dot(_ x: Int, _ y: Int, _ c: (UInt8, UInt8, UInt8)) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let d = 3 * (y * width + x)
        pixels[d] = c.0; pixels[d + 1] = c.1; pixels[d + 2] = c.2
    }

    /// A 2-px line.
    mutating func line(from a: (Double, Double), to b: (Double, Double), colour: (UInt8, UInt8, UInt8)) {
        let steps = max(1, Int((max(abs(b.0 - a.0), abs(b.1 - a.1)) * 2).rounded(.up)))
        for s in 0...steps {
            let t = Double(s) / Double(steps)
            let x = Int((a.0 + t * (b.0 - a.0)).rounded(.down)), y = Int((a.1 + t * (b.1 - a.1)).rounded(.down))
            dot(x, y, colour); dot(x + 1, y, colour); dot(x, y + 1, colour); dot(x + 1, y + 1, colour)
        }
    }

    /// Digits in a 3x5 font at 3x, white on a box of `colour`, centred on (centreX, centreY).
    mutating func label(_ text: String, centreX: Int, centreY: Int, colour: (UInt8, UInt8, UInt8)) {
        let scale = 3, glyphW = 3 * scale, glyphH = 5 * scale, spacing = scale
        let digits = text.compactMap { $0.wholeNumberValue }
        let textW = digits.count * glyphW + (digits.count - 1) * spacing
        let x0 = centreX - textW / 2, y0 = centreY - glyphH / 2
        for y in (y0 - 2)..<(y0 + glyphH + 2) { for x in (x0 - 2)..<(x0 + textW + 2) { dot(x, y, colour) } }
        for (i, d) in digits.enumerated() {
            let rows = RGBImage.font[d]
            for (r, bitsRow) in rows.enumerated() {
                for c in 0..<3 where bitsRow & (4 >> c) != 0 {
                    for dy in 0..<scale {
                        for dx in 0..<scale {
                            dot(x0 + i * (glyphW + spacing) + c * scale + dx, y0 + r * scale + dy, (255, 255, 255))
                        }
                    }
                }
            }
        }
    }

    /// 3x5 digits, one row per entry, the high bit leftmost.
    static let font: [[Int]] = [
        [7, 5, 5, 5, 7], [2, 6, 2, 2, 7], [7, 1, 7, 4, 7], [7, 1, 7, 1, 7], [5, 5, 7, 1, 1],
        [7, 4, 7, 1, 7], [7, 4, 7, 5, 7], [7, 1, 2, 2, 2], [7, 5, 7, 5, 7], [7, 5, 7, 1, 7],
    ]
}
