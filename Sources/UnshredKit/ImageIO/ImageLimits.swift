/// Sizes the readers refuse before allocating, so that a hostile or damaged file
/// cannot exhaust memory or time. Callers may raise them (the CLI's `--max-pixels`).
///
/// - `maxPixels` (default 50,000,000): the largest accepted image, width x height.
///   Checked on the header, before any pixel buffer exists; a PNG or BMP claiming
///   200000 x 200000 fails at once.
/// - `maxFileBytes`: the largest accepted file. Unless set explicitly it follows
///   `maxPixels`: 9 bytes per pixel (16-bit RGBA PNG stored uncompressed needs 8,
///   plus filter bytes) and 64 MiB for metadata, i.e. 517,108,864 bytes for the
///   default. Raising `--max-pixels` raises it too. Checked with `fstat` before
///   the file is read.
public struct ImageLimits: Sendable, Equatable {
    /// Largest accepted image, in pixels (width x height).
    public var maxPixels: Int

    /// Largest accepted file, in bytes (by default derived from `maxPixels`).
    public var maxFileBytes: Int {
        get { explicitMaxFileBytes ?? Self.fileBytes(forPixels: maxPixels) }
        set { explicitMaxFileBytes = newValue }
    }

    private var explicitMaxFileBytes: Int?

    public init(maxPixels: Int = 50_000_000, maxFileBytes: Int? = nil) {
        self.maxPixels = maxPixels
        self.explicitMaxFileBytes = maxFileBytes
    }

    public static let `default` = ImageLimits()

    /// The file size a legitimate image of `pixels` pixels can need, saturating.
    public static func fileBytes(forPixels pixels: Int) -> Int {
        let (data, overflow) = max(pixels, 0).multipliedReportingOverflow(by: 9)
        return overflow || data > Int.max - (64 << 20) ? Int.max : data + (64 << 20)
    }

    /// Throws `.tooLarge` unless `width x height` is within `maxPixels` (no overflow for any Int inputs).
    public func checkSize(width: Int, height: Int, path: String) throws {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        if overflow || pixels > maxPixels {
            throw ImageError.tooLarge(path: path, width: width, height: height, limit: maxPixels)
        }
    }
}

extension Int {
    /// `13012` -> `"13,012"`: the figures in error messages.
    var grouped: String {
        let digits = String(self.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return self < 0 ? "-" + out : out
    }
}
