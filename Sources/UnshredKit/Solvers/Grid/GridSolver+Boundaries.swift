import Foundation

extension GridSolver {
    /// The cuts between rows that run through white space on every column (no piece above
    /// it has ink on its bottom line, none below on its top line): there the edges cannot
    /// say which row follows which, only the line rhythm, and the page's blocks of rows
    /// (paragraphs) may be out of order. Each comes with how sure the row order is of it:
    /// the row-level form of `JoinConfidence`, on `PageObjective.rowOrderMatrix` (seams
    /// plus line rhythm) of the evidence: how far the cheapest rival (another row below
    /// the upper one, or above the lower one, or the page's edge) is above the chosen pair.
    static func blockBoundaries(_ rows: [[Int]], inputs: Inputs) -> [(above: Int, confidence: Float)] {
        let r = rows.count
        guard r > 1, inputs.evidence.typicalVerticalJoin > 0 else { return [] }
        let images = inputs.images
        func blankCut(_ a: Int) -> Bool {
            rows[a].allSatisfy { PaperModel.blankRowsFromBottom(images[$0]) > 0 }
                && rows[a + 1].allSatisfy { PaperModel.blankRowsFromTop(images[$0]) > 0 }
        }
        let cuts = (0..<(r - 1)).filter(blankCut)
        guard !cuts.isEmpty else { return [] }
        let m = r + 1
        let matrix = inputs.evidence.rowOrderMatrix(rows)
        let columns = rows.map(\.count).max() ?? 1
        let floor = max(inputs.evidence.typicalVerticalJoin, 1e-3) * Float(columns)
        return cuts.map { a in
            let x = a + 1, y = a + 2
            let chosen = matrix[x * m + y]
            var rival = Float.infinity
            for k in 0..<m where k != x && k != y {
                rival = min(rival, matrix[x * m + k], matrix[k * m + y])
            }
            guard rival.isFinite else { return (a, 1) }
            return (a, max(0, min(1, (rival - chosen) / (rival + floor))))
        }
    }
}
