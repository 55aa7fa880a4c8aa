import Testing
@testable import UnshredKit

/// The fast cost path (`CostMatrix.compute`, `EdgeCostKernel`) against the plain
/// reference `EdgeCostMeasure.cost`, on random pieces.
@Suite struct EdgeCostKernelTests {
    /// Random pieces: mostly paper with strokes of ink and anti-aliased grays, as text borders are.
    static func randomImages(_ count: Int, width: Int, height: Int, seed: UInt64) -> [GrayImage] {
        var rng = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            let pixels = (0..<(width * height)).map { _ -> UInt8 in
                switch Int.random(in: 0..<10, using: &rng) {
                case 0..<5: return 255
                case 5..<7: return 0
                default: return UInt8.random(in: 0...255, using: &rng)
                }
            }
            return GrayImage(width: width, height: height, pixels: pixels)
        }
    }

    @Test(arguments: [(1, 1), (2, 7), (9, 13), (17, 180), (26, 72), (40, 3)])
    func fastPathEqualsReferenceWithinTolerance(count: Int, length: Int) {
        let images = Self.randomImages(count, width: 3, height: length, seed: UInt64(count * 1000 + length))
        let m = CostMatrix.leftRight(images)
        let rights = images.map(BorderProfile.right), lefts = images.map(BorderProfile.left)
        for i in 0..<count {
            #expect(m[i, i] == .infinity)
            for j in 0..<count where j != i {
                let reference = EdgeCostMeasure.standard.cost(rights[i], lefts[j])
                #expect(abs(m[i, j] - reference) <= 1e-5 * max(1, reference), "\(i) \(j): \(m[i, j]) vs \(reference)")
            }
        }
    }

    /// Lanes run the reference's arithmetic in its order, so results are identical,
    /// for every exponent the kernel handles and for the fallback.
    @Test(arguments: [Float(4), 2, 1, 0.5, 3])
    func fastPathIsBitForBitTheReference(exponent: Float) {
        let measure = EdgeCostMeasure(exponent: exponent, predictionWeight: 0.5)
        let images = Self.randomImages(21, width: 5, height: 61, seed: 77)
        let lr = CostMatrix.leftRight(images, measure: measure)
        let tb = CostMatrix.topBottom(images, measure: measure)
        for i in images.indices {
            for j in images.indices where j != i {
                #expect(lr[i, j] == measure.cost(BorderProfile.right(images[i]), BorderProfile.left(images[j])))
                #expect(tb[i, j] == measure.cost(BorderProfile.bottom(images[i]), BorderProfile.top(images[j])))
            }
        }
    }

    @Test func otherPredictionWeightsToo() {
        let measure = EdgeCostMeasure(exponent: 4, predictionWeight: 0.3)
        let images = Self.randomImages(12, width: 4, height: 33, seed: 5)
        let lr = CostMatrix.leftRight(images, measure: measure)
        for i in images.indices {
            for j in images.indices where j != i {
                #expect(lr[i, j] == measure.cost(BorderProfile.right(images[i]), BorderProfile.left(images[j])))
            }
        }
    }

    @Test func realPiecesMatchTheReference() throws {
        let set = try PieceLoader.load(folder: Fixtures.cumcm(3))
        let images = Array(set.images.prefix(50))
        let tb = CostMatrix.topBottom(images)
        for i in stride(from: 0, to: images.count, by: 7) {
            for j in images.indices where j != i {
                #expect(tb[i, j] == EdgeCostMeasure.standard.cost(BorderProfile.bottom(images[i]), BorderProfile.top(images[j])))
            }
        }
    }
}
