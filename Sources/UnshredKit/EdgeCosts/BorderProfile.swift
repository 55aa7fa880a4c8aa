/// The two outermost pixel lines of each border of a piece, as Floats, ready for costs.
///
/// For the right border, `outer` is the last column and `inner` the one before it;
/// for the left border `outer` is column 0 and `inner` column 1; likewise for bottom
/// and top with rows. A join compares the `outer` lines of the two touching borders
/// and uses `inner` to predict across the cut.
struct BorderProfile: Sendable {
    let outer: [Float]
    let inner: [Float]

    init(outer: [Float], inner: [Float]) {
        self.outer = outer
        self.inner = inner
    }

    /// Count of pixels darker than paper on the outer line.
    var inkPixels: Int { outer.reduce(0) { $0 + ($1 < 200 ? 1 : 0) } }

    static func column(_ image: GrayImage, _ x: Int) -> [Float] {
        (0..<image.height).map { Float(image.pixels[$0 * image.width + x]) }
    }

    static func row(_ image: GrayImage, _ y: Int) -> [Float] {
        (0..<image.width).map { Float(image.pixels[y * image.width + $0]) }
    }

    static func left(_ image: GrayImage) -> BorderProfile {
        BorderProfile(outer: column(image, 0), inner: column(image, min(1, image.width - 1)))
    }

    static func right(_ image: GrayImage) -> BorderProfile {
        BorderProfile(outer: column(image, image.width - 1), inner: column(image, max(image.width - 2, 0)))
    }

    static func top(_ image: GrayImage) -> BorderProfile {
        BorderProfile(outer: row(image, 0), inner: row(image, min(1, image.height - 1)))
    }

    static func bottom(_ image: GrayImage) -> BorderProfile {
        BorderProfile(outer: row(image, image.height - 1), inner: row(image, max(image.height - 2, 0)))
    }

    /// A border of plain paper, as the page's edge would present.
    static func paper(length: Int) -> BorderProfile {
        BorderProfile(outer: [Float](repeating: 255, count: length), inner: [Float](repeating: 255, count: length))
    }
}
