/// The cost of a page, and of every part of it a solver step moves: the one place
/// where joins, page edges, weights, line misfit and line rhythm are priced.
///
/// ```
///            top edge (verticalEdges.leftEdge)
///          +-----+-----+
///   left   |  a  |  b  |   right edge
///   edge   +-----+-----+   (horizontalEdges.rightEdge)
///          |  c  |  d  |
///          +-----+-----+
///            bottom edge (verticalEdges.rightEdge)
///
///   page = edges + lr(a,b) + lr(c,d) + w_v * (tb(a,c) + tb(b,d) + top and bottom edges)
/// ```
///
/// Left-right joins and the side edges count once; top-bottom joins and the top and
/// bottom edges count `verticalWeight` times. A row's own cost adds its pieces'
/// text-line misfit with the row (`misfit`); the order of rows adds how badly the
/// text-line rhythm breaks between two rows (`rowStack`). Every stage of the grid
/// solver and of the double-sided solver prices its moves through these functions,
/// so a new term changes this file only. (The fast stages, `BlockOrder` and the
/// swaps, keep tables of these prices; their tests hold them to the plain sums here.)
struct PageObjective: Sendable {
    /// How the terms weigh against a left-right join.
    struct Weights: Sendable, Equatable {
        /// A piece's text-line misfit with its row, in typical left-right joins: strong
        /// enough that a piece in the wrong row pays for it even where its joins are
        /// paper (4 settled the twin rows of CUMCM 4).
        var profile: Float = 4
        /// Top-bottom joins (and the top and bottom edges) against left-right ones once
        /// rows are stacked. (0.25 and 0.5 were tried against 1 on CUMCM 3-4 and
        /// rendered 11x19 and 15x20 pages: no better overall.)
        var vertical: Float = 1
        /// A broken line rhythm between two rows, in typical top-bottom joins per column.
        var rhythm: Float = 2
        /// A row whose text lines up with neither margin nor the centre, in typical
        /// left-right joins at a piece's width off (`Alignment`): enough to place blank
        /// pieces where no join tells, too little to outweigh a join that carries ink.
        var alignment: Float = 2
        /// Side margins unequal by a piece's width or more (`Alignment.imbalance`), per row
        /// of the page, in typical left-right joins: it decides only between arrangements
        /// the joins price alike (a block of rows shifted by whole columns through white space).
        var balance: Float = 1
        /// A row at the page's top or bottom showing no blank band there, against the row
        /// showing the deepest (`rowMargins`), in typical top-bottom joins per column.
        var pageMargins: Float = 1
        init() {}
    }

    var leftRight: CostMatrix
    var topBottom: CostMatrix
    /// The page's left (`leftEdge`) and right (`rightEdge`) edges.
    var horizontalEdges: PageEdges
    /// The page's top (`leftEdge`) and bottom (`rightEdge`) edges.
    var verticalEdges: PageEdges
    var profiles: [LineProfile]
    var typicalJoin: Float
    /// 0 switches the line rhythm off (double-sided inputs, whose profiles hold two pages).
    var typicalVerticalJoin: Float
    var weights = Weights()
    /// The pieces' blank sides, for `alignmentMisfit`; nil switches the term off.
    var alignment: Alignment? = nil

    // MARK: Joins

    /// The join between two neighbours in a row; `nil` stands for the page's edge.
    @inline(__always)
    func join(_ a: Int?, _ b: Int?) -> Float {
        switch (a, b) {
        case let (a?, b?): return leftRight[a, b]
        case let (nil, b?): return horizontalEdges.leftEdge[b]
        case let (a?, nil): return horizontalEdges.rightEdge[a]
        default: return 0
        }
    }

    /// The top-bottom join between `upper` and `lower`, weighted; `nil` stands for the
    /// page's top (above) or bottom (below) edge.
    @inline(__always)
    func stack(_ upper: Int?, _ lower: Int?) -> Float {
        switch (upper, lower) {
        case let (a?, b?): return weights.vertical * topBottom[a, b]
        case let (nil, b?): return weights.vertical * verticalEdges.leftEdge[b]
        case let (a?, nil): return weights.vertical * verticalEdges.rightEdge[a]
        default: return 0
        }
    }

    /// The four sides of a cell.
    enum Side: Sendable { case left, right, up, down }

    /// The joins on the four sides of piece `p` with the given neighbours (nil: the
    /// page's edge), leaving out the side `skipping` (a join two cells share counts once).
    @inline(__always)
    func cell(_ p: Int, left: Int?, right: Int?, up: Int?, down: Int?, skipping: Side? = nil) -> Float {
        var c: Float = 0
        if skipping != .left { c += join(left, p) }
        if skipping != .right { c += join(p, right) }
        if skipping != .up { c += stack(up, p) }
        if skipping != .down { c += stack(p, down) }
        return c
    }

    /// The cell of `rows[r][c]` and its neighbours there (nil off the page).
    @inline(__always)
    static func neighbours(_ rows: [[Int]], _ r: Int, _ c: Int) -> (left: Int?, right: Int?, up: Int?, down: Int?) {
        func at(_ r: Int, _ c: Int) -> Int? { r >= 0 && r < rows.count && c >= 0 && c < rows[r].count ? rows[r][c] : nil }
        return (at(r, c - 1), at(r, c + 1), at(r - 1, c), at(r + 1, c))
    }

    // MARK: Rows

    /// A row's left-right joins and its two side edges.
    func rowJoins(_ row: [Int]) -> Float {
        guard let first = row.first, let last = row.last else { return 0 }
        var c = horizontalEdges.leftEdge[first] + horizontalEdges.rightEdge[last]
        for (a, b) in zip(row, row.dropFirst()) { c += leftRight[a, b] }
        return c
    }

    /// The cost of a row as ordered: its joins, its margins, and its pieces' line misfit.
    func rowCost(_ row: [Int]) -> Float {
        guard !row.isEmpty else { return 0 }
        return rowJoins(row) + misfit(row)
    }

    /// How badly the row's inked pieces' text lines fit the row's (each piece against
    /// the others' summed profile), in typical joins.
    func misfit(_ row: [Int]) -> Float {
        let template = RowClustering.template(row, profiles: profiles)
        guard !template.isEmpty else { return 0 }
        var total: Float = 0
        for i in row where profiles[i].ink > 0 {
            // Leave the piece's own share out so it cannot vouch for itself.
            let own = profiles[i].density
            let others = zip(template, own).map { $0 - $1 }
            total += (1 - LineProfile.correlation(own, others)) / 2
        }
        return total * weights.profile * typicalJoin
    }

    // MARK: Rows stacked

    /// The weighted top-bottom joins of `upper` above `lower`, column by column.
    func rowSeam(_ upper: [Int], _ lower: [Int]) -> Float {
        var c: Float = 0
        for k in 0..<min(upper.count, lower.count) { c += stack(upper[k], lower[k]) }
        return c
    }

    /// The row's pieces at the page's top edge (weighted).
    func topEdge(_ row: [Int]) -> Float { row.reduce(0) { $0 + stack(nil, $1) } }
    /// The row's pieces at the page's bottom edge (weighted).
    func bottomEdge(_ row: [Int]) -> Float { row.reduce(0) { $0 + stack($1, nil) } }

    /// The price of a broken rhythm between two rows, per unit of `LineRhythm.breakage`.
    func rhythmScale(columns: Int) -> Float { weights.rhythm * typicalVerticalJoin * Float(columns) }

    /// The row-order tour's matrix over `rows` (node 0 is the page's top and bottom):
    /// `0 -> a` row `a` at the top, `a -> 0` at the bottom (its edge and `rowMargins`), `a -> b` row `a` above `b`
    /// (their seam plus the rhythm broken between them). The diagonal is infinite.
    func rowOrderMatrix(_ rows: [[Int]]) -> [Float] {
        let r = rows.count
        let m = r + 1
        var matrix = [Float](repeating: 0, count: m * m)
        let rhythm = LineRhythm(rows: rows, profiles: profiles)
        let scale = rhythmScale(columns: rows.map(\.count).max() ?? 1)
        let margins = rowMargins(rows)
        for a in 0..<r {
            matrix[a + 1] = topEdge(rows[a]) + margins.top[a]
            matrix[(a + 1) * m] = bottomEdge(rows[a]) + margins.bottom[a]
            for b in 0..<r where b != a {
                matrix[(a + 1) * m + b + 1] = rowSeam(rows[a], rows[b]) + scale * rhythm.breakage(above: a, below: b)
            }
        }
        for k in 0..<m { matrix[k * m + k] = .infinity }
        return matrix
    }

    // MARK: The page

    /// The sum of every join of the page, left-right and top-bottom, page edges included
    /// (no misfit or rhythm: the page as the pixels see it).
    func pageCost(_ rows: [[Int]]) -> Float {
        var total: Float = 0
        for (r, row) in rows.enumerated() {
            guard let first = row.first, let last = row.last else { continue }
            total += horizontalEdges.leftEdge[first] + horizontalEdges.rightEdge[last]
            for (a, b) in zip(row, row.dropFirst()) { total += leftRight[a, b] }
            for (c, piece) in row.enumerated() {
                if r == 0 { total += stack(nil, piece) }
                total += stack(piece, r + 1 < rows.count && c < rows[r + 1].count ? rows[r + 1][c] : nil)
            }
        }
        return total
    }
}

extension PageObjective {
    /// How a row's text lines up with the page's side margins: on a page, a row's text
    /// starts at the left margin, ends at the right margin, or is centred between them
    /// (titles); one that does none of these sits a piece too far left or right. The
    /// misfit is 0 for any of the three and grows to `weights.alignment` typical joins
    /// at one piece's width off. Read from each piece's blank bands at its sides.
    /// A double-sided sheet has two faces per piece: page 2 reads each row reversed
    /// (the sheet turns over about its vertical axis), and both pages' misfits add up.
    struct Alignment: Sendable {
        /// One page's view of the pieces.
        struct Face: Sendable {
            /// Blank columns at each piece's left and right side (`width` for a blank piece).
            let left: [Int], right: [Int]
            let blank: [Bool]
            /// Blank rows at each piece's top and bottom (`height` for a blank piece).
            let top: [Int], bottom: [Int]
            /// Page 2 of a sheet: the row is read right to left.
            let reversed: Bool

            init(left: [Int], right: [Int], blank: [Bool], top: [Int], bottom: [Int], reversed: Bool) {
                self.left = left
                self.right = right
                self.blank = blank
                self.top = top
                self.bottom = bottom
                self.reversed = reversed
            }

            init(_ images: [GrayImage], reversed: Bool) {
                left = images.map(PaperModel.blankColumnsFromLeft)
                right = images.map(PaperModel.blankColumnsFromRight)
                blank = images.map(PaperModel.isBlank)
                top = images.map(PaperModel.blankRowsFromTop)
                bottom = images.map(PaperModel.blankRowsFromBottom)
                self.reversed = reversed
            }
        }

        /// A piece's width, the unit of the misfit.
        let width: Int
        let faces: [Face]
        /// Pieces with no ink at all (on any face).
        let blank: [Bool]

        init(_ images: [GrayImage]) { self.init(faces: [images]) }

        /// `faces[0]` page 1's face of every piece, `faces[1]` (if any) its page-2 face.
        init(faces images: [[GrayImage]]) {
            width = images.first?.first?.width ?? 1
            let faces = images.enumerated().map { Face($1, reversed: $0 == 1) }
            self.faces = faces
            let n = images.first?.count ?? 0
            blank = (0..<n).map { p in faces.allSatisfy { $0.blank[p] } }
        }

        private init(width: Int, faces: [Face], blank: [Bool]) {
            self.width = width
            self.faces = faces
            self.blank = blank
        }

        /// The view of the pieces `list` alone (piece k of the result is `list[k]`), read
        /// from this one without looking at the images again.
        func subset(_ list: [Int]) -> Alignment {
            Alignment(width: width, faces: faces.map { f in
                Face(left: list.map { f.left[$0] }, right: list.map { f.right[$0] }, blank: list.map { f.blank[$0] },
                     top: list.map { f.top[$0] }, bottom: list.map { f.bottom[$0] }, reversed: f.reversed)
            }, blank: list.map { blank[$0] })
        }

        /// Each page's text margins: the median over rows of where their text starts (from
        /// the page's left edge) and ends (from its right edge).
        struct Margins: Sendable { var left: [Float]; var right: [Float] }

        /// Where the row's text starts from its left end, and ends from its right end, in
        /// px, on face `f`.
        func extent(_ row: [Int], face f: Int) -> (left: Int, right: Int)? {
            let face = faces[f]
            let seen = face.reversed ? Array(row.reversed()) : row
            guard let first = seen.firstIndex(where: { !face.blank[$0] }),
                  let last = seen.lastIndex(where: { !face.blank[$0] }) else { return nil }
            return (first * width + face.left[seen[first]], (seen.count - 1 - last) * width + face.right[seen[last]])
        }

        func margins(_ rows: [[Int]]) -> Margins {
            margins(faces.indices.map { f in rows.compactMap { extent($0, face: f) } })
        }

        /// The margins from the rows' extents on each face (`extents[f]`, rows without ink left out).
        func margins(_ extents: [[(left: Int, right: Int)]]) -> Margins {
            func median(_ x: [Int]) -> Float { x.isEmpty ? 0 : Float(x.sorted()[x.count / 2]) }
            var out = Margins(left: [], right: [])
            for f in faces.indices {
                out.left.append(median(extents[f].map(\.left)))
                out.right.append(median(extents[f].map(\.right)))
            }
            return out
        }

        /// 0 (flush left, flush right or centred on every page) ... 1 per page (a piece's
        /// width off all three).
        func misalignment(_ row: [Int], margins: Margins) -> Float {
            var total: Float = 0
            for f in faces.indices {
                guard let e = extent(row, face: f) else { continue }
                total += misalignment(e, face: f, margins: margins)
            }
            return total
        }

        /// One face's misalignment of a row whose text spans `e` (`extent`).
        @inline(__always)
        func misalignment(_ e: (left: Int, right: Int), face f: Int, margins: Margins) -> Float {
            let w = Float(width)
            let l = Float(e.left) - margins.left[f], r = Float(e.right) - margins.right[f]
            return min(min(abs(l), w), min(abs(r), w), min(abs(l - r), w)) / w
        }

        /// How far each page's left and right margins are apart, 0 ... 1 per page (a
        /// piece's width or more): most pages are set with equal side margins, so where
        /// nothing else tells, a page whose blank columns all sit at one side is less
        /// likely than the same page with them shared out (the strip solver splits blank
        /// strips between the ends the same way).
        func imbalance(_ margins: Margins) -> Float {
            let w = Float(width)
            return zip(margins.left, margins.right).reduce(0) { $0 + min(abs($1.0 - $1.1), w) / w }
        }
    }

    /// What each row would pay at the page's top and at its bottom for the blank band
    /// it shows there (`weights.pageMargins`): the page's top row shows the top margin,
    /// its bottom row the bottom margin, and those are deeper than the gaps between
    /// paragraphs. A row's band on a page is the shallowest of its pieces' (blank pieces
    /// left out); a row pays for how far it falls short of the deepest band of any row,
    /// as a share of that, on each page of the sheet. Where the cuts between blocks of
    /// rows run through white space, this is what says which block goes first.
    ///
    /// Summed over the rows of an order, the top and bottom terms differ only in which
    /// rows stand first and last: the same as pricing every cut between two rows by the
    /// white space it runs through, the page's margins being the widest.
    func rowMargins(_ rows: [[Int]]) -> (top: [Float], bottom: [Float]) {
        let zero = [Float](repeating: 0, count: rows.count)
        guard let alignment, weights.pageMargins > 0 else { return (zero, zero) }
        let columns = Float(rows.map(\.count).max() ?? 1)
        let unit = typicalVerticalJoin > 0 ? typicalVerticalJoin : typicalJoin
        let scale = weights.vertical * weights.pageMargins * unit * columns
        var top = zero, bottom = zero
        for face in alignment.faces {
            func band(_ row: [Int], _ depth: [Int]) -> Int? {
                row.filter { !face.blank[$0] }.map { depth[$0] }.min()
            }
            for (depth, out) in [(face.top, 0), (face.bottom, 1)] {
                let bands = rows.map { band($0, depth) }
                guard let deepest = bands.compactMap({ $0 }).max(), deepest > 0 else { continue }
                for (a, b) in bands.enumerated() {
                    guard let b else { continue }
                    let shortfall = scale * Float(deepest - b) / Float(deepest)
                    if out == 0 { top[a] += shortfall } else { bottom[a] += shortfall }
                }
            }
        }
        return (top, bottom)
    }

    /// `Alignment.misalignment` priced: in typical left-right joins (`weights.alignment`).
    func alignmentMisfit(_ row: [Int], margins: Alignment.Margins) -> Float {
        guard let alignment else { return 0 }
        return weights.alignment * typicalJoin * alignment.misalignment(row, margins: margins)
    }
}
