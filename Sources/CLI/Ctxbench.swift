import ArgumentParser
import Results

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
        subcommands: [RunCommand.self, AnalyzeCommand.self, RenderCommand.self, ReportCommand.self, CompareCommand.self, TableCommand.self, UpdateReadmeCommand.self, LimitsCommand.self, ProbeThreadsCommand.self,
                      ListCommand.self])
}

/// An error the user can fix: printed once as "Error: <message>", exit status 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Name the variants and what each measures.")

    func run() throws {
        let width = Variants.names.map(\.count).max() ?? 0
        for v in Variants.all {
            print(v.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + v.summary)
        }
    }
}
