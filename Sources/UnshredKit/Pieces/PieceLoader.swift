import Foundation

/// Loads a folder of piece images.
public enum PieceLoader {
    public static let imageExtensions: Set<String> = ["png", "bmp", "jpg", "jpeg"]

    /// The image files of `folder`: `.png`/`.bmp`/`.jpg`/`.jpeg` in any case, hidden files skipped, sorted.
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

    /// Loads every piece in `folder`. Pieces must have the same size, except strips
    /// (`SolverView`); a background around a piece, or transparency, is found and kept
    /// as its paper mask (`PaperFinder`).
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
        let results = Parallel.map(paths.count) { i in
            Result { piece(named: stem(of: paths[i]), try ImageFile.readImage(paths[i], limits: limits)) }
        }
        let pieces = try results.map { try $0.get() }
        return PieceSet(pieces: try SolverView.prepare(pieces, folder: folder))
    }

    /// A decoded file as a piece: its paper found, the background painted as paper in the gray.
    static func piece(named name: String, _ decoded: DecodedImage) -> Piece {
        let paper = decoded.alpha.map { PaperFinder.find(alpha: $0) } ?? PaperFinder.find(gray: decoded.gray, colour: decoded.colour)
        var scan = decoded.gray
        if let paper, decoded.alpha == nil {
            // (Transparent pixels are already composited onto white.)
            for y in 0..<scan.height {
                for x in 0..<scan.width where !paper.isPaper(x: x, y: y) { scan.pixels[y * scan.width + x] = 255 }
            }
        }
        // A transparent surround reads as a black sheet (`PaperFinder.onBlack`).
        var colour = decoded.colour
        if let rgb = decoded.colour, let alpha = decoded.alpha { colour = PaperFinder.onBlack(rgb, alpha: alpha) }
        return Piece(name: name, image: scan, scan: scan, colour: colour, paper: paper)
    }

    public static func stem(of path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// The error for pieces of unequal size: the majority's size and the odd ones.
    static func sizeMismatch(_ pieces: [Piece], folder: String, note: String? = nil) -> PieceError {
        var counts: [String: (w: Int, h: Int, n: Int)] = [:]
        for p in pieces {
            let key = "\(p.scan.width)x\(p.scan.height)"
            counts[key, default: (p.scan.width, p.scan.height, 0)].n += 1
        }
        let majority = counts.values.max { ($0.n, $1.w) < ($1.n, $0.w) }!
        let odd = pieces.filter { $0.scan.width != majority.w || $0.scan.height != majority.h }
            .map { "\($0.name) (\($0.scan.width) x \($0.scan.height))" }
        return PieceError.sizeMismatch(path: folder, majority: (majority.w, majority.h), oddOnes: odd, note: note)
    }
}
