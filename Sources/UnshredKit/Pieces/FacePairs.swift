/// The two faces of each piece of a double-sided sheet.
///
/// Double-sided sets name each piece's faces `NNNa` and `NNNb` (the file stem of
/// the piece plus a face letter, `a`/`b` in either case). The letter does not say
/// which page a face belongs to; it only pairs the faces up.
///
/// A folder counts as double-sided when its names pair up this way for at least
/// half of its files; then every file must belong to a complete pair, and the first
/// one that does not is named (`Recognition.incomplete`). Otherwise the folder is
/// single-sided and names mean nothing.
struct FacePairs: Sendable, Equatable {
    /// Piece names (the stems without the face letter), sorted.
    let pieces: [String]
    /// Index (into the `PieceSet`) of each piece's `a` face.
    let faceA: [Int]
    /// Index (into the `PieceSet`) of each piece's `b` face.
    let faceB: [Int]

    var count: Int { pieces.count }

    enum Recognition: Sendable, Equatable {
        case singleSided
        case doubleSided(FacePairs)
        /// A file that does not belong to a complete pair: `piece` is its piece name
        /// (nil when the name carries no face letter) and `faces` the piece's files.
        case incomplete(piece: String?, faces: [String])

        /// The one-line complaint about an incomplete double-sided folder.
        var problem: String? {
            guard case let .incomplete(piece, faces) = self else { return nil }
            guard let piece else {
                return "\(faces.first ?? "?") has no face letter, but the other pieces are double-sided (faces NNNa and NNNb)"
            }
            if faces.count == 1 {
                return "piece \(piece) has only one face (\(faces[0])); a double-sided piece needs both, \(piece)a and \(piece)b"
            }
            return "piece \(piece) has faces \(faces.joined(separator: ", ")); a double-sided piece needs one a and one b face"
        }
    }

    /// Recognises face pairs among `names` (file stems, in `PieceSet` order).
    static func recognise(_ names: [String]) -> Recognition {
        var faces: [String: (a: [Int], b: [Int])] = [:]
        var unlettered: [Int] = []
        for (i, name) in names.enumerated() {
            guard let (base, letter) = split(name) else { unlettered.append(i); continue }
            if letter == "a" { faces[base, default: ([], [])].a.append(i) } else { faces[base, default: ([], [])].b.append(i) }
        }
        let complete = faces.filter { $0.value.a.count == 1 && $0.value.b.count == 1 }
        guard !complete.isEmpty, 4 * complete.count >= names.count else { return .singleSided }
        // Double-sided: every name must sit in a complete pair.
        var odd: [(first: String, piece: String?, faces: [String])] = unlettered.map { (names[$0], nil, [names[$0]]) }
        for (base, f) in faces where complete[base] == nil {
            let stems = (f.a + f.b).map { names[$0] }.sorted()
            odd.append((stems[0], base, stems))
        }
        if let first = odd.min(by: { $0.first < $1.first }) { return .incomplete(piece: first.piece, faces: first.faces) }
        let bases = complete.keys.sorted()
        return .doubleSided(FacePairs(pieces: bases, faceA: bases.map { complete[$0]!.a[0] },
                                      faceB: bases.map { complete[$0]!.b[0] }))
    }

    /// `005a` -> (`005`, "a"); nil without a face letter or without a stem before it.
    static func split(_ name: String) -> (String, Character)? {
        guard name.count >= 2, let last = name.last?.lowercased().first, last == "a" || last == "b" else { return nil }
        return (String(name.dropLast()), last)
    }
}
