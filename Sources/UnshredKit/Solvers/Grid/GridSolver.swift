import Foundation

/// Restores a cross-cut page: an R x C grid of equal pieces.
///
/// 1. **Rows.** Pieces of one page row were cut from the same text lines, so
///    their vertical ink profiles match (`RowClustering`).
/// 2. **Each row** is ordered as a strip problem (`StripSolver`), anchored by its
///    left- and right-margin pieces.
/// 3. **Refinement.** Pieces are swapped between rows while the total cost falls:
///    a piece in the wrong row pays for it in its joins and in how badly its text
///    lines fit the row's. This also settles rows whose lines sit at the same heights.
/// 4. **Row order**: a tour over the rows, the cost of row `a` above row `b` being
///    the top-bottom edge costs down all C columns plus how badly the text-line
///    rhythm breaks across the cut (`LineRhythm`), anchored by the top and bottom
///    margin rows.
public enum GridSolver {
    public struct Result: Sendable, Equatable {
        /// Piece indices, top row first, each row left to right.
        public var rows: [[Int]]
    }

    public struct Inputs: Sendable {
        public var images: [GrayImage]
        public var leftRight: CostMatrix { didSet { candidates = CandidateCache() } }
        public var topBottom: CostMatrix { didSet { candidates = CandidateCache() } }
        public var horizontalEdges: PageEdges
        public var verticalEdges: PageEdges
        public var profiles: [LineProfile]
        public var typicalJoin: Float
        public var typicalVerticalJoin: Float
        /// Left-right joins the user pinned: their pieces share a row, whatever the profiles say.
        public var pinnedLinks: [(Int, Int)] = []
        /// Top-bottom joins the user pinned (upper, lower).
        public var pinnedBelow: [(Int, Int)] = []
        /// The candidate lists of both cost matrices, made on first use and shared by
        /// copies (a new cache whenever a matrix is replaced or changed).
        var candidates = CandidateCache()
    }

    /// Computes `candidateLists` once, whichever thread asks first.
    final class CandidateCache: @unchecked Sendable {
        private let lock = NSLock()
        private var lists: (leftRight: CandidateLists, topBottom: CandidateLists)?

        func get(_ make: () -> (leftRight: CandidateLists, topBottom: CandidateLists))
            -> (leftRight: CandidateLists, topBottom: CandidateLists) {
            lock.lock()
            defer { lock.unlock() }
            if let lists { return lists }
            let made = make()
            lists = made
            return made
        }
    }

    /// Weight of a piece's text-line misfit with its row, in typical joins.
    nonisolated(unsafe) public static var profileWeight: Float = 4
    /// Weight of top-bottom joins against left-right ones once rows are stacked.
    /// (0.25 and 0.5 were tried against 1 on CUMCM 3-4 and rendered 11x19 and 15x20
    /// pages: no better overall.)
    nonisolated(unsafe) public static var verticalWeight: Float = 1
    /// Weight of a broken line rhythm between two rows, in typical vertical joins per column.
    nonisolated(unsafe) public static var rhythmWeight: Float = 2

    public static func prepare(_ images: [GrayImage], measure: EdgeCostMeasure,
                               constraints: JoinConstraints = JoinConstraints(), names: [String] = []) -> Inputs {
        var lr = CostMatrix.leftRight(images, measure: measure)
        var tb = CostMatrix.topBottom(images, measure: measure)
        let typical = StripSolver.typicalJoin(lr)
        let typicalVertical = StripSolver.typicalJoin(tb)
        let horizontal = PageEdges.horizontal(images, typicalJoin: typical, measure: measure)
        let vertical = PageEdges.vertical(images, typicalJoin: typicalVertical, measure: measure)
        if !constraints.isEmpty {
            constraints.apply(to: &lr, names: names, direction: .leftRight)
            constraints.apply(to: &tb, names: names, direction: .topBottom)
        }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        func pins(_ direction: JoinDirection) -> [(Int, Int)] {
            constraints.pinned.filter { $0.direction == direction }
                .sorted { ($0.first, $0.second) < ($1.first, $1.second) }
                .compactMap { join -> (Int, Int)? in
                    guard let a = index[join.first], let b = index[join.second] else { return nil }
                    return (a, b)
                }
        }
        let pinned = pins(.leftRight)
        return Inputs(images: images, leftRight: lr, topBottom: tb,
                      horizontalEdges: horizontal, verticalEdges: vertical,
                      profiles: images.map { LineProfile($0) },
                      typicalJoin: typical, typicalVerticalJoin: typicalVertical,
                      pinnedLinks: pinned, pinnedBelow: pins(.topBottom))
    }

    public static func solve(_ inputs: Inputs, grid: GridShape, seed: UInt64 = 1) -> Result {
        // Two kinds of evidence group the rows, each blind where the other sees: line
        // profiles (blind to rows with lines at the same heights) and the text's run
        // along a row (blind where a row is cut through paper). Each grouping is
        // arranged in full, on its own core, and the page whose joins cost least wins.
        var groupings = [RowClustering.cluster(inputs.profiles, rows: grid.rows, columns: grid.columns,
                                               links: inputs.pinnedLinks + confidentLinks(inputs))]
        if inputs.leftRight.count <= tourLimit && inputs.pinnedLinks.isEmpty {
            for groups in RowTour.groups(inputs, grid: grid, seed: seed, lineWeights: tourLineWeights) {
                let partition = Set(groups.map(Set.init))
                if !groupings.contains(where: { Set($0.map(Set.init)) == partition }) { groupings.append(groups) }
            }
        }
        let candidates = groupings
        var arranged = [[[Int]]](repeating: [], count: candidates.count)
        arranged.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: candidates.count) { k in
                out.value[k] = arrange(candidates[k], inputs: inputs, seed: seed)
            }
        }
        let costs = arranged.map { pageCost($0, inputs: inputs) }
        let best = costs.indices.min { (costs[$0], $0) < (costs[$1], $1) } ?? 0
        return Result(rows: enforcePins(arranged[best], inputs: inputs))
    }

    /// Line-profile weights of the row tours tried beside the clustering (in typical
    /// joins). On CUMCM 3-4 and rendered 11x19/15x20 pages, [2] did as well as [2, 8],
    /// [3] or [5] everywhere and better than 3 and 5 on a newspaper-like page.
    static let tourLineWeights: [Float] = [2]
    /// Row tours read a dense (n + R)^2 matrix and triple the arranging work; past
    /// this many pieces only the clustering runs (speed targets, issue 7).
    static let tourLimit = 1100

    /// Everything after the rows are grouped: order, trade, stack, polish.
    static func arrange(_ groups: [[Int]], inputs: Inputs, seed: UInt64) -> [[Int]] {
        var rows = groups.map { orderRow($0, inputs: inputs, seed: seed) }
        rows = exchangeSegments(rows, inputs: inputs, seed: seed)
        rows = refine(rows, inputs: inputs, seed: seed)
        rows = exchangeSegments(rows, inputs: inputs, seed: seed)
        rows = orderRows(rows, inputs: inputs, seed: seed)
        var settled = Set<[Int]>()
        rows = polish(rows, inputs: inputs, settled: &settled)
        for _ in 0..<6 {
            let swapped = swapPieces(rows, inputs: inputs)
            if swapped == rows { break }
            rows = orderRows(polish(swapped, inputs: inputs, settled: &settled), inputs: inputs, seed: seed)
            rows = polish(rows, inputs: inputs, settled: &settled)
        }
        return rows
    }

    /// The sum of every join of the page, left-right and top-bottom, page edges included.
    static func pageCost(_ rows: [[Int]], inputs: Inputs) -> Float {
        var total: Float = 0
        for (r, row) in rows.enumerated() {
            guard let first = row.first, let last = row.last else { continue }
            total += inputs.horizontalEdges.leftEdge[first] + inputs.horizontalEdges.rightEdge[last]
            for (a, b) in zip(row, row.dropFirst()) { total += inputs.leftRight[a, b] }
            for (c, piece) in row.enumerated() {
                if r == 0 { total += inputs.verticalEdges.leftEdge[piece] }
                if r + 1 < rows.count, c < rows[r + 1].count {
                    total += verticalWeight * inputs.topBottom[piece, rows[r + 1][c]]
                } else {
                    total += inputs.verticalEdges.rightEdge[piece]
                }
            }
        }
        return total
    }

    /// Pinned joins the search left unmet are made true: the user's word outranks
    /// the edges. First by moving each pin's second piece beside (or below) its first;
    /// when that leaves a pin unmet (pins chained through one piece undo each other),
    /// by rigid patches instead.
    static func enforcePins(_ start: [[Int]], inputs: Inputs) -> [[Int]] {
        let swapped = enforcePinsBySwaps(start, inputs: inputs)
        return pinsHold(swapped, inputs: inputs) ? swapped : enforcePinsByPatches(start, inputs: inputs)
    }

    static func pinsHold(_ rows: [[Int]], inputs: Inputs) -> Bool {
        var cell: [Int: (r: Int, c: Int)] = [:]
        for (r, row) in rows.enumerated() { for (c, p) in row.enumerated() { cell[p] = (r, c) } }
        return inputs.pinnedLinks.allSatisfy { a, b in
            guard let x = cell[a], let y = cell[b] else { return true }
            return y == (x.r, x.c + 1)
        } && inputs.pinnedBelow.allSatisfy { a, b in
            guard let x = cell[a], let y = cell[b] else { return true }
            return y == (x.r + 1, x.c)
        }
    }

    /// Pins tie pieces into rigid patches (each piece at a fixed offset
    /// from the patch's first); each patch goes where most of its pieces already
    /// are, off the cells of patches placed before it, and its pieces are swapped in.
    /// (Pins chained through one piece, e.g. `a` left of `x` and `b` above `x`, hold
    /// together this way; single swaps undid one another.) Pins that contradict an
    /// earlier one (two pieces in one place) are left out.
    static func enforcePinsByPatches(_ start: [[Int]], inputs: Inputs) -> [[Int]] {
        var rows = start
        let ties = inputs.pinnedLinks.map { (a: $0.0, b: $0.1, dr: 0, dc: 1) }
            + inputs.pinnedBelow.map { (a: $0.0, b: $0.1, dr: 1, dc: 0) }
        guard !ties.isEmpty, let columns = rows.first?.count, rows.allSatisfy({ $0.count == columns }) else { return rows }
        var around: [Int: [(piece: Int, dr: Int, dc: Int)]] = [:]
        for t in ties {
            around[t.a, default: []].append((t.b, t.dr, t.dc))
            around[t.b, default: []].append((t.a, -t.dr, -t.dc))
        }
        // Patches, by breadth-first walks over the ties.
        var offset: [Int: (r: Int, c: Int)] = [:]
        var patches: [[Int]] = []
        for start in ties.flatMap({ [$0.a, $0.b] }) where offset[start] == nil {
            var patch = [start]
            var taken: Set<[Int]> = [[0, 0]]
            offset[start] = (0, 0)
            var queue = [start]
            while let x = queue.popLast() {
                for (y, dr, dc) in around[x] ?? [] where offset[y] == nil {
                    let at = (r: offset[x]!.r + dr, c: offset[x]!.c + dc)
                    guard !taken.contains([at.r, at.c]) else { continue }
                    taken.insert([at.r, at.c])
                    offset[y] = at
                    patch.append(y)
                    queue.append(y)
                }
            }
            patches.append(patch)
        }
        var cell: [Int: (r: Int, c: Int)] = [:]
        for (r, row) in rows.enumerated() { for (c, p) in row.enumerated() { cell[p] = (r, c) } }
        var locked = Set<[Int]>()
        let firsts = Set(ties.map(\.a))
        for patch in patches {
            let minR = patch.map { offset[$0]!.r }.min()!, maxR = patch.map { offset[$0]!.r }.max()!
            let minC = patch.map { offset[$0]!.c }.min()!, maxC = patch.map { offset[$0]!.c }.max()!
            guard maxR - minR < rows.count, maxC - minC < columns else { continue }
            // The anchor (the first piece's cell) that leaves most pieces where they are;
            // a pin's first piece is the one the user looked at in place, so it stays by preference.
            var best: (moves: Float, r: Int, c: Int)?
            for r in (-minR)..<(rows.count - maxR) {
                for c in (-minC)..<(columns - maxC) {
                    var moves: Float = 0
                    var free = true
                    for p in patch {
                        let target = [r + offset[p]!.r, c + offset[p]!.c]
                        if locked.contains(target) { free = false; break }
                        if let at = cell[p], [at.r, at.c] != target { moves += firsts.contains(p) ? 1.5 : 1 }
                    }
                    if free, best == nil || moves < best!.moves { best = (moves, r, c) }
                }
            }
            guard let anchor = best else { continue }
            for p in patch {
                let target = (r: anchor.r + offset[p]!.r, c: anchor.c + offset[p]!.c)
                guard let from = cell[p] else { continue }
                let other = rows[target.r][target.c]
                rows[target.r][target.c] = p
                rows[from.r][from.c] = other
                cell[p] = target
                cell[other] = from
                locked.insert([target.r, target.c])
            }
        }
        return rows
    }

    /// Moves each pin's second piece beside (or below) its first (two rounds).
    static func enforcePinsBySwaps(_ start: [[Int]], inputs: Inputs) -> [[Int]] {
        var rows = start
        guard !inputs.pinnedLinks.isEmpty || !inputs.pinnedBelow.isEmpty else { return rows }
        func place(of piece: Int) -> (Int, Int)? {
            for (r, row) in rows.enumerated() { if let c = row.firstIndex(of: piece) { return (r, c) } }
            return nil
        }
        func swap(_ a: (Int, Int), _ b: (Int, Int)) {
            let t = rows[a.0][a.1]
            rows[a.0][a.1] = rows[b.0][b.1]
            rows[b.0][b.1] = t
        }
        for _ in 0..<2 {
            for (x, y) in inputs.pinnedLinks {
                guard let px = place(of: x), let py = place(of: y) else { continue }
                if py == (px.0, px.1 + 1) { continue }
                if px.1 + 1 < rows[px.0].count {
                    swap(py, (px.0, px.1 + 1))
                } else if py.1 > 0 {
                    swap(px, (py.0, py.1 - 1))
                } else if px.1 > 0 {
                    // x at the right edge, y at the left edge: shift x one left, then y beside it.
                    swap(px, (px.0, px.1 - 1))
                    if let moved = place(of: y) { swap(moved, px) }
                }
            }
            for (x, y) in inputs.pinnedBelow {
                guard let px = place(of: x), let py = place(of: y) else { continue }
                if py == (px.0 + 1, px.1) { continue }
                if px.0 + 1 < rows.count, px.1 < rows[px.0 + 1].count {
                    swap(py, (px.0 + 1, px.1))
                } else if py.0 > 0, py.1 < rows[py.0 - 1].count {
                    swap(px, (py.0 - 1, py.1))
                } else if px.0 > 0 {
                    // x in the bottom row, y in the top row: lift x one row, then y under it.
                    swap(px, (px.0 - 1, px.1))
                    if let moved = place(of: y) { swap(moved, px) }
                }
            }
        }
        return rows
    }

    // MARK: Confidence

    /// How well each cell's piece fits its neighbourhood compared with every other
    /// piece: `fit(x)` is the cost of piece `x` joined to the cell's current four
    /// neighbours (or the page edge), and the margin is `min fit(other) - fit(own)`;
    /// the confidence is `margin / (margin + typical join)`, 0 when another piece
    /// fits at least as well. A join whose own edges are ambiguous (paper against
    /// paper) is still sure when both its pieces are held in place by their other
    /// neighbours; a misplaced piece usually has a rival that fits its cell better.
    /// (Measured against truth on CUMCM 3-4 and rendered pages; see issue notes.)
    /// - Complexity: O(n^2).
    /// - Parameter parallelFrom: from this many pieces, rows are worked on all cores.
    public static func placementConfidence(_ rows: [[Int]], inputs: Inputs, parallelFrom: Int = 1000) -> [[Float]] {
        let rowCount = rows.count
        let n = inputs.images.count
        let lr = inputs.leftRight, tb = inputs.topBottom
        let h = inputs.horizontalEdges, v = inputs.verticalEdges
        let floor = max(inputs.typicalJoin, 1e-3)
        // Rows on all cores (each cell reads only the fixed rows).
        var result = [[Float]](repeating: [], count: rows.count)
        let one = { @Sendable (r: Int) -> [Float] in
            rows[r].indices.map { c in
                let left: Int? = c > 0 ? rows[r][c - 1] : nil
                let right: Int? = c + 1 < rows[r].count ? rows[r][c + 1] : nil
                let up: Int? = r > 0 && c < rows[r - 1].count ? rows[r - 1][c] : nil
                let down: Int? = r + 1 < rowCount && c < rows[r + 1].count ? rows[r + 1][c] : nil
                func fit(_ x: Int) -> Float {
                    (left.map { lr[$0, x] } ?? h.leftEdge[x]) + (right.map { lr[x, $0] } ?? h.rightEdge[x])
                        + (up.map { tb[$0, x] } ?? v.leftEdge[x]) + (down.map { tb[x, $0] } ?? v.rightEdge[x])
                }
                let own = rows[r][c]
                let mine = fit(own)
                var rival = Float.infinity
                for x in 0..<n where x != own && x != left && x != right && x != up && x != down {
                    rival = min(rival, fit(x))
                }
                guard rival.isFinite else { return 1 }
                let margin = rival - mine
                return margin <= 0 ? 0 : margin / (margin + floor)
            }
        }
        result.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendable(buffer.baseAddress!)
            if n >= parallelFrom {
                DispatchQueue.concurrentPerform(iterations: rows.count) { r in out.value[r] = one(r) }
            } else {
                for r in rows.indices { out.value[r] = one(r) }
            }
        }
        return result
    }

    // MARK: Global swaps

    /// Swaps any two pieces of the page while the sum of all joins (left-right and
    /// top-bottom, page edges included) falls. Each trial touches at most eight
    /// joins, so a pass over all pairs is cheap; this repairs pieces that row
    /// clustering put in a twin row, where only the neighbours above and below can tell.
    /// - Parameter allPairsLimit: up to this many pieces every pair is tried.
    static func swapPieces(_ start: [[Int]], inputs: Inputs, allPairsLimit: Int = allPairsLimit) -> [[Int]] {
        var grid = start
        let rowCount = grid.count
        guard rowCount > 0 else { return grid }
        let lr = inputs.leftRight, tb = inputs.topBottom
        let h = inputs.horizontalEdges, v = inputs.verticalEdges
        struct Cell: Equatable { var r: Int; var c: Int }
        func piece(_ cell: Cell) -> Int? {
            cell.r >= 0 && cell.r < rowCount && cell.c >= 0 && cell.c < grid[cell.r].count ? grid[cell.r][cell.c] : nil
        }
        /// The cost of the joins on the four sides of `cell`.
        func around(_ cell: Cell, skipping other: Cell?) -> Float {
            guard let p = piece(cell) else { return 0 }
            var c: Float = 0
            let left = Cell(r: cell.r, c: cell.c - 1), right = Cell(r: cell.r, c: cell.c + 1)
            let up = Cell(r: cell.r - 1, c: cell.c), down = Cell(r: cell.r + 1, c: cell.c)
            if left != other { c += piece(left).map { lr[$0, p] } ?? h.leftEdge[p] }
            if right != other { c += piece(right).map { lr[p, $0] } ?? h.rightEdge[p] }
            if up != other { c += verticalWeight * (piece(up).map { tb[$0, p] } ?? v.leftEdge[p]) }
            if down != other { c += verticalWeight * (piece(down).map { tb[p, $0] } ?? v.rightEdge[p]) }
            return c
        }
        func pairCost(_ a: Cell, _ b: Cell) -> Float {
            // The join between two adjacent cells counts once.
            around(a, skipping: nil) + around(b, skipping: a)
        }
        let cells = (0..<rowCount).flatMap { r in grid[r].indices.map { Cell(r: r, c: $0) } }
        func trySwap(_ a: Cell, _ b: Cell) -> Bool {
            let before = pairCost(a, b)
            let pa = grid[a.r][a.c], pb = grid[b.r][b.c]
            grid[a.r][a.c] = pb
            grid[b.r][b.c] = pa
            if pairCost(a, b) < before - 1e-4 { return true }
            grid[a.r][a.c] = pa
            grid[b.r][b.c] = pb
            return false
        }
        var improved = true
        var passes = 0
        if cells.count <= allPairsLimit {
            while improved && passes < 50 {
                improved = false
                passes += 1
                for x in 0..<cells.count {
                    for y in (x + 1)..<cells.count where trySwap(cells[x], cells[y]) { improved = true }
                }
            }
            return grid
        }
        // Many pieces: a piece can only gain a cell where it is among the few best
        // partners of one of the cell's neighbours, so only those pairs are tried.
        let lists = candidateLists(inputs)
        var cellOf = [Cell](repeating: Cell(r: 0, c: 0), count: lr.count)
        for cell in cells { cellOf[grid[cell.r][cell.c]] = cell }
        // After the first pass, only cells where a swap changed a piece or a
        // neighbour are looked at again: elsewhere the same trials would fail again
        // (unless a wanted piece's own surroundings changed, which the next change
        // near it will revisit).
        var dirty = [Bool](repeating: true, count: cells.count)
        func index(_ cell: Cell) -> Int? {
            cell.r >= 0 && cell.r < rowCount && cell.c >= 0 && cell.c < grid[cell.r].count ? cell.r * columns + cell.c : nil
        }
        let columns = grid.map(\.count).max() ?? 0
        let uniform = grid.allSatisfy { $0.count == columns }
        while improved && passes < 50 {
            improved = false
            passes += 1
            var next = [Bool](repeating: !uniform, count: cells.count)
            func touch(_ cell: Cell) {
                for near in [cell, Cell(r: cell.r, c: cell.c - 1), Cell(r: cell.r, c: cell.c + 1),
                             Cell(r: cell.r - 1, c: cell.c), Cell(r: cell.r + 1, c: cell.c)] {
                    if let k = index(near) { next[k] = true }
                }
            }
            for (k, a) in cells.enumerated() where !uniform || dirty[k] {
                var wanted: [Int32] = []
                if let left = piece(Cell(r: a.r, c: a.c - 1)) { wanted += lists.leftRight.successors(of: left) }
                if let right = piece(Cell(r: a.r, c: a.c + 1)) { wanted += lists.leftRight.predecessors(of: right) }
                if let up = piece(Cell(r: a.r - 1, c: a.c)) { wanted += lists.topBottom.successors(of: up) }
                if let down = piece(Cell(r: a.r + 1, c: a.c)) { wanted += lists.topBottom.predecessors(of: down) }
                for q in wanted where q >= 0 {
                    let b = cellOf[Int(q)]
                    guard b != a else { continue }
                    let pa = grid[a.r][a.c]
                    if trySwap(a, b) {
                        cellOf[Int(q)] = a
                        cellOf[pa] = b
                        improved = true
                        if uniform { touch(a); touch(b) }
                    }
                }
            }
            dirty = next
        }
        return grid
    }

    /// Up to this many pieces, global swaps try every pair.
    static let allPairsLimit = 600

    static func candidateLists(_ inputs: Inputs) -> (leftRight: CandidateLists, topBottom: CandidateLists) {
        inputs.candidates.get {
            (CandidateLists(cost: inputs.leftRight.values, count: inputs.leftRight.count, k: 8),
             CandidateLists(cost: inputs.topBottom.values, count: inputs.topBottom.count, k: 8))
        }
    }

    /// Left-right joins sure enough to tie two pieces to one row: each is the
    /// other's cheapest partner (best buddies), the join carries ink, the runner-up
    /// costs at least half as much again, and the line profiles agree.
    static func confidentLinks(_ inputs: Inputs) -> [(Int, Int)] {
        let lr = inputs.leftRight
        let n = lr.count
        var bestOut = [Int](repeating: -1, count: n), bestIn = [Int](repeating: -1, count: n)
        var firstOut = [Float](repeating: .infinity, count: n), secondOut = firstOut
        var firstIn = firstOut, secondIn = firstOut
        for i in 0..<n {
            for j in 0..<n where j != i {
                let c = lr[i, j]
                if c < firstOut[i] { secondOut[i] = firstOut[i]; firstOut[i] = c; bestOut[i] = j } else if c < secondOut[i] { secondOut[i] = c }
                if c < firstIn[j] { secondIn[j] = firstIn[j]; firstIn[j] = c; bestIn[j] = i } else if c < secondIn[j] { secondIn[j] = c }
            }
        }
        var links: [(Int, Int)] = []
        let floor = 0.05 * inputs.typicalJoin
        for i in 0..<n {
            let j = bestOut[i]
            guard j >= 0, bestIn[j] == i else { continue }
            let c = lr[i, j]
            guard secondOut[i] >= 1.5 * c + floor, secondIn[j] >= 1.5 * c + floor, secondOut[i] > floor else { continue }
            guard inputs.profiles[i].ink > 0, inputs.profiles[j].ink > 0,
                  LineProfile.correlation(inputs.profiles[i].density, inputs.profiles[j].density) > 0.5 else { continue }
            links.append((i, j))
        }
        return links
    }

    /// Two rows ordered (`orderRow`), at once on two cores when they are long.
    static func orderRows(_ first: [Int], _ second: [Int], inputs: Inputs, seed: UInt64,
                          parallelFrom: Int = parallelKickColumns) -> ([Int], [Int]) {
        guard min(first.count, second.count) >= parallelFrom else {
            return (orderRow(first, inputs: inputs, seed: seed), orderRow(second, inputs: inputs, seed: seed))
        }
        var out = [first, second]
        out.withUnsafeMutableBufferPointer { buffer in
            let rows = UnsafeSendable(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: 2) { u in
                rows.value[u] = orderRow(rows.value[u], inputs: inputs, seed: seed)
            }
        }
        return (out[0], out[1])
    }

    static func orderRow(_ members: [Int], inputs: Inputs, seed: UInt64) -> [Int] {
        StripSolver.order(members, costs: inputs.leftRight, edges: inputs.horizontalEdges,
                          confidenceFloor: 1, seed: seed).order
    }

    // MARK: Refinement

    /// The join between two neighbours in a row; `nil` stands for the page's edge.
    static func rowLink(_ a: Int?, _ b: Int?, inputs: Inputs) -> Float {
        switch (a, b) {
        case let (a?, b?): return inputs.leftRight[a, b]
        case let (nil, b?): return inputs.horizontalEdges.leftEdge[b]
        case let (a?, nil): return inputs.horizontalEdges.rightEdge[a]
        default: return 0
        }
    }

    /// The cost of a row as ordered: its joins, its margins, and its pieces' line misfit.
    static func rowCost(_ row: [Int], inputs: Inputs) -> Float {
        guard let first = row.first, let last = row.last else { return 0 }
        var c = inputs.horizontalEdges.leftEdge[first] + inputs.horizontalEdges.rightEdge[last]
        for (a, b) in zip(row, row.dropFirst()) { c += inputs.leftRight[a, b] }
        return c + misfit(row, inputs: inputs)
    }

    static func misfit(_ row: [Int], inputs: Inputs) -> Float {
        let template = RowClustering.template(row, profiles: inputs.profiles)
        guard !template.isEmpty else { return 0 }
        var total: Float = 0
        for i in row where inputs.profiles[i].ink > 0 {
            // Leave the piece's own share out so it cannot vouch for itself.
            let own = inputs.profiles[i].density
            let others = zip(template, own).map { $0 - $1 }
            total += (1 - LineProfile.correlation(own, others)) / 2
        }
        return total * profileWeight * inputs.typicalJoin
    }

    /// Replaces rows `a` and `b` by the trial rows when their cost together falls.
    static func keepIfCheaper(_ trialA: [Int], _ trialB: [Int], _ a: Int, _ b: Int,
                              rows: inout [[Int]], costs: inout [Float], inputs: Inputs) -> Bool {
        let ca = rowCost(trialA, inputs: inputs), cb = rowCost(trialB, inputs: inputs)
        guard ca + cb < costs[a] + costs[b] - 1e-3 else { return false }
        rows[a] = trialA
        rows[b] = trialB
        costs[a] = ca
        costs[b] = cb
        return true
    }

    /// Trades equal-length runs of pieces between two rows, in place, while the
    /// rows' joins plus their pieces' line misfit fall. Rows whose text lines sit at
    /// the same heights get mixed by clustering in runs (a paragraph's end, a word),
    /// and a run moves back in one step where single swaps would each cost more.
    /// Only rows `a` and `b` change in an iteration, so each pair of rows keeps its
    /// ranked runs until one of its rows changes, and a trial that failed is not
    /// repeated while its rows stand. The outcome is that of `exchangeSegmentsReference`.
    static func exchangeSegments(_ start: [[Int]], inputs: Inputs, seed: UInt64) -> [[Int]] {
        var rows = start
        guard rows.count > 1, rows.allSatisfy({ $0.count == rows[0].count }) else { return rows }
        let rowCount = rows.count
        let columns = rows[0].count
        func link(_ a: Int?, _ b: Int?) -> Float { rowLink(a, b, inputs: inputs) }
        func at(_ row: [Int], _ k: Int) -> Int? { k >= 0 && k < row.count ? row[k] : nil }
        var costs = rows.map { rowCost($0, inputs: inputs) }
        let longest = max(1, columns / 2)
        let shown = 32
        struct Run { var delta: Float; var a: Int; var b: Int; var i: Int; var length: Int }
        func before(_ x: Run, _ y: Run) -> Bool {
            // The order of a stable sort of runs listed by (a, b, i, length).
            (x.delta, x.a, x.b, x.i, x.length) < (y.delta, y.a, y.b, y.i, y.length)
        }
        func runs(_ a: Int, _ b: Int) -> [Run] {
            let ra = rows[a], rb = rows[b]
            var list: [Run] = []
            for i in 0..<columns {
                for length in 1...min(longest, columns - i) {
                    let end = i + length
                    // Seam cost before and after, at both ends of the run, in both rows.
                    let before = link(at(ra, i - 1), ra[i]) + link(ra[end - 1], at(ra, end))
                        + link(at(rb, i - 1), rb[i]) + link(rb[end - 1], at(rb, end))
                    let after = link(at(ra, i - 1), rb[i]) + link(rb[end - 1], at(ra, end))
                        + link(at(rb, i - 1), ra[i]) + link(ra[end - 1], at(rb, end))
                    if after < before - 1e-4 { list.append(Run(delta: after - before, a: a, b: b, i: i, length: length)) }
                }
            }
            list.sort(by: before)
            return Array(list.prefix(shown))
        }
        var pairs = [[Run]](repeating: [], count: rowCount * rowCount)
        for a in 0..<rowCount { for b in (a + 1)..<rowCount { pairs[a * rowCount + b] = runs(a, b) } }
        var version = [Int](repeating: 0, count: rowCount)
        struct Trial: Hashable { var a: Int; var b: Int; var i: Int; var length: Int; var va: Int; var vb: Int }
        var failed = Set<Trial>()
        for _ in 0..<(2 * inputs.images.count) {
            var best: [Run] = []
            for a in 0..<rowCount {
                for b in (a + 1)..<rowCount {
                    keepBest(pairs[a * rowCount + b], in: &best, limit: shown, by: before)
                }
            }
            var applied: (Int, Int)? = nil
            for t in best {
                let (a, b, i, length) = (t.a, t.b, t.i, t.length)
                let key = Trial(a: a, b: b, i: i, length: length, va: version[a], vb: version[b])
                if failed.contains(key) { continue }
                var ra = rows[a], rb = rows[b]
                let run = Array(ra[i..<(i + length)])
                ra.replaceSubrange(i..<(i + length), with: rb[i..<(i + length)])
                rb.replaceSubrange(i..<(i + length), with: run)
                if keepIfCheaper(ra, rb, a, b, rows: &rows, costs: &costs, inputs: inputs) {
                    applied = (a, b)
                    break
                }
                failed.insert(key)
            }
            guard let (a, b) = applied else { break }
            version[a] += 1
            version[b] += 1
            for r in [a, b] {
                for other in 0..<rowCount where other != r {
                    let (x, y) = (min(r, other), max(r, other))
                    pairs[x * rowCount + y] = runs(x, y)
                }
            }
        }
        return rows
    }

    /// The plain computation `exchangeSegments` must match: every iteration prices
    /// every run of every pair of rows.
    static func exchangeSegmentsReference(_ start: [[Int]], inputs: Inputs, seed: UInt64) -> [[Int]] {
        var rows = start
        guard rows.count > 1, rows.allSatisfy({ $0.count == rows[0].count }) else { return rows }
        let columns = rows[0].count
        func link(_ a: Int?, _ b: Int?) -> Float { rowLink(a, b, inputs: inputs) }
        func at(_ row: [Int], _ k: Int) -> Int? { k >= 0 && k < row.count ? row[k] : nil }
        var costs = rows.map { rowCost($0, inputs: inputs) }
        let longest = max(1, columns / 2)
        for _ in 0..<(2 * inputs.images.count) {
            var candidates: [(Float, Int, Int, Int, Int)] = []
            for a in rows.indices {
                for b in rows.indices where b > a {
                    let ra = rows[a], rb = rows[b]
                    for i in 0..<columns {
                        for length in 1...min(longest, columns - i) {
                            let end = i + length
                            // Seam cost before and after, at both ends of the run, in both rows.
                            let before = link(at(ra, i - 1), ra[i]) + link(ra[end - 1], at(ra, end))
                                + link(at(rb, i - 1), rb[i]) + link(rb[end - 1], at(rb, end))
                            let after = link(at(ra, i - 1), rb[i]) + link(rb[end - 1], at(ra, end))
                                + link(at(rb, i - 1), ra[i]) + link(ra[end - 1], at(rb, end))
                            if after < before - 1e-4 { candidates.append((after - before, a, b, i, length)) }
                        }
                    }
                }
            }
            candidates.sort { $0.0 < $1.0 }
            var applied = false
            for (_, a, b, i, length) in candidates.prefix(32) {
                var ra = rows[a], rb = rows[b]
                let run = Array(ra[i..<(i + length)])
                ra.replaceSubrange(i..<(i + length), with: rb[i..<(i + length)])
                rb.replaceSubrange(i..<(i + length), with: run)
                if keepIfCheaper(ra, rb, a, b, rows: &rows, costs: &costs, inputs: inputs) {
                    applied = true
                    break
                }
            }
            if !applied { break }
        }
        return rows
    }

    /// Best-improvement swaps of two pieces between rows, rows re-ordered after each.
    /// Candidates are ranked by a cheap estimate (remove, then insert at the best
    /// place); the best few are checked with the true row costs.
    ///
    /// Only rows `a` and `b` change in an iteration, so everything else is kept:
    /// each piece's line fit with every row's template, each piece's best other row,
    /// each piece's ranked trades, and which trials failed on the rows as they stand
    /// (a trial is deterministic: it fails again until one of its rows changes).
    /// The outcome is that of `refineReference`, step for step.
    static func refine(_ start: [[Int]], inputs: Inputs, seed: UInt64) -> [[Int]] {
        var rows = start
        let rowCount = rows.count
        guard rowCount > 1 else { return rows }
        let n = inputs.images.count
        var costs = rows.map { rowCost($0, inputs: inputs) }
        let shown = 24
        let kernel = ProfileCorrelation(inputs.profiles.map(\.density))
        var templates = rows.map { RowClustering.template($0, profiles: inputs.profiles) }
        // fits[piece * rowCount + b]: correlation of the piece's profile with row b's template.
        var fits = [Float](repeating: 0, count: n * rowCount)
        func refit(_ b: Int) {
            guard !templates[b].isEmpty else { return }
            let column = kernel.correlations(with: templates[b])
            for p in 0..<n { fits[p * rowCount + b] = column[p] }
        }
        for b in 0..<rowCount { refit(b) }
        var rowOf = [Int](repeating: -1, count: n)
        func locate(_ r: Int) { for p in rows[r] { rowOf[p] = r } }
        for r in 0..<rowCount { locate(r) }
        var alternative = [Int](repeating: -1, count: n)
        func choose(_ p: Int) {
            let a = rowOf[p]
            var best = -1
            var bestFit = -Float.infinity
            for b in 0..<rowCount where b != a {
                let fit = fits[p * rowCount + b]
                if fit > bestFit { bestFit = fit; best = b }
            }
            alternative[p] = best
        }
        struct Trade { var delta: Float; var a: Int; var i: Int; var b: Int; var j: Int }
        func before(_ x: Trade, _ y: Trade) -> Bool {
            // The order of a stable sort of trades listed by (a, i, j).
            (x.delta, x.a, x.i, x.j) < (y.delta, y.a, y.i, y.j)
        }
        // Each inked piece's best `shown` trades, ranked.
        var trades = [[Trade]](repeating: [], count: n)
        // take[a][q]: for every position i of row a, the change of replacing row a's
        // piece i by piece q (`refineDelta(rows[a], at: i, with: q)`); kept until row a changes.
        var take = [[Int: [Float]]](repeating: [:], count: rowCount)
        func taking(_ a: Int, _ q: Int) -> [Float] {
            if let known = take[a][q] { return known }
            let values = replacements(rows[a], with: q, inputs: inputs)
            take[a][q] = values
            return values
        }
        func rank(_ p: Int) {
            trades[p] = []
            let a = rowOf[p], b = alternative[p]
            guard a >= 0, b >= 0, inputs.profiles[p].ink > 0 else { return }
            let i = rows[a].firstIndex(of: p)!
            let give = replacements(rows[b], with: p, inputs: inputs)
            var list: [Trade] = []
            list.reserveCapacity(rows[b].count)
            for j in rows[b].indices {
                let d = taking(a, rows[b][j])[i] + give[j]
                list.append(Trade(delta: d, a: a, i: i, b: b, j: j))
            }
            list.sort(by: before)
            trades[p] = Array(list.prefix(shown))
        }
        for p in 0..<n where rowOf[p] >= 0 { choose(p); rank(p) }
        var version = [Int](repeating: 0, count: rowCount)
        struct Trial: Hashable { var a: Int; var i: Int; var b: Int; var j: Int; var va: Int; var vb: Int }
        var failed = Set<Trial>()
        for _ in 0..<(4 * n) {
            // The best `shown` trades of all: each piece's list is ranked, so a list is
            // read only while it still beats the worst kept.
            var best: [Trade] = []
            for p in 0..<n {
                keepBest(trades[p], in: &best, limit: shown, by: before)
            }
            var applied: (Int, Int)? = nil
            for t in best {
                let (a, i, b, j) = (t.a, t.i, t.b, t.j)
                let key = Trial(a: a, i: i, b: b, j: j, va: version[a], vb: version[b])
                if failed.contains(key) { continue }
                var rowA = rows[a], rowB = rows[b]
                let pa = rowA[i], pb = rowB[j]
                rowA[i] = pb
                rowB[j] = pa
                (rowA, rowB) = orderRows(rowA, rowB, inputs: inputs, seed: seed)
                if keepIfCheaper(rowA, rowB, a, b, rows: &rows, costs: &costs, inputs: inputs) {
                    applied = (a, b)
                    break
                }
                failed.insert(key)
            }
            guard let (a, b) = applied else { break }
            version[a] += 1
            version[b] += 1
            take[a] = [:]
            take[b] = [:]
            locate(a)
            locate(b)
            templates[a] = RowClustering.template(rows[a], profiles: inputs.profiles)
            templates[b] = RowClustering.template(rows[b], profiles: inputs.profiles)
            refit(a)
            refit(b)
            for p in 0..<n where rowOf[p] >= 0 {
                let old = alternative[p]
                let own = rowOf[p]
                if own == a || own == b || old == a || old == b {
                    choose(p)
                } else {
                    // Only the fits with rows a and b changed: either may now beat the old choice.
                    for r in [a, b].sorted() {
                        let fit = fits[p * rowCount + r], current = fits[p * rowCount + alternative[p]]
                        if fit > current || (fit == current && r < alternative[p]) { alternative[p] = r }
                    }
                }
                if own == a || own == b || old == a || old == b || alternative[p] != old { rank(p) }
            }
        }
        return rows
    }

    /// `refineDelta(row, at: k, with: piece)` for every `k`, the same Floats in O(C):
    /// the best gap of the row without row[k] is the best of the gaps before it, the
    /// gap its removal opens, and the gaps after it.
    static func replacements(_ row: [Int], with piece: Int, inputs: Inputs) -> [Float] {
        let c = row.count
        guard c > 0 else { return [] }
        func link(_ a: Int?, _ b: Int?) -> Float { rowLink(a, b, inputs: inputs) }
        func at(_ t: Int) -> Int? { t >= 0 && t < c ? row[t] : nil }
        func gap(_ l: Int?, _ r: Int?) -> Float { link(l, piece) + link(piece, r) - link(l, r) }
        // gaps[g]: the piece between row[g - 1] and row[g] (g = 0...c).
        let gaps = (0...c).map { gap(at($0 - 1), at($0)) }
        var prefix = [Float](repeating: .infinity, count: c + 2)   // min of gaps[0..<g]
        for g in 0...c { prefix[g + 1] = min(prefix[g], gaps[g]) }
        var suffix = [Float](repeating: .infinity, count: c + 2)   // min of gaps[g...c]
        for g in stride(from: c, through: 0, by: -1) { suffix[g] = min(suffix[g + 1], gaps[g]) }
        return (0..<c).map { k in
            let removed = link(at(k - 1), row[k]) + link(row[k], at(k + 1)) - link(at(k - 1), at(k + 1))
            let best = min(prefix[k], gap(at(k - 1), at(k + 1)), suffix[min(k + 2, c + 1)])
            return best - removed
        }
    }

    /// Cost change of replacing row[k] by `piece`, placed at its best spot.
    static func refineDelta(_ row: [Int], at k: Int, with piece: Int, inputs: Inputs) -> Float {
        func link(_ a: Int?, _ b: Int?) -> Float { rowLink(a, b, inputs: inputs) }
        let before: Int? = k > 0 ? row[k - 1] : nil
        let after: Int? = k + 1 < row.count ? row[k + 1] : nil
        let removed = link(before, row[k]) + link(row[k], after) - link(before, after)
        // The gaps of the row without row[k], walked in place (no copy).
        var best = Float.infinity
        var l: Int? = nil
        for p in 0...row.count where p != k {
            let r: Int? = p < row.count ? row[p] : nil
            best = min(best, link(l, piece) + link(piece, r) - link(l, r))
            l = r
        }
        return best - removed
    }

    /// The plain computation `refine` must match: every iteration recomputes every
    /// template, fit and trade.
    static func refineReference(_ start: [[Int]], inputs: Inputs, seed: UInt64) -> [[Int]] {
        var rows = start
        var costs = rows.map { rowCost($0, inputs: inputs) }
        for _ in 0..<(4 * inputs.images.count) {
            // Only trades with the row each piece's lines fit best after its own.
            let templates = rows.map { RowClustering.template($0, profiles: inputs.profiles) }
            var candidates: [(Float, Int, Int, Int, Int)] = []
            for a in rows.indices {
                for i in rows[a].indices {
                    let piece = rows[a][i]
                    guard inputs.profiles[piece].ink > 0 else { continue }
                    let own = inputs.profiles[piece].density
                    var alternative = -1
                    var bestFit = -Float.infinity
                    for b in rows.indices where b != a {
                        let fit = LineProfile.correlation(own, templates[b])
                        if fit > bestFit { bestFit = fit; alternative = b }
                    }
                    guard alternative >= 0 else { continue }
                    let b = alternative
                    for j in rows[b].indices {
                        let d = refineDelta(rows[a], at: i, with: rows[b][j], inputs: inputs)
                            + refineDelta(rows[b], at: j, with: piece, inputs: inputs)
                        candidates.append((d, a, i, b, j))
                    }
                }
            }
            candidates.sort { $0.0 < $1.0 }
            var applied = false
            for (_, a, i, b, j) in candidates.prefix(24) {
                var rowA = rows[a], rowB = rows[b]
                let pa = rowA[i], pb = rowB[j]
                rowA[i] = pb
                rowB[j] = pa
                rowA = orderRow(rowA, inputs: inputs, seed: seed)
                rowB = orderRow(rowB, inputs: inputs, seed: seed)
                if keepIfCheaper(rowA, rowB, a, b, rows: &rows, costs: &costs, inputs: inputs) {
                    applied = true
                    break
                }
            }
            if !applied { break }
        }
        return rows
    }

    // MARK: Polish

    /// With the rows stacked, re-orders the columns of each block of consecutive
    /// rows (one row, two rows, ...) with the same permutation, knowing the rows
    /// above and below: exchanges of two adjacent segments, and swaps of two
    /// columns, are kept while the block's left-right joins plus its top-bottom joins
    /// at the block's upper and lower boundary get cheaper. Joins inside the block
    /// move with it. A block is needed where text lines cross the cuts between its
    /// rows (so they must move together) but not the cuts around it.
    /// - Parameter settled: blocks (with the rows around them) already searched to no
    ///   effect; each block's kicks draw from a generator seeded by its content, so
    ///   searching a settled block again would give the same nothing, and is skipped.
    /// - Parameters:
    ///   - fewerKicksFrom: rows of this many columns or more get `fewKicks` kicks,
    ///   - noKicksFrom: and from this many, none.
    static func polish(_ start: [[Int]], inputs: Inputs, settled: inout Set<[Int]>,
                       fewerKicksFrom: Int = fewerKicksColumns, noKicksFrom: Int = noKicksColumns) -> [[Int]] {
        var rows = start
        let rowCount = rows.count
        guard rowCount > 0, rows.allSatisfy({ $0.count == rows[0].count }) else { return rows }
        let columns = rows[0].count
        guard columns >= 2 else { return rows }

        let identity = Array(0..<columns)
        let longestBlock = min(rowCount, columns <= 40 ? rowCount : 3)
        for _ in 0..<3 {
            var changed = false
            for length in 1...longestBlock {
                for a in 0...(rowCount - length) {
                    let b = a + length - 1
                    // The block and its context: what the search's outcome depends on.
                    var key = [a, b]
                    for r in max(0, a - 1)...min(rowCount - 1, b + 1) { key += rows[r] }
                    if settled.contains(key) { continue }
                    var rng = SeededRandom(seed: key.reduce(0x5EED as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 })
                    let block = BlockOrder(rows: rows, block: a...b, inputs: inputs, verticalWeight: verticalWeight)
                    var perm = identity
                    var best = block.improve(&perm)
                    // Kicks the exchange search cannot undo in one step, as in `AsymmetricTSP`.
                    if length == 1 && columns >= 4 {
                        // The cuts do not depend on the order: drawn up front, in the same sequence.
                        let cuts: [[[Int]]] = (0..<kicks(columns: columns, fewerFrom: fewerKicksFrom, noneFrom: noKicksFrom)).map { _ in
                            (0..<2).map { _ in
                                let cuts = (0..<3).map { _ in Int.random(in: 0...columns, using: &rng) }.sorted()
                                return cuts[0] == cuts[1] || cuts[1] == cuts[2] ? [0, 1, 2] : cuts
                            }
                        }
                        kick(block, cuts: cuts, perm: &perm, best: &best, parallel: columns >= parallelKickColumns)
                    }
                    if perm != identity {
                        for r in a...b { rows[r] = perm.map { rows[r][$0] } }
                        changed = true
                    } else {
                        settled.insert(key)
                    }
                }
            }
            if !changed { break }
        }
        return rows
    }

    static let kicksPerRow = 40

    /// From this many columns, two kicks are searched at once (on two cores).
    static let parallelKickColumns = 24

    /// The kicks in turn, each from the best order so far, kept when cheaper. In
    /// parallel, two kicks are searched at once from the same order; when the first
    /// is kept, the second is searched again from the new order, so the outcome is
    /// the sequential one.
    static func kick(_ block: BlockOrder, cuts: [[[Int]]], perm: inout [Int], best: inout Float, parallel: Bool) {
        func kicked(_ start: [Int], _ t: Int) -> [Int] {
            var trial = start
            for c in cuts[t] {
                trial.replaceSubrange(c[0]..<c[2], with: Array(trial[c[1]..<c[2]] + trial[c[0]..<c[1]]))
            }
            return trial
        }
        var t = 0
        while t < cuts.count {
            if parallel && t + 1 < cuts.count {
                var trials = [kicked(perm, t), kicked(perm, t + 1)]
                var found = [Float](repeating: 0, count: 2)
                trials.withUnsafeMutableBufferPointer { tp in
                    found.withUnsafeMutableBufferPointer { fp in
                        let out = UnsafeSendable((tp.baseAddress!, fp.baseAddress!))
                        DispatchQueue.concurrentPerform(iterations: 2) { u in
                            out.value.1[u] = block.improve(&out.value.0[u])
                        }
                    }
                }
                if found[0] < best - 1e-4 {
                    best = found[0]
                    perm = trials[0]
                    t += 1
                    continue
                }
                if found[1] < best - 1e-4 {
                    best = found[1]
                    perm = trials[1]
                }
                t += 2
            } else {
                var trial = kicked(perm, t)
                let c = block.improve(&trial)
                if c < best - 1e-4 {
                    best = c
                    perm = trial
                }
                t += 1
            }
        }
    }

    /// A search costs O(C^3) moves; past 20 columns the kicks are thinned so that a
    /// row's polish costs about what a 20-column row's does (at least 4 kicks).
    /// From `fewerFrom` columns (pages of thousands of pieces), `fewKicks`: a row's
    /// search then costs about C^3 per kick and the page has about C rows.
    /// From `noneFrom` columns (10,000 pieces: 100 columns), no kicks: the block
    /// searches alone cost most of the page's polish.
    static func kicks(columns: Int, fewerFrom: Int = fewerKicksColumns, noneFrom: Int = noKicksColumns) -> Int {
        if columns >= noneFrom { return 0 }
        if columns >= fewerFrom { return fewKicks }
        return columns <= 20 ? kicksPerRow : max(4, kicksPerRow * 8000 / (columns * columns * columns))
    }

    static let fewerKicksColumns = 41
    static let noKicksColumns = 62
    static let fewKicks = 2

    // MARK: Row order

    static func orderRows(_ rows: [[Int]], inputs: Inputs, seed: UInt64) -> [[Int]] {
        let r = rows.count
        guard r > 1 else { return rows }
        let m = r + 1
        var matrix = [Float](repeating: 0, count: m * m)
        let tb = inputs.topBottom
        let rhythm = LineRhythm(rows: rows, profiles: inputs.profiles)
        let columns = rows.map(\.count).max() ?? 1
        let rhythmScale = rhythmWeight * inputs.typicalVerticalJoin * Float(columns)
        for a in 0..<r {
            matrix[0 * m + a + 1] = rows[a].reduce(0) { $0 + inputs.verticalEdges.leftEdge[$1] }
            matrix[(a + 1) * m + 0] = rows[a].reduce(0) { $0 + inputs.verticalEdges.rightEdge[$1] }
            for b in 0..<r where b != a {
                var c: Float = 0
                for k in 0..<min(rows[a].count, rows[b].count) { c += tb[rows[a][k], rows[b][k]] }
                matrix[(a + 1) * m + b + 1] = c + rhythmScale * rhythm.breakage(above: a, below: b)
            }
        }
        for k in 0..<m { matrix[k * m + k] = .infinity }
        let tour = AsymmetricTSP.solve(cost: matrix, count: m, seed: seed)
        return tour.dropFirst().map { rows[$0 - 1] }
    }

    /// Merges a list ranked best first into `best` (at most `limit`, ranked), stopping at
    /// the first entry that cannot get in: the rest of its list cannot either.
    static func keepBest<T>(_ ranked: [T], in best: inout [T], limit: Int, by before: (T, T) -> Bool) {
        for t in ranked {
            if best.count == limit, !before(t, best[limit - 1]) { break }
            let at = best.firstIndex { before(t, $0) } ?? best.count
            best.insert(t, at: at)
            if best.count > limit { best.removeLast() }
        }
    }

}
