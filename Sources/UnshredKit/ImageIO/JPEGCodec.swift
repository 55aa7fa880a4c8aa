import CLibJPEG
import Foundation

/// JPEG decoding (and, for making test sets, encoding) through libjpeg-turbo (see `CLibJPEG`): baseline and progressive,
/// gray or colour (YCbCr/RGB). CMYK files are refused as unsupported.
///
/// The header's size is checked against `ImageLimits` before any pixel buffer
/// exists; a file that ends early or whose coded data is damaged is an error (libjpeg
/// alone would warn and fill the rest with gray).
public enum JPEGCodec {
    /// SOI followed by the first marker's 0xFF.
    public static func hasSignature(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF
    }

    /// Decodes to 8-bit gray (a colour file's luma, `RGBImage.luma`) plus the colour
    /// pixels when the file is in colour.
    public static func decode(_ bytes: [UInt8], path: String, limits: ImageLimits = .default) throws -> DecodedImage {
        guard hasSignature(bytes) else {
            if bytes.count < 3 && Array([0xFF, 0xD8].prefix(bytes.count)) == bytes {
                throw ImageError.truncated(path: path, format: "JPEG", detail: "read \(bytes.count) of at least 3 signature bytes")
            }
            throw ImageError.notAnImage(path: path)
        }
        var width: UInt32 = 0, height: UInt32 = 0, channels: UInt32 = 0
        var pixels: UnsafeMutablePointer<UInt8>? = nil
        var message = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer { buffer in
            unshred_jpeg_decode(buffer.baseAddress, buffer.count, UInt64(limits.maxPixels),
                                &width, &height, &channels, &pixels, &message, message.count)
        }
        defer { free(pixels) }
        let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ")
        switch Int(status) {
        case UNSHRED_JPEG_OK:
            guard let pixels, width > 0, height > 0, channels == 1 || channels == 3 else {
                throw ImageError.corrupt(path: path, format: "JPEG", detail: "libjpeg gave \(channels) channels")
            }
            let w = Int(width), h = Int(height)
            let data = [UInt8](UnsafeBufferPointer(start: pixels, count: w * h * Int(channels)))
            if channels == 1 { return DecodedImage(gray: GrayImage(width: w, height: h, pixels: data)) }
            let colour = RGBImage(width: w, height: h, pixels: data)
            return DecodedImage(gray: colour.luma, colour: colour.isGray ? nil : colour)
        case UNSHRED_JPEG_TOO_LARGE:
            throw ImageError.tooLarge(path: path, width: Int(width), height: Int(height), limit: limits.maxPixels)
        case UNSHRED_JPEG_NO_MEMORY:
            throw ImageError.unreadable(path: path, reason: "out of memory decoding a \(Int(width).grouped) x \(Int(height).grouped) JPEG")
        case UNSHRED_JPEG_TRUNCATED:
            throw ImageError.truncated(path: path, format: "JPEG", detail: "libjpeg: \(text)")
        case UNSHRED_JPEG_UNSUPPORTED:
            throw ImageError.unsupported(path: path, format: "JPEG", detail: text)
        default:
            throw ImageError.corrupt(path: path, format: "JPEG", detail: "libjpeg: \(text)")
        }
    }

    /// Encodes a gray image as a baseline grayscale JPEG of `quality` (1...100).
    public static func encode(_ image: GrayImage, quality: Int, path: String = "<jpeg>") throws -> [UInt8] {
        try encoded(image.pixels, width: image.width, height: image.height, channels: 1, quality: quality, path: path)
    }

    /// Encodes an RGB image as a baseline colour JPEG of `quality` (1...100).
    public static func encode(_ image: RGBImage, quality: Int, path: String = "<jpeg>") throws -> [UInt8] {
        try encoded(image.pixels, width: image.width, height: image.height, channels: 3, quality: quality, path: path)
    }

    private static func encoded(_ pixels: [UInt8], width: Int, height: Int, channels: Int, quality: Int, path: String) throws -> [UInt8] {
        guard width > 0, height > 0, width <= 65_500, height <= 65_500, (1...100).contains(quality) else {
            throw ImageError.unwritable(path: path, reason: "cannot encode \(width) x \(height) px as JPEG at quality \(quality)")
        }
        var output: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = pixels.withUnsafeBufferPointer { buffer in
            unshred_jpeg_encode(buffer.baseAddress, UInt32(width), UInt32(height), UInt32(channels), Int32(quality),
                                &output, &size, &message, message.count)
        }
        defer { free(output) }
        guard status == UNSHRED_JPEG_OK, let output else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ImageError.unwritable(path: path, reason: "libjpeg: \(text.isEmpty ? "error \(status)" : text)")
        }
        return [UInt8](UnsafeBufferPointer(start: output, count: size))
    }
}
