import Foundation
import UnshredKit

enum OutputCheck {
    /// Refuses an output path that is one of the input pieces, before anything is written.
    static func refuseOverwritingInputs(_ outputs: [String], folder: String) throws {
        guard let inputs = try? PieceLoader.imagePaths(in: folder) else { return }
        let inputSet = Set(inputs.map(canonical))
        for output in outputs where inputSet.contains(canonical(output)) {
            throw CLIError("\(output): output path is one of the input pieces; refusing to overwrite it")
        }
        for output in outputs {
            let parent = (canonical(output) as NSString).deletingLastPathComponent
            var isDir: ObjCBool = false
            if !FileManager.default.fileExists(atPath: parent, isDirectory: &isDir) || !isDir.boolValue {
                throw CLIError("\(output): output folder \(parent) does not exist")
            }
        }
    }

    /// One page: the path as given. Several: `page.png` -> `page-1.png`, `page-2.png`, ...
    static func pagePaths(_ output: String, count: Int) -> [String] {
        guard count > 1 else { return [output] }
        let ns = output as NSString
        let ext = ns.pathExtension
        let base = ns.deletingPathExtension
        return (1...count).map { ext.isEmpty ? "\(base)-\($0)" : "\(base)-\($0).\(ext)" }
    }

    static func canonical(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        return url.path
    }
}

/// An error with a message for the user; ArgumentParser prints it and exits 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
