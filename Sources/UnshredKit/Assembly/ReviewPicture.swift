/// The restored page with every doubtful place marked, for people who would rather look
/// than read (`--review FILE.png`).
///
/// Each seam in doubt is painted over with a band in the colour of its confidence (red
/// for a coin toss, through orange, to yellow at the doubt threshold), and its number
/// stands in a white box at the middle of the seam: the numbers the overview and the
/// questions use. The page stands on a grid of equal cells, as the solvers see the
/// pieces (`Piece.image`), so every mark falls exactly on its seam: in colour when the
/// pieces are (each cell the piece's colour scan, its paper spread over the cell as the
/// solvers' view spreads it), gray otherwise.
public enum ReviewPicture {
    /// One image per layout page.
    public static func render(_ layout: Layout, pieces: PieceSet, places: [DoubtfulPlace],
                              threshold: Float) throws -> [RGBImage] {
        let pages = pieces.hasColour ? try colourPages(layout, pieces: pieces)
            : try PageAssembler.assemble(layout, pieces: pieces).map(RGBImage.init)
        return pages.enumerated().map { p, page in
            mark(page, cellWidth: pieces.width, cellHeight: pieces.height,
                 places: places.filter { $0.page == p }, threshold: threshold)
        }
    }

    /// The pages on cells of the solvers' size, each cell the piece in colour (gray
    /// pieces of a colour set in their gray).
    static func colourPages(_ layout: Layout, pieces: PieceSet) throws -> [RGBImage] {
        let turned = pieces.turning(layout.turned)
        let byName = Dictionary(uniqueKeysWithValues: turned.pieces.map { ($0.name, $0) })
        let w = pieces.width, h = pieces.height
        return try layout.pages.map { page in
            var out = RGBImage(width: w * page.columnCount, height: h * page.rowCount)
            for (r, row) in page.rows.enumerated() {
                guard row.count == page.columnCount else {
                    throw AssemblyError.ragged(row: r + 1, count: row.count, expected: page.columnCount)
                }
                for (c, name) in row.enumerated() {
                    guard let piece = byName[name] else { throw AssemblyError.unknownPiece(name: name) }
                    paint(piece, into: &out, x: c * w, y: r * h, width: w, height: h)
                }
            }
            return out
        }
    }

    /// `piece` drawn into the `width` x `height` cell at (x, y): its colour scan, each
    /// cell row read from the scan row at the same height, across the row's paper.
    static func paint(_ piece: Piece, into out: inout RGBImage, x: Int, y: Int, width w: Int, height h: Int) {
        guard let colour = piece.colour else {
            for py in 0..<min(h, piece.image.height) {
                for px in 0..<min(w, piece.image.width) {
                    let v = piece.image[px, py], i = 3 * ((y + py) * out.width + x + px)
                    out.pixels[i] = v; out.pixels[i + 1] = v; out.pixels[i + 2] = v
                }
            }
            return
        }
        let same = colour.width == w && colour.height == h && piece.paper == nil
        for py in 0..<h {
            let sy = same ? py : min(colour.height - 1, py * colour.height / max(1, h))
            let span = same ? 0..<w : piece.paperSpan(sy)
            guard !span.isEmpty else { continue }
            for px in 0..<w {
                let sx = same ? px : span.lowerBound + min(span.count - 1, px * span.count / w)
                let s = 3 * (sy * colour.width + sx), i = 3 * ((y + py) * out.width + x + px)
                out.pixels[i] = colour.pixels[s]; out.pixels[i + 1] = colour.pixels[s + 1]; out.pixels[i + 2] = colour.pixels[s + 2]
            }
        }
    }

    /// `page` (cells of `cellWidth` x `cellHeight`) in colour with `places` marked.
    public static func mark(_ page: GrayImage, cellWidth: Int, cellHeight: Int, places: [DoubtfulPlace],
                            threshold: Float) -> RGBImage {
        mark(RGBImage(page), cellWidth: cellWidth, cellHeight: cellHeight, places: places, threshold: threshold)
    }

    /// `page` with `places` marked.
    public static func mark(_ page: RGBImage, cellWidth: Int, cellHeight: Int, places: [DoubtfulPlace],
                            threshold: Float) -> RGBImage {
        var out = page
        let band = max(3, min(cellWidth, cellHeight) / 16)
        let scale = max(3, min(cellWidth, cellHeight) / 24)
        // Bands first, then every label over them, weakest last so that it stays on top.
        for place in places {
            let colour = self.colour(confidence: place.confidence, threshold: threshold)
            for line in place.lines {
                let r = line.pixels(cellWidth: cellWidth, cellHeight: cellHeight)
                let x0 = r.width == 0 ? r.x - band / 2 : r.x, y0 = r.height == 0 ? r.y - band / 2 : r.y
                fill(&out, x: x0, y: y0, width: max(band, r.width), height: max(band, r.height), colour, opacity: 0.8)
            }
        }
        for place in places.reversed() {
            guard let line = place.lines.first else { continue }
            let r = line.pixels(cellWidth: cellWidth, cellHeight: cellHeight)
            label(&out, String(place.number), centreX: r.x + r.width / 2, centreY: r.y + r.height / 2, scale: scale,
                  border: colour(confidence: place.confidence, threshold: threshold))
        }
        return out
    }

    /// Red (0) through orange to yellow (`threshold` and above).
    public static func colour(confidence: Float, threshold: Float) -> (UInt8, UInt8, UInt8) {
        let f = threshold > 0 ? Double(max(0, min(1, confidence / threshold))) : 1
        return (UInt8(220 + 20 * f), UInt8(30 + 170 * f), UInt8(30 - 30 * f))
    }

    static func fill(_ image: inout RGBImage, x: Int, y: Int, width: Int, height: Int,
                     _ colour: (UInt8, UInt8, UInt8), opacity: Double = 1) {
        let x0 = max(0, x), x1 = min(image.width, x + width), y0 = max(0, y), y1 = min(image.height, y + height)
        guard x0 < x1, y0 < y1 else { return }
        let c = [colour.0, colour.1, colour.2].map(Double.init)
        for py in y0..<y1 {
            for px in x0..<x1 {
                let i = 3 * (py * image.width + px)
                for k in 0..<3 {
                    image.pixels[i + k] = UInt8((c[k] * opacity + Double(image.pixels[i + k]) * (1 - opacity)).rounded())
                }
            }
        }
    }

    /// `text` (digits) in black in a white box with a `border`, centred at (x, y) and
    /// moved inside the image.
    static func label(_ image: inout RGBImage, _ text: String, centreX: Int, centreY: Int, scale: Int,
                      border: (UInt8, UInt8, UInt8)) {
        let digits = text.compactMap { $0.wholeNumberValue }
        guard !digits.isEmpty else { return }
        let pad = scale, edge = max(1, scale / 2)
        let w = digits.count * 4 * scale - scale + 2 * pad + 2 * edge, h = 5 * scale + 2 * pad + 2 * edge
        let x = max(0, min(image.width - w, centreX - w / 2)), y = max(0, min(image.height - h, centreY - h / 2))
        fill(&image, x: x, y: y, width: w, height: h, border)
        fill(&image, x: x + edge, y: y + edge, width: w - 2 * edge, height: h - 2 * edge, (255, 255, 255))
        for (k, digit) in digits.enumerated() {
            let rows = font[digit]
            for (fy, row) in rows.enumerated() {
                for fx in 0..<3 where row & (4 >> fx) != 0 {
                    fill(&image, x: x + edge + pad + (4 * k + fx) * scale, y: y + edge + pad + fy * scale,
                         width: scale, height: scale, (0, 0, 0))
                }
            }
        }
    }

    /// Digits 0-9 in 3 x 5 pixels: five rows of three bits each, the high bit leftmost.
    static let font: [[UInt8]] = [
        [7, 5, 5, 5, 7], [2, 6, 2, 2, 7], [7, 1, 7, 4, 7], [7, 1, 7, 1, 7], [5, 5, 7, 1, 1],
        [7, 4, 7, 1, 7], [7, 4, 7, 5, 7], [7, 1, 1, 1, 1], [7, 5, 7, 5, 7], [7, 5, 7, 1, 7],
    ]
}
