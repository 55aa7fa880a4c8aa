extension RealCutMeasure.Strip {
    /// The strip turned 180 degrees, as the measure would read the turned piece: its
    /// left band is the right band read bottom to top (row `y` of the turned strip is
    /// row `height - 1 - y`; the `c`-th paper column in from the turned strip's left
    /// edge is the `c`-th in from the right edge as scanned), and likewise the right
    /// band; the page-edge features change sides. The paper edges are the scanned
    /// strip's, turned: on a background the measure finds them row by row and fills rows
    /// without paper from the nearest row below, so read afresh a turned strip could
    /// differ there (rows at a torn end), nowhere else.
    func turned() -> RealCutMeasure.Strip {
        RealCutMeasure.Strip(height: height, dark: dark, left: Self.upsideDown(right, height: height),
                             right: Self.upsideDown(left, height: height),
                             netLeft: Self.upsideDown(netRight, height: height, columns: RealCutNet.band),
                             netRight: Self.upsideDown(netLeft, height: height, columns: RealCutNet.band),
                             leftEdgeFeatures: rightEdgeFeatures, rightEdgeFeatures: leftEdgeFeatures)
    }

    init(height: Int, dark: Bool, left: [Float], right: [Float], netLeft: [Float], netRight: [Float],
         leftEdgeFeatures: [Float], rightEdgeFeatures: [Float]) {
        self.height = height
        self.dark = dark
        self.left = left
        self.right = right
        self.netLeft = netLeft
        self.netRight = netRight
        self.leftEdgeFeatures = leftEdgeFeatures
        self.rightEdgeFeatures = rightEdgeFeatures
    }

    /// A band (`height` rows of `columns` columns, row-major) with its rows in reverse order.
    static func upsideDown(_ band: [Float], height h: Int, columns k: Int = RealCutMeasure.band) -> [Float] {
        var out = [Float](repeating: 0, count: band.count)
        for y in 0..<h {
            let from = (h - 1 - y) * k, to = y * k
            for c in 0..<k { out[to + c] = band[from + c] }
        }
        return out
    }
}
