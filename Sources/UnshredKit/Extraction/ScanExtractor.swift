import Foundation

/// One piece found on a scan, upright and cut out.
public struct ExtractedPiece: Sendable {
    /// `SCANSTEM-NN`: the file stem it is written under.
    public var name: String
    /// 1-based, left to right, top to bottom on its scan.
    public var number: Int
    /// Colour pixels at the scan's resolution; white where `alpha` is 0.
    public var colour: RGBImage
    /// 255 = paper, 0 = sheet.
    public var alpha: GrayImage
    /// Centre of the piece's upright box, in the scan's pixels.
    public var centreX: Double
    public var centreY: Double
    /// Degrees the piece was turned by to stand upright (positive = clockwise on screen).
    public var angle: Double
    /// The upright box's corners in the scan (top-left, top-right, bottom-right, bottom-left).
    public var corners: [(x: Double, y: Double)]
    /// The scan's edges the piece touches (it may be cut off there).
    public var cutEdges: [ScanEdge]
    /// True when the piece's shape says it may be several pieces pressed together.
    public var maybeSeveral: Bool
}

public enum ScanEdge: String, Sendable, CaseIterable {
    case top, bottom, left, right
}

/// What extraction found on one scan beyond the pieces: things a person should check.
public enum ExtractionNote: Equatable, Sendable, CustomStringConvertible {
    /// These pieces touch the scan's edge: part of them may be missing.
    case cutByEdge(scan: String, pieces: [String])
    /// These pieces touched and were separated along the gaps between them.
    case touchingSplit(scan: String, pieces: [String])
    /// These pieces lay pressed together along their length and were separated at the
    /// seams their edges left.
    case pressedSplit(scan: String, pieces: [String])
    /// This piece looks like several pieces pressed together: nothing separated them.
    case touchingUnsplit(scan: String, piece: String)
    /// The piece's edges lean more than the settings allow; it was not turned.
    case steep(scan: String, piece: String, degrees: Double)

    public var description: String {
        switch self {
        case let .cutByEdge(scan, pieces):
            return "\(scan): \(pieces.count == 1 ? "piece \(pieces[0]) touches" : "pieces \(pieces.joined(separator: ", ")) touch") the scan's edge; part may be cut off"
        case let .touchingSplit(scan, pieces):
            return "\(scan): pieces \(pieces.joined(separator: ", ")) touched; separated along the gaps between them"
        case let .pressedSplit(scan, pieces):
            return "\(scan): pieces \(pieces.joined(separator: ", ")) lay pressed together; separated at the seams between them (check the contact sheet)"
        case let .touchingUnsplit(scan, piece):
            return "\(scan): piece \(piece) looks like several pieces touching along their length; lay them with a gap and scan again"
        case let .steep(scan, piece, degrees):
            return "\(scan): piece \(piece) leans \(String(format: "%.1f", degrees)) degrees; left as it lies"
        }
    }
}

/// The pieces of one scan, in reading order, and what to check.
public struct ScanExtraction: Sendable {
    /// The scan's path as given.
    public var scan: String
    public var scanWidth: Int
    public var scanHeight: Int
    public var pieces: [ExtractedPiece]
    public var notes: [ExtractionNote]
    public var background: BackgroundModel
    /// The scan shrunk for the contact sheet, and the factor it was shrunk by.
    public var preview: RGBImage
    public var previewScale: Double
}

public enum ExtractionError: Error, Equatable, CustomStringConvertible, Sendable {
    case noPieces(path: String, reason: String)
    case outputNotEmpty(path: String)
    case duplicateStem(path: String, other: String)

    public var description: String {
        switch self {
        case let .noPieces(path, reason): return "\(path): no pieces found (\(reason))"
        case let .outputNotEmpty(path): return "\(path): output folder is not empty; give a new or empty folder"
        case let .duplicateStem(path, other): return "\(path): same name as \(other); its pieces would overwrite each other's"
        }
    }
}

/// The front door: a scan in, its pieces out.
public enum ScanExtractor {
    /// Finds, straightens and cuts out every piece of `scan`. `path` names the scan in
    /// notes and errors; its file stem names the pieces (`STEM-01`, `STEM-02`, ...).
    public static func extract(_ scan: RGBImage, path: String, settings: ExtractionSettings = .default) throws -> ScanExtraction {
        let label = (path as NSString).lastPathComponent
        guard scan.width >= 8, scan.height >= 8 else {
            throw ExtractionError.noPieces(path: path, reason: "the image is \(scan.width) x \(scan.height) pixels")
        }
        guard var segmentation = PaperSegmentation.segment(scan, settings: settings) else {
            throw ExtractionError.noPieces(path: path, reason: "the image is nearly all white: no sheet around the paper")
        }
        guard segmentation.regions.count > 0 else {
            throw ExtractionError.noPieces(path: path, reason: "nothing on the sheet larger than dust")
        }
        // Split regions holding several pieces.
        var groups: [[Int32]] = []
        for region in 1...Int32(segmentation.regions.count) {
            let parts = TouchSplitter.splitAll(&segmentation.regions, label: region, settings: settings)
            for part in parts { TouchSplitter.trimAppendages(&segmentation.regions, label: part, radius: settings.appendage) }
            groups.append(parts)
        }
        // Pieces pressed together along their whole length: split at clear seams.
        var pressed: [[Int32]] = []
        let thicknesses0 = groups.joined().map { Double(SeamSplitter.thickness(of: $0, in: segmentation.regions)) }
        if let unit = SeamSplitter.unit(thicknesses0) {
            for g in groups.indices {
                groups[g] = groups[g].flatMap { part -> [Int32] in
                    guard let parts = SeamSplitter.split(&segmentation.regions, label: part, scan: scan, unit: unit, settings: settings) else { return [part] }
                    for p in parts.dropFirst() { TouchSplitter.trimAppendages(&segmentation.regions, label: p, radius: settings.appendage) }
                    TouchSplitter.trimAppendages(&segmentation.regions, label: part, radius: settings.appendage)
                    pressed.append(parts)
                    return parts
                }
            }
        }
        let regions = segmentation.regions
        // Dust again: a split can leave slivers.
        let shorter = Double(min(scan.width, scan.height)) * settings.dustSize
        let minArea = max(16, Int(shorter * shorter))
        let labels = groups.joined().filter { regions.areas[Int($0) - 1] >= minArea }

        struct Found {
            var label: Int32
            var angle: Double
            var steep: Bool
            var cut: PieceCutter.Cut
        }
        var found: [Found] = labels.map { l in
            let measured = PieceCutter.angle(of: l, in: regions)
            let steep = abs(measured) > settings.maximumAngle
            let angle = steep ? 0 : measured
            let strip = isStrip(regions.boxes[Int(l) - 1], settings: settings)
            var cut = PieceCutter.cut(l, regions: regions, scan: scan, degrees: angle, trim: settings.edgeTrim, endsOnly: strip)
            if strip { EdgeFringe.remove(from: &cut, drop: settings.fringeDrop, columns: settings.fringeColumns) }
            return Found(label: l, angle: steep ? measured : angle, steep: steep, cut: cut)
        }
        // Slivers: pieces under a fifth as thick as the median piece are what a cut or the
        // scanner's lid left, not pieces.
        let allThickness = found.map { min($0.cut.alpha.width, $0.cut.alpha.height) }.sorted()
        if found.count >= 3 {
            let median = Double(allThickness[allThickness.count / 2])
            found.removeAll { Double(min($0.cut.alpha.width, $0.cut.alpha.height)) < settings.sliver * median }
        }
        found = readingOrder(found, centre: { ($0.cut.centre.x, $0.cut.centre.y, Double($0.cut.alpha.height)) })

        let stem = (label as NSString).deletingPathExtension
        let digits = max(2, String(found.count).count)
        func name(_ i: Int) -> String {
            let n = String(i + 1)
            return "\(stem)-\(String(repeating: "0", count: max(0, digits - n.count)))\(n)"
        }
        let thicknesses = found.map { min($0.cut.alpha.width, $0.cut.alpha.height) }.sorted()
        let typicalThickness = Double(thicknesses[thicknesses.count / 2])
        var notes: [ExtractionNote] = []
        var pieces: [ExtractedPiece] = []
        var nameOf: [Int32: String] = [:]
        for (i, f) in found.enumerated() {
            let box = regions.boxes[Int(f.label) - 1]
            var edges: [ScanEdge] = []
            if box.minY == 0 { edges.append(.top) }
            if box.maxY == scan.height - 1 { edges.append(.bottom) }
            if box.minX == 0 { edges.append(.left) }
            if box.maxX == scan.width - 1 { edges.append(.right) }
            let opaque = f.cut.alpha.pixels.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
            let fill = Double(opaque) / Double(max(1, f.cut.alpha.pixels.count))
            let thickness = min(f.cut.alpha.width, f.cut.alpha.height)
            let piece = ExtractedPiece(
                name: name(i), number: i + 1, colour: f.cut.colour, alpha: f.cut.alpha,
                centreX: f.cut.centre.x, centreY: f.cut.centre.y, angle: f.steep ? 0 : f.angle,
                corners: f.cut.corners, cutEdges: edges, maybeSeveral: fill < 0.5 || (found.count >= 3 && Double(thickness) > 1.7 * typicalThickness))
            nameOf[f.label] = piece.name
            if f.steep { notes.append(.steep(scan: label, piece: piece.name, degrees: f.angle)) }
            if piece.maybeSeveral { notes.append(.touchingUnsplit(scan: label, piece: piece.name)) }
            pieces.append(piece)
        }
        let onEdge = pieces.filter { !$0.cutEdges.isEmpty }.map(\.name)
        if !onEdge.isEmpty { notes.insert(.cutByEdge(scan: label, pieces: onEdge), at: 0) }
        let pressedParts = Set(pressed.joined())
        for group in groups where group.count > 1 {
            let names = group.filter { !pressedParts.contains($0) }.compactMap { nameOf[$0] }.sorted()
            if names.count > 1 { notes.append(.touchingSplit(scan: label, pieces: names)) }
        }
        for parts in pressed {
            let names = parts.compactMap { nameOf[$0] }.sorted()
            if names.count > 1 { notes.append(.pressedSplit(scan: label, pieces: names)) }
        }
        let preview = ContactSheet.preview(scan, size: settings.contactSize)
        return ScanExtraction(scan: path, scanWidth: scan.width, scanHeight: scan.height,
                              pieces: pieces, notes: notes, background: segmentation.background,
                              preview: preview.image, previewScale: preview.scale)
    }

    /// A region at least `stripAspect` times longer than thick: a strip, whose long sides
    /// are the cuts.
    static func isStrip(_ box: PixelBox, settings: ExtractionSettings) -> Bool {
        let long = Double(max(box.width, box.height)), short = Double(max(1, min(box.width, box.height)))
        return long >= settings.stripAspect * short
    }

    /// Left to right, top to bottom: pieces sorted by centre height are grouped into rows
    /// (a piece whose centre lies above the middle of the row's first piece's lower half
    /// joins it), each row sorted by centre x.
    static func readingOrder<T>(_ items: [T], centre: (T) -> (x: Double, y: Double, height: Double)) -> [T] {
        let sorted = items.sorted { centre($0).y < centre($1).y }
        var rows: [[T]] = []
        var rowLimit = -Double.infinity
        for item in sorted {
            let c = centre(item)
            if rows.isEmpty || c.y > rowLimit {
                rows.append([item])
                rowLimit = c.y + c.height / 2
            } else {
                rows[rows.count - 1].append(item)
            }
        }
        return rows.flatMap { $0.sorted { centre($0).x < centre($1).x } }
    }
}

extension ScanExtractor {
    /// `1 x N` when every piece found on `extractions` is a tall strip spanning the page
    /// (at least `stripAspect` times taller than wide, and at least `stripHeights` of
    /// the tallest's height): the page is strip-cut, so the one-step command solves it as
    /// strips instead of inferring a shape, which strips of unequal width and height
    /// (cut-outs keep their torn ends) mislead. Nil otherwise (cross-cut pieces, mixed).
    public static func stripShape(_ extractions: [ScanExtraction], settings: ExtractionSettings = .default) -> GridShape? {
        let pieces = extractions.flatMap(\.pieces)
        guard pieces.count >= 2, let tallest = pieces.map(\.alpha.height).max() else { return nil }
        let strips = pieces.allSatisfy { p in
            Double(p.alpha.height) >= settings.stripAspect * Double(p.alpha.width)
                && Double(p.alpha.height) >= settings.stripHeights * Double(tallest)
        }
        return strips ? GridShape(rows: 1, columns: pieces.count) : nil
    }

    /// Reads a scan (PNG, JPEG or BMP) in colour; its size is checked against
    /// `settings.maxPixels` from the header, before any pixel buffer exists.
    public static func read(_ path: String, settings: ExtractionSettings = .default) throws -> RGBImage {
        var limits = ImageLimits.default
        limits.maxPixels = settings.maxPixels
        let decoded = try ImageFile.readImage(path, limits: limits)
        return decoded.colour ?? RGBImage(decoded.gray)
    }

    /// Reads and extracts every scan in turn (one scan in memory at a time); the first
    /// unreadable scan or scan without pieces stops the run with its error.
    public static func extract(paths: [String], settings: ExtractionSettings = .default) throws -> [ScanExtraction] {
        try paths.map { path in try extract(read(path, settings: settings), path: path, settings: settings) }
    }
}
