import Foundation

// Pinned joins: the user's answers made true in the final grid.
extension GridSolver {
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
}
