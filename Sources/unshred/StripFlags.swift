import ArgumentParser

/// What the strip solver need not look for (`Unshredder.Options.findsTurnedStrips`, `findsPages`).
struct StripFlags: ParsableArguments, Sendable {
    @Flag(help: "Strips: every strip was scanned the right way up (do not look for strips turned 180 degrees).")
    var upright = false

    @Flag(help: "Strips: all strips are of one page (do not look for several pages).")
    var onePage = false

    /// The same flags for a child process.
    var arguments: [String] { (upright ? ["--upright"] : []) + (onePage ? ["--one-page"] : []) }
}
