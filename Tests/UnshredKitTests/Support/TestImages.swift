import Foundation
@testable import UnshredKit

/// Builds image files byte by byte, so the decoders are tested on variants
/// the fixtures do not contain (RGB, palette, 16-bit, alpha, top-down BMP...).
enum TestImages {
    // MARK: PNG

    /// A PNG with the given IHDR fields and raw (unfiltered) scanlines, deflated as stored blocks.
    static func png(width: Int, height: Int, bitDepth: UInt8, colorType: UInt8,
                    scanlines: [[UInt8]], palette: [UInt8]? = nil, transparency: [UInt8]? = nil) -> [UInt8] {
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr = be32(width) + be32(height)
        ihdr += [bitDepth, colorType, 0, 0, 0]
        out += chunk("IHDR", ihdr)
        if let palette { out += chunk("PLTE", palette) }
        if let transparency { out += chunk("tRNS", transparency) }
        var raw: [UInt8] = []
        for line in scanlines { raw.append(0); raw += line }
        out += chunk("IDAT", zlibStored(raw))
        out += chunk("IEND", [])
        return out
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return be32(data.count) + typeBytes + data + be32(Int(CRC32.checksum(typeBytes + data)))
    }

    static func be32(_ v: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
    }

    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65535, data.count - offset)
            let final: UInt8 = offset + n == data.count ? 1 : 0
            out += [final, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[offset..<(offset + n)]
            offset += n
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        return out + be32(Int(b << 16 | a))
    }

    // MARK: BMP

    /// An uncompressed BMP. `rows` are top-to-bottom pixel rows already packed for `bitsPerPixel`.
    static func bmp(width: Int, height: Int, bitsPerPixel: Int, rows: [[UInt8]],
                    palette: [(r: UInt8, g: UInt8, b: UInt8)] = [], topDown: Bool = false,
                    compression: UInt32 = 0) -> [UInt8] {
        let rowBytes = ((width * bitsPerPixel + 31) / 32) * 4
        let paletteBytes = palette.count * 4
        let dataOffset = 14 + 40 + paletteBytes
        let fileSize = dataOffset + rowBytes * height
        var out: [UInt8] = [0x42, 0x4D] + le32(fileSize) + [0, 0, 0, 0] + le32(dataOffset)
        out += le32(40) + le32(width) + le32(topDown ? -height : height) + le16(1) + le16(bitsPerPixel)
        out += le32(Int(compression)) + le32(rowBytes * height) + le32(2835) + le32(2835)
        out += le32(palette.count) + le32(0)
        for c in palette { out += [c.b, c.g, c.r, 0] }
        let order = topDown ? Array(0..<height) : Array((0..<height).reversed())
        for y in order {
            var line = rows[y]
            line += [UInt8](repeating: 0, count: rowBytes - line.count)
            out += line
        }
        return out
    }

    static func le32(_ v: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: v), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 24)]
    }
    static func le16(_ v: Int) -> [UInt8] { [UInt8(truncatingIfNeeded: v), UInt8(truncatingIfNeeded: v >> 8)] }

    static var grayRamp: [(r: UInt8, g: UInt8, b: UInt8)] { (0..<256).map { (UInt8($0), UInt8($0), UInt8($0)) } }

    /// Writes a gray image as an 8-bit palette BMP, like the CUMCM files.
    static func bmp8(_ image: GrayImage) -> [UInt8] {
        let rows = (0..<image.height).map { image.row($0) }
        return bmp(width: image.width, height: image.height, bitsPerPixel: 8, rows: rows, palette: grayRamp)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
