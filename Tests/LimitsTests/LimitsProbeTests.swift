import Foundation
import XCTest
@testable import Limits
import Results

/// Fixture trees under Fixtures/<name>/ stand in for "/" (proc/..., sys/fs/cgroup/...).
func fixtureRoot(_ name: String) -> String {
    Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name).path
}

/// This machine's rlimits: nofile 20000 (soft = hard), nproc 96365, 8 MiB stacks, no RLIMIT_AS.
let machineRLimits = RLimits(nofile: RLimit(soft: 20000, hard: 20000), nproc: RLimit(soft: 96365, hard: 96365),
                             stack: RLimit(soft: 8 << 20, hard: nil), addressSpace: .unlimited)

func entry(_ r: LimitsReport, _ name: String) -> LimitEntry? { r.entries.first { $0.name == name } }

final class LimitsProbeTests: XCTestCase {
    func testThisMachineBindings() throws {
        let r = LimitsProbe(root: fixtureRoot("this-machine"), rlimits: machineRLimits).read()
        XCTAssertEqual(r.linkBinding, "RLIMIT_NOFILE (soft)")
        // (20000 - 4 open - 16 reserve) / 2 - 1
        XCTAssertEqual(r.linkCapacity, 9989)
        XCTAssertEqual(r.threadBinding, "kernel.pid_max")
        XCTAssertEqual(r.threadCapacity, 32768 - 89)
        let maps = try XCTUnwrap(entry(r, "vm.max_map_count"))
        XCTAssertEqual(maps.threadCapacity, (65530 - 37) / 2)
        XCTAssertEqual(maps.raise, "sysctl -w vm.max_map_count=262144")
        let pids = try XCTUnwrap(entry(r, "cgroup pids.max"))
        XCTAssertEqual(pids.value, "max")
        XCTAssertNil(pids.threadCapacity)
        let nofile = try XCTUnwrap(entry(r, "RLIMIT_NOFILE (soft)"))
        XCTAssertFalse(nofile.canRaise)
        // Root without CAP_SYS_RESOURCE: the advice is for the container, at what 50,000 members need.
        XCTAssertEqual(r.raiseRight, .rootWithoutCapability)
        XCTAssertTrue(nofile.raise.contains("`docker run --ulimit nofile=100100:100100`"), nofile.raise)
        XCTAssertEqual(entry(r, "kernel.pid_max")?.raise, "sysctl -w kernel.pid_max=4194304")
        // Root with CAP_SYS_ADMIN: RLIMIT_NPROC is not enforced, so it caps nothing.
        XCTAssertNil(entry(r, "RLIMIT_NPROC (soft)")?.threadCapacity)
        // Without CAP_SYS_RESOURCE (bit 24 clear in CapEff) the hard limit cannot be raised.
        XCTAssertEqual(entry(r, "RLIMIT_NOFILE (hard)")?.canRaise, false)
        XCTAssertEqual(entry(r, "cgroup memory.limit_in_bytes")?.value, "max")
        XCTAssertEqual(r.openFileDescriptors, 4)
        XCTAssertEqual(r.processMaps, 37)
    }

    func testCgroupV2LimitOnParent() throws {
        let r = LimitsProbe(root: fixtureRoot("cgroup-v2-parent"), rlimits: machineRLimits).read()
        XCTAssertEqual(r.threadBinding, "cgroup pids.max")
        XCTAssertEqual(r.threadCapacity, 800)
        let pids = try XCTUnwrap(entry(r, "cgroup pids.max"))
        XCTAssertEqual(pids.value, "1000")
        XCTAssertEqual(pids.source, "/sys/fs/cgroup/user.slice/pids.max")
        XCTAssertEqual(pids.raise, "echo max > /sys/fs/cgroup/user.slice/pids.max")
        let mem = try XCTUnwrap(entry(r, "cgroup memory.max"))
        XCTAssertEqual(mem.threadCapacity, Int((1 << 30 - 1 << 29) / LimitsProbe.residentBytesPerThread))
        XCTAssertEqual(mem.source, "/sys/fs/cgroup/user.slice/app.service/memory.max")
    }

    func testCgroupV1Pids() throws {
        let r = LimitsProbe(root: fixtureRoot("cgroup-v1-pids"), rlimits: machineRLimits).read()
        XCTAssertEqual(r.threadBinding, "cgroup pids.max")
        XCTAssertEqual(r.threadCapacity, 280)
        XCTAssertEqual(entry(r, "cgroup pids.max")?.source, "/sys/fs/cgroup/pids/docker/abc123/pids.max")
        XCTAssertEqual(entry(r, "cgroup memory.limit_in_bytes")?.value, "max")
    }

    func testMaxMapCountBinds() {
        let r = LimitsProbe(root: fixtureRoot("map-count-binds"), rlimits: machineRLimits).read()
        XCTAssertEqual(r.threadBinding, "vm.max_map_count")
        XCTAssertEqual(r.threadCapacity, (1000 - 100) / 2)
    }

    func testNprocBindsForUnprivilegedUser() throws {
        let rl = RLimits(nofile: RLimit(soft: 1024, hard: 4096), nproc: RLimit(soft: 500, hard: 1000))
        let r = LimitsProbe(root: fixtureRoot("nproc-binds"), rlimits: rl, wantedMembers: 900).read()
        XCTAssertEqual(r.threadBinding, "RLIMIT_NPROC (soft)")
        XCTAssertEqual(r.threadCapacity, 500 - 40)   // the uid's 1 + 39 threads; uid 0's 9 do not count
        let nproc = try XCTUnwrap(entry(r, "RLIMIT_NPROC (soft)"))
        XCTAssertTrue(nproc.canRaise)
        // 40 threads of the uid + 900 wanted, rounded up: within the hard limit.
        XCTAssertEqual(nproc.raise, "ulimit -u 1000")
        // soft < hard: ulimit -n can go up to what 900 members need without root.
        XCTAssertEqual(entry(r, "RLIMIT_NOFILE (soft)")?.raise, "`ulimit -n 1900`")
        XCTAssertEqual(r.linkCapacity, (1024 - 4 - 16) / 2 - 1)
        // Effective uid 1000: no sysctl can be written.
        XCTAssertEqual(entry(r, "kernel.pid_max")?.canRaise, false)
    }

    func testUnreadableRootNeverThrows() {
        let r = LimitsProbe(root: "/nonexistent-ctxbench-root", rlimits: machineRLimits).read()
        XCTAssertEqual(entry(r, "kernel.pid_max")?.value, "unreadable")
        XCTAssertNil(entry(r, "kernel.pid_max")?.threadCapacity)
        XCTAssertEqual(entry(r, "cgroup pids.max")?.value, "unreadable")
        XCTAssertNotNil(r.linkCapacity)   // the rlimit still gives a link capacity
    }

    func testAddressSpaceCapsThreads() {
        let rl = RLimits(nofile: RLimit(soft: 20000, hard: 20000), stack: RLimit(soft: 1 << 20, hard: nil),
                         addressSpace: RLimit(soft: 1 << 30, hard: nil))
        let r = LimitsProbe(root: fixtureRoot("this-machine"), rlimits: rl).read()
        let vm: UInt64 = 123456 * 1024
        XCTAssertEqual(entry(r, "RLIMIT_AS (soft)")?.threadCapacity, Int(((1 << 30) - vm) / ((1 << 20) + 4096)))
        XCTAssertEqual(r.threadBinding, "RLIMIT_AS (soft)")
    }

    func testReportRoundTripsThroughJSON() throws {
        let r = LimitsProbe(root: fixtureRoot("this-machine"), rlimits: machineRLimits).read()
        let data = try JSONEncoder().encode(r)
        XCTAssertEqual(try JSONDecoder().decode(LimitsReport.self, from: data), r)
    }

    func testRealMachineReads() {
        let r = LimitsProbe().read()
        XCTAssertNotNil(r.threadCapacity)
        XCTAssertNotNil(r.linkCapacity)
        print(renderLimitsText(r))
    }
}
