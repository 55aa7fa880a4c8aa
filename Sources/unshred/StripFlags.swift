import ArgumentParser

/// What the strip solver need not look for: strips turned 180 degrees (`Unshredder.Options.findsTurnedStrips`), several pages (`findsPages`).
struct StripFlags: ParsableArguments, Sendable {
    @Flag(help: "Strips: every strip was scanned the right way up (do not look for strips turned 180 degrees).")
    var upright = false

    @Flag(help: "Strips: the strips are of one page (do not look for several pages mixed in the folder).")
    var onePage = false

    /// Looking for several pages is the default; the flag is still accepted.
    @Flag(help: .hidden)
    var mixed = false

    /// The same flags for a child process.
    var arguments: [String] { (upright ? ["--upright"] : []) + (onePage ? ["--one-page"] : []) + (mixed ? ["--mixed"] : []) }
}
