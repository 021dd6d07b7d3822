import ArgumentParser
import Foundation
import Results
import AnalysisModel

/// ctxbench: measures what a context switch, a task creation and an idle task cost on this
/// machine, OS threads against Swift async tasks, and reports claim by claim whether the
/// study jimblandy/context-switch holds here.
@main
struct Ctxbench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ctxbench",
        abstract: "Context-switch, creation and memory cost of OS threads vs Swift async tasks, measured on this machine.",
        discussion: """
            Pipeline: `run` measures (results.json), `analyze` computes statistics (analysis.json), \
            `render` writes REPORT.md and charts/*.png. `report` = analyze + render.
            Typical: ctxbench run --profile quick && ctxbench report report
            """,
        version: CtxbenchVersion.string,
        subcommands: [RunCommand.self, VarianceCommand.self, AnalyzeCommand.self, RenderCommand.self, ReportCommand.self, CompareCommand.self, TableCommand.self, UpdateReadmeCommand.self, LimitsCommand.self, ProbeThreadsCommand.self,
                      ListCommand.self])
}

extension Ctxbench {
    /// Like ParsableCommand's main, but every error is at most two lines on stderr: what is
    /// wrong, and where help is. Help and --version go to stdout as usual.
    static func main() {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            finish(error, usage: true)
        }
        do {
            try command.run()
        } catch {
            finish(error, usage: false)
        }
    }

    static func finish(_ error: Error, usage: Bool) -> Never {
        let code = exitCode(for: error)
        if code == .success {
            print(fullMessage(for: error))
            Foundation.exit(0)
        }
        // A Foundation file error left unconverted prints as a dictionary dump: one line instead.
        let message = FileError(foundation: error)?.description ?? self.message(for: error)
        if !message.isEmpty {
            FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
        }
        if usage || code == .validationFailure {
            FileHandle.standardError.write(Data("See 'ctxbench help' or 'ctxbench <command> --help'.\n".utf8))
        }
        Foundation.exit(code.rawValue)
    }
}

/// An error the user can fix: printed once as "Error: <message>", exit status 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Name the variants and what each measures.")

    func run() throws {
        let width = Variant.allCases.map(\.rawValue.count).max() ?? 0
        for v in Variant.allCases {
            let roles = v.row.roles.map(\.rawValue).sorted()
            print(v.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + v.row.design
                  + (roles.isEmpty ? "" : " [\(roles.joined(separator: ", "))]"))
        }
    }
}
