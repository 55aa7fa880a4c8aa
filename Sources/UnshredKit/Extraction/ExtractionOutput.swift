import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes what `ScanExtractor` found into a folder the solver reads:
///
///     DIR/SCANSTEM-NN.png   each piece, RGBA (paper opaque, sheet transparent)
///     DIR/pieces.csv        name,scan,centre_x,centre_y,width,height,angle_degrees
///     DIR/contact.png       every scan small, each piece outlined and numbered
///
/// All or nothing: the files go into a hidden temporary folder beside DIR, which is
/// renamed to DIR once everything is written (DIR must be new or empty); on any error the
/// temporary folder is removed.
public enum ExtractionOutput {
    public static let tableName = "pieces.csv"
    public static let contactName = "contact.png"

    /// The table's text (header and one line per piece).
    public static func table(_ extractions: [ScanExtraction]) -> String {
        var text = "name,scan,centre_x,centre_y,width,height,angle_degrees\n"
        for e in extractions {
            let scan = csvField((e.scan as NSString).lastPathComponent)
            for p in e.pieces {
                text += "\(csvField(p.name)),\(scan),\(String(format: "%.1f", p.centreX)),\(String(format: "%.1f", p.centreY)),"
                text += "\(p.colour.width),\(p.colour.height),\(String(format: "%.2f", p.angle))\n"
            }
        }
        return text
    }

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// Refuses, before any work, a folder that cannot take the output (exists and is not
    /// an empty folder, or its parent is missing) and scans whose names would collide.
    public static func check(folder: String, scans: [String]) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) {
            guard isDir.boolValue else { throw ImageError.unwritable(path: folder, reason: "not a folder") }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? ["?"]
            guard entries.isEmpty else { throw ExtractionError.outputNotEmpty(path: folder) }
        } else {
            let parent = parentFolder(folder)
            guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDir), isDir.boolValue else {
                throw ImageError.unwritable(path: folder, reason: "folder \(parent) does not exist")
            }
        }
        var seen: [String: String] = [:]
        for scan in scans {
            let stem = (((scan as NSString).lastPathComponent) as NSString).deletingPathExtension
            if let other = seen[stem] { throw ExtractionError.duplicateStem(path: scan, other: other) }
            seen[stem] = scan
        }
    }

    /// Writes every piece, the table and the contact sheet into `folder` (new or empty).
    public static func write(_ extractions: [ScanExtraction], to folder: String) throws {
        try check(folder: folder, scans: extractions.map(\.scan))
        let parent = parentFolder(folder)
        let name = (folder as NSString).lastPathComponent
        var template = Array("\(parent)/.\(name).tmp-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw ImageError.unwritable(path: folder, reason: String(cString: strerror(errno)))
        }
        let temp = String(cString: made)
        var done = false
        defer { if !done { try? FileManager.default.removeItem(atPath: temp) } }
        for e in extractions {
            for p in e.pieces {
                let path = (temp as NSString).appendingPathComponent(p.name + ".png")
                try AtomicFile.write(try PNGCodec.encode(p.colour, alpha: p.alpha, path: path), to: path)
            }
        }
        try AtomicFile.write(table(extractions), to: (temp as NSString).appendingPathComponent(tableName))
        let sheet = ContactSheet.draw(extractions.map { ($0.preview, $0.previewScale, $0.pieces) })
        try ImageFile.writePNG(sheet, to: (temp as NSString).appendingPathComponent(contactName))
        chmod(temp, 0o755)
        if FileManager.default.fileExists(atPath: folder) { rmdir(folder) }
        guard rename(temp, folder) == 0 else {
            throw ImageError.unwritable(path: folder, reason: String(cString: strerror(errno)))
        }
        done = true
    }

    static func parentFolder(_ path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }
}
