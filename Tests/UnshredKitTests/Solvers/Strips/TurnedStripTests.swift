import Testing
@testable import UnshredKit

/// The measure's reading of a strip, turned, against its reading of the strip turned.
@Suite struct TurnedStripTests {
    static func read(_ piece: Piece) -> RealCutMeasure.Strip { RealCutMeasure.strips(PieceSet(pieces: [piece]))[0] }

    /// Rows (of the strip's height) where the two readings' bands differ.
    static func differingRows(_ a: RealCutMeasure.Strip, _ b: RealCutMeasure.Strip) -> Int {
        let k = RealCutMeasure.band
        return (0..<a.height).filter { y in
            (0..<k).contains { a.left[y * k + $0] != b.left[y * k + $0] || a.right[y * k + $0] != b.right[y * k + $0] }
        }.count
    }

    @Test func aCroppedStripTurnedReadsAsTheTurnedPiece() throws {
        let pieces = try PieceLoader.load(folder: "\(Fixtures.root)/strips/white/pieces")
        for piece in pieces.pieces {
            let turned = Self.read(piece).turned(), truth = Self.read(piece.turned())
            #expect(turned.height == truth.height && turned.dark == truth.dark)
            #expect(turned.left == truth.left && turned.right == truth.right)
            #expect(turned.netLeft == truth.netLeft && turned.netRight == truth.netRight)
            #expect(turned.leftEdgeFeatures == truth.leftEdgeFeatures && turned.rightEdgeFeatures == truth.rightEdgeFeatures)
        }
    }

    @Test func aStripOnABackgroundTurnedDiffersAtMostAtItsEnds() throws {
        let pieces = try PieceLoader.load(folder: "\(Fixtures.root)/strips/dark/pieces")
        for piece in pieces.pieces {
            let turned = Self.read(piece).turned(), truth = Self.read(piece.turned())
            #expect(turned.dark && truth.dark)
            #expect(Self.differingRows(turned, truth) <= turned.height / 50)
            // Turning twice is the strip as read.
            let twice = turned.turned(), once = Self.read(piece)
            #expect(twice.left == once.left && twice.right == once.right)
        }
    }

    @Test func orientedRealCostsFollowTheOrderGiven() throws {
        let pieces = try PieceLoader.load(folder: "\(Fixtures.root)/strips/white/pieces").pieces
        let forward = StripSolver.realCosts(pieces, weights: .fitted, turns: true)
        let backward = StripSolver.realCosts(pieces.reversed(), weights: .fitted, turns: true)
        let n = pieces.count
        // Node 2k + t of one is node 2(n - 1 - k) + t of the other.
        func other(_ u: Int) -> Int { 2 * (n - 1 - u / 2) + u % 2 }
        for u in 0..<(2 * n) {
            #expect(abs(forward.edges.leftEdge[u] - backward.edges.leftEdge[other(u)]) < 1e-3)
            for v in 0..<(2 * n) where v != u {
                #expect(abs(forward.costs[u, v] - backward.costs[other(u), other(v)]) < 1e-3)
            }
        }
    }
}
