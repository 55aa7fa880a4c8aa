import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading and writing image files, choosing the codec from the bytes.
public enum ImageFile {
    /// Reads a PNG, BMP or JPEG file (recognised by its signature, not its name) as 8-bit gray.
    public static func read(_ path: String, limits: ImageLimits = .default) throws -> GrayImage {
        try readImage(path, limits: limits).gray
    }

    /// Reads a PNG, BMP or JPEG file: its gray, and its colour and transparency when it has them.
    public static func readImage(_ path: String, limits: ImageLimits = .default) throws -> DecodedImage {
        let bytes = try readBytes(path, limit: limits.maxFileBytes)
        if bytes.isEmpty { throw ImageError.truncated(path: path, format: "image", detail: "file is empty") }
        if PNGCodec.hasSignature(bytes) || (bytes.count < 8 && bytes.first == 0x89) {
            return try PNGCodec.decodeImage(bytes, path: path, limits: limits)
        }
        if JPEGCodec.hasSignature(bytes) || (bytes.count < 3 && bytes.first == 0xFF) {
            return try JPEGCodec.decode(bytes, path: path, limits: limits)
        }
        if BMPCodec.hasSignature(bytes) { return DecodedImage(gray: try BMPCodec.decode(bytes, path: path, limits: limits)) }
        if let format = otherFormat(bytes) { throw ImageError.otherFormat(path: path, format: format) }
        throw ImageError.notAnImage(path: path)
    }

    /// Names the formats people put among scanned pieces by mistake, from their signatures.
    static func otherFormat(_ bytes: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<(offset + prefix.count)]) == prefix
        }
        if starts(Array("GIF8".utf8)) { return "GIF" }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "TIFF" }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return "WebP" }
        if starts(Array("ftypheic".utf8), at: 4) || starts(Array("ftypheix".utf8), at: 4) || starts(Array("ftypmif1".utf8), at: 4) { return "HEIF" }
        if starts(Array("ftypavif".utf8), at: 4) { return "AVIF" }
        if starts([0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20]) || starts([0xFF, 0x4F, 0xFF, 0x51]) { return "JPEG 2000" }
        if starts(Array("%PDF".utf8)) { return "PDF" }
        if starts(Array("P1".utf8)) || starts(Array("P2".utf8)) || starts(Array("P4".utf8)) || starts(Array("P5".utf8)) {
            return bytes.count > 2 && [0x0A, 0x0D, 0x20, 0x09].contains(bytes[2]) ? "PNM" : nil
        }
        return nil
    }

    /// Writes an 8-bit gray PNG atomically: a temporary file in the same folder, then rename.
    public static func writePNG(_ image: GrayImage, to path: String) throws {
        let data = try PNGCodec.encode(image, path: path)
        try AtomicFile.write(data, to: path)
    }

    /// Writes an 8-bit RGB PNG atomically.
    public static func writePNG(_ image: RGBImage, to path: String) throws {
        let data = try PNGCodec.encode(image, path: path)
        try AtomicFile.write(data, to: path)
    }

    /// Writes a page: gray pages as gray PNG, colour pages as RGB PNG.
    public static func writePNG(_ page: PageImage, to path: String) throws {
        switch page {
        case let .gray(image): try writePNG(image, to: path)
        case let .colour(image): try writePNG(image, to: path)
        }
    }

    /// The whole file, opened read-only; refuses anything but a regular file, and files
    /// larger than `limit` (checked with fstat, before reading).
    public static func readBytes(_ path: String, limit: Int) throws -> [UInt8] {
        // O_NONBLOCK: a named pipe (or device) called x.png must not block the run;
        // it is refused below, once fstat has said what it is.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw ImageError.unreadable(path: path, reason: openFailure(path, errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ImageError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ImageError.unreadable(path: path, reason: "is a folder")
        case S_IFIFO: throw ImageError.unreadable(path: path, reason: "is a named pipe, not a regular file")
        case S_IFCHR, S_IFBLK: throw ImageError.unreadable(path: path, reason: "is a device, not a regular file")
        case S_IFSOCK: throw ImageError.unreadable(path: path, reason: "is a socket, not a regular file")
        default: throw ImageError.unreadable(path: path, reason: "not a regular file")
        }
        let size = Int(info.st_size)
        guard size <= limit else { throw ImageError.fileTooLarge(path: path, bytes: size, limit: limit) }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, size - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ImageError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }  // The file shrank while being read: what is there is decoded (and found short).
            done += n
        }
        return done == size ? bytes : Array(bytes[0..<done])
    }

    /// Why `open` failed, in words; a dangling symbolic link is named as such.
    static func openFailure(_ path: String, _ code: Int32) -> String {
        if code == ENOENT {
            var info = stat()
            if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                return "broken symbolic link to \(target)"
            }
        }
        return String(cString: strerror(code))
    }
}
