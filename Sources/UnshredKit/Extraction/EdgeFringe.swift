/// The dark fringe along a strip's long sides (`ExtractionSettings.fringeDrop`): per
/// side, the median gray over the strip's rows at each column counted from that row's
/// paper edge; while the outermost column left is `drop` levels darker than the paper
/// inside (the median of columns 4-8 in), it is made transparent (white, alpha 0).
enum EdgeFringe {
    /// Rows with fewer paper pixels than this are not read (a torn end).
    static let minimumRun = 20

    static func remove(from cut: inout PieceCutter.Cut, drop: Double, columns: Int) {
        let w = cut.alpha.width, h = cut.alpha.height
        guard columns > 0, h >= w, w >= minimumRun else { return }
        // Each row's paper from its first to its last opaque pixel.
        var rows: [(y: Int, left: Int, right: Int)] = []
        for y in 0..<h {
            var left = -1, right = -1
            for x in 0..<w where cut.alpha.pixels[y * w + x] != 0 {
                if left < 0 { left = x }
                right = x
            }
            if left >= 0, right - left + 1 >= minimumRun { rows.append((y, left, right)) }
        }
        guard rows.count >= minimumRun else { return }
        let p = cut.colour.pixels
        func gray(_ x: Int, _ y: Int) -> Double {
            let o = 3 * (y * w + x)
            return 0.299 * Double(p[o]) + 0.587 * Double(p[o + 1]) + 0.114 * Double(p[o + 2])
        }
        func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
        for fromLeft in [true, false] {
            func column(_ row: (y: Int, left: Int, right: Int), _ k: Int) -> Int { fromLeft ? row.left + k : row.right - k }
            let inside = median((4...8).map { k in median(rows.map { gray(column($0, k), $0.y) }) })
            var taken = 0
            while taken < columns, median(rows.map { gray(column($0, taken), $0.y) }) < inside - drop { taken += 1 }
            for row in rows {
                for k in 0..<taken {
                    let o = row.y * w + column(row, k)
                    cut.alpha.pixels[o] = 0
                    cut.colour.pixels[3 * o] = 255; cut.colour.pixels[3 * o + 1] = 255; cut.colour.pixels[3 * o + 2] = 255
                }
            }
        }
    }
}
