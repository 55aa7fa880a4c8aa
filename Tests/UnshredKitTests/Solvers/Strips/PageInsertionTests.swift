import Testing
@testable import UnshredKit

/// Left-over strips of mixed pages go to the page whose order they fit into best
/// (`PageInsertion`), not to the page of their single cheapest join.
@Suite struct PageInsertionTests {
    /// Costs over a path 0 -> 1 -> ... -> count-1 (joins 1, all else 5) and candidates
    /// after it; `extra` sets the candidates' joins and page edges.
    static func page(count: Int, candidates: Int, extra: (inout CostMatrix, inout PageEdges) -> Void) -> (CostMatrix, PageEdges) {
        let n = count + candidates
        var c = CostMatrix(count: n, values: [Float](repeating: 5, count: n * n))
        for k in 0..<n { c[k, k] = .infinity }
        for k in 0..<(count - 1) { c[k, k + 1] = 1 }
        var e = PageEdges(leftEdge: [Float](repeating: 4, count: n), rightEdge: [Float](repeating: 4, count: n))
        e.leftEdge[0] = 0
        e.rightEdge[count - 1] = 0
        extra(&c, &e)
        return (c, e)
    }

    @Test func aStripIsPricedAtItsCheapestPlaceInThePagesOrder() {
        // Candidate 5 is the page's true first strip: it opens the page (0) and joins 0 (1);
        // the page's strip 0 was standing first without a blank left side (opens 4).
        let (c, e) = Self.page(count: 5, candidates: 2) { c, e in
            c[5, 0] = 1; e.leftEdge[5] = 0; e.leftEdge[0] = 4
            // Candidate 6 joins strip 2 better than any true join (0.5), but between 1 and 2.
            c[6, 2] = 0.5
        }
        let path = PageInsertion.order(count: 5, costs: c, edges: e, turns: false)
        #expect(path == [0, 1, 2, 3, 4])
        let first = PageInsertion.place([5], into: path, costs: c, edges: e)
        #expect(abs(first.price - (0 + 1 - 4)) < 1e-5 && first.at == 0)
        // 6 between 1 and 2: 5 + 0.5 - 1; at the left end: 4 + 5 - 4 = 5; at the right: 5 + 4 - 0.
        let stray = PageInsertion.place([6], into: path, costs: c, edges: e)
        #expect(abs(stray.price - 4.5) < 1e-5 && stray.at == 2)
    }

    /// A page's first two strips left over together: placed one after the other, the
    /// second next to the first, though alone it fits the other page better.
    @Test func candidatesArePlacedOneAfterAnother() {
        // Page p: strips 0 1 2 (true order y x 0 1 2: candidates 3 = x, 4 = y); page q: 0 1 2.
        let (pc, pe) = Self.page(count: 3, candidates: 2) { c, e in
            c[3, 0] = 0; c[4, 3] = 1; e.leftEdge[4] = 0; e.leftEdge[0] = 4
        }
        // In q, y (4) opens the page as well and joins its first strip well (0.5).
        let (qc, qe) = Self.page(count: 3, candidates: 2) { c, e in
            c[4, 0] = 0.5; e.leftEdge[4] = 0
        }
        let pages = [PageInsertion.Page(count: 3, costs: pc, edges: pe, turns: false),
                     PageInsertion.Page(count: 3, costs: qc, edges: qe, turns: false)]
        // Into p's order alone y costs 0 + 5 - 4 = 1; into q's 0 + 0.5 - 0 = 0.5. x goes
        // first (4 + 0 - 4 = 0), and once x stands first in p, y before it costs 0 + 1 - 4 = -3.
        #expect(PageInsertion.assign(candidates: 2, pages: pages, allowed: { _ in [0, 1] }) == [0, 0])
        // Allowed only q, x goes there.
        #expect(PageInsertion.assign(candidates: 2, pages: pages, allowed: { $0 == 0 ? [1] : [0, 1] }) == [1, 1])
    }

    /// A white strip `width` x `height` with full-width lines of 6 rows starting at `lines`.
    static func strip(_ name: String, lines: [Int], width: Int = 40, height: Int = 200) -> Piece {
        var image = GrayImage(width: width, height: height)
        for y0 in lines { for y in y0..<(y0 + 6) { for x in 0..<width where (x + y) % 4 != 0 { image[x, y] = 0 } } }
        return Piece(name: name, image: image)
    }

    /// Two pages of 6 strips with their own line grids, and a strip with one line of its
    /// own (page a's first, its left margin and one heading): its cheapest join is with page
    /// b, where it would stand between two strips that join each other well.
    @Test func aStrayGoesToThePageItFitsIntoNotToItsCheapestJoin() throws {
        let a = (0..<6).map { Self.strip("a\($0)", lines: [20, 60, 100, 140]) }
        let b = (0..<6).map { Self.strip("b\($0)", lines: [40, 80, 120, 160]) }
        let stray = Self.strip("s", lines: [184])
        let pieces = PieceSet(pieces: a + b + [stray])
        let index = Dictionary(uniqueKeysWithValues: pieces.names.enumerated().map { ($1, $0) })
        let s = index["s"]!
        // Truth: s a0 a1 ... a5 | b0 ... b5.
        func next(_ i: Int) -> Int? {
            let name = pieces[i].name
            if name == "s" { return index["a0"] }
            let k = Int(name.dropFirst())!
            return k < 5 ? index["\(name.prefix(1))\(k + 1)"] : nil
        }
        var calls = 0
        let costs: ([Int]) -> (costs: CostMatrix, edges: PageEdges) = { members in
            calls += 1
            let n = members.count
            var c = CostMatrix(count: n, values: [Float](repeating: 5, count: n * n))
            var e = PageEdges(leftEdge: [Float](repeating: 4, count: n), rightEdge: [Float](repeating: 4, count: n))
            for (u, i) in members.enumerated() {
                c[u, u] = .infinity
                let name = pieces[i].name
                if name == "s" || name == "b0" { e.leftEdge[u] = 0 }
                if name.hasSuffix("5") { e.rightEdge[u] = 0 }
                for (v, j) in members.enumerated() where u != v {
                    if next(i) == j { c[u, v] = 1 }
                    // The stray's deceptive join: better than any true one.
                    if i == s && pieces[j].name == "b3" { c[u, v] = 0.5 }
                }
            }
            return (c, e)
        }
        let grid = LineGrid(pieces.images)
        let groups = grid.groups(threshold: PageSplit.threshold, turns: false)
        #expect(groups.contains([s]))  // the stray's lines place it nowhere
        let pages = try #require(PageSplit.pages(pieces, turns: false, costs: costs))
        #expect(calls > 0)
        let names = pages.map { Set($0.map { pieces[$0].name }) }
        #expect(names == [Set(["a0", "a1", "a2", "a3", "a4", "a5", "s"]), Set(["b0", "b1", "b2", "b3", "b4", "b5"])])
    }

    /// Pages of scans of different heights need no confirmation by bad joins between them.
    @Test func pagesOfDifferentHeightsAreConfirmedByTheirHeights() {
        let short = (0..<5).map { Self.strip("a\($0)", lines: [20, 60]) }
        let tall = (0..<5).map { Self.strip("b\($0)", lines: [40, 80], height: 210) }
        let pieces = PieceSet(pieces: short + tall)
        let pages = [Array(0..<5), Array(5..<10)]
        // Every join alike, page ends dear: the edges do not confirm the split.
        let flat: () -> (CostMatrix, PageEdges) = {
            var c = CostMatrix(count: 10, values: [Float](repeating: 1, count: 100))
            for k in 0..<10 { c[k, k] = .infinity }
            return (c, PageEdges(leftEdge: [Float](repeating: 10, count: 10), rightEdge: [Float](repeating: 10, count: 10)))
        }
        #expect(StripSolver.confirmed(pages, pieces: pieces, costs: flat))
        // One height: the same split must be confirmed by the joins, and is not.
        let same = PieceSet(pieces: short + (0..<5).map { Self.strip("b\($0)", lines: [40, 80]) })
        #expect(!StripSolver.confirmed(pages, pieces: same, costs: flat))
    }
}
