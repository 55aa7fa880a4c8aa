import Foundation

/// Groups cross-cut pieces into page rows by where their text lines lie.
///
/// Average-linkage agglomerative clustering on `1 - correlation` of line profiles,
/// never letting a group grow past one row's worth of pieces, then a few rounds of
/// balanced template matching: each group's summed profile is a clean picture of
/// its text lines, and pieces are reassigned, surest first, to the group whose
/// template they match best while it has room. Blank pieces carry no line
/// evidence; they fill the places left over.
enum RowClustering {
    /// - Parameter links: pairs of pieces known to share a row (confident left-right
    ///   joins); linked pieces start, and stay, in one group.
    static func cluster(_ profiles: [LineProfile], rows: Int, columns: Int, links: [(Int, Int)] = []) -> [[Int]] {
        let n = profiles.count
        let inked = (0..<n).filter { profiles[$0].ink > 0 }
        let blank = (0..<n).filter { profiles[$0].ink == 0 }
        let fragments = chain(inked, links: links, capacity: columns)
        var groups = agglomerate(fragments, profiles: profiles, capacity: columns, target: rows)
        groups = refine(groups, fragments: fragments, profiles: profiles, rows: rows, columns: columns)
        groups = balance(groups, profiles: profiles, columns: columns)
        // Blank pieces fill the places left over.
        var spare = blank[...]
        for g in groups.indices {
            while groups[g].count < columns, let b = spare.popFirst() { groups[g].append(b) }
        }
        while !spare.isEmpty {
            groups.append(Array(spare.prefix(columns)))
            spare = spare.dropFirst(columns)
        }
        return groups
    }

    /// Joins linked pieces into fragments (union-find), never past `capacity` pieces.
    static func chain(_ members: [Int], links: [(Int, Int)], capacity: Int) -> [[Int]] {
        let isMember = Set(members)
        var sets = UnionFind(count: (members.max() ?? -1) + 1)
        for (a, b) in links {
            guard isMember.contains(a), isMember.contains(b) else { continue }
            let ra = sets.find(a), rb = sets.find(b)
            if ra == rb || sets.size(ofRoot: ra) + sets.size(ofRoot: rb) > capacity { continue }
            sets.union(b, into: a)
        }
        var fragments: [Int: [Int]] = [:]
        for m in members { fragments[sets.find(m), default: []].append(m) }
        return fragments.values.sorted { $0[0] < $1[0] }
    }

    static func agglomerate(_ fragments: [[Int]], profiles: [LineProfile], capacity: Int, target: Int) -> [[Int]] {
        var groups = fragments
        guard groups.count > target else { return groups }
        let m = groups.count
        // Sum of pairwise similarities between groups' pieces; average = sum / (|a| |b|).
        var sum = pairSums(groups, profiles: profiles)
        var alive = [Bool](repeating: true, count: m)
        var aliveCount = m
        func average(_ a: Int, _ b: Int) -> Float { sum[a * m + b] / Float(groups[a].count * groups[b].count) }
        // Each group's best partner among the later groups (ties to the earliest), so a
        // merge rescans only the groups whose partner it changed, not all pairs.
        var partner = [Int](repeating: -1, count: m)
        var partnerValue = [Float](repeating: -.infinity, count: m)
        func rescan(_ a: Int) {
            partner[a] = -1
            partnerValue[a] = -.infinity
            for b in (a + 1)..<m where alive[b] && groups[a].count + groups[b].count <= capacity {
                let avg = average(a, b)
                if avg > partnerValue[a] { partnerValue[a] = avg; partner[a] = b }
            }
        }
        for a in 0..<m { rescan(a) }
        while aliveCount > target {
            var best: (Float, Int, Int) = (-.infinity, -1, -1)
            for a in 0..<m where alive[a] && partner[a] >= 0 && partnerValue[a] > best.0 {
                best = (partnerValue[a], a, partner[a])
            }
            guard best.1 >= 0 else { break }
            let (_, a, b) = best
            groups[a] += groups[b]
            groups[b] = []
            alive[b] = false
            aliveCount -= 1
            for c in 0..<m where alive[c] && c != a {
                sum[a * m + c] += sum[b * m + c]
                sum[c * m + a] = sum[a * m + c]
            }
            rescan(a)
            for c in 0..<m where alive[c] && c != a {
                if partner[c] == a || partner[c] == b {
                    rescan(c)
                } else if c < a && groups[c].count + groups[a].count <= capacity {
                    let avg = average(c, a)
                    if avg > partnerValue[c] || (avg == partnerValue[c] && a < partner[c]) {
                        partnerValue[c] = avg
                        partner[c] = a
                    }
                }
            }
        }
        return groups.filter { !$0.isEmpty }
    }

    /// `sum[a * m + b]`: the sum of the correlations of every piece of group `a` with
    /// every piece of group `b` (diagonal 0), added up in the order of `pairSumsReference`
    /// (so the same Floats), with correlations eight at a time (`ProfileCorrelation`)
    /// on all cores.
    static func pairSums(_ groups: [[Int]], profiles: [LineProfile]) -> [Float] {
        let m = groups.count
        var sum = [Float](repeating: 0, count: m * m)
        guard m > 1 else { return sum }
        // The pieces group after group, so that each group's are contiguous.
        let order = groups.flatMap { $0 }
        var offsets = [Int](repeating: 0, count: m + 1)
        for g in 0..<m { offsets[g + 1] = offsets[g] + groups[g].count }
        let start = offsets
        let kernel = ProfileCorrelation(order.map { profiles[$0].density })
        let total = order.count
        sum.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendable(buffer.baseAddress!)
            let work = { @Sendable (a: Int) in
                let from = start[a + 1]
                guard from < total else { return }
                var corr = [Float](repeating: 0, count: total - from)
                var sums = [Float](repeating: 0, count: m)
                corr.withUnsafeMutableBufferPointer { c in
                    for i in start[a]..<from {
                        kernel.correlations(of: i, from: from, into: c.baseAddress!)
                        for b in (a + 1)..<m {
                            var s = sums[b]
                            for j in start[b]..<start[b + 1] { s += c[j - from] }
                            sums[b] = s
                        }
                    }
                }
                for b in (a + 1)..<m {
                    out.value[a * m + b] = sums[b]
                    out.value[b * m + a] = sums[b]
                }
            }
            Parallel.forEach(m, parallel: total >= 256, work)
        }
        return sum
    }

    static func template(_ group: [Int], profiles: [LineProfile]) -> [Float] {
        guard let first = group.first else { return [] }
        var t = [Float](repeating: 0, count: profiles[first].density.count)
        for i in group { for y in t.indices { t[y] += profiles[i].density[y] } }
        return t
    }

    static func refine(_ start: [[Int]], fragments: [[Int]], profiles: [LineProfile], rows: Int, columns: Int) -> [[Int]] {
        var groups = start
        // Too many groups (the capacity blocked merges): keep the largest as seeds.
        if groups.count > rows {
            groups.sort { $0.count > $1.count }
            groups = Array(groups.prefix(rows))
        }
        // Fragments move as units; the biggest and surest are placed first.
        let owns = ProfileCorrelation(fragments.map { template($0, profiles: profiles) })
        for _ in 0..<6 {
            let templates = groups.map { template($0, profiles: profiles) }
            // fits[g][f] = LineProfile.correlation(fragment f's template, group g's), eight at a time.
            let fits = templates.map { owns.correlations(with: $0) }
            var choices: [(margin: Float, fragment: Int, ranked: [Int])] = []
            for (f, fragment) in fragments.enumerated() {
                let scores = templates.indices.map { fits[$0][f] }
                let ranked = scores.indices.sorted { scores[$0] > scores[$1] }
                let margin = ranked.count > 1 ? scores[ranked[0]] - scores[ranked[1]] : 1
                choices.append((margin * Float(fragment.count).squareRoot(), f, ranked))
            }
            choices.sort { ($0.margin, $1.fragment) > ($1.margin, $0.fragment) }
            var next = [[Int]](repeating: [], count: groups.count)
            for choice in choices {
                let size = fragments[choice.fragment].count
                if let g = choice.ranked.first(where: { next[$0].count + size <= columns }) {
                    next[g] += fragments[choice.fragment]
                } else if let g = next.indices.min(by: { next[$0].count < next[$1].count }) {
                    next[g] += fragments[choice.fragment]
                }
            }
            if next.map({ Set($0) }) == groups.map({ Set($0) }) { break }
            groups = next
        }
        return groups
    }

    /// No group may hold more than a row: a fragment placed where no group had room
    /// overfills one, so its worst-fitting pieces move to the best-fitting group with room.
    static func balance(_ start: [[Int]], profiles: [LineProfile], columns: Int) -> [[Int]] {
        var groups = start
        while let over = groups.indices.first(where: { groups[$0].count > columns }) {
            guard let _ = groups.indices.first(where: { groups[$0].count < columns }) else { break }
            let templates = groups.map { template($0, profiles: profiles) }
            let fits = groups[over].map { LineProfile.correlation(profiles[$0].density, templates[over]) }
            let worst = fits.indices.min { fits[$0] < fits[$1] }!
            let piece = groups[over].remove(at: worst)
            let open = groups.indices.filter { groups[$0].count < columns }
            let target = open.max {
                LineProfile.correlation(profiles[piece].density, templates[$0])
                    < LineProfile.correlation(profiles[piece].density, templates[$1])
            }!
            groups[target].append(piece)
        }
        return groups
    }
}
