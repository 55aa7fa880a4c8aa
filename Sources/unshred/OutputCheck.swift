import Foundation
import UnshredKit
#if canImport(Glibc)
import Glibc
#endif

/// Checks on the output paths, made before any work, so that a run that cannot write
/// its results fails at once and never overwrites what it reads.
enum OutputCheck {
    /// Refuses, before anything is written:
    /// - an output that is one of the input pieces (same path after resolving `.`, `..`
    ///   and symbolic links, or the same file by device and inode), including the
    ///   numbered names `page-1.png`, `page-2.png`, ... used when there are several pages;
    /// - the same file given for two outputs (`-o` and `--layout`);
    /// - an output that is a folder, a device or a pipe;
    /// - an output whose folder is missing or cannot be written (probed by creating and
    ///   removing a temporary file there: permission bits do not stop root, but a
    ///   read-only file system or a special one like /sys does).
    /// `/dev/null` is taken (and nothing written to it: it cannot be replaced atomically,
    /// and need not be); see `discards`.
    static func refuseOverwritingInputs(_ outputs: [String], folder: String) throws {
        let outputs = outputs.filter { !discards($0) }
        let inputs = (try? PieceLoader.imagePaths(in: folder)) ?? []
        let canonicalInputs = inputs.map(canonical)
        let inputPaths = Set(canonicalInputs)
        let inputFiles = Set(inputs.compactMap(fileID))
        for output in outputs {
            if inputPaths.contains(canonical(output)) || fileID(output).map(inputFiles.contains) == true {
                throw CLIError("\(output): output path is one of the input pieces; refusing to overwrite it")
            }
            let target = canonical(output)
            if let k = canonicalInputs.firstIndex(where: { isNumberedPage($0, of: target) }) {
                let input = inputs[k]
                throw CLIError("\(output): the numbered pages of a several-page result would overwrite the input piece \(input); choose another output name")
            }
        }
        var seen: [String: String] = [:]
        for output in outputs {
            if let other = seen[canonical(output)] {
                throw CLIError("\(output): given for two outputs (also as \(other)); each output needs its own file")
            }
            seen[canonical(output)] = output
        }
        for output in outputs {
            let parent = (canonical(output) as NSString).deletingLastPathComponent
            var isDir: ObjCBool = false
            if !FileManager.default.fileExists(atPath: parent, isDirectory: &isDir) || !isDir.boolValue {
                throw CLIError("\(output): output folder \(parent) does not exist")
            }
            if let problem = AtomicFile.targetProblem(output) {
                throw CLIError("\(output): cannot write (\(problem))")
            }
            if let problem = cannotCreateFile(in: parent) {
                throw CLIError("\(output): cannot write in folder \(parent) (\(problem))")
            }
        }
    }

    /// True for `/dev/null` (by any path that resolves to it): an output the user does
    /// not want. Callers skip writing it.
    static func discards(_ path: String) -> Bool {
        canonical(path) == "/dev/null"
    }

    /// Refuses an output that is one of the scans (same path after resolving, or the
    /// same file), and an output folder that is missing, before anything is extracted.
    static func refuseOverwritingScans(_ outputs: [String], scans: [String]) throws {
        let scanPaths = Set(scans.map(canonical)), scanFiles = Set(scans.compactMap(fileID))
        for output in outputs where scanPaths.contains(canonical(output)) || fileID(output).map(scanFiles.contains) == true {
            throw CLIError("\(output): output path is one of the scans; refusing to overwrite it")
        }
        try refuseOverwritingInputs(outputs, folder: "/nonexistent-\(getpid())")
    }

    /// A new private folder under the system's temporary folder.
    static func temporaryFolder() throws -> String {
        var template = Array(((NSTemporaryDirectory() as NSString).appendingPathComponent("unshred-XXXXXX")).utf8CString)
        guard let made = mkdtemp(&template) else {
            throw CLIError("\(NSTemporaryDirectory()): cannot make a temporary folder (\(String(cString: strerror(errno))))")
        }
        return String(cString: made)
    }

    /// Writes `text` to standard output (file descriptor 1, unbuffered) and fails if it
    /// could not all be written (a full disk, `> /dev/full`, a closed pipe with SIGPIPE
    /// ignored): the layout table on standard output is an output too, and `print`
    /// drops write errors silently. Use instead of `print(text, terminator: "")`.
    static func writeStandardOutput(_ text: String) throws {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError("<standard output>: cannot write (\(String(cString: strerror(errno))))")
            }
            done += n
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

    /// True when `path` is `base-N.ext` for the output `base.ext` (N = 1, 2, ...).
    static func isNumberedPage(_ path: String, of output: String) -> Bool {
        let ns = output as NSString
        let ext = ns.pathExtension
        let base = ns.deletingPathExtension + "-"
        let suffix = ext.isEmpty ? "" : "." + ext
        guard path.hasPrefix(base), path.hasSuffix(suffix), path.count > base.count + suffix.count else { return false }
        let number = path.dropFirst(base.count).dropLast(suffix.count)
        return number.allSatisfy(\.isASCII) && number.allSatisfy(\.isNumber) && number.first != "0"
    }

    /// A folder for per-piece outputs (`--paper-masks`): it must exist and not be the pieces' folder.
    static func checkMaskFolder(_ path: String, folder: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
            throw CLIError("\(path): no such folder (create it first)")
        }
        if canonical(path) == canonical(folder) {
            throw CLIError("\(path): is the folder of the input pieces; choose another folder for the masks")
        }
        if let problem = cannotCreateFile(in: canonical(path)) {
            throw CLIError("\(path): cannot write in folder (\(problem))")
        }
    }

    static func canonical(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        return url.path
    }

    /// Device and inode of the file at `path` (following symbolic links), if it exists.
    static func fileID(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    /// Why no file can be created in `folder`, or nil if one can (created and removed at once).
    static func cannotCreateFile(in folder: String) -> String? {
        var template = Array("\(folder)/.unshred-probe-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        close(fd)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return nil
    }
}

/// An error with a message for the user; ArgumentParser prints it and exits 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
