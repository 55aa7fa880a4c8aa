/// The picture of one join for a person to judge: the pixels either side of the seam
/// (with the neighbours the current layout puts beyond the two pieces, when the pieces
/// are narrower than the context), cut to a window along the seam.
public struct SeamPicture: Sendable, Equatable {
    public var join: JoinConstraints.Join
    /// Across the seam: `context` pixels before it, then `context` after.
    /// Left-right joins: columns | rows along. Top-bottom joins: rows across, columns along.
    public var image: GrayImage
    /// Pixels before the seam, across it (the seam lies between `seam - 1` and `seam`).
    public var seam: Int
    /// The part along the seam shown (rows of a left-right join, columns of a top-bottom one).
    public var window: Range<Int>
    /// The whole length along the seam (the pieces' height, or width).
    public var length: Int

    public var direction: JoinDirection { join.direction }
    public var isWindowed: Bool { window.count < length }
}

public enum SeamPictures {
    /// Pictures of `joins` (a proposed join and its alternatives), all cut to the same
    /// window of `windowLength` pixels along the seam: the part with the most ink near
    /// the seams, summed over all the pictures (where the evidence is, and the text).
    /// `nil` shows the whole length.
    public static func make(_ joins: [JoinConstraints.Join], layout: Layout, pieces: PieceSet,
                            context: Int = 40, windowLength: Int? = nil) -> [SeamPicture] {
        var position: [String: (page: Int, row: Int, column: Int)] = [:]
        for (p, page) in layout.pages.enumerated() {
            for (r, row) in page.rows.enumerated() {
                for (c, name) in row.enumerated() { position[name] = (p, r, c) }
            }
        }
        var images: [String: GrayImage] = [:]
        for piece in pieces.pieces { images[piece.name] = piece.image }

        /// `start`, then its neighbours in the layout going backwards (before) or forwards.
        func chain(_ start: String, _ direction: JoinDirection, forwards: Bool, avoiding used: inout Set<String>) -> [GrayImage] {
            var out: [GrayImage] = []
            var name: String? = start
            var depth = 0
            while let n = name, let image = images[n], !used.contains(n), depth < 64 {
                used.insert(n)
                out.append(image)
                depth += 1
                guard let at = position[n] else { break }
                let page = layout.pages[at.page]
                let step = forwards ? 1 : -1
                let (r, c) = direction == .leftRight ? (at.row, at.column + step) : (at.row + step, at.column)
                name = r >= 0 && r < page.rows.count && c >= 0 && c < page.rows[r].count ? page.rows[r][c] : nil
            }
            return out
        }

        let length = joins.first.map { $0.direction == .leftRight ? pieces.height : pieces.width } ?? 0
        var full: [(join: JoinConstraints.Join, image: GrayImage)] = []
        for join in joins {
            var used = Set<String>()
            let before = chain(join.first, join.direction, forwards: false, avoiding: &used)
            let after = chain(join.second, join.direction, forwards: true, avoiding: &used)
            full.append((join, region(before: before, after: after, context: context, direction: join.direction, length: length)))
        }

        // The window: most ink near the seams, weighted, summed over every picture.
        var window = 0..<length
        if let wanted = windowLength, wanted > 0, wanted < length {
            var score = [Double](repeating: 0, count: length), ink = [Double](repeating: 0, count: length)
            for (join, image) in full {
                for along in 0..<length {
                    var s = 0.0, t = 0.0
                    for across in 0..<(2 * context) {
                        let v = join.direction == .leftRight ? image[across, along] : image[along, across]
                        let weight = abs(across - context) < 6 ? 4.0 : 1.0
                        s += Double(255 - Int(v)) * weight
                        t += Double(255 - Int(v))
                    }
                    score[along] += s
                    ink[along] += t
                }
            }
            var sum = score[0..<wanted].reduce(0, +)
            var best = sum, bestStart = 0
            for start in 1...(length - wanted) {
                sum += score[start + wanted - 1] - score[start - 1]
                if sum > best + 1e-9 { best = sum; bestStart = start }
            }
            // Start between two lines of text rather than through one: the emptiest
            // row a little before the best start.
            var start = bestStart
            for candidate in stride(from: bestStart, through: max(0, bestStart - wanted / 3), by: -1)
            where ink[candidate] < ink[start] - 1e-9 {
                start = candidate
            }
            window = start..<(start + wanted)
        }
        return full.map { join, image in
            let cropped = join.direction == .leftRight
                ? image.cropped(x: 0, y: window.lowerBound, width: image.width, height: window.count)
                : image.cropped(x: window.lowerBound, y: 0, width: window.count, height: image.height)
            return SeamPicture(join: join, image: cropped, seam: context, window: window, length: length)
        }
    }

    /// `before` pieces (nearest first) then `after` pieces (nearest first), `context`
    /// pixels each side of the seam; paper where the layout has nothing more.
    static func region(before: [GrayImage], after: [GrayImage], context: Int, direction: JoinDirection, length: Int) -> GrayImage {
        let across = 2 * context
        var out = direction == .leftRight ? GrayImage(width: across, height: length) : GrayImage(width: length, height: across)
        func put(_ image: GrayImage, offset: Int) {
            // `offset`: where the image's first pixel across the seam lands (may be negative).
            let size = direction == .leftRight ? image.width : image.height
            let from = max(0, -offset), to = min(size, across - offset)
            guard from < to else { return }
            for along in 0..<min(length, direction == .leftRight ? image.height : image.width) {
                for k in from..<to {
                    if direction == .leftRight { out[offset + k, along] = image[k, along] }
                    else { out[along, offset + k] = image[along, k] }
                }
            }
        }
        var edge = context
        for image in before {
            let size = direction == .leftRight ? image.width : image.height
            edge -= size
            put(image, offset: edge)
            if edge <= 0 { break }
        }
        edge = context
        for image in after {
            put(image, offset: edge)
            edge += direction == .leftRight ? image.width : image.height
            if edge >= across { break }
        }
        return out
    }

    /// Area-average resampling (a box filter), for showing a picture at a smaller size
    /// (`GrayImage.resampled`).
    public static func resample(_ image: GrayImage, width: Int, height: Int) -> GrayImage {
        image.resampled(width: width, height: height)
    }
}
