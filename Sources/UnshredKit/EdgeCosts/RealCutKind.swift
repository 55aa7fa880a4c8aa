import Foundation

/// How `RealCutMeasure` reads one piece: which kind of cut it has (`Strip.dark`, whose
/// majority chooses the set's `Kind`) and where each row's band starts.
///
/// - A piece cropped to its paper (no mask, no background: S-MARQUES as the dataset
///   has it) is a white strip read from its first and last column.
/// - A piece whose paper was found (a background in its scan, or transparency in a PNG,
///   as `unshred extract` writes its pieces) is a blade cut when its long edges are
///   straight: the mean distance of each row's outermost paper pixel from the straight
///   line fitted to them, over both sides, is at most `straightEdge` px (the rows at the
///   ends, `endShare` of them, left out). Blade-cut white strips cut out of composed scans:
///   0.00-0.52 px; torn S-ISRI-OCR strips, on black as the dataset has them or cut out:
///   1.14-11 px. Otherwise it is torn, the dark kind, read as before (`paperEdges` on a
///   background, else the mask).
/// - A blade-cut piece with a mask is read as the white measure reads a cropped strip:
///   what is not paper counts as white paper, and each row's band starts one column in
///   from its outermost paper pixel. That pixel is the one the cut crosses, paper and
///   sheet mixed (on white strips cut out of composed scans it reads 10-40 gray levels
///   darker than the column the dataset's own crop has there, down every row: an edge of
///   ink the white measure never saw); the column inside it is the dataset's second.
///   Composed scans of the 10 S-MARQUES development pages, leave-one-page-out nets: 88.7 %
///   neighbour skipping 1 column, 70.5 % skipping none, 78.6 % skipping 2, 72.7 % skipping it
///   only where it is 10 levels darker than the next (docs/extract.md).
enum RealCutKind {
    /// Largest mean residual (px) of a blade-cut strip's long edges from straight lines.
    static let straightEdge = 0.85
    /// Share of the paper rows at each end left out of the straightness fit (corners, torn ends).
    static let endShare = 0.05
    /// Paper columns of each row, from its outermost paper pixel, a blade-cut strip's band skips.
    static let mixedColumns = 1

    /// The measure's reading of a piece: `gray` its colour as scanned (BT.601 luma),
    /// `paper` the loader's mask; a blade-cut strip's band skips `skip` mixed columns.
    static func strip(gray: GrayImage, paper: PaperMask?, skip: Int = mixedColumns) -> RealCutMeasure.Strip {
        let mask = paper.flatMap { $0 == PaperMask.full(width: gray.width, height: gray.height) ? nil : $0 }
        if let mask, let residual = edgeResidual(mask), residual <= straightEdge {
            return bladeCut(gray: gray, mask: mask, skip: skip)
        }
        if RealCutMeasure.standsOnBackground(gray) { return RealCutMeasure.Strip(image: gray) }
        guard let mask else { return RealCutMeasure.Strip(image: gray) }
        return RealCutMeasure.Strip(image: gray, leftEdge: mask.leftEdge,
                                    rightEdge: zip(mask.leftEdge, mask.rightEdge).map { max($0, $1 - 1) }, dark: true)
    }

    /// A blade-cut strip with a mask, read as a white strip cropped to its paper.
    static func bladeCut(gray: GrayImage, mask: PaperMask, skip: Int) -> RealCutMeasure.Strip {
        let w = gray.width, h = gray.height
        var pixels = gray.pixels
        var left = [Int](repeating: 0, count: h), right = [Int](repeating: max(0, w - 1), count: h)
        for y in 0..<h {
            let row = y * w
            for x in 0..<w where !mask.isPaper(x: x, y: y) { pixels[row + x] = 255 }
            guard mask.rightEdge[y] - mask.leftEdge[y] > 2 * skip else { continue }
            left[y] = mask.leftEdge[y] + skip
            right[y] = mask.rightEdge[y] - 1 - skip
        }
        return RealCutMeasure.Strip(image: GrayImage(width: w, height: h, pixels: pixels),
                                    leftEdge: left, rightEdge: right, dark: false)
    }

    /// Mean over both long sides of the mean absolute residual (px) of each row's
    /// outermost paper pixel from the least-squares line through them; nil for fewer
    /// than 3 rows of paper once the ends are left out.
    static func edgeResidual(_ mask: PaperMask) -> Double? {
        let rows = (0..<mask.height).filter { mask.rightEdge[$0] > mask.leftEdge[$0] }
        let cut = Int(Double(rows.count) * endShare)
        let kept = Array(rows.dropFirst(cut).dropLast(cut))
        guard kept.count >= 3 else { return nil }
        let sides = [kept.map { Double(mask.leftEdge[$0]) }, kept.map { Double(mask.rightEdge[$0] - 1) }]
        let u = kept.map(Double.init)
        let n = Double(kept.count), mu = u.reduce(0, +) / n
        let suu = u.reduce(0) { $0 + ($1 - mu) * ($1 - mu) }
        let residuals = sides.map { v -> Double in
            let mv = v.reduce(0, +) / n
            let suv = zip(u, v).reduce(0) { $0 + ($1.0 - mu) * ($1.1 - mv) }
            let slope = suu > 0 ? suv / suu : 0
            return zip(u, v).reduce(0) { $0 + abs($1.1 - (mv + slope * ($1.0 - mu))) } / n
        }
        return residuals.reduce(0, +) / Double(residuals.count)
    }
}
