import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension TestSet {
    /// Writes a cut as a test set: the pieces named by their stems, and
    /// `truth.txt`. A clean cut's pieces are 8-bit gray PNG; a damaged one's
    /// (`Cut.files`) gray or RGB PNG, RGBA PNG when transparent, or JPEG.
    ///
    /// The set is written to a hidden temporary folder beside `folder` and renamed
    /// into place, so a reader never sees half a set. An existing non-empty folder
    /// is refused unless `replace` is set, and even then only when it holds nothing
    /// but a test set (images, `truth.txt`, `pieces/`, hidden files) and none of
    /// `inputs`. Missing parent folders are created.
    public static func write(_ cut: Shredder.Cut, to folder: String, replace: Bool = false, inputs: [String] = []) throws {
        let fm = FileManager.default
        let url = URL(fileURLWithPath: folder).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        guard !name.isEmpty, name != "/" else { throw TestSetError.unwritable(path: folder, reason: "not a folder name") }

        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: url.path, isDirectory: &isDir)
        if exists {
            guard isDir.boolValue else { throw TestSetError.notAFolder(path: folder) }
            let entries = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
            if !entries.isEmpty {
                guard replace else { throw TestSetError.notEmpty(path: folder) }
                try checkReplaceable(url, entries: entries, folder: folder, inputs: inputs)
            }
        }
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw TestSetError.unwritable(path: folder, reason: "cannot create \(parent)")
        }

        var template = Array("\(parent)/.\(name).tmp-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw TestSetError.unwritable(path: folder, reason: String(cString: strerror(errno)))
        }
        let temp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var done = false
        defer { if !done { try? fm.removeItem(atPath: temp) } }
        chmod(temp, 0o755)
        if cut.files.isEmpty {
            for piece in cut.pieces {
                try ImageFile.writePNG(piece.image, to: "\(temp)/\(piece.name).png")
            }
        }
        for file in cut.files {
            let path = "\(temp)/\(file.name).\(cut.jpegQuality == nil ? "png" : "jpg")"
            let bytes: [UInt8]
            switch (file.image, file.alpha, cut.jpegQuality) {
            case let (.gray(image), nil, quality?): bytes = try JPEGCodec.encode(image, quality: quality, path: path)
            case let (.colour(image), nil, quality?): bytes = try JPEGCodec.encode(image, quality: quality, path: path)
            case let (.gray(image), nil, nil): bytes = try PNGCodec.encode(image, path: path)
            case let (.colour(image), nil, nil): bytes = try PNGCodec.encode(image, path: path)
            case let (.colour(image), alpha?, nil): bytes = try PNGCodec.encode(image, alpha: alpha, path: path)
            case let (.gray(image), alpha?, nil): bytes = try PNGCodec.encode(RGBImage(image), alpha: alpha, path: path)
            case (_, _?, _?): throw TestSetError.unwritable(path: folder, reason: "JPEG has no transparency")
            }
            try AtomicFile.write(bytes, to: path)
        }
        try AtomicFile.write(cut.truthText, to: "\(temp)/\(truthFile)")

        if exists {
            // Move the old folder aside, the new one in, then delete the old one.
            let aside = "\(parent)/.\(name).old-\(UUID().uuidString)"
            guard rename(url.path, aside) == 0 else {
                throw TestSetError.unwritable(path: folder, reason: String(cString: strerror(errno)))
            }
            guard rename(temp, url.path) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = rename(aside, url.path)
                throw TestSetError.unwritable(path: folder, reason: reason)
            }
            try? fm.removeItem(atPath: aside)
        } else {
            guard rename(temp, url.path) == 0 else {
                throw TestSetError.unwritable(path: folder, reason: String(cString: strerror(errno)))
            }
        }
        done = true
    }

    /// A folder may be replaced only if it holds a test set and none of the inputs.
    static func checkReplaceable(_ url: URL, entries: [String], folder: String, inputs: [String]) throws {
        let root = url.resolvingSymlinksInPath().path + "/"
        for input in inputs {
            let path = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path
            if path.hasPrefix(root) { throw TestSetError.inputInside(path: folder, input: input) }
        }
        func isSetFile(_ entry: String, in dir: String, allowPieces: Bool) -> Bool {
            if entry.hasPrefix(".") || entry == truthFile { return true }
            var isDir: ObjCBool = false
            let path = "\(dir)/\(entry)"
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            if isDir.boolValue {
                guard allowPieces, entry == piecesFolder else { return false }
                let inner = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                return inner.allSatisfy { isSetFile($0, in: path, allowPieces: false) && $0 != truthFile }
            }
            return PieceLoader.imageExtensions.contains((entry as NSString).pathExtension.lowercased())
        }
        if let odd = entries.sorted().first(where: { !isSetFile($0, in: url.path, allowPieces: true) }) {
            throw TestSetError.notATestSet(path: folder, file: odd)
        }
    }
}
