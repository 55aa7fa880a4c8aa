/// Problems with a folder of pieces as a whole.
public enum PieceError: Error, Equatable, CustomStringConvertible, Sendable {
    case folderMissing(path: String)
    case notAFolder(path: String)
    case noImages(path: String, otherFiles: Int, examples: [String] = [])
    case sizeMismatch(path: String, majority: (width: Int, height: Int), oddOnes: [String], note: String? = nil)
    /// Strips too unlike in size to come from one page (`width`: the median strip's paper width).
    case unequalStrips(path: String, width: Int, height: Int, oddOnes: [String])
    case tooMany(path: String, count: Int, limit: Int)
    case duplicateName(path: String, name: String)
    /// Double-sided pieces (`NNNa`, `NNNb`) where some piece lacks a face; `problem` names it.
    case incompleteFaces(path: String, problem: String)

    public var description: String {
        switch self {
        case let .folderMissing(path): return "\(path): no such folder"
        case let .notAFolder(path): return "\(path): not a folder"
        case let .noImages(path, other, examples):
            if other == 0 { return "\(path): folder is empty" }
            let shown = examples.isEmpty ? "" : " (" + examples.joined(separator: ", ") + (other > examples.count ? ", ..." : "") + ")"
            return "\(path): no .png, .bmp or .jpg pieces among its \(other) \(other == 1 ? "file" : "files")\(shown)"
        case let .sizeMismatch(path, majority, odd, note):
            let shown = odd.prefix(5).joined(separator: ", ") + (odd.count > 5 ? ", ... (\(odd.count) in all)" : "")
            return "\(path): pieces differ in size: most are \(majority.width) x \(majority.height), but not \(shown)"
                + (note.map { "; \($0)" } ?? "")
        case let .unequalStrips(path, width, height, odd):
            let shown = odd.prefix(5).joined(separator: ", ") + (odd.count > 5 ? ", ... (\(odd.count) in all)" : "")
            return "\(path): strips differ too much in size to be one page's: the tallest is \(height) px and most are"
                + " \(width) px wide (paper), but not \(shown); strips may differ in width by up to a factor of"
                + " \(Int(SolverView.widthFactor)) and be no shorter than \(Int(SolverView.minHeightShare * 100)) % of the tallest"
        case let .tooMany(path, count, limit):
            return "\(path): \(count) pieces, above the limit of \(limit) (raise it with --max-pieces)"
        case let .duplicateName(path, name):
            return "\(path): two files share the name \(name) (e.g. .png and .bmp)"
        case let .incompleteFaces(path, problem):
            return "\(path): \(problem)"
        }
    }

    public static func == (a: PieceError, b: PieceError) -> Bool { a.description == b.description }
}
