import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Identifies a set of pieces: their count, size, names and pixels (FNV-1a, 64 bits).
public struct PieceFingerprint: Sendable, Equatable, Codable, CustomStringConvertible {
    public var pieces: Int
    public var width: Int
    public var height: Int
    /// `fnv1a64:` and 16 hex digits over every piece in name order: name, size, pixels.
    public var hash: String

    public init(pieces: Int, width: Int, height: Int, hash: String) {
        self.pieces = pieces
        self.width = width
        self.height = height
        self.hash = hash
    }

    public init(of set: PieceSet) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ byte: UInt8) {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        for piece in set.pieces {
            for byte in piece.name.utf8 { mix(byte) }
            mix(0)
            for v in [piece.image.width, piece.image.height] {
                for k in 0..<4 { mix(UInt8(truncatingIfNeeded: v >> (8 * k))) }
            }
            piece.image.pixels.withUnsafeBufferPointer { buffer in
                for byte in buffer { mix(byte) }
            }
        }
        let hex = String(h, radix: 16)
        self.init(pieces: set.count, width: set.width, height: set.height,
                  hash: "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex)
    }

    public var description: String { "\(pieces) pieces of \(width)x\(height), \(hash)" }
}

/// The solver settings that change the layout, as a journal records them: its answers
/// were given about the layout these settings make, so they replay with them.
public struct JournalSettings: Sendable, Equatable, Codable {
    /// The grid the user gave (`--grid`), as `RxC`; nil when the solver found the shape.
    public var grid: String?
    /// The edge-cost measure's parameters (`EdgeCostMeasure`).
    public var exponent: Float
    public var predictionWeight: Float
    public var seed: UInt64
    /// Which edge measure orders strips (`Unshredder.Cuts`); nil in journals from before
    /// it was recorded (they were made with clean cuts unless `--cuts` was given).
    public var cuts: String?
    /// `repaired`: the answers were applied one by one, each repairing the page the one
    /// before left (`InteractiveSession`), so they replay in order. nil (journals from
    /// before): every answer solved the whole page, so they replay with one solve.
    public var answers: String?

    public static let repairedAnswers = "repaired"

    public init(_ options: Unshredder.Options) {
        grid = options.grid?.description
        exponent = options.measure.exponent
        predictionWeight = options.measure.predictionWeight
        seed = options.seed
        cuts = options.cuts.rawValue
        answers = Self.repairedAnswers
    }

    /// Whether the answers replay in order, each repairing the page (see `answers`).
    public var answersAreRepaired: Bool { answers == Self.repairedAnswers }

    /// The options a replay solves with: the journal's settings where the caller left the
    /// defaults, the caller's where they agree. A grid the journal names replaces a
    /// missing `grid`; another grid, or another measure or seed than the default and the
    /// journal's, is a conflict (`DecisionJournalError.otherSettings`). A grid given
    /// for a journal made without one is used, with a warning in `notes`.
    public func resolve(_ given: Unshredder.Options, path: String) throws -> (options: Unshredder.Options, notes: [String]) {
        var options = given
        var notes: [String] = []
        switch (grid.flatMap(GridShape.init), given.grid) {
        case let (mine?, nil):
            options.grid = mine
            notes.append("using the journal's grid \(mine) (it was made with --grid \(mine))")
        case let (mine?, theirs?) where mine != theirs:
            throw DecisionJournalError.otherSettings(path: path, detail: "the journal was made with --grid \(mine), not \(theirs)")
        case let (nil, theirs?):
            notes.append("the journal was made without --grid; its answers are replayed on --grid \(theirs)")
        default: break
        }
        let mine = EdgeCostMeasure(exponent: exponent, predictionWeight: predictionWeight)
        if given.measure == .standard {
            options.measure = mine
        } else if given.measure != mine {
            throw DecisionJournalError.otherSettings(path: path, detail: "the journal was made with another edge-cost measure")
        }
        if let cuts, let mine = Unshredder.Cuts(rawValue: cuts), mine != given.cuts {
            if given.cuts == Unshredder.Cuts.clean {
                options.cuts = mine
                notes.append("using the journal's --cuts \(mine.rawValue)")
            } else {
                throw DecisionJournalError.otherSettings(path: path, detail: "the journal was made with --cuts \(mine.rawValue), not \(given.cuts.rawValue)")
            }
        }
        let defaultSeed = Unshredder.Options().seed
        if given.seed == defaultSeed {
            options.seed = seed
        } else if given.seed != seed {
            throw DecisionJournalError.otherSettings(path: path, detail: "the journal was made with seed \(seed), not \(given.seed)")
        }
        return (options, notes)
    }
}

public enum DecisionJournalError: Error, Equatable, CustomStringConvertible, Sendable {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case notAJournal(path: String)
    case badLine(path: String, line: Int, reason: String)
    case otherPieceSet(path: String, journal: PieceFingerprint, pieces: PieceFingerprint)
    case otherSettings(path: String, detail: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot read decisions journal (\(reason))"
        case let .unwritable(path, reason): return "\(path): cannot write decisions journal (\(reason))"
        case let .notAJournal(path): return "\(path): not an unshred decisions journal"
        case let .badLine(path, line, reason): return "\(path): line \(line): \(reason)"
        case let .otherPieceSet(path, journal, pieces):
            return "\(path): decisions journal belongs to another piece set (journal: \(journal); folder: \(pieces))"
        case let .otherSettings(path, detail):
            return "\(path): decisions journal was made with other solver settings: \(detail)"
        }
    }
}

/// The decisions journal: JSON lines, one answer per line, after a header line that
/// fingerprints the piece set. Each answer is appended with a single `write` and
/// `fsync`ed before the session goes on, so an interrupted session loses nothing;
/// a torn last line (killed mid-write) is ignored on reading and cut off before the
/// next append. The header also records the solver settings that change the layout
/// (`JournalSettings`: the grid given, the measure, the seed); journals written before
/// it did have none, and replay with the caller's.
///
/// ```
/// {"fingerprint":{...},"journal":"unshred decisions","settings":{"grid":"11x19",...},"version":1}
/// {"answer":"accept","join":{"direction":"leftRight","first":"012","second":"007"}}
/// {"answer":"pick","chosen":{...},"join":{...}}
/// {"answer":"reject","join":{...}}
/// {"answer":"settle","settle":{"choice":1,"kind":"rows","label":"...","move":{...},"pins":[...],"forbids":[]}}
/// {"answer":"undo"}
/// ```
public final class DecisionJournal {
    public static let magic = "unshred decisions"
    public static let version = 1

    struct Header: Codable, Equatable {
        var journal: String
        var version: Int
        var fingerprint: PieceFingerprint
        var settings: JournalSettings?
    }

    struct Line: Codable, Equatable {
        var answer: String
        var join: JoinConstraints.Join?
        var chosen: JoinConstraints.Join?
        /// The answer to a question larger than one join (`Decision.settle`).
        var settle: Settlement?
        /// The solver's confidence in `join` when it was asked (for people reading the file).
        var confidence: Float?
    }

    public let path: String
    /// The answers read from the file when it was opened, undos included, in order.
    public let replayed: [Decision]
    /// The settings in the header: those of a new journal, or what an existing one
    /// recorded (nil for journals from before settings were recorded).
    public let settings: JournalSettings?
    private let fd: Int32

    /// Opens (or, when `create` is true and it does not exist, creates) the journal for `pieces`;
    /// a new journal records `settings`. Refuses a journal made for another piece set.
    public init(path: String, pieces: PieceFingerprint, settings: JournalSettings? = nil, create: Bool) throws {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw DecisionJournalError.unreadable(path: path, reason: "no such file") }
        let flags = create ? (O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC) : (O_RDONLY | O_CLOEXEC)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw create ? DecisionJournalError.unwritable(path: path, reason: reason)
                         : DecisionJournalError.unreadable(path: path, reason: reason)
        }
        var ok = false
        defer { if !ok { close(fd) } }
        var decisions: [Decision] = []
        var recorded = settings
        let bytes = try Self.readAll(fd, path: path)
        if bytes.isEmpty {
            guard create else { throw DecisionJournalError.notAJournal(path: path) }
            let header = Header(journal: Self.magic, version: Self.version, fingerprint: pieces, settings: settings)
            try Self.append(Self.encode(header), to: fd, path: path)
        } else {
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            // A torn last line (no newline at the end) is the remains of an interrupted write.
            let torn = bytes.last != UInt8(ascii: "\n")
            let tail = lines.removeLast()
            guard let first = lines.first, let header = try? JSONDecoder().decode(Header.self, from: Data(first)),
                  header.journal == Self.magic else {
                throw DecisionJournalError.notAJournal(path: path)
            }
            guard header.version == Self.version else {
                throw DecisionJournalError.badLine(path: path, line: 1, reason: "journal version \(header.version) is not supported")
            }
            guard header.fingerprint == pieces else {
                throw DecisionJournalError.otherPieceSet(path: path, journal: header.fingerprint, pieces: pieces)
            }
            recorded = header.settings
            for (k, line) in lines.enumerated().dropFirst() {
                if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
                guard let decoded = try? JSONDecoder().decode(Line.self, from: Data(line)) else {
                    throw DecisionJournalError.badLine(path: path, line: k + 1, reason: "not a decision")
                }
                guard let decision = Self.decision(decoded) else {
                    throw DecisionJournalError.badLine(path: path, line: k + 1, reason: "unknown answer '\(decoded.answer)'")
                }
                decisions.append(decision)
            }
            // Only now that the file is known to be this set's journal: cut the torn line off.
            if torn && create {
                let keep = bytes.count - tail.count
                guard ftruncate(fd, off_t(keep)) == 0 else {
                    throw DecisionJournalError.unwritable(path: path, reason: String(cString: strerror(errno)))
                }
            }
        }
        self.fd = fd
        self.replayed = decisions
        self.settings = recorded
        ok = true
    }

    deinit { close(fd) }

    /// Appends one answer and flushes it to disk before returning.
    public func append(_ decision: Decision, confidence: Float? = nil) throws {
        try Self.append(Self.encode(Self.line(decision, confidence: confidence)), to: fd, path: path)
    }

    // MARK: encoding

    static func line(_ d: Decision, confidence: Float?) -> Line {
        switch d {
        case let .accept(join): return Line(answer: "accept", join: join, chosen: nil, confidence: confidence)
        case let .pick(question, chosen): return Line(answer: "pick", join: question, chosen: chosen, confidence: confidence)
        case let .reject(join): return Line(answer: "reject", join: join, chosen: nil, confidence: confidence)
        case let .settle(s): return Line(answer: "settle", join: nil, chosen: nil, settle: s, confidence: confidence)
        case .undo: return Line(answer: "undo", join: nil, chosen: nil, confidence: nil)
        }
    }

    static func decision(_ line: Line) -> Decision? {
        if line.answer == "settle" { return line.settle.map(Decision.settle) }
        switch (line.answer, line.join, line.chosen) {
        case let ("accept", join?, nil): return .accept(join)
        case let ("pick", join?, chosen?): return .pick(question: join, chosen: chosen)
        case let ("reject", join?, nil): return .reject(join)
        case ("undo", nil, nil): return .undo
        default: return nil
        }
    }

    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value)) + [UInt8(ascii: "\n")]
    }

    static func readAll(_ fd: Int32, path: String) throws -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        lseek(fd, 0, SEEK_SET)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw DecisionJournalError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { return out }
            out += buffer[0..<n]
        }
    }

    static func append(_ bytes: [UInt8], to fd: Int32, path: String) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw DecisionJournalError.unwritable(path: path, reason: String(cString: strerror(errno)))
            }
            done += n
        }
        guard fsync(fd) == 0 else {
            throw DecisionJournalError.unwritable(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
