/// Groups cross-cut pieces into page rows by where their text lines lie.
///
/// Average-linkage agglomerative clustering on `1 - correlation` of line profiles,
/// never letting a group grow past one row's worth of pieces, then a few rounds of
/// balanced template matching: each group's summed profile is a clean picture of
/// its text lines, and pieces are reassigned, surest first, to the group whose
/// template they match best while it has room. Blank pieces carry no line
/// evidence; they fill the places left over.
public enum RowClustering {
    public static func cluster(_ profiles: [LineProfile], rows: Int, columns: Int) -> [[Int]] {
        let n = profiles.count
        let inked = (0..<n).filter { profiles[$0].ink > 0 }
        let blank = (0..<n).filter { profiles[$0].ink == 0 }
        var groups = agglomerate(inked, profiles: profiles, capacity: columns, target: rows)
        groups = refine(groups, members: inked, profiles: profiles, rows: rows, columns: columns)
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

    static func agglomerate(_ members: [Int], profiles: [LineProfile], capacity: Int, target: Int) -> [[Int]] {
        var groups = members.map { [$0] }
        guard groups.count > target else { return groups }
        let m = members.count
        // Sum of pairwise similarities between groups; average = sum / (|a| |b|).
        var sum = [Float](repeating: 0, count: m * m)
        for a in 0..<m {
            for b in (a + 1)..<m {
                let s = LineProfile.correlation(profiles[members[a]].density, profiles[members[b]].density)
                sum[a * m + b] = s
                sum[b * m + a] = s
            }
        }
        var alive = [Bool](repeating: true, count: m)
        var aliveCount = m
        while aliveCount > target {
            var best: (Float, Int, Int) = (-.infinity, -1, -1)
            for a in 0..<m where alive[a] {
                for b in (a + 1)..<m where alive[b] && groups[a].count + groups[b].count <= capacity {
                    let avg = sum[a * m + b] / Float(groups[a].count * groups[b].count)
                    if avg > best.0 { best = (avg, a, b) }
                }
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
        }
        return groups.filter { !$0.isEmpty }
    }

    static func template(_ group: [Int], profiles: [LineProfile]) -> [Float] {
        guard let first = group.first else { return [] }
        var t = [Float](repeating: 0, count: profiles[first].density.count)
        for i in group { for y in t.indices { t[y] += profiles[i].density[y] } }
        return t
    }

    static func refine(_ start: [[Int]], members: [Int], profiles: [LineProfile], rows: Int, columns: Int) -> [[Int]] {
        var groups = start
        // Too many groups (the capacity blocked merges): keep the largest as seeds.
        if groups.count > rows {
            groups.sort { $0.count > $1.count }
            groups = Array(groups.prefix(rows))
        }
        for _ in 0..<6 {
            let templates = groups.map { template($0, profiles: profiles) }
            var choices: [(margin: Float, piece: Int, ranked: [Int])] = []
            for i in members {
                let scores = templates.map { LineProfile.correlation(profiles[i].density, $0) }
                let ranked = scores.indices.sorted { scores[$0] > scores[$1] }
                let margin = ranked.count > 1 ? scores[ranked[0]] - scores[ranked[1]] : 1
                choices.append((margin, i, ranked))
            }
            choices.sort { ($0.margin, $1.piece) > ($1.margin, $0.piece) }
            var next = [[Int]](repeating: [], count: groups.count)
            for choice in choices {
                if let g = choice.ranked.first(where: { next[$0].count < columns }) { next[g].append(choice.piece) }
            }
            if next.map({ Set($0) }) == groups.map({ Set($0) }) { break }
            groups = next
        }
        return groups
    }

    /// Groups whose templates are alike (rows whose text lines sit at the same
    /// heights): their pieces must be told apart by other evidence.
    public static func confusable(_ groups: [[Int]], profiles: [LineProfile], threshold: Float) -> [[Int]] {
        let templates = groups.map { template($0, profiles: profiles) }
        var parent = Array(groups.indices)
        func find(_ x: Int) -> Int { var x = x; while parent[x] != x { x = parent[x] }; return x }
        for a in groups.indices {
            for b in groups.indices where b > a {
                if templates[a].isEmpty || templates[b].isEmpty { continue }
                if LineProfile.correlation(templates[a], templates[b]) > threshold { parent[find(a)] = find(b) }
            }
        }
        var sets: [Int: [Int]] = [:]
        for g in groups.indices { sets[find(g), default: []].append(g) }
        return sets.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }
}
