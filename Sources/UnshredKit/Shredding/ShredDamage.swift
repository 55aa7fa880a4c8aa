import Foundation

/// What a real shredder and scanner do to the pieces, beyond a clean cut: the
/// options of `unshred shred` that make synthetic sets look like scanned strips
/// (S-MARQUES: white strips cropped to the paper, blade-damaged edges, neighbours
/// a few px apart; S-ISRI-OCR: strips on black, torn wavy slanted edges; JPEG).
///
/// Every kind of damage draws from its own generator derived from the seed, so
/// turning one on does not change what another draws; with no damage at all
/// the cut is exactly the clean one (gray PNG, the same bytes as before).
public struct ShredDamage: Sendable, Equatable {
    /// Paper lost at each cut, in px: the cut between strips c-1 and c removes
    /// kerf/2 columns (rounded down) from the right of strip c-1 and the rest
    /// from the left of strip c, so the strips together are kerf x (N-1) px
    /// narrower than the page. Strips only.
    public var kerf: Int = 0
    /// Each strip is cut from rows jitter+d ..< height-jitter+d of the page, d
    /// drawn uniformly from -jitter...jitter: its content shifted d px against
    /// its neighbours', every strip height - 2 x jitter px tall. Strips only.
    public var jitter: Int = 0
    /// Blade damage, or a torn edge: along each cut edge the outer 1-3 px of
    /// paper (a depth that wanders along the edge) are lost, showing the
    /// background (white unless `background` says otherwise), and ink in the
    /// next column is dotted (lightened at random). Strips only.
    public var edgeDamage: Bool = false
    /// Each strip is turned by an angle drawn uniformly from -skew...skew
    /// degrees (bilinear), on a canvas grown to hold it. Strips only.
    public var skew: Double = 0
    /// Write the pieces as baseline JPEG of this quality (1-100) instead of PNG.
    public var jpegQuality: Int? = nil
    /// What lies around the paper: each piece gets a border of
    /// `ShredDamage.border` px of it, and lost paper shows it. nil: white and no
    /// border (pieces cropped to the paper).
    public var background: Background? = nil
    /// The share of pieces turned by 180 degrees (exactly round(flip x count)
    /// pieces, chosen at random); the truth marks them `~` after the name.
    public var flip: Double = 0

    public init(kerf: Int = 0, jitter: Int = 0, edgeDamage: Bool = false, skew: Double = 0,
                jpegQuality: Int? = nil, background: Background? = nil, flip: Double = 0) {
        self.kerf = kerf
        self.jitter = jitter
        self.edgeDamage = edgeDamage
        self.skew = skew
        self.jpegQuality = jpegQuality
        self.background = background
        self.flip = flip
    }

    /// No damage: the clean cut.
    public var isNone: Bool { self == ShredDamage() }

    /// The options given that only make sense along the cuts of single-sided strips.
    public var stripsOnly: [String] {
        var out: [String] = []
        if kerf != 0 { out.append("--kerf") }
        if jitter != 0 { out.append("--jitter") }
        if edgeDamage { out.append("--edge-damage") }
        if skew != 0 { out.append("--skew") }
        return out
    }

    /// Width of the background border around each piece when `background` is set.
    public static let border = 6
    /// The largest `skew` accepted, in degrees.
    public static let maxSkew = 10.0
    /// The mark after a piece's name in the truth when it is turned by 180 degrees.
    public static let flipMark = "~"

    /// The colour around the paper.
    public enum Background: Sendable, Equatable, CustomStringConvertible {
        case colour(red: UInt8, green: UInt8, blue: UInt8)
        /// Not paper is transparent (RGBA PNG, alpha 0).
        case transparent

        static let names: [String: (UInt8, UInt8, UInt8)] = [
            "black": (0, 0, 0), "white": (255, 255, 255), "gray": (128, 128, 128), "grey": (128, 128, 128),
            "dark": (24, 24, 24), "red": (200, 30, 30), "green": (30, 140, 50), "blue": (30, 60, 170),
            "yellow": (235, 200, 60), "brown": (110, 75, 40),
        ]

        /// `transparent`, a name (black, white, gray, dark, red, green, blue, yellow,
        /// brown) or `#RRGGBB`.
        public init?(_ text: String) {
            let t = text.lowercased()
            if t == "transparent" || t == "none" {
                self = .transparent
            } else if let (r, g, b) = Self.names[t] {
                self = .colour(red: r, green: g, blue: b)
            } else if t.hasPrefix("#"), t.count == 7, let v = UInt32(t.dropFirst(), radix: 16) {
                self = .colour(red: UInt8(v >> 16), green: UInt8((v >> 8) & 255), blue: UInt8(v & 255))
            } else {
                return nil
            }
        }

        public var description: String {
            switch self {
            case .transparent: return "transparent"
            case let .colour(r, g, b): return String(format: "#%02x%02x%02x", r, g, b)
            }
        }

        var isGray: Bool {
            if case let .colour(r, g, b) = self { return r == g && g == b }
            return false
        }
    }
}

/// One piece as it will be written: gray or colour pixels, and transparency.
public struct ShredFile: Sendable, Equatable {
    public var name: String
    public var image: PageImage
    /// 255 = paper, 0 = not paper; nil: no transparency.
    public var alpha: GrayImage?
}

/// A piece being damaged: gray paper pixels and how much of each pixel is paper.
struct DamagedSheet {
    var width: Int
    var height: Int
    /// Gray paper, 0 = ink, 255 = paper; meaningless where `cover` is 0.
    var gray: [Float]
    /// Share of the pixel that is paper, 0...1.
    var cover: [Float]

    init(_ image: GrayImage) {
        width = image.width
        height = image.height
        gray = image.pixels.map(Float.init)
        cover = [Float](repeating: 1, count: image.pixels.count)
    }

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        gray = [Float](repeating: 255, count: width * height)
        cover = [Float](repeating: 0, count: width * height)
    }

    /// Blade damage or a tear along the left (`left`) or right edge: the outer
    /// depth(y) columns (1...3, wandering along the edge) lose their paper, and the
    /// next column's ink is dotted.
    mutating func damageEdge(left: Bool, using rng: inout SeededRandom) {
        guard width > 0 else { return }
        var depth = 1 + Int(rng.next() % 3)
        for y in 0..<height {
            let roll = rng.next() % 16
            if roll == 0 { depth = max(1, depth - 1) } else if roll == 1 { depth = min(3, depth + 1) }
            let lost = min(depth, width)
            for i in 0..<lost {
                let x = left ? i : width - 1 - i
                cover[y * width + x] = 0
            }
            for i in lost..<min(lost + 2, width) {
                let x = left ? i : width - 1 - i
                let k = y * width + x
                let chance: UInt64 = i == lost ? 2 : 5  // 1 in 2 next to the loss, 1 in 5 beyond
                if gray[k] < 200, rng.next() % chance == 0 {
                    let u = 0.3 + 0.5 * Float(rng.next() >> 11) / Float(1 << 53)
                    gray[k] += (255 - gray[k]) * u
                }
            }
        }
    }

    /// Turned by `degrees` about its centre (bilinear) onto a canvas that holds it all.
    func rotated(degrees: Double) -> DamagedSheet {
        guard degrees != 0 else { return self }
        let a = degrees * Double.pi / 180, c = cos(a), s = sin(a)
        let w = Double(width), h = Double(height)
        let nw = Int((abs(w * c) + abs(h * s)).rounded(.up)), nh = Int((abs(w * s) + abs(h * c)).rounded(.up))
        var out = DamagedSheet(width: nw, height: nh)
        let cx = w / 2, cy = h / 2, ncx = Double(nw) / 2, ncy = Double(nh) / 2
        for y in 0..<nh {
            for x in 0..<nw {
                // The source point of the output pixel's centre (inverse rotation).
                let dx = Double(x) + 0.5 - ncx, dy = Double(y) + 0.5 - ncy
                let sx = c * dx + s * dy + cx - 0.5, sy = -s * dx + c * dy + cy - 0.5
                let x0 = Int(sx.rounded(.down)), y0 = Int(sy.rounded(.down))
                let fx = Float(sx - Double(x0)), fy = Float(sy - Double(y0))
                var g: Float = 0, cv: Float = 0
                func tap(_ xx: Int, _ yy: Int, _ wt: Float) {
                    guard wt > 0, xx >= 0, yy >= 0, xx < width, yy < height else { return }
                    let k = yy * width + xx
                    g += wt * cover[k] * gray[k]
                    cv += wt * cover[k]
                }
                tap(x0, y0, (1 - fx) * (1 - fy))
                tap(x0 + 1, y0, fx * (1 - fy))
                tap(x0, y0 + 1, (1 - fx) * fy)
                tap(x0 + 1, y0 + 1, fx * fy)
                let k = y * nw + x
                out.cover[k] = min(1, cv)
                out.gray[k] = cv > 0 ? min(255, g / cv) : 255
            }
        }
        return out
    }

    /// With `border` px of no paper all round.
    func padded(_ border: Int) -> DamagedSheet {
        guard border > 0 else { return self }
        var out = DamagedSheet(width: width + 2 * border, height: height + 2 * border)
        for y in 0..<height {
            for x in 0..<width {
                let k = (y + border) * out.width + x + border
                out.gray[k] = gray[y * width + x]
                out.cover[k] = cover[y * width + x]
            }
        }
        return out
    }

    /// The piece as written: the paper composed over the background (or its
    /// transparency), turned by 180 degrees when `flipped`.
    func file(name: String, background: ShredDamage.Background?, flipped: Bool) -> ShredFile {
        let n = width * height
        func index(_ i: Int) -> Int { flipped ? n - 1 - i : i }
        func byte(_ v: Float) -> UInt8 { UInt8(min(255, max(0, v.rounded()))) }
        switch background {
        case .transparent:
            var rgb = [UInt8](repeating: 255, count: 3 * n), alpha = [UInt8](repeating: 0, count: n)
            for i in 0..<n {
                let k = index(i)
                let v = cover[k] > 0 ? byte(gray[k]) : 255
                rgb[3 * i] = v
                rgb[3 * i + 1] = v
                rgb[3 * i + 2] = v
                alpha[i] = byte(255 * cover[k])
            }
            return ShredFile(name: name, image: .colour(RGBImage(width: width, height: height, pixels: rgb)),
                             alpha: GrayImage(width: width, height: height, pixels: alpha))
        case let .colour(r, g, b)? where !(r == g && g == b):
            var rgb = [UInt8](repeating: 0, count: 3 * n)
            for i in 0..<n {
                let k = index(i), c = cover[k], p = gray[k] * c
                rgb[3 * i] = byte(p + Float(r) * (1 - c))
                rgb[3 * i + 1] = byte(p + Float(g) * (1 - c))
                rgb[3 * i + 2] = byte(p + Float(b) * (1 - c))
            }
            return ShredFile(name: name, image: .colour(RGBImage(width: width, height: height, pixels: rgb)), alpha: nil)
        default:
            var level: Float = 255
            if case let .colour(r, _, _)? = background { level = Float(r) }
            var pixels = [UInt8](repeating: 0, count: n)
            for i in 0..<n {
                let k = index(i), c = cover[k]
                pixels[i] = byte(gray[k] * c + level * (1 - c))
            }
            return ShredFile(name: name, image: .gray(GrayImage(width: width, height: height, pixels: pixels)), alpha: nil)
        }
    }
}

extension ShredFile {
    /// The gray a reader sees: luma of colour; transparent pixels as paper (255).
    var gray: GrayImage {
        var g: GrayImage
        switch image {
        case let .gray(image): g = image
        case let .colour(image): g = image.luma
        }
        if let alpha {
            for i in g.pixels.indices where alpha.pixels[i] == 0 { g.pixels[i] = 255 }
        }
        return g
    }
}
