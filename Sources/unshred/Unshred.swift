import ArgumentParser

@main
struct Unshred: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unshred",
        abstract: "Put shredded pages back together.",
        discussion: """
            Give a folder of equal-size piece images (PNG or BMP); get the restored page \
            as a PNG and the arrangement as a layout table (one line per page row, piece \
            names left to right; '#' lines start a page).
            """,
        version: "0.1.0",
        subcommands: [Solve.self],
        defaultSubcommand: Solve.self)
}
