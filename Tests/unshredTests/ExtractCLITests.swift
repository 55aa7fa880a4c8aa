import Foundation
import Testing

/// `unshred extract` and the one-step `unshred SCAN -o page.png` through the built binary,
/// on a scan the test draws: six strips of a made-up page (3-px strokes, words crossing
/// the cuts) lying shuffled on a dark sheet, written as a 24-bit BMP.
@Suite struct ExtractCLITests {
    struct Folder {
        let path: String
        init() throws {
            path = NSTemporaryDirectory() + "unshred-extract-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
        func cleanup() { try? FileManager.default.removeItem(atPath: path) }
    }

    static let stripWidth = 50, stripHeight = 240, count = 6
    /// Where each page strip lies on the scan, left to right.
    static let order = [3, 0, 5, 1, 4, 2]

    /// The scan: gray rows, top first (250 = paper, 70 = ink as a scanner sees print, 30 = the sheet).
    static func scan() -> (width: Int, height: Int, gray: [UInt8]) {
        let pageW = stripWidth * count, pageH = stripHeight
        var page = [UInt8](repeating: 250, count: pageW * pageH)
        var seed: UInt64 = 12345
        func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33 }
        var y = 14
        while y + 12 < pageH - 10 {
            var x = 6
            while x + 10 < pageW - 6 {
                let shape = next() % 3
                for yy in y..<(y + 10) {
                    for xx in x..<(x + 3) { page[yy * pageW + xx] = 70 }
                    if shape == 1 { for xx in (x + 5)..<(x + 8) { page[yy * pageW + xx] = 70 } }
                }
                let bar = shape == 2 ? y + 7 : y
                for yy in bar..<(bar + 3) { for xx in x..<(x + 8) { page[yy * pageW + xx] = 70 } }
                x += next() % 5 == 0 ? 16 + Int(next() % 9) : 9 + Int(next() % 4)
            }
            y += 18 + Int(next() % 6)
        }
        let gap = 28, margin = 30
        let width = 2 * margin + count * stripWidth + (count - 1) * gap, height = pageH + 2 * margin
        var gray = [UInt8](repeating: 30, count: width * height)
        for (k, strip) in order.enumerated() {
            let left = margin + k * (stripWidth + gap)
            for yy in 0..<pageH {
                for xx in 0..<stripWidth { gray[(margin + yy) * width + left + xx] = page[yy * pageW + strip * stripWidth + xx] }
            }
        }
        return (width, height, gray)
    }

    /// A 24-bit bottom-up BMP of gray pixels.
    static func bmp(width: Int, height: Int, gray: [UInt8]) -> Data {
        let rowBytes = (3 * width + 3) / 4 * 4
        func le32(_ v: Int) -> [UInt8] { [UInt8(v & 255), UInt8((v >> 8) & 255), UInt8((v >> 16) & 255), UInt8((v >> 24) & 255)] }
        var out: [UInt8] = Array("BM".utf8) + le32(54 + rowBytes * height) + le32(0) + le32(54)
        out += le32(40) + le32(width) + le32(height) + [1, 0, 24, 0] + le32(0) + le32(rowBytes * height) + le32(2835) + le32(2835) + le32(0) + le32(0)
        for y in (0..<height).reversed() {
            var row = [UInt8](repeating: 0, count: rowBytes)
            for x in 0..<width { row[3 * x] = gray[y * width + x]; row[3 * x + 1] = gray[y * width + x]; row[3 * x + 2] = gray[y * width + x] }
            out += row
        }
        return Data(out)
    }

    static func writeScan(_ path: String) throws {
        let s = scan()
        try bmp(width: s.width, height: s.height, gray: s.gray).write(to: URL(fileURLWithPath: path))
    }

    @Test func extractWritesPiecesTableAndContactSheet() throws {
        let folder = try Folder()
        defer { folder.cleanup() }
        try Self.writeScan(folder.file("scan.bmp"))
        let out = folder.file("pieces")
        let run = try Binary.run(["extract", folder.file("scan.bmp"), "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["contact.png", "pieces.csv"] + (1...6).map { "scan-0\($0).png" })
        let table = try String(contentsOfFile: (out as NSString).appendingPathComponent("pieces.csv"), encoding: .utf8)
        let lines = table.split(separator: "\n")
        #expect(lines.first == "name,scan,centre_x,centre_y,width,height,angle_degrees")
        #expect(lines.count == 7)
        // Upright strips: their own size, not turned, centred where they lie.
        for (k, line) in lines.dropFirst().enumerated() {
            let f = line.split(separator: ",").map(String.init)
            #expect(f[0] == "scan-0\(k + 1)" && f[1] == "scan.bmp")
            #expect(abs(Double(f[2])! - Double(30 + k * 78 + 25) + 0.5) < 2, "\(line)")
            #expect(f[4] == "50" && f[5] == "240" && abs(Double(f[6])!) < 0.1, "\(line)")
        }
        // The folder is a folder of pieces: the solver reads it (the contact sheet is not a piece).
        let solve = try Binary.run([out, "-o", folder.file("page.png")])
        #expect(solve.status == 0, "\(solve.stderr)")
        #expect(solve.lines.first?.split(separator: " ").count == 6)
    }

    @Test func oneStepRestoresThePageFromTheScan() throws {
        let folder = try Folder()
        defer { folder.cleanup() }
        try Self.writeScan(folder.file("scan.bmp"))
        // The drawn strips are a program's clean cuts, so the clean measure is asked for;
        // a scan's default is the real-cut measure (checked below).
        let run = try Binary.run([folder.file("scan.bmp"), "-o", folder.file("page.png"), "--keep-pieces", folder.file("kept"), "--cuts", "clean"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.file("page.png")))
        #expect(FileManager.default.fileExists(atPath: folder.file("kept/pieces.csv")))
        // Page strip s lies at place order.firstIndex(of: s): the restored order, by place.
        let expected = (0..<Self.count).map { s in "scan-0\(Self.order.firstIndex(of: s)! + 1)" }
        #expect(run.lines.first?.split(separator: " ").map(String.init) == expected, "\(run.stdout)")
        // Extracted strips are solved as strips, not as a shape inferred from them.
        #expect(run.stderr.contains("strips, 1 x 6"), "\(run.stderr)")
        // Without --keep-pieces nothing is left beside the scan.
        let again = try Binary.run([folder.file("scan.bmp"), "-o", folder.file("page2.png")])
        #expect(again.status == 0, "\(again.stderr)")
        // Scans, and folders `extract` wrote (they hold pieces.csv), default to real cuts;
        // on these strips the two measures give different orders, so this can fail.
        let real = try Binary.run([folder.file("scan.bmp"), "--cuts", "real"])
        #expect(real.lines.first != run.lines.first, "\(real.stdout)")
        #expect(again.lines.first == real.lines.first, "\(again.stdout)")
        let kept = try Binary.run([folder.file("kept")])
        #expect(kept.lines.first == real.lines.first, "\(kept.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["kept", "page.png", "page2.png", "scan.bmp"])
    }

    @Test func badScansFailWithOneLineAndLeaveNothing() throws {
        let folder = try Folder()
        defer { folder.cleanup() }
        try Self.bmp(width: 200, height: 150, gray: [UInt8](repeating: 30, count: 200 * 150)).write(to: URL(fileURLWithPath: folder.file("blank.bmp")))
        try Self.writeScan(folder.file("scan.bmp"))
        let cases: [([String], String)] = [
            (["extract", folder.file("blank.bmp"), "-o", folder.file("out")], "no pieces found"),
            (["extract", folder.file("scan.bmp"), "--max-pixels", "1000", "-o", folder.file("out")], "above the limit"),
            (["extract", folder.file("missing.jpg"), "-o", folder.file("out")], "missing.jpg"),
            (["extract", folder.file("scan.bmp"), folder.file("blank.bmp"), "-o", folder.file("out")], "blank.bmp: no pieces found"),
            ([folder.file("blank.bmp"), "-o", folder.file("page.png")], "no pieces found"),
        ]
        for (arguments, message) in cases {
            let run = try Binary.run(arguments)
            #expect(run.status == 1, "\(arguments): \(run.stderr)")
            let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
            #expect(errors.count == 1 && errors.first?.contains(message) == true, "\(arguments): \(run.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["blank.bmp", "scan.bmp"], "\(arguments)")
        }
        // A folder that is not empty is refused before any work.
        try FileManager.default.createDirectory(atPath: folder.file("full"), withIntermediateDirectories: false)
        #expect(FileManager.default.createFile(atPath: folder.file("full/old.png"), contents: Data([1])))
        let full = try Binary.run(["extract", folder.file("scan.bmp"), "-o", folder.file("full")])
        #expect(full.status == 1 && full.stderr.contains("not empty"), "\(full.stderr)")
    }
}
