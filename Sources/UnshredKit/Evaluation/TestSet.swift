import Foundation

/// A test set on disk: a folder with `truth.txt` (the layout format) and the
/// pieces, either beside it or in a `pieces/` subfolder.
public struct TestSet: Sendable {
    public var path: String
    public var pieces: PieceSet
    public var truth: Layout

    public static let truthFile = "truth.txt"
    public static let piecesFolder = "pieces"

    /// Loads the set in `folder` and checks that the truth names exactly its pieces.
    public static func load(_ folder: String, limits: ImageLimits = .default, maxPieces: Int = 100_000) throws -> TestSet {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) else {
            throw PieceError.folderMissing(path: folder)
        }
        guard isDir.boolValue else { throw PieceError.notAFolder(path: folder) }
        let truthPath = (folder as NSString).appendingPathComponent(truthFile)
        guard FileManager.default.fileExists(atPath: truthPath) else { throw TestSetError.noTruth(path: folder) }
        let truthBytes = try ImageFile.readBytes(truthPath, limit: 64 << 20)
        guard let truthText = String(bytes: truthBytes, encoding: .utf8) else {
            throw TestSetError.truthNotText(path: truthPath)
        }
        let truth = try Layout.parse(truthText, path: truthPath)

        let sub = (folder as NSString).appendingPathComponent(piecesFolder)
        var subIsDir: ObjCBool = false
        let pieceFolder = FileManager.default.fileExists(atPath: sub, isDirectory: &subIsDir) && subIsDir.boolValue ? sub : folder
        let pieces = try PieceLoader.load(folder: pieceFolder, limits: limits, maxPieces: maxPieces)

        let truthNames = truth.names
        var seen = Set<String>()
        let repeated = truthNames.filter { !seen.insert($0).inserted }
        if let first = repeated.first { throw TestSetError.truthRepeats(path: truthPath, name: first) }
        let pieceNames = Set(pieces.names)
        let missing = truthNames.filter { !pieceNames.contains($0) }
        let extra = pieces.names.filter { !seen.contains($0) }
        if !missing.isEmpty || !extra.isEmpty {
            throw TestSetError.truthMismatch(path: truthPath, notInFolder: missing, notInTruth: extra)
        }
        return TestSet(path: folder, pieces: pieces, truth: truth)
    }
}

public enum TestSetError: Error, Equatable, CustomStringConvertible, Sendable {
    case noTruth(path: String)
    case truthNotText(path: String)
    case truthRepeats(path: String, name: String)
    case truthMismatch(path: String, notInFolder: [String], notInTruth: [String])
    case notEmpty(path: String)
    case notATestSet(path: String, file: String)
    case notAFolder(path: String)
    case inputInside(path: String, input: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        func some(_ names: [String]) -> String {
            names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", ... (\(names.count) in all)" : "")
        }
        switch self {
        case let .noTruth(path): return "\(path): no truth.txt, so not a test set"
        case let .truthNotText(path): return "\(path): not UTF-8 text"
        case let .truthRepeats(path, name): return "\(path): piece \(name) appears twice"
        case let .truthMismatch(path, notInFolder, notInTruth):
            var parts: [String] = []
            if !notInFolder.isEmpty { parts.append("names pieces that are not in the folder: \(some(notInFolder))") }
            if !notInTruth.isEmpty { parts.append("misses pieces of the folder: \(some(notInTruth))") }
            return "\(path): truth \(parts.joined(separator: "; "))"
        case let .notEmpty(path): return "\(path): folder exists and is not empty (use --force to replace a test set)"
        case let .notATestSet(path, file):
            return "\(path): holds \(file), which is not part of a test set; refusing to replace the folder"
        case let .notAFolder(path): return "\(path): exists and is not a folder"
        case let .inputInside(path, input): return "\(path): holds the input \(input); refusing to replace it"
        case let .unwritable(path, reason): return "\(path): cannot write: \(reason)"
        }
    }
}
