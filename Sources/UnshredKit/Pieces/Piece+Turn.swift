/// Pieces turned by 180 degrees: a strip fed into the scanner upside down, turned back.
///
/// Turning maps pixel (x, y) of a `w x h` image to (w - 1 - x, h - 1 - y): the row
/// order and each row's column order reverse, so the piece's left edge becomes its
/// right edge, read bottom to top.
extension GrayImage {
    /// The image turned 180 degrees.
    func turned() -> GrayImage { GrayImage(width: width, height: height, pixels: pixels.reversed()) }
}

extension RGBImage {
    /// The image turned 180 degrees.
    func turned() -> RGBImage {
        var out = [UInt8](repeating: 0, count: pixels.count)
        let n = width * height
        pixels.withUnsafeBufferPointer { p in
            for i in 0..<n {
                let j = n - 1 - i
                out[3 * j] = p[3 * i]
                out[3 * j + 1] = p[3 * i + 1]
                out[3 * j + 2] = p[3 * i + 2]
            }
        }
        return RGBImage(width: width, height: height, pixels: out)
    }
}

extension PaperMask {
    /// The mask turned 180 degrees: row y is row h - 1 - y, its span mirrored.
    func turned() -> PaperMask {
        let left = (0..<height).map { y -> Int in
            let r = height - 1 - y
            return rightEdge[r] > leftEdge[r] ? width - rightEdge[r] : 0
        }
        let right = (0..<height).map { y -> Int in
            let r = height - 1 - y
            return rightEdge[r] > leftEdge[r] ? width - leftEdge[r] : 0
        }
        return PaperMask(width: width, height: height, leftEdge: left, rightEdge: right)
    }
}

extension Piece {
    /// The same piece turned 180 degrees, with the same name. What the solvers read
    /// (`image`) is the turned scan when they read the scan itself, else the turned
    /// piece seen through `SolverView` at the same size (tops still aligned).
    func turned() -> Piece {
        let scan = self.scan.turned(), paper = self.paper?.turned()
        let plain = Piece(name: name, image: scan, scan: scan, colour: colour?.turned(), paper: paper)
        if image == self.scan { return plain }
        return plain.seen(as: SolverView.view(plain, width: image.width, height: image.height))
    }
}

extension PieceSet {
    /// The set with the pieces named in `names` turned 180 degrees.
    func turning(_ names: Set<String>) -> PieceSet {
        guard !names.isEmpty else { return self }
        return PieceSet(pieces: pieces.map { names.contains($0.name) ? $0.turned() : $0 })
    }
}

extension Piece {
    /// The same pixels under another name.
    func renamed(_ name: String) -> Piece {
        Piece(name: name, image: image, scan: scan, colour: colour, paper: paper)
    }
}
