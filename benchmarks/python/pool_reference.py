#!/usr/bin/env python3
"""The Python side of gridbench's ProcessPool comparison: multiprocessing.Pool on the same kernel.

Prints, for the cells gridbench's benchmarks/pool-vs-python.yaml measures (64 tasks, 2 workers,
compute 0, payload 0 and 1 MiB), the median wall time of:

  reused    Pool.map on a pool started once (gridbench's `process-pool`)
  rebuilt   Pool(2) created, Pool.map, close and join inside the sample (`process-pool-rebuilt`),
            with the fork start method and, for reference, spawn

Tasks are cut into chunks exactly as Pool.map's default does (ceil(64 / (4 x 2)) = 8). The kernel
is gridbench's (runner-image/.../workload/Kernel.java): SplitMix64 rounds, a 64-bit FNV-1a pass
over the payload's little-endian words, the digest mixed from seed, compute and hash, and an
8-byte result. `--self-check` reproduces the cell checksums pinned in KernelTest, and every timed
cell's checksum is compared with the kernel computed in this process.

A pure-Python FNV pass over 1 MiB costs tens of milliseconds per task, which would measure
CPython's interpreter rather than the pool. `--payload-pass crc32` replaces that pass with
zlib.crc32 (C speed, every byte read once) so the 1 MiB row compares the pools' transport; its
checksums then differ from gridbench's and are checked against this script's own reference.
Standard library only; run it with the machine's python3.
"""

import argparse
import multiprocessing
import os
import statistics
import sys
import time
import zlib
from pathlib import Path

# The kernel is the one gridbench's Python strategies run (PythonKernelTest pins it to the Java
# kernel); imported from the runner's worker program rather than written again. At module level,
# so spawn's child processes, which re-import this file, find it too.
sys.path.insert(
    0,
    str(Path(__file__).resolve().parents[2]
        / "runner-image/src/main/resources/io/gridbench/runner/strategy/python"))
from gridbench_worker import (  # noqa: E402
    compute,
    digest,
    fill_payload as payload,
    hash_payload as fnv_payload,
    result_bytes as result,
    task_seed,
)


def crc32_payload(data):
    return zlib.crc32(data)


PASSES = {"fnv": fnv_payload, "crc32": crc32_payload}


def run_task(args):
    """One task in a pool worker: (seed, compute, payload, result bytes, pass) -> result bytes."""
    seed, iterations, data, result_bytes, payload_pass = args
    d = digest(seed, compute(seed, iterations), PASSES[payload_pass](data))
    return result(d, result_bytes)


def prepare(compute_iterations, payload_bytes, tasks, result_bytes, payload_pass):
    cell = []
    for i in range(tasks):
        seed = task_seed(compute_iterations, payload_bytes, i)
        cell.append((seed, compute_iterations, payload(seed, payload_bytes), result_bytes,
                     payload_pass))
    return cell


def checksum_of(results):
    c = 0
    for r in results:
        c ^= int.from_bytes(r[:8], "little")
    return c


def reference(cell):
    return checksum_of(run_task(t) for t in cell)


def self_check():
    """The cell checksums KernelTest pins (computed there by the Java kernel)."""
    expected = {(0, 0, 4): 0x83CFAAD3B8DAE5C4, (1000, 100, 8): 0x3B3EBDD548D2D31D,
                (12345, 4099, 16): 0x6FF129C5915A377E}
    for (c, p, n), want in expected.items():
        got = reference(prepare(c, p, n, 8, "fnv"))
        if got != want:
            sys.exit(f"pool_reference: kernel mismatch for compute={c} payload={p} tasks={n}: "
                     f"{got:#018x} != {want:#018x}")
    print("kernel self-check: the three KernelTest cell checksums match", file=sys.stderr)


def timed(fn, warmup, repetitions):
    samples = []
    for i in range(warmup + repetitions):
        t0 = time.perf_counter()
        fn()
        t1 = time.perf_counter()
        if i >= warmup:
            samples.append(t1 - t0)
    return statistics.median(samples)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--tasks", type=int, default=64)
    ap.add_argument("--repetitions", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--payload-pass", choices=sorted(PASSES), default="crc32",
                    help="the pass over the payload (default crc32: the pool's transport, not "
                         "CPython's loop speed, decides the 1 MiB row)")
    ap.add_argument("--self-check", action="store_true", help="verify the kernel and exit")
    a = ap.parse_args()
    self_check()
    if a.self_check:
        return
    chunk = -(-a.tasks // (4 * a.workers))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, load {os.getloadavg()[0]:.2f}, "
          f"{a.tasks} tasks, {a.workers} workers, chunksize {chunk}, payload pass {a.payload_pass}")
    print(f"{'cell':32} {'median ms':>10}")

    def row(name, seconds):
        print(f"{name:32} {seconds * 1e3:10.3f}", flush=True)

    for payload_bytes in (0, 1 << 20):
        cell = prepare(0, payload_bytes, a.tasks, 8, a.payload_pass)
        want = reference(cell)

        def check(results):
            got = checksum_of(results)
            if got != want:
                sys.exit(f"pool_reference: checksum {got:#x} != reference {want:#x}")

        label = "0B" if payload_bytes == 0 else "1MiB"
        with multiprocessing.get_context("fork").Pool(a.workers) as pool:
            row(f"reused pool.map {label}",
                timed(lambda: check(pool.map(run_task, cell)), a.warmup, a.repetitions))
        for method in ("fork", "spawn"):
            ctx = multiprocessing.get_context(method)

            def rebuilt():
                pool = ctx.Pool(a.workers)
                try:
                    check(pool.map(run_task, cell))
                finally:
                    pool.close()
                    pool.join()

            reps = a.repetitions if method == "fork" else max(3, a.repetitions // 4)
            row(f"rebuilt ({method}) {label}", timed(rebuilt, 1, reps))


if __name__ == "__main__":
    main()
