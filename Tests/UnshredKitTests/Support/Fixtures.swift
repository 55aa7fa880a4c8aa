import Foundation
@testable import UnshredKit

/// Paths into the repository's `fixtures/` folder.
enum Fixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("fixtures/README.md").path) {
                return url.appendingPathComponent("fixtures").path
            }
        }
        fatalError("fixtures/ not found above \(#filePath)")
    }()

    static func cumcm(_ set: Int) -> String { "\(root)/cumcm2013b/\(set)" }
    static func truth(_ set: Int) throws -> Layout {
        try Layout.parse(String(contentsOfFile: "\(cumcm(set))/truth.txt", encoding: .utf8))
    }
    static func page(_ name: String) throws -> GrayImage { try ImageFile.read("\(root)/pages/\(name).png") }

    /// A CUMCM cross-cut set ready for the grid solver's steps: its inputs, and its
    /// true rows as piece indices.
    static func grid(_ set: Int) throws -> (inputs: GridSolver.Inputs, truth: [[Int]]) {
        let pieces = try PieceLoader.load(folder: cumcm(set))
        let index = Dictionary(uniqueKeysWithValues: pieces.names.enumerated().map { ($1, $0) })
        let truth = try self.truth(set).pages[0].rows.map { $0.map { index[$0]! } }
        return (GridSolver.prepare(pieces.images, measure: .standard), truth)
    }
}

/// A fresh temporary folder, removed by `cleanup()`.
struct TemporaryFolder {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "unshred-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { "\(path)/\(name)" }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }

    /// Writes pieces as PNG files named by their stems.
    func write(_ pieces: [Piece]) throws {
        for piece in pieces { try ImageFile.writePNG(piece.image, to: file("\(piece.name).png")) }
    }
}
