import Foundation

extension GridSolver {
    /// Swaps any two pieces of the page while the sum of all joins (left-right and
    /// top-bottom, page edges included) falls. Each trial touches at most eight
    /// joins, so a pass over all pairs is cheap; this repairs pieces that row
    /// clustering put in a twin row, where only the neighbours above and below can tell.
    /// Each trial is priced by `PageObjective.cell`. Up to `allPairsLimit` pieces
    /// (`Configuration`) every pair is tried.
    static func swapPieces(_ start: [[Int]], inputs: Inputs) -> [[Int]] {
        var grid = start
        let rowCount = grid.count
        guard rowCount > 0 else { return grid }
        let objective = inputs.objective
        let allPairsLimit = inputs.configuration.allPairsLimit, passLimit = inputs.configuration.swapPasses
        struct Cell: Equatable { var r: Int; var c: Int }
        func piece(_ cell: Cell) -> Int? {
            cell.r >= 0 && cell.r < rowCount && cell.c >= 0 && cell.c < grid[cell.r].count ? grid[cell.r][cell.c] : nil
        }
        /// The cost of the joins on the four sides of `cell`.
        func around(_ cell: Cell, skipping other: Cell?) -> Float {
            guard let p = piece(cell) else { return 0 }
            let left = Cell(r: cell.r, c: cell.c - 1), right = Cell(r: cell.r, c: cell.c + 1)
            let up = Cell(r: cell.r - 1, c: cell.c), down = Cell(r: cell.r + 1, c: cell.c)
            let side: PageObjective.Side? = other == left ? .left : other == right ? .right
                : other == up ? .up : other == down ? .down : nil
            return objective.cell(p, left: piece(left), right: piece(right), up: piece(up), down: piece(down), skipping: side)
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
            while improved && passes < passLimit {
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
        var cellOf = [Cell](repeating: Cell(r: 0, c: 0), count: objective.leftRight.count)
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
        while improved && passes < passLimit {
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

    static func candidateLists(_ inputs: Inputs) -> (leftRight: CandidateLists, topBottom: CandidateLists) {
        inputs.candidates.get {
            (CandidateLists(cost: inputs.leftRight.values, count: inputs.leftRight.count, k: 8),
             CandidateLists(cost: inputs.topBottom.values, count: inputs.topBottom.count, k: 8))
        }
    }
}
