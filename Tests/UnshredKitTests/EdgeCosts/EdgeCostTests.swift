import Testing
@testable import UnshredKit

@Suite struct EdgeCostTests {
    @Test func paperAgainstPaperIsFree() {
        let paper = BorderProfile.paper(length: 10)
        #expect(EdgeCostMeasure.standard.cost(paper, paper) == 0)
    }

    @Test func continuingRampBeatsAStep() {
        // A gray ramp across the cut: b=100, a=120 predicts c=140.
        let first = BorderProfile(outer: [120], inner: [100])
        let continuing = BorderProfile(outer: [140], inner: [160])
        let stepping = BorderProfile(outer: [255], inner: [255])
        #expect(EdgeCostMeasure.standard.cost(first, continuing) < EdgeCostMeasure.standard.cost(first, stepping))
    }

    @Test func matrixMatchesReferenceAndHasInfiniteDiagonal() throws {
        let set = try PieceLoader.load(folder: Fixtures.cumcm(1))
        let m = CostMatrix.leftRight(set.images)
        #expect(m[3, 3] == .infinity)
        let direct = EdgeCostMeasure.standard.cost(BorderProfile.right(set[2].image), BorderProfile.left(set[5].image))
        #expect(m[2, 5] == direct)
    }

    /// The true right-hand neighbour is the cheapest candidate for every strip of sets 1 and 2.
    @Test(arguments: [1, 2])
    func trueNeighbourIsCheapestOnStripSets(set number: Int) throws {
        let set = try PieceLoader.load(folder: Fixtures.cumcm(number))
        let truth = try Fixtures.truth(number).pages[0].rows[0]
        let m = CostMatrix.leftRight(set.images)
        for (a, b) in zip(truth, truth.dropFirst()) {
            #expect(m.rank(of: set.index(of: b)!, after: set.index(of: a)!) == 0, "\(a) -> \(b)")
        }
    }
}
