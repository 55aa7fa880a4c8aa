import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading and writing image files, choosing the codec from the bytes.
public enum ImageFile {
    /// Reads a PNG or BMP file (recognised by its signature, not its name) as 8-bit gray.
    public static func read(_ path: String, limits: ImageLimits = .default) throws -> GrayImage {
        let bytes = try readBytes(path, limit: limits.maxFileBytes)
        if bytes.isEmpty { throw ImageError.truncated(path: path, format: "image", detail: "file is empty") }
        if PNGCodec.hasSignature(bytes) || (bytes.count < 8 && bytes.first == 0x89) {
            return try PNGCodec.decode(bytes, path: path, limits: limits)
        }
        if BMPCodec.hasSignature(bytes) { return try BMPCodec.decode(bytes, path: path, limits: limits) }
        throw ImageError.notAnImage(path: path)
    }

    /// Writes an 8-bit gray PNG atomically: a temporary file in the same folder, then rename.
    public static func writePNG(_ image: GrayImage, to path: String) throws {
        let data = try PNGCodec.encode(image)
        try AtomicFile.write(data, to: path)
    }

    /// The whole file, opened read-only; refuses files larger than `limit`.
    public static func readBytes(_ path: String, limit: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ImageError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ImageError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw ImageError.unreadable(path: path, reason: "is a folder") }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw ImageError.unreadable(path: path, reason: "file is \(size) bytes, above the limit of \(limit)")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, size - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ImageError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            done += n
        }
        return done == size ? bytes : Array(bytes[0..<done])
    }
}
