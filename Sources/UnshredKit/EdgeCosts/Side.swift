/// Which way one piece joins another.
///
/// `.leftRight(a, b)`: `a` stands left of `b`, a's right border touches b's left border.
/// `.topBottom(a, b)`: `a` stands above `b`.
/// ```
///   +---+---+        +---+
///   | a | b |        | a |
///   +---+---+        +---+
///   leftRight        | b |
///                    +---+  topBottom
/// ```
public enum JoinDirection: String, Sendable, Codable, CaseIterable {
    case leftRight
    case topBottom
}
