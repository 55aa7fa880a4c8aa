/// A two-valued image: row-major, top row first, one byte per pixel, 1 = set, 0 = clear.
struct BinaryMask: Equatable, Sendable {
    let width: Int
    let height: Int
    var bits: [UInt8]

    init(width: Int, height: Int, bits: [UInt8]) {
        precondition(bits.count == width * height)
        self.width = width
        self.height = height
        self.bits = bits
    }

    init(width: Int, height: Int, _ values: [Bool]) {
        self.init(width: width, height: height, bits: values.map { $0 ? 1 : 0 })
    }

    subscript(x: Int, y: Int) -> Bool { bits[y * width + x] != 0 }

    /// Morphological closing with a (2r+1)-square: dilation then erosion. Pixels outside
    /// the image count as clear for the dilation and as set for the erosion, so the
    /// closing never eats into a piece cut by the scan's edge.
    /// - Complexity: O(width x height), whatever r.
    func closed(radius r: Int) -> BinaryMask {
        guard r > 0 else { return self }
        return filtered(radius: r, keepIfAny: true).filtered(radius: r, keepIfAny: false)
    }

    /// Morphological opening with a (2r+1)-square: erosion then dilation. Removes paper
    /// thinner than 2r+1 px (threads, the scanner's frame, JPEG fringes) and leaves
    /// everything wider as it was, except its sharpest corners.
    func opened(radius r: Int) -> BinaryMask {
        guard r > 0 else { return self }
        return filtered(radius: r, keepIfAny: false).filtered(radius: r, keepIfAny: true)
    }

    /// Erosion with a (2r+1)-square, pixels outside the image counting as clear: the
    /// outermost r px of every region go, at the image's border too.
    func eroded(radius r: Int) -> BinaryMask {
        r > 0 ? filtered(radius: r, keepIfAny: false, outside: 0) : self
    }

    /// Dilation with a (2r+1)-square.
    func dilated(radius r: Int) -> BinaryMask {
        r > 0 ? filtered(radius: r, keepIfAny: true) : self
    }

    /// Square max (keepIfAny) or min filter, separable, with running counts.
    private func filtered(radius r: Int, keepIfAny: Bool, outside fixedOutside: Int? = nil) -> BinaryMask {
        var horizontal = [UInt8](repeating: 0, count: bits.count)
        let w = width, h = height
        let outside = fixedOutside ?? (keepIfAny ? 0 : 1)  // the value beyond the border
        bits.withUnsafeBufferPointer { src in
            horizontal.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    let row = y * w
                    var count = 0  // set pixels in the window [x-r, x+r]
                    for x in -r...r { count += (x < 0 || x >= w) ? outside : Int(src[row + x]) }
                    for x in 0..<w {
                        dst[row + x] = keepIfAny ? (count > 0 ? 1 : 0) : (count == 2 * r + 1 ? 1 : 0)
                        let leaving = x - r, entering = x + r + 1
                        count -= (leaving < 0 || leaving >= w) ? outside : Int(src[row + leaving])
                        count += (entering >= w) ? outside : Int(src[row + entering])
                    }
                }
            }
        }
        var out = [UInt8](repeating: 0, count: bits.count)
        horizontal.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var counts = [Int](repeating: 0, count: w)
                for y in -r...r {
                    for x in 0..<w { counts[x] += (y < 0 || y >= h) ? outside : Int(src[y * w + x]) }
                }
                for y in 0..<h {
                    for x in 0..<w {
                        dst[y * w + x] = keepIfAny ? (counts[x] > 0 ? 1 : 0) : (counts[x] == 2 * r + 1 ? 1 : 0)
                    }
                    let leaving = y - r, entering = y + r + 1
                    for x in 0..<w {
                        counts[x] -= (leaving < 0 || leaving >= h) ? outside : Int(src[leaving * w + x])
                        counts[x] += (entering >= h) ? outside : Int(src[entering * w + x])
                    }
                }
            }
        }
        return BinaryMask(width: w, height: h, bits: out)
    }

    /// Connected regions of pixels equal to `value` (1 = set, 0 = clear), 8-connected or
    /// 4-connected. Labels are 1...count in raster order of each region's first pixel; 0
    /// elsewhere.
    /// - Complexity: O(width x height).
    func regions(of value: UInt8, eightConnected: Bool) -> Regions {
        let w = width, h = height
        var labels = [Int32](repeating: 0, count: bits.count)
        var boxes: [PixelBox] = []
        var areas: [Int] = []
        var stack: [Int] = []
        bits.withUnsafeBufferPointer { src in
            labels.withUnsafeMutableBufferPointer { lab in
                for start in 0..<(w * h) where src[start] == value && lab[start] == 0 {
                    let label = Int32(boxes.count + 1)
                    var box = PixelBox(minX: start % w, minY: start / w, maxX: start % w, maxY: start / w)
                    var area = 0
                    lab[start] = label
                    stack.append(start)
                    while let i = stack.popLast() {
                        area += 1
                        let x = i % w, y = i / w
                        box.include(x: x, y: y)
                        let x0 = max(0, x - 1), x1 = min(w - 1, x + 1), y0 = max(0, y - 1), y1 = min(h - 1, y + 1)
                        for ny in y0...y1 {
                            for nx in x0...x1 {
                                if !eightConnected && nx != x && ny != y { continue }
                                let j = ny * w + nx
                                if src[j] == value && lab[j] == 0 {
                                    lab[j] = label
                                    stack.append(j)
                                }
                            }
                        }
                    }
                    boxes.append(box)
                    areas.append(area)
                }
            }
        }
        return Regions(width: w, height: h, labels: labels, boxes: boxes, areas: areas)
    }
}

/// An inclusive pixel rectangle.
struct PixelBox: Equatable, Sendable {
    var minX: Int, minY: Int, maxX: Int, maxY: Int
    var width: Int { maxX - minX + 1 }
    var height: Int { maxY - minY + 1 }

    mutating func include(x: Int, y: Int) {
        if x < minX { minX = x }
        if x > maxX { maxX = x }
        if y < minY { minY = y }
        if y > maxY { maxY = y }
    }
}

/// Labelled regions of a mask: `labels[i]` is 1...count (0 = none); region k's box and
/// area are `boxes[k-1]`, `areas[k-1]`.
struct Regions: Sendable {
    let width: Int
    let height: Int
    var labels: [Int32]
    var boxes: [PixelBox]
    var areas: [Int]
    var count: Int { boxes.count }

}

extension BinaryMask {
    /// Erosion along one direction only: a pixel stays set when the `radius` pixels on
    /// either side of it in its column (`vertical`) or row are set too, the image's
    /// border counting as unset.
    func erodedAlong(vertical: Bool, radius: Int) -> BinaryMask {
        guard radius > 0 else { return self }
        var out = BinaryMask(width: width, height: height, bits: [UInt8](repeating: 0, count: width * height))
        let lines = vertical ? width : height, length = vertical ? height : width
        for line in 0..<lines {
            func index(_ k: Int) -> Int { vertical ? k * width + line : line * width + k }
            var run = 0   // set pixels ending at k
            var runs = [Int](repeating: 0, count: length)
            for k in 0..<length {
                run = bits[index(k)] != 0 ? run + 1 : 0
                runs[k] = run
            }
            for k in 0..<length where bits[index(k)] != 0 {
                // The run through k reaches radius before and after it.
                let end = k + radius
                guard k - radius >= 0, end < length, runs[end] >= 2 * radius + 1 else { continue }
                out.bits[index(k)] = 1
            }
        }
        return out
    }
}
