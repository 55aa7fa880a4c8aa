import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that a reader sees the old content or the new, never a torn file.
///
/// The bytes go to a hidden temporary file `.NAME.tmp-XXXXXX` in the target's folder,
/// which is flushed (`fsync`) and then renamed over the target; the folder is flushed
/// after the rename. Whatever stops the process, the target holds the old bytes or the
/// new ones:
///
/// - an error: the temporary file is removed and the error thrown;
/// - SIGINT, SIGTERM, SIGHUP while the write is under way: if the signal would kill the
///   process anyway (its action is the default), a handler removes the temporary file
///   and then lets the signal kill the process as it would have (same signal, same exit
///   status). Installed only for the duration of the write; a program that handles
///   these signals itself is left alone;
/// - SIGKILL or a power cut: nothing can run, so one temporary file may be left behind
///   (hidden, beside the target). The target is intact.
///
/// The target must be a regular file or absent (or a symbolic link, which is replaced,
/// not followed); folders, devices and pipes are refused.
public enum AtomicFile {
    /// Writes `bytes` to a temporary file beside `path`, flushes it, then renames it over `path`.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw ImageError.unwritable(path: path, reason: "folder \(folder) does not exist")
        }
        if let problem = targetProblem(path) { throw ImageError.unwritable(path: path, reason: problem) }

        let template = "\(folder)/.\(url.lastPathComponent).tmp-XXXXXX"
        let slot = InFlight.register(template)
        defer { InFlight.release(slot) }
        let fd = mkstemp(slot.buffer)
        guard fd >= 0 else { throw ImageError.unwritable(path: path, reason: String(cString: strerror(errno))) }
        let tempPath = String(cString: slot.buffer)
        var renamed = false
        defer { if !renamed { unlink(tempPath) } }
        var fdOpen = true
        defer { if fdOpen { close(fd) } }

        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ImageError.unwritable(path: path, reason: String(cString: strerror(errno)))
            }
            done += n
        }
        var mode = mode_t(0o644)
        var old = stat()
        if stat(path, &old) == 0 { mode = old.st_mode & 0o777 }  // keep the replaced file's permissions
        fchmod(fd, mode)
        guard fsync(fd) == 0 else { throw ImageError.unwritable(path: path, reason: String(cString: strerror(errno))) }
        fdOpen = false
        guard close(fd) == 0 else { throw ImageError.unwritable(path: path, reason: String(cString: strerror(errno))) }
        guard rename(tempPath, path) == 0 else {
            throw ImageError.unwritable(path: path, reason: String(cString: strerror(errno)))
        }
        renamed = true
        // Make the rename itself durable; some file systems refuse fsync on folders: harmless.
        let dirFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            fsync(dirFD)
            close(dirFD)
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    /// Why `path` cannot be replaced by a file, or nil when it can (absent, regular file, symbolic link).
    public static func targetProblem(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFLNK: return nil
        case S_IFDIR: return "is a folder"
        case S_IFIFO: return "is a named pipe, not a regular file"
        case S_IFCHR, S_IFBLK: return "is a device, not a regular file"
        default: return "not a regular file"
        }
    }

    /// The temporary files being written right now, for the signal handler.
    ///
    /// A fixed table of C strings, allocated once; the handler only reads pointers from
    /// it and calls `unlink` (async-signal-safe). Each slot holds the `mkstemp` template
    /// buffer itself, so the name is known from the moment the file exists.
    enum InFlight {
        static let capacity = 64
        static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

        struct Slot {
            let index: Int
            let buffer: UnsafeMutablePointer<CChar>
        }

        nonisolated(unsafe) static let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
            let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
            table.initialize(repeating: nil, count: capacity)
            return table
        }()
        static let lock = NSLock()
        nonisolated(unsafe) static var active = 0
        nonisolated(unsafe) static var installed: [Int32] = []

        /// Copies `template` into a C buffer and lists it; installs the handler for the first one.
        static func register(_ template: String) -> Slot {
            let buffer = strdup(template)!
            let table = self.table  // initialised here, never first in the handler
            lock.lock()
            defer { lock.unlock() }
            var index = -1
            if let free = (0..<capacity).first(where: { table[$0] == nil }) {
                table[free] = buffer
                index = free
            }
            active += 1
            if active == 1 { installHandler() }
            return Slot(index: index, buffer: buffer)
        }

        static func release(_ slot: Slot) {
            lock.lock()
            if slot.index >= 0 { table[slot.index] = nil }
            active -= 1
            if active == 0 { removeHandler() }
            lock.unlock()
            free(slot.buffer)
        }

        /// For every signal whose action is the default (terminate), our handler instead.
        static func installHandler() {
            for sig in signals {
                var current = sigaction()
                guard sigaction(sig, nil, &current) == 0, current.__sigaction_handler.sa_handler == nil else { continue }
                var action = sigaction()
                action.__sigaction_handler.sa_handler = atomicFileSignalHandler
                sigemptyset(&action.sa_mask)
                for other in signals { sigaddset(&action.sa_mask, other) }
                action.sa_flags = 0
                if sigaction(sig, &action, nil) == 0 { installed.append(sig) }
            }
        }

        /// Back to the default action, unless someone replaced our handler meanwhile.
        static func removeHandler() {
            for sig in installed {
                var current = sigaction()
                guard sigaction(sig, nil, &current) == 0 else { continue }
                let ours = unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
                    == unsafeBitCast(atomicFileSignalHandler as (@convention(c) (Int32) -> Void)?, to: Int.self)
                if ours { signal(sig, SIG_DFL) }
            }
            installed.removeAll()
        }
    }
}

/// Removes the temporary files in flight, then dies of `sig` as the default action would.
private let atomicFileSignalHandler: @convention(c) (Int32) -> Void = { sig in
    let table = AtomicFile.InFlight.table
    for i in 0..<AtomicFile.InFlight.capacity {
        if let name = table[i] { unlink(name) }
    }
    signal(sig, SIG_DFL)
    raise(sig)
}
