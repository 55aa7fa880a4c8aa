/// An 8-bit grayscale image.
///
/// Memory layout: row-major, top row first, `width * height` bytes with no row
/// padding (stride == width). Pixel values: 0 = ink (black), 255 = paper (white).
public struct GrayImage: Equatable, Hashable, Sendable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height,
                     "GrayImage: \(pixels.count) bytes for \(width)x\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A blank sheet of paper (or any uniform gray).
    public init(width: Int, height: Int, fill: UInt8 = 255) {
        self.init(width: width, height: height, pixels: [UInt8](repeating: fill, count: width * height))
    }

    @inlinable
    public subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// The rectangle `[x, x+w) x [y, y+h)` as a new image.
    public func cropped(x: Int, y: Int, width w: Int, height h: Int) -> GrayImage {
        precondition(x >= 0 && y >= 0 && x + w <= width && y + h <= height)
        var out = [UInt8](repeating: 0, count: w * h)
        for row in 0..<h {
            let src = (y + row) * width + x
            out[(row * w)..<(row * w + w)] = pixels[src..<(src + w)]
        }
        return GrayImage(width: w, height: h, pixels: out)
    }

    /// Copies `other` into this image with its top-left corner at (x, y).
    public mutating func paste(_ other: GrayImage, x: Int, y: Int) {
        precondition(x >= 0 && y >= 0 && x + other.width <= width && y + other.height <= height)
        for row in 0..<other.height {
            let dst = (y + row) * width + x
            let src = row * other.width
            pixels[dst..<(dst + other.width)] = other.pixels[src..<(src + other.width)]
        }
    }

    /// Column `x`, top to bottom.
    public func column(_ x: Int) -> [UInt8] {
        (0..<height).map { pixels[$0 * width + x] }
    }

    /// Row `y`, left to right.
    public func row(_ y: Int) -> [UInt8] {
        Array(pixels[(y * width)..<(y * width + width)])
    }

    /// True when every pixel is at least `threshold` (paper).
    public var isBlank: Bool { pixels.allSatisfy { $0 >= 250 } }
}
