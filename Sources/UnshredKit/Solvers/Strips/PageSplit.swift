/// Strips of several pages mixed in one folder: how many pages, and which strips make
/// each.
///
/// 1. Strips are grouped by their text lines (`LineGrid`): strips of one page share
///    the rows their lines run in. Groups of at least `minPageStrips` strips are pages;
///    one such group (or none) means one page, solved as before.
/// 2. The strips left over (margin strips and others with few lines, in small groups)
///    join the page whose order they fit into best (`PageInsertion`: the cheapest
///    place, ends included, either way up when strips may be turned, the cheapest
///    strip first): the edge measure's costs over that page's strips and the left-over ones.
/// 3. Each page is then ordered on its own (`StripSolver`), its costs read among its
///    own strips only: the measure sees one page at a time, as it was made for, and
///    n strips in p pages cost about n^2 / p pairs instead of n^2.
///
/// A folder of up to `confirmLimit` strips might be one page whose text changes its
/// line grid part way (a letter's head, a table): there the split must be confirmed by
/// the edges (`confirmed`). Pages are numbered in the order of their first strip by name.
enum PageSplit {
    /// Groups of strips at least this alike on average (`LineGrid.groups`) are one page.
    /// On the S-ISRI-OCR development pages mixed, 0.25 to 0.4 all find the 5 pages, none
    /// mixing strips of two (S-MARQUES: 0.35 to 0.4 keep pages apart, but split some).
    static let threshold: Float = 0.35
    /// A page holds at least this many strips; smaller groups are left-overs (step 2).
    static let minPageStrips = 4

    /// Up to this many strips a split is checked against one page's order (`confirmed`).
    static let confirmLimit = 120
    /// A join between two pages costs more than this many times the median join within one.
    static let badJoinFactor: Float = 2

    /// True when the order of all strips as one page (`order`, piece indices, with
    /// costs `cost`) has at least (pages - 1) joins between strips of different pages
    /// that are clearly bad: dearer than `badJoinFactor` times the median join between
    /// strips of the same page, or hardly cheaper (by less than that median) than ending
    /// one page and starting another there (`breakCost`: on clean cuts two white margins
    /// join for nothing, but each also costs next to nothing as a page edge). One page cut by a change of line grid joins
    /// its parts with ordinary joins; pages run together join with poor ones. (On the 5 S-ISRI-OCR
    /// development pages: joins within pages cost 0-12.7, from one page's last strip
    /// to another's first 13.1-16.9, the median join 4.6.)
    static func confirmed(_ pages: [[Int]], order: [Int], cost: (Int, Int) -> Float,
                          breakCost: (Int, Int) -> Float = { _, _ in .infinity }) -> Bool {
        var page: [Int: Int] = [:]
        for (p, members) in pages.enumerated() { for i in members { page[i] = p } }
        var within: [Float] = [], between: [(a: Int, b: Int)] = []
        for (a, b) in zip(order, order.dropFirst()) {
            if page[a] == page[b] { within.append(cost(a, b)) } else { between.append((a, b)) }
        }
        guard !within.isEmpty else { return true }
        within.sort()
        let median = within[within.count / 2]
        let bad = between.filter { cost($0.a, $0.b) > badJoinFactor * median || breakCost($0.a, $0.b) <= cost($0.a, $0.b) + median }
        return bad.count >= pages.count - 1
    }

    /// The pages (piece indices, each sorted), or nil for one page.
    /// - Parameter costs: left-right costs and page edges among the pieces given (indices
    ///   into `pieces`), oriented (`2k + t`, k-th piece given) when `turns`.
    static func pages(_ pieces: PieceSet, turns: Bool, costs: ([Int]) -> (costs: CostMatrix, edges: PageEdges)) -> [[Int]]? {
        guard pieces.count >= 2 * minPageStrips else { return nil }
        let grid = LineGrid(pieces.images)
        let cues = PageCues(pieces)
        let groups = grid.groups(threshold: threshold, turns: turns, compatible: cues.compatible)
        var pages = groups.filter { $0.count >= minPageStrips }
        guard pages.count > 1 else { return nil }
        // Parts of pages join first (before left-over strips widen them), and once more after.
        let alike: ([Int], [Int]) -> Float = { a, b in
            var total: Float = 0
            for i in a { for j in b { total += grid.similarity(i, j, turns: turns) } }
            return total / Float(max(1, a.count * b.count))
        }
        pages = mergingFragments(pages, pieces: pieces, alike: alike, compatible: cues.compatible)
        guard pages.count > 1 else { return nil }
        let leftOver = groups.filter { $0.count < minPageStrips }.flatMap { $0 }
        // Blank strips (no lines) say nothing of their page, their joins neither.
        let blank = leftOver.filter { grid.profiles[$0].isEmpty }
        let inked = leftOver.filter { !grid.profiles[$0].isEmpty }
        if !inked.isEmpty {
            // Each left-over strip placed into the pages' orders (`PageInsertion`), the
            // measure over each page's strips and the left-overs, the cheapest place first,
            // among the pages it may be of by height and paper (`PageCues.fits`), if any:
            // the costs are z-scored within each page, so a strip that clashes everywhere
            // in its own page can still look cheapest in another.
            let matrices = pages.map { page in
                let (c, e) = costs(page + inked)
                return PageInsertion.Page(count: page.count, costs: c, edges: e, turns: turns)
            }
            let before = pages
            let allowed = inked.map { strip in
                let fitting = before.indices.filter { cues.fits(strip, page: before[$0]) }
                return fitting.isEmpty ? Array(before.indices) : fitting
            }
            let chosen = PageInsertion.assign(candidates: inked.count, pages: matrices, allowed: { allowed[$0] })
            for (k, strip) in inked.enumerated() { pages[chosen[k]].append(strip) }
        }
        pages = mergingFragments(pages, pieces: pieces, alike: alike, compatible: cues.compatible)
        guard pages.count > 1 else { return nil }
        pages = fillingOut(pages, with: blank, pieces: pieces, cues: cues)
        return pages.map { $0.sorted() }.sorted { pieces[$0[0]].name < pieces[$1[0]].name }
    }

    /// The pages under decisions: `pages` (found without them) with every two pages a
    /// pinned left-right join runs between made one (the person says those strips are
    /// neighbours, so of one page), sorted as `pages` sorts them; nil once one page is
    /// left. A forbidden join between two pages holds as it is.
    static func joined(_ pages: [[Int]], pieces: PieceSet, by constraints: JoinConstraints) -> [[Int]]? {
        var page: [String: Int] = [:]
        for (p, members) in pages.enumerated() { for i in members { page[pieces[i].name] = p } }
        var sets = UnionFind(count: pages.count)
        for join in constraints.pinned where join.direction == .leftRight {
            guard let a = page[join.first], let b = page[join.second] else { continue }
            sets.union(a, into: b)
        }
        var merged: [Int: [Int]] = [:]
        for p in pages.indices { merged[sets.find(p), default: []] += pages[p] }
        guard merged.count > 1 else { return nil }
        return merged.values.map { $0.sorted() }.sorted { pieces[$0[0]].name < pieces[$1[0]].name }
    }

    /// Blank strips go where a page is short of paper: the pages of one folder are
    /// mostly of one size, so each blank strip (in name order) joins the page whose
    /// width (sum of paper widths) is furthest below the folder's mean page width.
    /// (On the 10 S-MARQUES development pages mixed, about 30 of the 282 strips are
    /// blank; by their cheapest join they went, most of them, to one page.)
    /// With `cues`, a blank strip goes among the pages it fits by height and paper white
    /// (`PageCues.fits`, judged against each page as found, before blank strips join),
    /// else among those of its height, when there are any.
    static func fillingOut(_ pages: [[Int]], with blank: [Int], pieces: PieceSet, cues: PageCues? = nil) -> [[Int]] {
        guard !blank.isEmpty, !pages.isEmpty else { return pages }
        var out = pages
        var widths = pages.map { $0.reduce(0) { $0 + SolverView.paperWidth(pieces[$1]) } }
        let total = widths.reduce(0, +) + blank.reduce(0) { $0 + SolverView.paperWidth(pieces[$1]) }
        let mean = Double(total) / Double(pages.count)
        let heights = pages.map { cues?.height(of: $0) ?? 0 }
        for strip in blank {
            let same = pages.indices.filter { page in cues.map { !$0.byHeight || $0.sameHeight($0.heights[strip], heights[page]) } ?? true }
            let fitting = same.filter { cues?.fits(strip, page: pages[$0]) ?? true }
            let options = !fitting.isEmpty ? fitting : !same.isEmpty ? same : Array(pages.indices)
            let short = options.max { mean - Double(widths[$0]) < mean - Double(widths[$1]) }!
            out[short].append(strip)
            widths[short] += SolverView.paperWidth(pieces[strip])
        }
        return out
    }

    /// A page is taller than wide, but not much: strips that together are narrower than
    /// a page of their height by this factor (height over the sum of their paper
    /// widths above it) cannot be a page by themselves. A4 and Letter stand at
    /// 1.29-1.41, Legal at 1.65, the real development pages at 1.2-1.8 (S-MARQUES D002:
    /// 23 strips, 1.80); half of a portrait page (one of two columns) at 2.6 or more.
    static let maxPageAspect: Float = 2.3

    /// Height over width of the page `members` (piece indices) would make: the tallest
    /// strip over the sum of their paper widths.
    static func aspect(_ members: [Int], pieces: PieceSet) -> Float {
        let height = members.map { pieces[$0].scan.height }.max() ?? 0
        let width = members.reduce(0) { $0 + SolverView.paperWidth(pieces[$1]) }
        return Float(height) / Float(max(1, width))
    }

    /// Groups too narrow to be a page (`maxPageAspect`) are parts of one: the
    /// narrowest is merged into the group it is most alike (`alike`, over strip
    /// indices; among the other narrow groups when there are any: two columns of one
    /// page), until every group could be a page or one group is left. Only groups that
    /// may be of one page (`compatible`: `PageCues`) are merged; a narrow group with no
    /// such partner stays as it is.
    static func mergingFragments(_ groups: [[Int]], pieces: PieceSet, alike: ([Int], [Int]) -> Float,
                                 compatible: ([Int], [Int]) -> Bool = { _, _ in true }) -> [[Int]] {
        var pages = groups
        var alone: [[Int]] = []
        while pages.count > 1 {
            let aspects = pages.map { aspect($0, pieces: pieces) }
            guard let narrow = aspects.indices.max(by: { aspects[$0] < aspects[$1] }), aspects[narrow] > maxPageAspect else { break }
            let others = pages.indices.filter { $0 != narrow && compatible(pages[narrow], pages[$0]) }
            guard !others.isEmpty else {
                alone.append(pages.remove(at: narrow))
                continue
            }
            let fragments = others.filter { aspects[$0] > maxPageAspect }
            let candidates = fragments.isEmpty ? others : fragments
            let partner = candidates.max { alike(pages[narrow], pages[$0]) < alike(pages[narrow], pages[$1]) }!
            pages[partner] += pages[narrow]
            pages.remove(at: narrow)
        }
        return pages + alone
    }

    /// The pieces `indices` of `pieces` as a set of their own.
    static func subset(_ pieces: PieceSet, _ indices: [Int]) -> PieceSet {
        PieceSet(pieces: indices.map { pieces[$0] })
    }

    /// Page results (each over its own subset) as one result over `pieces`.
    static func combine(_ results: [StripSolver.Result], subsets: [PieceSet], pieces: PieceSet) -> StripSolver.Result {
        let index = Dictionary(uniqueKeysWithValues: pieces.names.enumerated().map { ($1, $0) })
        var out = StripSolver.Result(order: [], confidence: [], cost: 0)
        for (result, subset) in zip(results, subsets) {
            if !out.order.isEmpty {
                out.pageStarts.append(out.order.count)
                out.confidence.append(0)
            }
            out.order += result.order.map { index[subset[$0].name]! }
            out.confidence += result.confidence
            out.cost += result.cost
            out.turned.formUnion(result.turned.map { index[subset[$0].name]! })
        }
        return out
    }
}
