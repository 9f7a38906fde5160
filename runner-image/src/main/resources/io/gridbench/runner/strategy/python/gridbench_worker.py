#!/usr/bin/env python3
"""gridbench's Python worker: runs one Python strategy's cells for the runner, over stdin/stdout.

One process per strategy. The runner starts it with the strategy's options, sends each cell's
tasks before the cell's samples (not timed), then one RUN per sample, which this process answers
with the xor of the task digests; the runner times each sample from its own side (RUN sent to
RESULT read), as it times the Java strategies' runCell.

Strategies (the seed study's, as it ran them):
  single      every task in this process, one after another.
  pool        multiprocessing.Pool(workers).map over the cell's tasks; --rebuild creates and
              closes the pool inside every RUN. --start-method fork|spawn|forkserver.
  ray-pool    ray.util.multiprocessing.Pool(workers).map on the Ray cluster at --ray-address;
              --rebuild as above.
  ray-actors  one long-lived Ray actor per worker, each kept a Pool.map chunk of calls ahead and
              refilled as calls finish (ray.wait).

Ray is imported only by the Ray strategies, and a process that imports it never forks a pool:
the forked child of a Ray driver hangs on exit. Standard library only otherwise.

The kernel is gridbench's (runner-image/.../workload/Kernel.java): SplitMix64 rounds, 64-bit
FNV-1a over the payload's 8-byte little-endian words (trailing bytes one by one), the digest mixed
from seed, compute and hash, the result the digest's 8 little-endian bytes then SplitMix64 filler.
`--known-answers` prints the kernel's outputs for inputs read from stdin, so a Java test can hold
this kernel to the Java one.

Wire format (big-endian), requests on stdin:
  CELL  op:int=1 tasks:int compute:long payloadBytes:int resultBytes:int (seed:long payload)*
  RUN   op:int=2 chunkSize:int                 (0: Pool.map's default)
  EXIT  op:int=3
responses on stdout:
  READY op:int=0x67700001                      (after the pool or the actors are up)
  OK    op:int=0x67700002                      (a CELL is held)
  RESULT op:int=0x67700003 tasks:int checksum:long   (the xor of the task digests)
  ERROR op:int=0x677000FF length:int message:utf8   (then this process exits with status 3)
"""

import argparse
import ctypes
import multiprocessing
import os
import signal
import struct
import sys

M64 = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15
FNV_OFFSET_BASIS = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3

OP_CELL, OP_RUN, OP_EXIT = 1, 2, 3
READY, OK, RESULT, ERROR = 0x67700001, 0x67700002, 0x67700003, 0x677000FF
ERROR_EXIT_STATUS = 3
# How often a waiting RUN looks for pool workers that died: a dead worker's task is never
# answered (multiprocessing.Pool replaces the worker and waits forever).
WATCH_SECONDS = 0.05


# --- the kernel -------------------------------------------------------------------------------

def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def compute(seed, iterations):
    s, acc = seed, 0
    for _ in range(iterations):
        s = (s + GOLDEN_GAMMA) & M64
        acc ^= mix(s)
    return acc


def hash_payload(data):
    h = FNV_OFFSET_BASIS
    words = len(data) & ~7
    for (w,) in struct.iter_unpack("<Q", memoryview(data)[:words]):
        h = ((h ^ w) * FNV_PRIME) & M64
    for b in data[words:]:
        h = ((h ^ b) * FNV_PRIME) & M64
    return h


def digest(seed, acc, payload_hash):
    rot = ((payload_hash << 17) | (payload_hash >> 47)) & M64
    return mix(seed ^ acc ^ rot)


def fill_stream(n, seed):
    out = bytearray()
    s = seed
    while len(out) < n:
        s = (s + GOLDEN_GAMMA) & M64
        out += mix(s).to_bytes(8, "little")
    return bytes(out[:n])


def task_seed(compute_iterations, payload_bytes, index):
    return mix((mix((compute_iterations * GOLDEN_GAMMA + payload_bytes) & M64)
                + index * GOLDEN_GAMMA) & M64)


def fill_payload(seed, n):
    return fill_stream(n, mix(seed ^ 0x5DEECE66D))


def result_bytes(d, length):
    return d.to_bytes(8, "little") + fill_stream(length - 8, d)


def run_task(task):
    """One task: (seed, compute, payload, result bytes) -> the task's result bytes."""
    seed, iterations, payload, length = task
    return result_bytes(digest(seed, compute(seed, iterations), hash_payload(payload)), length)


def digest_of(task_index, result, length):
    if not isinstance(result, (bytes, bytearray)) or len(result) != length:
        size = "nothing" if result is None else f"{len(result)} bytes"
        raise RuntimeError(f"task {task_index} returned {size}; expected {length}")
    return int.from_bytes(result[:8], "little")


# --- pool workers -----------------------------------------------------------------------------

def die_with_parent(parent_pid):
    """Pool initializer: a worker dies with its parent, even one killed with SIGKILL (Linux prctl).
    The parent is this driver for fork and spawn, the fork server (None here) for forkserver, which
    itself exits when the driver's end of its pipe closes."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the driver's close() still stops its pool
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)  # the parent died before prctl took effect


def worker_pid(_):
    return os.getpid()


class PoolWorkerDied(RuntimeError):
    """A pool process died: the pool can no longer be stopped through its own machinery."""


class ProcessPoolRunner:
    """multiprocessing.Pool, reused or rebuilt per RUN, with a watch for workers that die.

    A pool process that dies while idle may hold the pool's task-queue lock for good (it waits for
    a task with the lock held), after which neither map nor Pool.terminate() ever returns. So a
    dead pool process is looked for before and during every RUN, and a pool that lost one is
    killed outright (close()) and this process leaves with os._exit, skipping the pool's
    finalizer, which would call terminate() too."""

    def __init__(self, workers, rebuild, start_method):
        self.workers = workers
        self.rebuild = rebuild
        self.context = multiprocessing.get_context(start_method)
        self.parent = None if start_method == "forkserver" else os.getpid()
        self.pool = None
        self.members = []
        self.broken = False
        if not rebuild:
            self._start()
            # Pool() returns before its workers have started (spawn: imported this module); a
            # reused pool's first sample must not measure that.
            self.pool.map(worker_pid, range(4 * workers), 1)

    def _start(self):
        self.pool = self.context.Pool(self.workers, initializer=die_with_parent,
                                      initargs=(self.parent,))
        # Pool() starts its processes before it returns; the pool's own list is private.
        self.members = [p for p in multiprocessing.active_children() if "PoolWorker" in p.name]

    def run(self, tasks, chunk):
        if not self.rebuild:
            return self._map(tasks, chunk)
        self._start()
        results = self._map(tasks, chunk)
        self.pool.close()
        self.pool.join()
        self.pool = None
        return results

    def _map(self, tasks, chunk):
        self._check("before")
        pending = self.pool.map_async(run_task, tasks, chunk)
        while not pending.ready():
            pending.wait(WATCH_SECONDS)
            if not pending.ready():
                self._check("during")
        return pending.get()

    def _check(self, when):
        for p in self.members:
            if p.exitcode is not None:
                self.broken = True
                raise PoolWorkerDied(f"pool worker pid {p.pid} died {when} the cell"
                                     f" ({exit_description(p.exitcode)})")

    def close(self):
        if self.broken:
            # Replacements the pool started for the dead process too: every child goes. The pool
            # object is kept: dropping it runs its finalizer, which is terminate().
            for p in multiprocessing.active_children():
                p.kill()
            return
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
        self.pool = None


def exit_description(code):
    return f"killed by signal {-code}" if code < 0 else f"exit status {code}"


# --- Ray (imported only here) -----------------------------------------------------------------

def connect_ray(address):
    import ray
    # Ray's own start-up lines go to stderr; stdout is the protocol.
    ray.init(address=address, logging_level="WARNING", log_to_driver=False)
    return ray


class RayPoolRunner:
    """ray.util.multiprocessing.Pool on the cluster, reused or rebuilt per RUN."""

    def __init__(self, address, workers, rebuild):
        self.ray = connect_ray(address)
        from ray.util.multiprocessing import Pool
        self.pool_type = Pool
        self.workers = workers
        self.rebuild = rebuild
        self.pool = None if rebuild else Pool(processes=workers)

    def run(self, tasks, chunk):
        if not self.rebuild:
            return self.pool.map(run_task, tasks, chunk)
        pool = self.pool_type(processes=self.workers)
        try:
            return pool.map(run_task, tasks, chunk)
        finally:
            pool.terminate()

    def close(self):
        if self.pool is not None:
            self.pool.terminate()
            self.pool = None
        self.ray.shutdown()


class RayActorsRunner:
    """One actor per worker, each kept `depth` calls ahead and refilled as its calls finish."""

    def __init__(self, address, workers):
        self.ray = connect_ray(address)

        @self.ray.remote
        class KernelActor:
            def ready(self):
                return os.getpid()

            def run_task(self, seed, iterations, payload, length):
                return run_task((seed, iterations, payload, length))

        self.actors = [KernelActor.remote() for _ in range(workers)]
        self.ray.get([a.ready.remote() for a in self.actors])

    def run(self, tasks, chunk):
        ray = self.ray
        results = [None] * len(tasks)
        owner = {}
        next_task = 0

        def submit(actor_index):
            nonlocal next_task
            seed, iterations, payload, length = tasks[next_task]
            ref = self.actors[actor_index].run_task.remote(seed, iterations, payload, length)
            owner[ref] = (actor_index, next_task)
            next_task += 1
            return ref

        in_flight = []
        for _ in range(max(2, chunk)):
            for a in range(len(self.actors)):
                if next_task < len(tasks):
                    in_flight.append(submit(a))
        while in_flight:
            ready, in_flight = ray.wait(in_flight, num_returns=1)
            for ref in ready:
                actor_index, task = owner.pop(ref)
                results[task] = ray.get(ref)
                if next_task < len(tasks):
                    in_flight.append(submit(actor_index))
        return results

    def close(self):
        for a in self.actors:
            self.ray.kill(a)
        self.actors = []
        self.ray.shutdown()


# --- the protocol -----------------------------------------------------------------------------

def read_exact(stream, n):
    data = bytearray()
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            raise EOFError("the runner closed the pipe")
        data += chunk
    return bytes(data)


def send(out, fmt, *values):
    out.write(struct.pack(fmt, *values))
    out.flush()


def send_error(out, message):
    # One line, as every gridbench error: Ray's exceptions span many.
    line = " ".join(message.split())
    data = (line[:2000] + (" ..." if len(line) > 2000 else "")).encode("utf-8")
    send(out, f">ii{len(data)}s", ERROR, len(data), data)


def default_chunk(tasks, workers):
    """Pool.map's default chunk size."""
    chunk, extra = divmod(tasks, workers * 4)
    return chunk + 1 if extra else chunk


class SingleThreadRunner:
    """The seed's baseline: a plain loop in this process."""

    def run(self, tasks, chunk):
        return [run_task(t) for t in tasks]

    def close(self):
        pass


def make_runner(args):
    if args.type == "single":
        return SingleThreadRunner()
    if args.type == "pool":
        return ProcessPoolRunner(args.workers, args.rebuild, args.start_method)
    if args.type == "ray-pool":
        return RayPoolRunner(args.ray_address, args.workers, args.rebuild)
    return RayActorsRunner(args.ray_address, args.workers)


def serve(args, inp, out):
    runner = make_runner(args)
    try:
        send(out, ">i", READY)
        tasks, length = [], 8
        while True:
            (op,) = struct.unpack(">i", read_exact(inp, 4))
            if op == OP_CELL:
                count, iterations, payload_bytes, length = struct.unpack(
                    ">iqii", read_exact(inp, 20))
                tasks = []
                for _ in range(count):
                    (seed,) = struct.unpack(">Q", read_exact(inp, 8))
                    tasks.append((seed, iterations, read_exact(inp, payload_bytes),
                                  length))
                send(out, ">i", OK)
            elif op == OP_RUN:
                (chunk,) = struct.unpack(">i", read_exact(inp, 4))
                chunk = chunk or max(1, default_chunk(len(tasks), args.workers))
                results = runner.run(tasks, chunk)
                if len(results) != len(tasks):
                    raise RuntimeError(f"{len(results)} results for {len(tasks)} tasks")
                checksum = 0
                for i, r in enumerate(results):
                    checksum ^= digest_of(i, r, length)
                send(out, ">iiQ", RESULT, len(tasks), checksum)
            elif op == OP_EXIT:
                return
            else:
                raise RuntimeError(f"protocol error: unknown request {op}")
    finally:
        runner.close()


def known_answers(inp, out):
    """For each line 'compute payloadBytes taskIndex resultBytes' prints the task's seed, payload
    hash and digest (16 hex digits each) and its result bytes in hex, space-separated."""
    for line in inp:
        if not line.strip():
            continue
        iterations, payload_bytes, index, length = (int(v) for v in line.split())
        tseed = task_seed(iterations, payload_bytes, index)
        payload = fill_payload(tseed, payload_bytes)
        d = digest(tseed, compute(tseed, iterations), hash_payload(payload))
        print(f"{tseed:016x} {hash_payload(payload):016x} {d:016x} "
              f"{result_bytes(d, length).hex()}", file=out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--type", choices=("single", "pool", "ray-pool", "ray-actors"))
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--start-method", choices=("fork", "spawn", "forkserver"), default="fork")
    ap.add_argument("--ray-address")
    ap.add_argument("--known-answers", action="store_true",
                    help="print the kernel's outputs for the inputs on stdin and exit")
    args = ap.parse_args()
    if args.known_answers:
        known_answers(sys.stdin, sys.stdout)
        return
    inp = sys.stdin.buffer
    out = sys.stdout.buffer
    # Anything else printing to stdout (a library's banner) would corrupt the protocol.
    sys.stdout = sys.stderr
    try:
        serve(args, inp, out)
    except EOFError:
        sys.exit(0)  # the runner is gone: nobody to answer
    except PoolWorkerDied as e:
        send_error_quietly(out, e)
        os._exit(ERROR_EXIT_STATUS)  # see ProcessPoolRunner: no exit finalizers
    except BaseException as e:  # every failure reaches the runner as one line
        send_error_quietly(out, e)
        sys.exit(ERROR_EXIT_STATUS)


def send_error_quietly(out, e):
    try:
        send_error(out, f"{type(e).__name__}: {e}")
    except OSError:
        pass  # the runner is gone


if __name__ == "__main__":
    main()
