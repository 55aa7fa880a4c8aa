/// An 8-bit colour image.
///
/// Memory layout: row-major, top row first, 3 bytes per pixel (red, green, blue),
/// `3 * width * height` bytes with no row padding (stride == 3 * width).
public struct RGBImage: Equatable, Hashable, Sendable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == 3 * width * height,
                     "RGBImage: \(pixels.count) bytes for \(width)x\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A uniform image, white by default (paper).
    public init(width: Int, height: Int, fill: (UInt8, UInt8, UInt8) = (255, 255, 255)) {
        var pixels = [UInt8](repeating: 0, count: 3 * width * height)
        for i in 0..<(width * height) {
            pixels[3 * i] = fill.0
            pixels[3 * i + 1] = fill.1
            pixels[3 * i + 2] = fill.2
        }
        self.init(width: width, height: height, pixels: pixels)
    }

    /// A gray image as colour (each pixel's three channels equal).
    public init(_ gray: GrayImage) {
        var pixels = [UInt8](repeating: 0, count: 3 * gray.pixels.count)
        for (i, v) in gray.pixels.enumerated() {
            pixels[3 * i] = v
            pixels[3 * i + 1] = v
            pixels[3 * i + 2] = v
        }
        self.init(width: gray.width, height: gray.height, pixels: pixels)
    }

    /// The luma of each pixel, `(299 R + 587 G + 114 B) / 1000` rounded (ITU-R BT.601,
    /// the weights JPEG's YCbCr uses, so a colour JPEG's gray is its own Y channel).
    public var luma: GrayImage {
        let n = width * height
        var out = [UInt8](repeating: 0, count: n)
        pixels.withUnsafeBufferPointer { p in
            for i in 0..<n {
                let y = 299 * Int(p[3 * i]) + 587 * Int(p[3 * i + 1]) + 114 * Int(p[3 * i + 2])
                out[i] = UInt8((y + 500) / 1000)
            }
        }
        return GrayImage(width: width, height: height, pixels: out)
    }

    /// True when every pixel has red == green == blue: a gray image stored as colour.
    public var isGray: Bool {
        pixels.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                if p[i] != p[i + 1] || p[i] != p[i + 2] { return false }
                i += 3
            }
            return true
        }
    }
}

/// What a reader gives: the gray the solvers read, and what the file held beyond it.
public struct DecodedImage: Equatable, Sendable {
    /// 8-bit gray; transparent pixels composited onto white paper.
    public var gray: GrayImage
    /// The colour pixels (transparent ones onto white), or nil when the file is gray
    /// (a gray colour type, or colour pixels that are all gray).
    public var colour: RGBImage?
    /// Opacity per pixel (0 = transparent, 255 = opaque), or nil when the file
    /// has no transparency at all.
    public var alpha: GrayImage?

    public init(gray: GrayImage, colour: RGBImage? = nil, alpha: GrayImage? = nil) {
        self.gray = gray
        self.colour = colour
        self.alpha = alpha
    }
}

/// A restored page: gray when every piece was gray, colour otherwise.
public enum PageImage: Equatable, Sendable {
    case gray(GrayImage)
    case colour(RGBImage)

    public var width: Int {
        switch self {
        case let .gray(image): return image.width
        case let .colour(image): return image.width
        }
    }

    public var height: Int {
        switch self {
        case let .gray(image): return image.height
        case let .colour(image): return image.height
        }
    }
}
