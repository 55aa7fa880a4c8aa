import Foundation

/// Everything that can go wrong reading or writing an image, with the file named.
/// Each description is one line: `PATH: problem (detail)`.
public enum ImageError: Error, Equatable, CustomStringConvertible, Sendable {
    case unreadable(path: String, reason: String)
    case notAnImage(path: String)
    /// A known image format other than PNG, BMP and JPEG (GIF, TIFF, WebP...), or a PDF.
    case otherFormat(path: String, format: String)
    case truncated(path: String, format: String, detail: String)
    case corrupt(path: String, format: String, detail: String)
    case unsupported(path: String, format: String, detail: String)
    case tooLarge(path: String, width: Int, height: Int, limit: Int)
    case fileTooLarge(path: String, bytes: Int, limit: Int)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot read file (\(reason))"
        case let .notAnImage(path): return "\(path): not a PNG, BMP or JPEG image (unrecognised file signature)"
        case let .otherFormat(path, format): return "\(path): a \(format) file, not PNG, BMP or JPEG (convert it to PNG first)"
        case let .truncated(path, format, detail): return "\(path): truncated \(format) data (\(detail))"
        case let .corrupt(path, format, detail): return "\(path): corrupt \(format) data (\(detail))"
        case let .unsupported(path, format, detail): return "\(path): unsupported \(format) variant (\(detail))"
        case let .tooLarge(path, width, height, limit):
            let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
            let area = overflow ? "more than \(Int.max.grouped)" : pixels.grouped
            return "\(path): image is \(width.grouped) x \(height.grouped) = \(area) pixels, above the limit of \(limit.grouped) pixels (raise it with --max-pixels)"
        case let .fileTooLarge(path, bytes, limit):
            return "\(path): file is \(bytes.grouped) bytes, above the limit of \(limit.grouped) bytes for a piece (raise it with --max-pixels)"
        case let .unwritable(path, reason): return "\(path): cannot write (\(reason))"
        }
    }
}

extension ImageError: LocalizedError {
    public var errorDescription: String? { description }
}
