import CLibPNG
import Foundation

/// PNG decoding and encoding through libpng's simplified API (see `CLibPNG`).
///
/// Before libpng sees the bytes, the chunk structure is walked here so that the
/// common failures (cut-short files, damaged chunks) get a precise message.
public enum PNGCodec {
    static let libpngMaxSide = 1_000_000
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    public static func hasSignature(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 8 && Array(bytes[0..<8]) == signature
    }

    /// Decodes any PNG (gray, gray+alpha, RGB(A), palette; 1-16 bit) to 8-bit gray.
    public static func decode(_ bytes: [UInt8], path: String, limits: ImageLimits = .default) throws -> GrayImage {
        try checkChunks(bytes, path: path, limits: limits)
        let g = try pixels(bytes, path: path, limits: limits, layout: UNSHRED_PNG_GRAY)
        return GrayImage(width: g.width, height: g.height, pixels: g.data)
    }

    /// Decodes any PNG to 8-bit gray (as `decode`), plus its colour pixels when the file
    /// is in colour (and they are not all gray) and its opacity when it has transparency.
    public static func decodeImage(_ bytes: [UInt8], path: String, limits: ImageLimits = .default) throws -> DecodedImage {
        try checkChunks(bytes, path: path, limits: limits)
        var width: UInt32 = 0, height: UInt32 = 0
        var hasColour: Int32 = 0, hasAlpha: Int32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer { buffer in
            unshred_png_read_format(buffer.baseAddress, buffer.count, &width, &height, &hasColour, &hasAlpha, &message, message.count)
        }
        guard Int(status) == UNSHRED_PNG_OK else { throw libpngError(path, message) }
        let g = try pixels(bytes, path: path, limits: limits, layout: UNSHRED_PNG_GRAY)
        var decoded = DecodedImage(gray: GrayImage(width: g.width, height: g.height, pixels: g.data))
        if hasColour != 0 {
            let c = try pixels(bytes, path: path, limits: limits, layout: UNSHRED_PNG_RGB)
            let colour = RGBImage(width: c.width, height: c.height, pixels: c.data)
            if !colour.isGray { decoded.colour = colour }
        }
        if hasAlpha != 0 {
            let ga = try pixels(bytes, path: path, limits: limits, layout: UNSHRED_PNG_GRAY_ALPHA)
            let alpha = (0..<(ga.width * ga.height)).map { ga.data[2 * $0 + 1] }
            if alpha.contains(where: { $0 != 255 }) {
                decoded.alpha = GrayImage(width: ga.width, height: ga.height, pixels: alpha)
            }
        }
        return decoded
    }

    /// Pixels in one of the shim's layouts (`UNSHRED_PNG_GRAY`...), after `checkChunks`.
    static func pixels(_ bytes: [UInt8], path: String, limits: ImageLimits, layout: Int) throws -> (width: Int, height: Int, data: [UInt8]) {
        var width: UInt32 = 0, height: UInt32 = 0
        var pixels: UnsafeMutablePointer<UInt8>? = nil
        var message = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer { buffer in
            unshred_png_decode(buffer.baseAddress, buffer.count, UInt64(limits.maxPixels), Int32(layout),
                               &width, &height, &pixels, &message, message.count)
        }
        defer { free(pixels) }
        switch Int(status) {
        case UNSHRED_PNG_OK:
            let channels = layout == UNSHRED_PNG_RGB ? 3 : layout == UNSHRED_PNG_GRAY_ALPHA ? 2 : 1
            let count = Int(width) * Int(height) * channels
            return (Int(width), Int(height), [UInt8](UnsafeBufferPointer(start: pixels, count: count)))
        case UNSHRED_PNG_TOO_LARGE:
            throw ImageError.tooLarge(path: path, width: Int(width), height: Int(height), limit: limits.maxPixels)
        case UNSHRED_PNG_NO_MEMORY:
            throw ImageError.unreadable(path: path, reason: "out of memory decoding a \(Int(width).grouped) x \(Int(height).grouped) PNG")
        default:
            throw libpngError(path, message)
        }
    }

    static func libpngError(_ path: String, _ message: [CChar]) -> ImageError {
        let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return ImageError.corrupt(path: path, format: "PNG", detail: "libpng: \(text)")
    }

    /// Encodes an 8-bit gray PNG; `path` only names the destination in errors.
    public static func encode(_ image: GrayImage, path: String = "<png>") throws -> [UInt8] {
        try encoded(width: image.width, height: image.height, path: path, pixels: image.pixels, with: unshred_png_encode_gray)
    }

    /// Encodes an 8-bit RGB PNG; `path` only names the destination in errors.
    public static func encode(_ image: RGBImage, path: String = "<png>") throws -> [UInt8] {
        try encoded(width: image.width, height: image.height, path: path, pixels: image.pixels, with: unshred_png_encode_rgb)
    }

    /// Encodes an 8-bit RGBA PNG from colour pixels and their opacity (same size;
    /// 255 = opaque); `path` only names the destination in errors.
    public static func encode(_ image: RGBImage, alpha: GrayImage, path: String = "<png>") throws -> [UInt8] {
        precondition(alpha.width == image.width && alpha.height == image.height, "PNGCodec: alpha size differs from the image's")
        let n = image.width * image.height
        var rgba = [UInt8](repeating: 0, count: 4 * n)
        for i in 0..<n {
            rgba[4 * i] = image.pixels[3 * i]
            rgba[4 * i + 1] = image.pixels[3 * i + 1]
            rgba[4 * i + 2] = image.pixels[3 * i + 2]
            rgba[4 * i + 3] = alpha.pixels[i]
        }
        return try encoded(width: image.width, height: image.height, path: path, pixels: rgba, with: unshred_png_encode_rgba)
    }

    /// One shim call for every pixel layout: the size check, the call, its error text.
    private static func encoded(
        width: Int, height: Int, path: String, pixels: [UInt8],
        with shim: (UnsafePointer<UInt8>?, UInt32, UInt32, UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
                    UnsafeMutablePointer<Int>?, UnsafeMutablePointer<CChar>?, Int) -> Int32
    ) throws -> [UInt8] {
        guard (1...libpngMaxSide).contains(width), (1...libpngMaxSide).contains(height) else {
            throw ImageError.unwritable(path: path, reason: "a PNG cannot be \(width.grouped) x \(height.grouped) pixels"
                                        + " (libpng writes 1 to \(libpngMaxSide.grouped) pixels each way)")
        }
        var out: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = pixels.withUnsafeBufferPointer { buffer in
            shim(buffer.baseAddress, UInt32(width), UInt32(height), &out, &size, &message, message.count)
        }
        defer { free(out) }
        guard Int(status) == UNSHRED_PNG_OK, let out else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ImageError.unwritable(path: path, reason: "libpng: \(text)")
        }
        return [UInt8](UnsafeBufferPointer(start: out, count: size))
    }

    /// Walks the chunk list: signature, lengths, CRCs, IHDR first with a sane size, IEND last;
    /// and checks that the image data could inflate to the size the header claims (deflate
    /// expands at most 1032-fold), so that a small file with a large header is refused
    /// before libpng or the decoder allocate anything for it, whatever `maxPixels` is.
    static func checkChunks(_ bytes: [UInt8], path: String, limits: ImageLimits) throws {
        guard hasSignature(bytes) else {
            if bytes.count < 8 && Array(signature.prefix(bytes.count)) == bytes {
                throw ImageError.truncated(path: path, format: "PNG", detail: "read \(bytes.count) of at least 8 signature bytes")
            }
            throw ImageError.notAnImage(path: path)
        }
        var offset = 8
        var sawIHDR = false
        var width = 0, height = 0, bitsPerPixel = 1
        var imageDataBytes = 0
        while true {
            guard offset + 8 <= bytes.count else {
                throw ImageError.truncated(path: path, format: "PNG", detail: offset == bytes.count
                    ? "file ends at byte \(bytes.count.grouped) before the IEND chunk"
                    : "read \(bytes.count.grouped) of at least \((offset + 12).grouped) bytes; chunk header at byte \(offset.grouped) is cut short")
            }
            let length = Int(readUInt32BE(bytes, offset))
            let typeBytes = Array(bytes[(offset + 4)..<(offset + 8)])
            let type = String(decoding: typeBytes, as: UTF8.self)
            guard length <= 0x7FFF_FFFF, typeBytes.allSatisfy({ (65...90).contains($0) || (97...122).contains($0) }) else {
                throw ImageError.corrupt(path: path, format: "PNG", detail: "bad chunk header at byte \(offset.grouped)")
            }
            let end = offset + 12 + length
            guard end <= bytes.count else {
                throw ImageError.truncated(path: path, format: "PNG",
                                           detail: "read \(bytes.count.grouped) of \(end.grouped) bytes; chunk \(type) at byte \(offset.grouped) is cut short")
            }
            let stored = readUInt32BE(bytes, offset + 8 + length)
            let computed = CRC32.checksum(bytes[(offset + 4)..<(offset + 8 + length)])
            guard stored == computed else {
                throw ImageError.corrupt(path: path, format: "PNG", detail: "bad CRC in chunk \(type) at byte \(offset.grouped)")
            }
            if !sawIHDR {
                guard type == "IHDR" else {
                    throw ImageError.corrupt(path: path, format: "PNG", detail: "first chunk is \(type), not IHDR")
                }
                guard length == 13 else {
                    throw ImageError.corrupt(path: path, format: "PNG", detail: "IHDR chunk of \(length.grouped) bytes, not 13")
                }
                // PNG allows 1 ... 2^31-1 each way; the product is checked without overflow.
                width = Int(readUInt32BE(bytes, offset + 8))
                height = Int(readUInt32BE(bytes, offset + 12))
                let channels = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][Int(bytes[offset + 17])] ?? 1
                bitsPerPixel = channels * min(max(Int(bytes[offset + 16]), 1), 16)
                guard (1...0x7FFF_FFFF).contains(width), (1...0x7FFF_FFFF).contains(height) else {
                    throw ImageError.corrupt(path: path, format: "PNG",
                                             detail: "image size \(width.grouped) x \(height.grouped) in IHDR; PNG allows 1 to 2,147,483,647")
                }
                try limits.checkSize(width: width, height: height, path: path)
                // libpng's built-in limit (PNG_USER_WIDTH_MAX/HEIGHT_MAX), which the simplified API cannot raise.
                if width > libpngMaxSide || height > libpngMaxSide {
                    throw ImageError.unsupported(path: path, format: "PNG", detail:
                        "\(width.grouped) x \(height.grouped) pixels; libpng reads at most \(libpngMaxSide.grouped) pixels each way")
                }
                sawIHDR = true
            }
            if type == "IDAT" { imageDataBytes += length }
            if type == "IEND" {
                // Lower bound of the inflated data: the pixels alone, without filter bytes.
                let (pixels, _) = width.multipliedReportingOverflow(by: height)  // both < 2^31
                let (needed, overflow) = (pixels / 8).multipliedReportingOverflow(by: bitsPerPixel)
                if overflow || needed / 1032 > imageDataBytes + 64 {
                    throw ImageError.corrupt(path: path, format: "PNG",
                                             detail: "\(imageDataBytes.grouped) bytes of image data cannot hold \(width.grouped) x \(height.grouped) pixels")
                }
                return
            }
            offset = end
        }
    }

    @inline(__always)
    static func readUInt32BE(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }
}

/// CRC-32 as PNG defines it (ISO 3309, polynomial 0xEDB88320).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
