import Foundation

/// Finds which face of every piece lies on page 1.
///
/// Only relative orientations can be seen (turning every piece over gives the same
/// sheet, mirrored), so the evidence is a vote per pair of pieces: +w for "their `a`
/// faces lie on the same page", -w for "on different pages".
/// - **Text lines.** Pieces of one page row show the same text lines on both faces:
///   with the right relative orientation their front profiles match and their back
///   profiles match; turned, front is compared with back, which share no lines.
/// - **Edges.** For each piece and each side, the cheapest combined join over all
///   other pieces in both relative orientations: when the best join in one
///   orientation clearly beats every join in the other, that orientation is voted.
/// Text lines can mislead across rows (one page's lines in one row may sit where the
/// other page's lines sit in another row), edges seldom do, so edges are heard first
/// (`solve`), and only edges may overturn a piece or a block of pieces (`improve`);
/// within a solved row both are heard (`consolidate`). Piece 0 keeps face `a` on page 1.
enum Orientation {
    struct Votes {
        let count: Int
        var weights: [Float]
        init(count: Int) {
            self.count = count
            weights = [Float](repeating: 0, count: count * count)
        }
        subscript(p: Int, q: Int) -> Float {
            get { weights[p * count + q] }
            set { weights[p * count + q] = newValue }
        }
        mutating func add(_ p: Int, _ q: Int, _ w: Float) {
            self[p, q] += w
            self[q, p] += w
        }
    }

    /// Text-line votes: for pieces of one row, same-page faces correlate, opposite ones do not.
    static func profileVotes(_ sheet: Sheet) -> Votes {
        let n = sheet.count
        var votes = Votes(count: n)
        let a = sheet.pairs.faceA.map { sheet.profiles[$0].density }
        let b = sheet.pairs.faceB.map { sheet.profiles[$0].density }
        for p in 0..<n {
            for q in (p + 1)..<max(p + 1, n) {
                // Both faces must match: one face alone often matches another row's lines.
                let same = min(LineProfile.correlation(a[p], a[q]), LineProfile.correlation(b[p], b[q]))
                let cross = min(LineProfile.correlation(a[p], b[q]), LineProfile.correlation(b[p], a[q]))
                // Only pieces whose lines match one way or the other say something.
                let best = max(same, cross)
                guard best > 0.5 else { continue }
                votes.add(p, q, (same - cross) * best)
            }
        }
        return votes
    }

    /// Edge votes: each piece's clearly best neighbour on each side, in the orientation it needs.
    static func edgeVotes(_ sheet: Sheet, items: (leftRight: CostMatrix, topBottom: CostMatrix)) -> Votes {
        let n = sheet.count
        var votes = Votes(count: n)
        let floor = max(1e-4, StripSolver.typicalJoin(items.leftRight) * 0.5)
        let floorV = max(1e-4, StripSolver.typicalJoin(items.topBottom) * 0.5)
        for p in 0..<n {
            let i = 2 * p
            for side in 0..<4 {
                // Best and second best per relative orientation.
                var best: [(cost: Float, q: Int)] = [(.infinity, -1), (.infinity, -1)]
                for j in 0..<(2 * n) where j >> 1 != p {
                    let c: Float
                    switch side {
                    case 0: c = items.leftRight[i, j]
                    case 1: c = items.leftRight[j, i]
                    case 2: c = items.topBottom[i, j]
                    default: c = items.topBottom[j, i]
                    }
                    let o = j & 1
                    if c < best[o].cost { best[o] = (c, j >> 1) }
                }
                let o = best[0].cost <= best[1].cost ? 0 : 1
                let chosen = best[o].cost, rival = best[1 - o].cost
                guard rival.isFinite, best[o].q >= 0 else { continue }
                let margin = (rival - chosen) / (rival + (side < 2 ? floor : floorV))
                votes.add(p, best[o].q, (o == 0 ? 1 : -1) * margin)
            }
        }
        return votes
    }

    /// The orientation: `flipped[p]` puts face `b` of piece `p` on page 1.
    ///
    /// Votes are taken strongest first, as in Kruskal's spanning tree: each one joins two
    /// groups of pieces with the relative orientation it asks for; a vote within a
    /// group is already settled by stronger ones. Decisions (`same`, `opposite`) come
    /// first, then the edge votes, then the text-line votes: one face's lines can
    /// match another row's lines on the other page, edges seldom lie. Groups no vote
    /// joins keep an arbitrary relative orientation; the solver settles them later.
    static func solve(_ tiers: [Votes], same: [(Int, Int)] = [], opposite: [(Int, Int)] = []) -> [Bool] {
        let n = tiers.first?.count ?? 0
        var parent = Array(0..<n)
        var parity = [Bool](repeating: false, count: n)   // turned relative to the parent
        func find(_ p: Int) -> (root: Int, turned: Bool) {
            var p = p, t = false
            while parent[p] != p { t = t != parity[p]; p = parent[p] }
            return (p, t)
        }
        func join(_ p: Int, _ q: Int, sameSide: Bool) {
            let (rp, tp) = find(p), (rq, tq) = find(q)
            guard rp != rq else { return }
            // Keep the lower index as the root, so piece 0 stays unturned.
            let (root, child) = rp < rq ? (rp, rq) : (rq, rp)
            parent[child] = root
            parity[child] = (tp != tq) != !sameSide
        }
        for (p, q) in same where p != q { join(p, q, sameSide: true) }
        for (p, q) in opposite where p != q { join(p, q, sameSide: false) }
        for votes in tiers {
            var pairs: [(w: Float, p: Int, q: Int)] = []
            for p in 0..<n { for q in (p + 1)..<n where votes[p, q] != 0 { pairs.append((votes[p, q], p, q)) } }
            pairs.sort { (abs($0.w), $1.p, $1.q) > (abs($1.w), $0.p, $0.q) }
            for (w, p, q) in pairs { join(p, q, sameSide: w > 0) }
        }
        var turned = (0..<n).map { find($0).turned }
        if let first = turned.first, first { turned = turned.map { !$0 } }
        return turned
    }

    /// Improves an orientation by turning whole blocks of pieces, then single pieces,
    /// while the agreement with `votes` rises. A block is held together by strong
    /// votes the orientation already agrees with, so a boundary the strongest vote
    /// got wrong is settled by all the votes across it. Pieces tied by decisions
    /// (`same`, `opposite`) move together.
    static func improve(_ start: [Bool], votes: Votes, threshold: Float?,
                        same: [(Int, Int)] = [], opposite: [(Int, Int)] = []) -> [Bool] {
        let n = start.count
        guard n > 1 else { return start }
        var x: [Float] = start.map { $0 ? -1 : 1 }
        func blocks(_ strong: Float) -> [[Int]] {
            var sets = UnionFind(count: n)
            for (p, q) in same + opposite { sets.union(p, into: q) }
            for p in 0..<n {
                for q in (p + 1)..<n where abs(votes[p, q]) >= strong && votes[p, q] * x[p] * x[q] > 0 {
                    sets.union(p, into: q)
                }
            }
            var groups: [Int: [Int]] = [:]
            for p in 0..<n { groups[sets.find(p), default: []].append(p) }
            return groups.values.sorted { $0[0] < $1[0] }
        }
        for strong in [threshold, Float.infinity].compactMap({ $0 }) {
            for _ in 0..<20 {
                var changed = false
                for block in blocks(strong) {
                    let inside = Set(block)
                    var field: Float = 0
                    for p in block {
                        for q in 0..<n where !inside.contains(q) { field += votes[p, q] * x[p] * x[q] }
                    }
                    if field < -1e-6 {
                        for p in block { x[p] = -x[p] }
                        changed = true
                    }
                }
                if !changed { break }
            }
        }
        return x.map { $0 < 0 }
    }

    /// Re-settles the orientation inside each solved row. Within one row both kinds
    /// of votes can be trusted (text lines only mislead across rows), so each row's
    /// pieces are oriented by their votes among themselves; the row as a whole keeps
    /// the way most of its pieces lay (which way rows lie is `RowTurns`' business).
    /// Rows holding two pieces of one decision are settled together.
    static func consolidate(_ rows: [[Int]], turned start: [Bool], tiers: [Votes],
                            same: [(Int, Int)], opposite: [(Int, Int)]) -> [Bool] {
        var rowOf: [Int: Int] = [:]
        for (r, row) in rows.enumerated() { for p in row { rowOf[p] = r } }
        var sets = UnionFind(count: rows.count)
        for (p, q) in same + opposite {
            if let a = rowOf[p], let b = rowOf[q] { sets.union(a, into: b) }
        }
        var groups: [Int: [Int]] = [:]
        for r in rows.indices { groups[sets.find(r), default: []] += rows[r] }
        var turned = start
        for group in groups.keys.sorted().map({ groups[$0]! }) where group.count > 1 {
            let m = group.count
            let local = Dictionary(uniqueKeysWithValues: group.enumerated().map { ($1, $0) })
            let sub = tiers.map { votes in
                var v = Votes(count: m)
                for a in 0..<m { for b in 0..<m { v[a, b] = votes[group[a], group[b]] } }
                return v
            }
            var sum = Votes(count: m)
            for v in sub { for k in sum.weights.indices { sum.weights[k] += v.weights[k] } }
            let s = same.compactMap { p in local[p.0].flatMap { a in local[p.1].map { (a, $0) } } }
            let o = opposite.compactMap { p in local[p.0].flatMap { a in local[p.1].map { (a, $0) } } }
            var x = solve(sub, same: s, opposite: o)
            x = improve(x, votes: sum, threshold: nil, same: s, opposite: o)
            let agree = (0..<m).filter { x[$0] == start[group[$0]] }.count
            if 2 * agree < m { x = x.map { !$0 } }
            for a in 0..<m { turned[group[a]] = x[a] }
        }
        return turned
    }
}
