#!/usr/bin/env python3
"""Writes results-v1.json: a SYNTHETIC ctxbench results file (schema version 1) for tests.

Every variant, pinned and unpinned, 5 process runs of 20 iterations, a memory sweep, a
task-count sweep, syscall counts, limits, one timed-out run and one clamped count. The
figures are invented (lognormal noise around plausible per-hop costs, seeded), so the
golden REPORT.md exercises every section; they are not measurements.
Run: python3 make_fixture.py > results-v1.json
     python3 make_fixture.py b > results-v1-machine-b.json   (a second "machine": threads 2x
     faster, async-brigade the same, everything else 10 % slower; other host, CPU and seed)
"""
import json
import random
import sys

MACHINE_B = len(sys.argv) > 1 and sys.argv[1] == "b"
rng = random.Random(20261128 if MACHINE_B else 20261127)
N = 500
ITER = 20
RUNS = 5

# per hop (unpinned, pinned) in ns; creation per item in ns
COST = {
    "thread-brigade": (19000, 6000), "one-thread-brigade": (900, 800), "async-brigade": (20000, 12000),
    "async-brigade-1t": (6000, 5500), "nio-brigade": (4500, 4200), "async-brigade-epoll": (3500, 3200),
    "async-brigade-mt": (3700, 3400), "async-mem-brigade": (150, 140), "thread-creation": (50000, 50000),
    "async-creation": (1000, 1000), "async-creation-mt": (700, 700),
    "c-thread-brigade": (18000, 5800), "c-one-thread-brigade": (850, 780), "c-epoll-brigade": (2900, 2700),
    "c-epoll-brigade-mt": (3000, 2800), "c-thread-creation": (45000, 45000),
    "async-brigade-uring": (3900, 3800),
}
if MACHINE_B:
    COST = {k: ((u // 2, p // 2) if k in ("thread-brigade", "thread-creation") else (u, p) if k == "async-brigade"
                else (int(u * 1.1), int(p * 1.1))) for k, (u, p) in COST.items()}
CREATION_K = {"thread-creation": 1000, "async-creation": 10000, "async-creation-mt": 10000, "c-thread-creation": 1000}

def rusage(user, sys, vol, invol, rss):
    return {"userSeconds": user, "systemSeconds": sys, "voluntarySwitches": vol,
            "involuntarySwitches": invol, "maxRSSKiB": rss}

def spec(variant, kind, tasks, iterations, warmups, pinned, run, group):
    return {"variant": variant, "kind": kind, "tasks": tasks, "iterations": iterations, "warmups": warmups,
            "pinned": pinned, "runIndex": run, "group": group}

def output(variant, tasks, iterations, pinned, per_unit, memory=None, latency=None):
    run_shift = rng.lognormvariate(0, 0.04)
    samples = [int(per_unit * tasks * run_shift * rng.lognormvariate(0, 0.05)) for _ in range(iterations)]
    units = tasks * iterations
    timed = rusage(per_unit * units * 0.3e-9, per_unit * units * 0.6e-9, units if "thread" in variant else 2,
                   iterations, 20000 + tasks * 10)
    out = {"samplesNs": samples, "check": f"synthetic: {tasks} members x {iterations} iterations",
           "allowedCPUs": [0, 1], "grantedCPUs": [0] if pinned else [0, 1],
           "rusage": rusage(0.1, 0.2, 1000, 10, 20000 + tasks * (10 if "thread" in variant else 1)),
           "timedRusage": timed, "threads": tasks + 1 if variant == "thread-brigade" else 3}
    if latency:
        out["latencySamplesNs"] = [int(latency * rng.lognormvariate(0, 0.05)) for _ in range(iterations)]
    if memory:
        out["memory"] = memory
    return out

plan, runs = [], []
order = 0
def add(s, out, status="ok", message=None):
    plan.append(s)
    r = {"spec": s, "status": status, "wallSeconds": 0.5, "loadBefore": 0.4, "loadAfter": 0.5}
    if out is not None:
        r["output"] = out
    if message:
        r["message"] = message
        r["stderrTail"] = ""
    runs.append(r)

for variant, (unp, pin) in COST.items():
    creation = variant in CREATION_K
    for pinned in ([False] if creation else [False, True]):
        for run in range(RUNS):
            tasks = CREATION_K.get(variant, N)
            per = pin if pinned else unp
            s = spec(variant, "creation" if creation else "brigade", tasks, ITER, 20, pinned, run, "main")
            if variant == "nio-brigade" and pinned and run == 4:
                add(s, None, "timedOut", "timed out after 30 s and was killed")
                continue
            add(s, output(variant, tasks, ITER, pinned, per, latency=per * 2 if creation else None))

for variant in ["thread-brigade", "async-brigade-mt"]:
    for n in [10, 100, 1000]:
        for run in range(2):
            per = COST[variant][1] * (1 + n / 5000)
            add(spec(variant, "brigade", n, max(10, 20000 // n), 5, True, run, "sweep"),
                output(variant, n, min(50, max(10, 20000 // n)), True, per))
# the sweep outputs above carry fewer samples than planned iterations would; keep them consistent
for r in runs:
    if r["spec"]["group"] == "sweep":
        r["spec"]["iterations"] = len(r["output"]["samplesNs"])
plan = [r["spec"] for r in runs]

# in-flight runs (C12): K tokens spread along the chain, unpinned, hops per round as InFlight
def hops_per_round(n, k):
    return sum(n - j * n // k for j in range(k))
for variant, gain in [("thread-brigade", 0.5), ("async-brigade-mt", 0.3), ("async-brigade-epoll", 0.35)]:
    for k in [4, 16, 64]:
        for run in range(2):
            hops = hops_per_round(N, k)
            per = COST[variant][0] * max(gain, 1 / k ** 0.5)
            out = output(variant, hops, 10, False, per)
            if variant != "thread-brigade":
                out["reactorWaits"] = 10 * N
                out["reactorEvents"] = int(10 * N * min(k, 1 + k / 3))
            s = spec(variant, "brigade", N, 10, 3, False, run, "in-flight")
            s["inFlight"] = k
            add(s, out)

# large runs (C8): both brigades at the largest N the limits allow, one run each, with peak RSS
for variant, per_member in [("thread-brigade", 9800), ("async-brigade-mt", 420)]:
    n = 9988
    out = output(variant, n, 10, False, COST[variant][0] * 1.2)
    out["peakRSSBytes"] = 3_000_000 + per_member * n
    add(spec(variant, "brigade", n, 10, 2, False, 0, "large"), out)

MEM = {"thread-brigade": (list(range(100, 1001, 225)), 9800, 16384),
       "async-brigade-mt": (list(range(1000, 10001, 2250)), 380, 0),
       "async-mem-brigade": (list(range(1000, 10001, 2250)), 300, 0)}
for variant, (counts, per_task, kstack) in MEM.items():
    for n in counts:
        for run in range(2):
            base = 3_000_000
            rss = int(base + per_task * n + rng.gauss(0, 20000))
            mem = {"rssBytes": rss, "pssBytes": int(rss * 0.9), "baselineRssBytes": base,
                   "kernelStackDeltaBytes": int(kstack * n + rng.gauss(0, 50000)), "pageTablesDeltaBytes": int(800 * n) if kstack else 0}
            s = spec(variant, "memory", n, 3, 2, False, run, "memory")
            plan.append(s)
            runs.append({"spec": s, "status": "ok", "wallSeconds": 0.3, "loadBefore": 0.4, "loadAfter": 0.5,
                         "output": output(variant, n, 3, False, COST[variant][0], memory=mem)})

rng.shuffle(plan)
limits = {
    "entries": [
        {"name": "RLIMIT_NOFILE (soft)", "value": "20000", "source": "getrlimit(RLIMIT_NOFILE)", "linkCapacity": 9988,
         "raise": "ulimit -n 65536", "canRaise": False},
        {"name": "kernel.pid_max", "value": "32768", "source": "/proc/sys/kernel/pid_max", "threadCapacity": 32635,
         "raise": "sysctl -w kernel.pid_max=4194304", "canRaise": True},
    ],
    "threadCapacity": 32635, "threadBinding": "kernel.pid_max",
    "linkCapacity": 9988, "linkBinding": "RLIMIT_NOFILE (soft)",
}
doc = {
    "schema": "ctxbench.results", "schemaVersion": 1, "ctxbenchVersion": "0.1.0",
    "environment": {
        "cpuModel": "Synthetic CPU B @ 4.0GHz" if MACHINE_B else "Synthetic CPU @ 3.0GHz", "logicalCPUs": 2, "allowedCPUs": [0, 1], "kernel": "6.1.0-synthetic",
        "os": "Debian GNU/Linux 12 (bookworm)", "swiftVersion": "Swift version 6.3.1 (swift-6.3.1-RELEASE)",
        "ctxbenchCommit": "0123456789ab", "hostname": "fixture-host-b" if MACHINE_B else "fixture-host", "date": "2026-11-27T06:00:00Z",
        "virtualization": "KVM", "memoryBytes": 25769803776, "loadAverageStart": 0.4, "loadAverageEnd": 0.6,
        "settleSeconds": 0, "finishedAt": "2026-11-27T06:03:00Z",
        "commandLine": ["ctxbench", "run", "--profile", "quick", "--seed", "42"],
    },
    "configuration": {"profile": "quick", "seed": 42, "pin": "both", "runsPerPoint": RUNS, "plan": plan},
    "limits": limits,
    "complete": True,
    "runs": runs,
    "skipped": [{"variant": "async-mem-brigade", "group": "large", "tasks": 250000,
                 "reason": "synthetic: a limit allowed fewer members", "clampedTo": 100000},
                {"variant": "thread-brigade", "group": "large", "tasks": 50000,
                 "reason": {"limit": {"resource": "file descriptors", "members": 50000, "needed": 100002,
                                      "limit": "RLIMIT_NOFILE (soft)", "value": "20000", "capacity": 9988}},
                 "clampedTo": 9988}],
    "syscalls": [
        {"variant": "thread-brigade", "pinned": True, "hops": 1500, "perHop": {"recvfrom": 1.0, "write": 1.0}},
        {"variant": "async-brigade-uring", "pinned": False, "hops": 1500, "perHop": {"io_uring_enter": 1.0, "write": 1.0}},
        {"variant": "async-brigade-epoll", "pinned": False, "hops": 1500,
         "perHop": {"recvfrom": 2.0, "recvfrom (errors)": 1.0, "write": 1.0, "epoll_wait": 1.0}},
        {"variant": "async-brigade-mt", "pinned": False, "hops": 1500,
         "perHop": {"recvfrom": 2.0, "recvfrom (errors)": 1.0, "write": 1.0, "epoll_wait": 0.98}},
    ],
}
print(json.dumps(doc, indent=1, sort_keys=True))
