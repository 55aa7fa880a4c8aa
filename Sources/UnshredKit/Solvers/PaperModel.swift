/// What counts as paper and what as ink, and how much margin a border shows.
enum PaperModel {
    /// Pixels darker than this are ink for margin and text-line detection.
    static let inkThreshold: UInt8 = 128

    /// Count of leading columns (from the left) holding no ink.
    static func blankColumnsFromLeft(_ image: GrayImage) -> Int {
        for x in 0..<image.width where columnHasInk(image, x) { return x }
        return image.width
    }

    /// Count of trailing columns (from the right) holding no ink.
    static func blankColumnsFromRight(_ image: GrayImage) -> Int {
        for x in stride(from: image.width - 1, through: 0, by: -1) where columnHasInk(image, x) {
            return image.width - 1 - x
        }
        return image.width
    }

    /// Count of leading rows (from the top) holding no ink.
    static func blankRowsFromTop(_ image: GrayImage) -> Int {
        for y in 0..<image.height where rowHasInk(image, y) { return y }
        return image.height
    }

    /// Count of trailing rows (from the bottom) holding no ink.
    static func blankRowsFromBottom(_ image: GrayImage) -> Int {
        for y in stride(from: image.height - 1, through: 0, by: -1) where rowHasInk(image, y) {
            return image.height - 1 - y
        }
        return image.height
    }

    static func columnHasInk(_ image: GrayImage, _ x: Int) -> Bool {
        var y = 0
        while y < image.height {
            if image.pixels[y * image.width + x] < inkThreshold { return true }
            y += 1
        }
        return false
    }

    static func rowHasInk(_ image: GrayImage, _ y: Int) -> Bool {
        let start = y * image.width
        for x in 0..<image.width where image.pixels[start + x] < inkThreshold { return true }
        return false
    }

    static func isBlank(_ image: GrayImage) -> Bool {
        !image.pixels.contains { $0 < inkThreshold }
    }
}
