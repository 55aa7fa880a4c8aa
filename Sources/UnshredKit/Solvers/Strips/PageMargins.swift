/// Page-level cues for strips cut by a real shredder: a page has blank margins at its
/// two ends, and text cut by the blade goes on across the cut.
///
/// Each strip's two long sides are read in a narrow band inside the paper edge
/// (`Side`): a side *carries text* when many of its rows have ink in the band (letters
/// cut there), it is *blank* when hardly any row has (paper, a speck or two). Then:
///
/// 1. **Margin strips** (`isMargin`: hardly any ink at all) are left out of the search
///    and put at the page's two ends (`placing`), as many on each side as make the
///    margins as wide as each other: their joins say little (paper against paper),
///    and inside the text there is no room for them.
/// 2. **Joins against the page's structure** (`vetoing`): a side that carries text does
///    not stand against a blank side (the letters it cuts go on in its neighbour), and
///    does not open or close the page (a page ends in its margin). Such joins cost the
///    spread of all the costs more, so they are taken only when nothing else is left.
///
/// 3. **Left-aligned text** (`aligningLeft`): lines start at the text's left edge, so
///    nothing but margin stands left of the text. The order is cut into islands where
///    a blank side meets a blank side (no ink crosses the cut); a small island (less
///    ink than one ordinary strip of the main island: a few words, a line's end, a
///    note in the margin) found left of the main island (the one with most ink) goes
///    to its right, where a ragged right margin or a side bar leaves such islands.
///
/// No fitted constants: the thresholds are shares of a page's height, each with its reason.
enum PageMargins {
    /// Ink rows in the band inside each long side, and anywhere in the strip.
    struct Sides: Sendable, Equatable {
        var left: Int
        var right: Int
        var rows: Int
        var height: Int

        /// The strip turned 180 degrees: its sides change places.
        var turned: Sides { Sides(left: right, right: left, rows: rows, height: height) }

        var leftCarriesText: Bool { PageMargins.carriesText(left, height: height) }
        var rightCarriesText: Bool { PageMargins.carriesText(right, height: height) }
        var leftIsBlank: Bool { PageMargins.isBlank(left, height: height) }
        var rightIsBlank: Bool { PageMargins.isBlank(right, height: height) }
    }

    /// A side carries text when at least this share of the rows have ink in its band:
    /// a text line is 1/60-1/100 of a page's height, so this is a line or two of cut
    /// letters, more than a ragged line's end or a blade's dot.
    static let textShare = 1.0 / 50
    /// A side (or a strip) is blank when at most this share of its rows have ink:
    /// under a third of a text line (specks, dust, a dot of the blade).
    static let blankShare = 1.0 / 300

    static func carriesText(_ inkRows: Int, height: Int) -> Bool {
        Double(inkRows) >= textShare * Double(max(1, height))
    }

    static func isBlank(_ inkRows: Int, height: Int) -> Bool {
        Double(inkRows) <= blankShare * Double(max(1, height))
    }

    /// The band read inside each side: this share of the strip's width (at least 2
    /// columns), past its outermost column (where paper meets background or the blade's
    /// mark). A tenth of an 85-px strip is 8 px: past the 1-3 blank columns a blade leaves,
    /// within a letter's width at 300 dpi.
    static let bandShare = 0.1

    /// The sides of a strip as the solver sees it (`Piece.image`: column 0 is each row's
    /// left paper edge, the last column its right one).
    static func sides(_ image: GrayImage) -> Sides {
        let w = image.width, h = image.height
        guard w > 2 else {
            let rows = (0..<h).filter { y in (0..<w).contains { image.pixels[y * w + $0] < PaperModel.inkThreshold } }.count
            return Sides(left: rows, right: rows, rows: rows, height: h)
        }
        let band = min(w - 2, max(2, Int((bandShare * Double(w)).rounded())))
        var left = 0, right = 0, rows = 0
        image.pixels.withUnsafeBufferPointer { p in
            for y in 0..<h {
                let row = y * w
                var l = false, r = false, any = false
                for x in 1...band where p[row + x] < PaperModel.inkThreshold { l = true; break }
                for x in (w - 1 - band)..<(w - 1) where p[row + x] < PaperModel.inkThreshold { r = true; break }
                if l || r { any = true } else {
                    for x in 0..<w where p[row + x] < PaperModel.inkThreshold { any = true; break }
                }
                if l { left += 1 }
                if r { right += 1 }
                if any { rows += 1 }
            }
        }
        return Sides(left: left, right: right, rows: rows, height: h)
    }

    /// A margin strip: hardly a row with ink (`blankShare`).
    static func isMargin(_ sides: Sides) -> Bool { isBlank(sides.rows, height: sides.height) }

    /// Whether `a` standing left of `b` goes against the page: text cut at one side
    /// and blank paper at the other.
    static func clashes(_ a: Sides, _ b: Sides) -> Bool {
        (a.rightCarriesText && b.leftIsBlank) || (a.rightIsBlank && b.leftCarriesText)
    }

    /// `costs` and `edges` over nodes whose sides are `sides[node]` (oriented nodes: a
    /// turned strip's sides turned), with every join against the page (`clashes`), and
    /// every page end at a side that carries text, raised to the dearest finite cost
    /// among `nodes` (page edges included): as bad as the worst join the measure offers.
    static func vetoing(_ costs: CostMatrix, edges: PageEdges, sides: [Sides], nodes: [Int]) -> (costs: CostMatrix, edges: PageEdges) {
        var low = Float.infinity, high = -Float.infinity
        func see(_ v: Float) { if v.isFinite { low = min(low, v); high = max(high, v) } }
        for u in nodes {
            see(edges.leftEdge[u]); see(edges.rightEdge[u])
            for v in nodes where v != u { see(costs[u, v]) }
        }
        guard low.isFinite, high > low else { return (costs, edges) }
        var c = costs, e = edges
        // Raised to the dearest cost, not beyond: the solvers scale costs by their spread.
        func vetoed(_ v: Float) -> Float { v.isFinite ? max(v, high) : v }
        for u in nodes {
            if sides[u].leftCarriesText { e.leftEdge[u] = vetoed(e.leftEdge[u]) }
            if sides[u].rightCarriesText { e.rightEdge[u] = vetoed(e.rightEdge[u]) }
            for v in nodes where v != u && clashes(sides[u], sides[v]) { c[u, v] = vetoed(c[u, v]) }
        }
        return (c, e)
    }

    /// What the edge measure says of margin strips standing at an end of the page:
    /// `join(a, b)` for strip `a` left of `b` as they stand (margin strips as scanned),
    /// `opens(m)` for `m` at the page's left end, `closes(m)` at its right end.
    struct Prices {
        var join: (Int, Int) -> Float
        var opens: (Int) -> Float
        var closes: (Int) -> Float
    }

    /// Margin strips `margins` put at the ends of `result` (ordered without them), as
    /// scanned (a blank strip has no up), split so that the left and right margins
    /// come out as wide as each other: the blank columns at the outer side of the first
    /// and last strip count with them. Their joins get confidence 0 (guesses by nature).
    /// With `prices`, the measure says which go left (those that prefer the left end
    /// most: standing left of the first strip and opening the page, against standing
    /// right of the last and closing it) and in what order (the one that joins the
    /// text best next to it); else they go in name order.
    static func placing(_ margins: [Int], around result: StripSolver.Result, images: [GrayImage],
                        prices: Prices? = nil) -> StripSolver.Result {
        guard !margins.isEmpty, let first = result.order.first, let last = result.order.last else {
            var out = result
            if result.order.isEmpty {
                out.order = margins
                out.confidence = [Float](repeating: 0, count: max(0, margins.count - 1))
            }
            return out
        }
        let width = images[first].width
        let leftBand = StripSolver.blankColumns(images, first, turned: result.turned, fromLeft: true)
        let rightBand = StripSolver.blankColumns(images, last, turned: result.turned, fromLeft: false)
        let ideal = (Double(margins.count * width + rightBand - leftBand) / Double(2 * width)).rounded()
        let leftCount = max(0, min(margins.count, Int(ideal)))
        var left = Array(margins.prefix(leftCount)), right = Array(margins.dropFirst(leftCount))
        if let prices {
            func finite(_ v: Float) -> Float { v.isFinite ? v : 1e9 }
            let lean = Dictionary(uniqueKeysWithValues: margins.map { m in
                (m, finite(prices.join(m, first)) + finite(prices.opens(m)) - finite(prices.join(last, m)) - finite(prices.closes(m)))
            })
            let sorted = margins.sorted { lean[$0]! != lean[$1]! ? lean[$0]! < lean[$1]! : $0 < $1 }
            // Nearest the text first: the left side read from the text outwards, then reversed.
            left = Array(sorted.prefix(leftCount)).sorted { finite(prices.join($0, first)) < finite(prices.join($1, first)) }.reversed()
            right = Array(sorted.dropFirst(leftCount)).sorted { finite(prices.join(last, $0)) < finite(prices.join(last, $1)) }
        }
        var out = result
        out.order = left + result.order + right
        out.confidence = [Float](repeating: 0, count: left.count) + result.confidence + [Float](repeating: 0, count: right.count)
        return out
    }

    /// `result` with its small islands of ink left of the main island moved to its right
    /// end (see the type's notes), when the main island ends in a blank side. Joins the
    /// move makes get confidence 0.
    static func aligningLeft(_ result: StripSolver.Result, sides: [Sides]) -> StripSolver.Result {
        let order = result.order
        guard order.count > 2 else { return result }
        func side(_ piece: Int) -> Sides { result.turned.contains(piece) ? sides[piece].turned : sides[piece] }
        var islands: [[Int]] = [[order[0]]]
        for (a, b) in zip(order, order.dropFirst()) {
            if side(a).rightIsBlank && side(b).leftIsBlank { islands.append([b]) } else { islands[islands.count - 1].append(b) }
        }
        guard islands.count > 1 else { return result }
        func ink(_ island: [Int]) -> Int { island.reduce(0) { $0 + sides[$1].rows } }
        let main = islands.indices.max { ink(islands[$0]) < ink(islands[$1]) }!
        guard main > 0, side(islands[main].last!).rightIsBlank else { return result }
        let rows = islands[main].map { sides[$0].rows }.sorted()
        let ordinary = rows[rows.count / 2]
        let small = islands[..<main].map { island in
            ink(island) < ordinary && !island.allSatisfy { isMargin(sides[$0]) }
        }
        guard small.contains(true) else { return result }
        let before = islands[..<main].enumerated().filter { !small[$0.offset] }.flatMap(\.element)
        let moved = islands[..<main].enumerated().filter { small[$0.offset] }.flatMap(\.element)
        let after = islands[(main + 1)...].flatMap { $0 }
        var out = result
        out.order = before + islands[main] + moved + after
        var known: [[Int]: Float] = [:]
        for (k, pair) in zip(order, order.dropFirst()).enumerated() where k < result.confidence.count {
            known[[pair.0, pair.1]] = result.confidence[k]
        }
        out.confidence = zip(out.order, out.order.dropFirst()).map { known[[$0, $1]] ?? 0 }
        return out
    }
}
