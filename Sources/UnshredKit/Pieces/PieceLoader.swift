import Foundation

/// Loads a folder of piece images.
public enum PieceLoader {
    public static let imageExtensions: Set<String> = ["png", "bmp"]

    /// The image files of `folder`: `.png`/`.bmp` in any case, hidden files skipped, sorted.
    public static func imagePaths(in folder: String) throws -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) else {
            throw PieceError.folderMissing(path: folder)
        }
        guard isDir.boolValue else { throw PieceError.notAFolder(path: folder) }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            let reason = opendir(folder).map { closedir($0); return "cannot list folder" } ?? String(cString: strerror(errno))
            throw ImageError.unreadable(path: folder, reason: reason)
        }
        var visible = entries.filter { !$0.hasPrefix(".") }
        // A folder `unshred extract` wrote: its contact sheet is not a piece.
        if visible.contains(ExtractionOutput.tableName) { visible.removeAll { $0 == ExtractionOutput.contactName } }
        let images = visible.filter { imageExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
        guard !images.isEmpty else {
            throw PieceError.noImages(path: folder, otherFiles: visible.count, examples: Array(visible.sorted().prefix(3)))
        }
        return images.sorted().map { (folder as NSString).appendingPathComponent($0) }
    }

    /// Loads every piece in `folder`; all must have the same size.
    public static func load(folder: String, limits: ImageLimits = .default, maxPieces: Int = 100_000) throws -> PieceSet {
        let paths = try imagePaths(in: folder)
        guard paths.count <= maxPieces else { throw PieceError.tooMany(path: folder, count: paths.count, limit: maxPieces) }
        var seen = Set<String>()
        for path in paths {
            let stem = stem(of: path)
            if !seen.insert(stem).inserted { throw PieceError.duplicateName(path: folder, name: stem) }
        }
        // A double-sided piece missing a face is named before any image is decoded.
        if let problem = FacePairs.recognise(paths.map(stem(of:)).sorted()).problem {
            throw PieceError.incompleteFaces(path: folder, problem: problem)
        }
        // Decoding dominates loading; pieces are independent.
        var results = [Result<Piece, Error>?](repeating: nil, count: paths.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: paths.count) { i in
                out.value[i] = Result { Piece(name: stem(of: paths[i]), image: try ImageFile.read(paths[i], limits: limits)) }
            }
        }
        var pieces: [Piece] = []
        pieces.reserveCapacity(paths.count)
        for result in results { pieces.append(try result!.get()) }
        try checkSameSize(pieces, folder: folder)
        return PieceSet(pieces: pieces)
    }

    public static func stem(of path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    static func checkSameSize(_ pieces: [Piece], folder: String) throws {
        var counts: [String: (w: Int, h: Int, n: Int)] = [:]
        for p in pieces {
            let key = "\(p.image.width)x\(p.image.height)"
            counts[key, default: (p.image.width, p.image.height, 0)].n += 1
        }
        guard counts.count > 1 else { return }
        let majority = counts.values.max { ($0.n, $1.w) < ($1.n, $0.w) }!
        let odd = pieces.filter { $0.image.width != majority.w || $0.image.height != majority.h }
            .map { "\($0.name) (\($0.image.width) x \($0.image.height))" }
        throw PieceError.sizeMismatch(path: folder, majority: (majority.w, majority.h), oddOnes: odd)
    }
}

/// Lets a concurrentPerform body write disjoint slots of a buffer.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
