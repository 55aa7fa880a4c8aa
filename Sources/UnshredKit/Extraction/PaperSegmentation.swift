/// Paper against the sheet: which pixels of a scan belong to pieces, and which regions
/// of paper are separate objects.
///
/// 1. Every pixel far from the sheet's colour (`BackgroundModel.foreground`) is paper
///    (ink included on a coloured sheet, where ink is not the sheet's colour).
/// 2. On a dark sheet, ink looks like the sheet: the mask is closed with a small square
///    (`darkSheetClosing`) so cut strokes at a piece's edge stay paper.
/// 3. Regions of sheet enclosed by paper and small each way (`holeSize`) are filled:
///    letters on a dark sheet, specks of sheet colour showing through.
/// 4. The mask is opened (`opening`): threads and the scanner's thin frame go.
/// 5. Bands along a side of the scan that are paper-like from end to end are cleared: the
///    scanner's frame and its lid showing past the sheet (`clearBorder`).
/// 6. Regions of paper smaller than `dustSize` squared are dropped (dust, specks).
struct PaperSegmentation {
    /// One label per pixel: 0 = sheet, 1...count = a region of paper (which may hold
    /// several pieces that touch).
    var regions: Regions
    /// The sheet's colour model.
    var background: BackgroundModel

    static func segment(_ scan: RGBImage, settings: ExtractionSettings) -> PaperSegmentation? {
        guard let model = BackgroundModel.estimate(scan, minimumSpread: settings.minimumSpread) else { return nil }
        let w = scan.width, h = scan.height
        var mask = BinaryMask(width: w, height: h, model.foreground(scan, distance: settings.backgroundDistance))
        let shorter = Double(min(w, h))
        mask = mask.closed(radius: model.isDark ? settings.darkSheetClosing : 1).opened(radius: settings.opening)
        clearBorder(&mask, settings: settings)

        // Fill small enclosed holes (4-connected regions of sheet not reaching the border).
        let holeLimit = max(2, Int(shorter * settings.holeSize))
        let holes = mask.regions(of: 0, eightConnected: false)
        var fill = [Bool](repeating: false, count: holes.count + 1)
        for (k, box) in holes.boxes.enumerated() {
            let enclosed = box.minX > 0 && box.minY > 0 && box.maxX < w - 1 && box.maxY < h - 1
            fill[k + 1] = enclosed && box.width <= holeLimit && box.height <= holeLimit
        }
        holes.labels.withUnsafeBufferPointer { lab in
            mask.bits.withUnsafeMutableBufferPointer { bits in
                for i in 0..<(w * h) where lab[i] != 0 && fill[Int(lab[i])] { bits[i] = 1 }
            }
        }

        // Paper regions; dust out.
        var paper = mask.regions(of: 1, eightConnected: true)
        let dustSide = shorter * settings.dustSize
        let minArea = max(16, Int(dustSide * dustSide))
        var renumber = [Int32](repeating: 0, count: paper.count + 1)
        var boxes: [PixelBox] = [], areas: [Int] = []
        for k in 0..<paper.count where paper.areas[k] >= minArea {
            boxes.append(paper.boxes[k])
            areas.append(paper.areas[k])
            renumber[k + 1] = Int32(boxes.count)
        }
        paper.labels.withUnsafeMutableBufferPointer { lab in
            for i in 0..<(w * h) where lab[i] != 0 { lab[i] = renumber[Int(lab[i])] }
        }
        paper.boxes = boxes
        paper.areas = areas
        return PaperSegmentation(regions: paper, background: model)
    }

    /// Clears the scanner's frame and lid: on each side, the run of border lines (rows or
    /// columns) that are at least 97 % not-sheet, up to `lidBand` of the scan across, plus
    /// a margin of 2 x `opening` + 2 px for the frame's soft inner edge. Strips cut off by
    /// that side lose those lines too; they reach the edge anyway.
    static func clearBorder(_ mask: inout BinaryMask, settings: ExtractionSettings) {
        let w = mask.width, h = mask.height
        func share(row y: Int) -> Double {
            var n = 0
            for x in 0..<w { n += Int(mask.bits[y * w + x]) }
            return Double(n) / Double(w)
        }
        func share(column x: Int) -> Double {
            var n = 0
            for y in 0..<h { n += Int(mask.bits[y * w + x]) }
            return Double(n) / Double(h)
        }
        let margin = 2 * settings.opening + 2
        let capRows = Int(settings.lidBand * Double(h)), capColumns = Int(settings.lidBand * Double(w))
        func band(_ count: Int, cap: Int, _ full: (Int) -> Bool) -> Int {
            var t = 0
            while t < min(cap, count) && full(t) { t += 1 }
            return t == 0 ? 0 : min(count, t + margin)
        }
        let top = band(h, cap: capRows) { share(row: $0) >= 0.97 }
        let bottom = band(h, cap: capRows) { share(row: h - 1 - $0) >= 0.97 }
        let left = band(w, cap: capColumns) { share(column: $0) >= 0.97 }
        let right = band(w, cap: capColumns) { share(column: w - 1 - $0) >= 0.97 }
        for y in 0..<h {
            let clearRow = y < top || y >= h - bottom
            for x in 0..<w where clearRow || x < left || x >= w - right { mask.bits[y * w + x] = 0 }
        }
    }
}
