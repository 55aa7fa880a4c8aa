import ArgumentParser

/// What the strip solver need not look for (`Unshredder.Options.findsTurnedStrips`), and whether to look for several pages (`findsPages`).
struct StripFlags: ParsableArguments, Sendable {
    @Flag(help: "Strips: every strip was scanned the right way up (do not look for strips turned 180 degrees).")
    var upright = false

    @Flag(help: "Strips: strips of several pages are mixed; find the pages and restore each.")
    var mixed = false

    /// The same flags for a child process.
    var arguments: [String] { (upright ? ["--upright"] : []) + (mixed ? ["--mixed"] : []) }
}
