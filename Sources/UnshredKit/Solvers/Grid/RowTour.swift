/// Groups cross-cut pieces into page rows by following the text along them.
///
/// All pieces go into one tour with `R` row breaks: a break is entered from a
/// piece at the page's right edge and left into a piece at its left edge, so the
/// cheapest tour reads the page row by row, each row as a chain of left-right
/// joins. Unlike line profiles this tells apart rows whose text lines sit at the
/// same heights (an even line pitch makes whole bands of rows look alike); it can
/// go astray where a row is cut through blank paper. The chains are then evened
/// out to `C` pieces: surplus pieces leave a row at its weaker end and join the
/// short row whose lines they fit best.
enum RowTour {
    /// One grouping per line weight (how much a line-profile mismatch adds to a
    /// join, in typical joins).
    static func groups(_ inputs: GridSolver.Inputs, grid: GridShape, seed: UInt64 = 1,
                              lineWeights: [Float]) -> [[[Int]]] {
        let n = inputs.leftRight.count
        let rows = grid.rows, columns = grid.columns
        guard rows > 1, n == rows * columns else { return lineWeights.map { _ in [Array(0..<n)] } }
        let mismatch = lineMismatch(inputs.profiles)
        return lineWeights.map { weight in
            let chains = tour(inputs, rows: rows, mismatch: mismatch, penalty: weight * inputs.typicalJoin, seed: seed)
            return even(chains, rows: rows, columns: columns, inputs: inputs)
        }
    }

    /// `(1 - correlation) / 2` of two inked pieces' line profiles, 0 if either is blank.
    static func lineMismatch(_ profiles: [LineProfile]) -> [Float] {
        let n = profiles.count
        // Centred, unit-length profiles: a correlation is then one dot product.
        let unit: [[Float]] = profiles.map { p in
            guard p.ink > 0, !p.density.isEmpty else { return [] }
            let mean = p.density.reduce(0, +) / Float(p.density.count)
            let centred = p.density.map { $0 - mean }
            let norm = centred.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 1e-9 ? centred.map { $0 / norm } : []
        }
        var out = [Float](repeating: 0, count: n * n)
        for x in 0..<n where !unit[x].isEmpty {
            for y in (x + 1)..<n where !unit[y].isEmpty && unit[y].count == unit[x].count {
                var dot: Float = 0
                for k in unit[x].indices { dot += unit[x][k] * unit[y][k] }
                out[x * n + y] = (1 - dot) / 2
                out[y * n + x] = out[x * n + y]
            }
        }
        return out
    }

    static func tour(_ inputs: GridSolver.Inputs, rows: Int, mismatch: [Float], penalty: Float, seed: UInt64) -> [[Int]] {
        let n = inputs.leftRight.count
        let lr = inputs.leftRight, h = inputs.horizontalEdges
        let m = n + rows
        // Nodes 0..<rows are the row breaks, rows + x the piece x.
        var cost = [Float](repeating: .infinity, count: m * m)
        for x in 0..<n {
            for d in 0..<rows {
                cost[(rows + x) * m + d] = h.rightEdge[x]
                cost[d * m + rows + x] = h.leftEdge[x]
            }
            let base = (rows + x) * m + rows
            for y in 0..<n where y != x { cost[base + y] = lr[x, y] + penalty * mismatch[x * n + y] }
        }
        let tour = AsymmetricTSP.solve(cost: cost, count: m, seed: seed)
        // Cut the tour at the breaks.
        let start = tour.firstIndex { $0 < rows } ?? 0
        var chains: [[Int]] = []
        for k in 0..<m {
            let node = tour[(start + k) % m]
            if node < rows { chains.append([]) } else { chains[chains.count - 1].append(node - rows) }
        }
        return chains.filter { !$0.isEmpty }
    }

    /// Trims chains longer than a row at their weaker end, splits chains that are
    /// still too long, and deals the loose pieces to the rows with room.
    static func even(_ start: [[Int]], rows: Int, columns: Int, inputs: GridSolver.Inputs) -> [[Int]] {
        let lr = inputs.leftRight, h = inputs.horizontalEdges
        var chains = start
        var loose: [Int] = []
        // More chains than rows cannot happen (one per break); fewer can if the tour
        // ran two rows together: split the longest until there are enough.
        while chains.count < rows, let longest = chains.indices.max(by: { chains[$0].count < chains[$1].count }),
              chains[longest].count > 1 {
            let chain = chains[longest]
            // Split at the dearest join.
            let cut = (1..<chain.count).max { lr[chain[$0 - 1], chain[$0]] < lr[chain[$1 - 1], chain[$1]] }!
            chains[longest] = Array(chain[..<cut])
            chains.append(Array(chain[cut...]))
        }
        for g in chains.indices {
            while chains[g].count > columns {
                let chain = chains[g]
                // Which end holds on more weakly: its join inward, against the page edge it stands at.
                let head = lr[chain[0], chain[1]] - h.leftEdge[chain[1]]
                let tail = lr[chain[chain.count - 2], chain[chain.count - 1]] - h.rightEdge[chain[chain.count - 2]]
                if head > tail { loose.append(chains[g].removeFirst()) } else { loose.append(chains[g].removeLast()) }
            }
        }
        let profiles = inputs.profiles
        while let piece = loose.popLast() {
            let open = chains.indices.filter { chains[$0].count < columns }
            guard !open.isEmpty else { break }
            let target = open.max { a, b in
                fit(piece, chains[a], profiles) < fit(piece, chains[b], profiles)
            }!
            chains[target].append(piece)
        }
        return chains
    }

    static func fit(_ piece: Int, _ chain: [Int], _ profiles: [LineProfile]) -> Float {
        guard !profiles.isEmpty, profiles[piece].ink > 0 else { return -Float(chain.count) }
        let template = RowClustering.template(chain, profiles: profiles)
        guard !template.isEmpty else { return 0 }
        return LineProfile.correlation(profiles[piece].density, template)
    }
}
