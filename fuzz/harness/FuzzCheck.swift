#if canImport(Glibc)
import Glibc
#endif

/// What every harness checks on every input.
enum FuzzCheck {
    /// The defaults the command line uses: a hostile header must be refused, not obeyed.
    static let limits = ImageLimits.default

    /// Decodes; success must give a consistent image, failure must be an ImageError
    /// whose message is one line naming the file.
    static func decode(_ bytes: [UInt8], path: String, _ body: ([UInt8], String) throws -> GrayImage) {
        do {
            let image = try body(bytes, path)
            guard image.width > 0, image.height > 0, image.pixels.count == image.width * image.height,
                  image.width * image.height <= limits.maxPixels else {
                fail("inconsistent image \(image.width) x \(image.height), \(image.pixels.count) bytes")
            }
        } catch let error as ImageError {
            let text = error.description
            guard text.hasPrefix(path + ": "), !text.contains("\n") else { fail("bad message: \(text)") }
        } catch {
            fail("unexpected error type \(type(of: error)): \(error)")
        }
    }

    /// The gray of a decoded image, after checking that its colour and opacity (when
    /// present) are consistent with it.
    static func checked(_ decoded: DecodedImage) -> GrayImage {
        let gray = decoded.gray
        if let colour = decoded.colour, colour.width != gray.width || colour.height != gray.height
            || colour.pixels.count != 3 * gray.width * gray.height {
            fail("colour \(colour.width) x \(colour.height) for gray \(gray.width) x \(gray.height)")
        }
        if let alpha = decoded.alpha, alpha.width != gray.width || alpha.height != gray.height {
            fail("alpha \(alpha.width) x \(alpha.height) for gray \(gray.width) x \(gray.height)")
        }
        return gray
    }

    static func fail(_ message: String) -> Never {
        fputs("FUZZ FAILURE: \(message)\n", stderr)
        abort()
    }

    /// The same bytes with each chunk's CRC recomputed (as far as the chunk list can be walked).
    static func fixingCRCs(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = Int(UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
                             | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3]))
            let end = offset + 12 + length
            guard length <= 0x7FFF_FFFF, end <= bytes.count else { break }
            let crc = CRC32.checksum(bytes[(offset + 4)..<(offset + 8 + length)])
            bytes[end - 4] = UInt8(truncatingIfNeeded: crc >> 24)
            bytes[end - 3] = UInt8(truncatingIfNeeded: crc >> 16)
            bytes[end - 2] = UInt8(truncatingIfNeeded: crc >> 8)
            bytes[end - 1] = UInt8(truncatingIfNeeded: crc)
            offset = end
        }
        return bytes
    }
}
