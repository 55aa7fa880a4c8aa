/// Every key of `rows` looked up in `table`, row by row; nil when any key is missing
/// (a layout naming a piece the session does not hold, an item outside the chosen set).
func lookUp<Key: Hashable, Value>(_ rows: [[Key]], in table: [Key: Value]) -> [[Value]]? {
    var out: [[Value]] = []
    out.reserveCapacity(rows.count)
    for row in rows {
        var mapped: [Value] = []
        mapped.reserveCapacity(row.count)
        for key in row {
            guard let value = table[key] else { return nil }
            mapped.append(value)
        }
        out.append(mapped)
    }
    return out
}
