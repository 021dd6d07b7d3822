// ctxbench-workload: runs one variant once in this process and writes a WorkloadOutput
// (JSON) to the file given with --output. The runner starts one of these per process run.
//
//   ctxbench-workload VARIANT --tasks N --iterations I --warmups W [--pin] [--memory]
//                     [--fault corrupt-value|hang] --output FILE
//
// Exit status: 0 measured; 2 usage; 3 self-check failed; 4 setup failed (limits, syscalls).
#if canImport(Glibc)
import Glibc
#endif
import CShims
import Foundation
import Results
import SystemCall
import Workloads

func fail(_ status: Int32, _ message: String) -> Never {
    FileHandle.standardError.write(Data("ctxbench-workload: \(message)\n".utf8))
    exit(status)
}

func allowedCPUs() -> [Int] {
    var cpus = [Int32](repeating: 0, count: 1024)
    let n = ctx_allowed_cpus(&cpus, 1024)
    return n > 0 ? cpus[0..<Int(n)].map(Int.init) : []
}

var args = Array(CommandLine.arguments.dropFirst())
guard let variant = args.first, !variant.hasPrefix("-") else {
    fail(2, "usage: ctxbench-workload VARIANT --tasks N --iterations I --warmups W [--pin] [--memory] --output FILE")
}
args.removeFirst()
var tasks = 0, iterations = 0, warmups = 0
var pin = false, memory = false
var inFlight = 1
var output: String?
var fault: Fault?
while !args.isEmpty {
    let flag = args.removeFirst()
    func value() -> String {
        guard !args.isEmpty else { fail(2, "\(flag) needs a value") }
        return args.removeFirst()
    }
    func int() -> Int {
        let v = value()
        guard let n = Int(v), n >= 0 else { fail(2, "\(flag) needs a non-negative integer, got '\(v)'") }
        return n
    }
    switch flag {
    case "--tasks": tasks = int()
    case "--iterations": iterations = int()
    case "--warmups": warmups = int()
    case "--pin": pin = true
    case "--memory": memory = true
    case "--in-flight": inFlight = int()
    case "--output": output = value()
    case "--fault":
        let v = value()
        guard let f = Fault(rawValue: v) else { fail(2, "unknown fault '\(v)'") }
        fault = f
    default: fail(2, "unknown option '\(flag)'")
    }
}
guard let workload = Variant(rawValue: variant)?.workload else {
    let known = Variant.allCases.filter { $0.workload != nil }.map(\.rawValue)
    fail(2, "unknown variant '\(variant)'; known: \(known.joined(separator: ", "))")
}
guard let output else { fail(2, "--output FILE is required") }
guard tasks >= 1, iterations >= 1 else { fail(2, "--tasks and --iterations must be at least 1") }
guard (1...64).contains(inFlight) else { fail(2, "--in-flight must be between 1 and 64") }
if inFlight > 1 && Variant(rawValue: variant)?.row.manyInFlight != true { fail(2, "\(variant) does not support --in-flight") }
guard inFlight <= tasks else { fail(2, "--in-flight \(inFlight) needs at least as many members (--tasks)") }

// Pin before any thread exists, so every thread the variant creates inherits the mask.
let allowed = allowedCPUs()
if pin {
    guard let cpu = allowed.first else { fail(4, "sched_getaffinity returned no CPU") }
    if ctx_pin_to_cpu(Int32(cpu)) != 0 { fail(4, Errno("sched_setaffinity(\(cpu))", code: errno).description) }
}
let granted = allowedCPUs()

let measured: Measured
do {
    measured = try workload.run(WorkloadParameters(tasks: tasks, iterations: iterations, warmups: warmups,
                                                   measureMemory: memory, fault: fault, inFlight: inFlight))
} catch let error as WorkloadError {
    if case .selfCheck = error { fail(3, error.description) }
    fail(4, error.description)
} catch let error as Errno {
    fail(4, WorkloadError.system(error).description)
} catch {
    fail(4, "\(error)")
}
var result = WorkloadOutput(samplesNs: measured.samplesNs, latencySamplesNs: measured.latencySamplesNs,
                            check: measured.check, allowedCPUs: allowed, grantedCPUs: granted,
                            rusage: ProcessProbe.rusage(), timedRusage: measured.timedRusage,
                            threads: measured.threads, memory: measured.memory)
result.peakRSSBytes = ProcessProbe.peakResidentBytes()
result.reactorWaits = measured.reactorWaits
result.reactorEvents = measured.reactorEvents
do {
    let data = try JSONEncoder().encode(result)
    try data.write(to: URL(fileURLWithPath: output))
} catch {
    fail(4, "cannot write \(output): \(error.localizedDescription)")
}
exit(0)
