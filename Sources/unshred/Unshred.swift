import ArgumentParser
import Foundation
import UnshredKit

@main
struct Unshred: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unshred",
        abstract: "Put shredded pages back together.",
        usage: """
            unshred DIR [-o page.png] [--grid RxC] [--layout FILE] [--interactive]
            unshred shred PAGE (--grid RxC | --strips N) -o SET
            unshred batch SET... [--jobs N] [--report FILE] ...
            """,
        discussion: """
            Restore a page: give a folder of piece images (PNG, BMP or JPEG; all one \
            size, except strips, which may differ a little and lie on a dark \
            background). The restored page goes to -o as a PNG, in colour when the \
            pieces are (a double-sided sheet: page-1.png and page-2.png); the \
            arrangement goes to standard output (or --layout FILE) as a layout table: \
            one line per page row, piece names left to right, '#' lines start a page.

              unshred fixtures/cumcm2013b/1 -o /tmp/page.png    a bundled page
              unshred DIR --grid 11x19 -o page.png             rows x columns known
              unshred DIR -o page.png --interactive --decisions answers.jsonl
                                                    ask about uncertain joins, keep the answers

            Main options of `unshred DIR` (all of them: unshred solve --help):
              -o, --output FILE    write the restored page here (PNG)
              --layout FILE        write the layout table here, not to standard output
              --grid RxC           rows x columns of a cross-cut page (e.g. 11x19)
              --interactive        ask about the joins the solver is least sure of
              --decisions FILE     journal of answers: replayed first, new ones appended
              -q, --quiet          no summary line on standard error

            Test sets: `unshred shred` cuts a page into one (pieces and truth.txt); \
            `unshred batch` runs the solver on many and scores it.
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
        if let problem = RealCutNet.developmentWeightsProblem { fail(problem) }
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
