/// Reads uncompressed Windows bitmaps: 1/4/8-bit palette, 16/24/32-bit direct colour
/// (BI_RGB, and BI_BITFIELDS for 16/32 bit), bottom-up or top-down, to 8-bit gray.
///
/// Hostile input: every header field is checked before it is used; the image size
/// against `ImageLimits.maxPixels` and the pixel data against the file length, both
/// before the pixel buffer is allocated. Arithmetic on header fields cannot overflow.
/// Compressed variants (RLE8, RLE4, embedded JPEG/PNG, OS/2 Huffman/RLE24) are refused
/// by name.
public enum BMPCodec {
    public static func hasSignature(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x42 && bytes[1] == 0x4D
    }

    public static func decode(_ bytes: [UInt8], path: String, limits: ImageLimits = .default) throws -> GrayImage {
        func truncated(_ detail: String) -> ImageError { .truncated(path: path, format: "BMP", detail: detail) }
        func corrupt(_ detail: String) -> ImageError { .corrupt(path: path, format: "BMP", detail: detail) }
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func u32(_ i: Int) -> UInt32 {
            UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
        }

        guard hasSignature(bytes) else { throw ImageError.notAnImage(path: path) }
        guard bytes.count >= 18 else { throw truncated("read \(bytes.count) of at least 18 header bytes") }
        let dataOffset = Int(u32(10))
        let headerSize = Int(u32(14))
        guard [12, 40, 52, 56, 64, 108, 124].contains(headerSize) else {
            throw corrupt("unknown info header size \(headerSize)")
        }
        guard bytes.count >= 14 + headerSize else {
            throw truncated("read \(bytes.count) of \(14 + headerSize) header bytes")
        }

        let width: Int, rawHeight: Int, bitsPerPixel: Int, compression: UInt32
        var colorsUsed = 0
        let paletteEntrySize: Int
        if headerSize == 12 {
            width = u16(18)
            rawHeight = Int(Int16(truncatingIfNeeded: u16(20)))
            bitsPerPixel = u16(24)
            compression = 0
            paletteEntrySize = 3
        } else {
            width = Int(Int32(bitPattern: u32(18)))
            rawHeight = Int(Int32(bitPattern: u32(22)))
            bitsPerPixel = u16(28)
            compression = u32(30)
            colorsUsed = Int(u32(46))
            paletteEntrySize = 4
        }
        let topDown = rawHeight < 0
        let height = rawHeight.magnitude > Int32.max.magnitude ? -1 : Int(rawHeight.magnitude)
        guard width > 0, height > 0 else { throw corrupt("image size \(width.grouped) x \(rawHeight.grouped)") }
        try limits.checkSize(width: width, height: height, path: path)

        // Compressed data is refused by name, whatever the other fields say.
        let os2 = headerSize == 64  // OS/2 2.x numbers its compression types differently.
        switch compression {
        case 1: throw ImageError.unsupported(path: path, format: "BMP", detail: "RLE8 compression")
        case 2: throw ImageError.unsupported(path: path, format: "BMP", detail: "RLE4 compression")
        case 3 where os2: throw ImageError.unsupported(path: path, format: "BMP", detail: "OS/2 Huffman 1D compression")
        case 4 where os2: throw ImageError.unsupported(path: path, format: "BMP", detail: "OS/2 RLE24 compression")
        case 4: throw ImageError.unsupported(path: path, format: "BMP", detail: "embedded JPEG")
        case 5: throw ImageError.unsupported(path: path, format: "BMP", detail: "embedded PNG")
        default: break
        }
        guard [1, 4, 8, 16, 24, 32].contains(bitsPerPixel) else { throw corrupt("\(bitsPerPixel) bits per pixel") }

        // Channel masks for direct colour; defaults are BI_RGB's.
        var masks: (r: UInt32, g: UInt32, b: UInt32) =
            bitsPerPixel == 16 ? (0x7C00, 0x03E0, 0x001F) : (0x00FF_0000, 0x0000_FF00, 0x0000_00FF)
        switch compression {
        case 0: break
        case 3 where bitsPerPixel == 16 || bitsPerPixel == 32:
            let maskAt = headerSize >= 52 ? 54 : 14 + headerSize
            guard bytes.count >= maskAt + 12 else { throw truncated("bit field masks cut short") }
            masks = (u32(maskAt), u32(maskAt + 4), u32(maskAt + 8))
            guard masks.r != 0, masks.g != 0, masks.b != 0 else { throw corrupt("empty colour mask") }
        case 3: throw ImageError.unsupported(path: path, format: "BMP", detail: "bit field masks with \(bitsPerPixel) bits per pixel")
        default: throw ImageError.unsupported(path: path, format: "BMP", detail: "compression type \(compression)")
        }

        var palette: [UInt8] = []
        if bitsPerPixel <= 8 {
            let maxColors = 1 << bitsPerPixel
            let count = colorsUsed == 0 ? maxColors : colorsUsed
            guard count <= maxColors else { throw corrupt("palette of \(count.grouped) colours for \(bitsPerPixel)-bit pixels") }
            let paletteAt = 14 + headerSize + (compression == 3 && headerSize == 40 ? 12 : 0)
            guard bytes.count >= paletteAt + count * paletteEntrySize else { throw truncated("palette cut short") }
            palette = [UInt8](repeating: 0, count: maxColors)
            for i in 0..<count {
                let at = paletteAt + i * paletteEntrySize
                palette[i] = luminance(r: Int(bytes[at + 2]), g: Int(bytes[at + 1]), b: Int(bytes[at]))
            }
        }

        // width <= Int32.max and bitsPerPixel <= 32: no overflow here; the products are checked.
        let rowBytes = ((width * bitsPerPixel + 31) / 32) * 4
        guard dataOffset >= 14 + headerSize, dataOffset <= bytes.count else {
            throw corrupt("pixel data offset \(dataOffset.grouped) outside the file of \(bytes.count.grouped) bytes")
        }
        let (dataBytes, overflow) = rowBytes.multipliedReportingOverflow(by: height)
        guard !overflow, dataBytes <= bytes.count - dataOffset else {
            let needed = overflow ? "more than \(Int.max.grouped)" : (dataOffset + dataBytes).grouped
            throw truncated("read \(bytes.count.grouped) of \(needed) bytes")
        }

        let shifts = (r: shiftAndScale(masks.r), g: shiftAndScale(masks.g), b: shiftAndScale(masks.b))
        var pixels = [UInt8](repeating: 255, count: width * height)
        for fileRow in 0..<height {
            let y = topDown ? fileRow : height - 1 - fileRow
            let rowStart = dataOffset + fileRow * rowBytes
            let out = y * width
            switch bitsPerPixel {
            case 8:
                for x in 0..<width { pixels[out + x] = palette[Int(bytes[rowStart + x])] }
            case 4:
                for x in 0..<width {
                    let byte = bytes[rowStart + x / 2]
                    pixels[out + x] = palette[Int(x % 2 == 0 ? byte >> 4 : byte & 0x0F)]
                }
            case 1:
                for x in 0..<width {
                    let byte = bytes[rowStart + x / 8]
                    pixels[out + x] = palette[Int((byte >> (7 - UInt8(x % 8))) & 1)]
                }
            case 24:
                for x in 0..<width {
                    let p = rowStart + x * 3
                    pixels[out + x] = luminance(r: Int(bytes[p + 2]), g: Int(bytes[p + 1]), b: Int(bytes[p]))
                }
            case 16, 32:
                let step = bitsPerPixel / 8
                for x in 0..<width {
                    let p = rowStart + x * step
                    let v = step == 2 ? UInt32(u16(p)) : u32(p)
                    pixels[out + x] = luminance(r: channel(v, shifts.r), g: channel(v, shifts.g), b: channel(v, shifts.b))
                }
            default:
                break
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// Rec. 601 luma, the weights scanners and libpng use.
    @inline(__always)
    static func luminance(r: Int, g: Int, b: Int) -> UInt8 {
        UInt8((r * 299 + g * 587 + b * 114 + 500) / 1000)
    }

    static func shiftAndScale(_ mask: UInt32) -> (shift: UInt32, max: UInt32) {
        let shift = UInt32(mask.trailingZeroBitCount)
        return (shift, mask >> shift)
    }

    /// The channel scaled to 0...255; 64-bit arithmetic, since a mask may be 32 bits wide.
    @inline(__always)
    static func channel(_ v: UInt32, _ s: (shift: UInt32, max: UInt32)) -> Int {
        Int(UInt64((v >> s.shift) & s.max) * 255 / UInt64(max(s.max, 1)))
    }
}
