import ArgumentParser
import Foundation
import UnshredKit

@main
struct Unshred: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unshred",
        abstract: "Put shredded pages back together.",
        discussion: """
            Give a folder of piece images (PNG, BMP or JPEG; equal in size, except strips, \
            which may differ a little and lie on a dark background); get the restored page \
            as a PNG (in colour when the pieces are) and the arrangement as a layout table (one line per page row, piece \
            names left to right; '#' lines start a page).
            """,
        version: "0.1.0",
        subcommands: [Solve.self, Extract.self, Shred.self, Batch.self],
        defaultSubcommand: Solve.self)

    /// ArgumentParser's own handling, except that a failed run prints one line
    /// `error: FILE: problem` (our contract) and exits 1. Bad flags keep exit 64.
    static func main() {
        // Some parents (test runners among them) start us with SIGINT/SIGTERM blocked;
        // Ctrl-C must still stop a run (outputs are written atomically, so nothing tears).
        InteractiveRun.letInterruptsThrough()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            fail(error.description)
        } catch let error as any Error & CustomStringConvertible where isRunError(error) {
            fail(error.description)
        } catch {
            exit(withError: error)
        }
    }

    static func isRunError(_ error: Error) -> Bool {
        error is ImageError || error is PieceError || error is LayoutError || error is SolveError || error is AssemblyError || error is ExtractionError
    }

    static func fail(_ message: String) -> Never {
        let line = message.replacingOccurrences(of: "\n", with: " ")
        FileHandle.standardError.write(Data("error: \(line)\n".utf8))
        Foundation.exit(1)
    }
}
