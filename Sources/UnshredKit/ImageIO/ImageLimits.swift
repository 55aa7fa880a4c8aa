/// Sizes the decoders refuse before allocating, so a hostile header cannot
/// exhaust memory. Callers may raise them (the CLI's `--max-pixels`).
public struct ImageLimits: Sendable, Equatable {
    /// Largest accepted image, in pixels (width x height).
    public var maxPixels: Int
    /// Largest accepted file, in bytes.
    public var maxFileBytes: Int

    public init(maxPixels: Int = 50_000_000, maxFileBytes: Int = 512 << 20) {
        self.maxPixels = maxPixels
        self.maxFileBytes = maxFileBytes
    }

    public static let `default` = ImageLimits()
}
