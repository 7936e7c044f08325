"""Score a JSONL corpus on a real Dask cluster: the README's "Scaling out" Dask recipe, run by tests/engine/dask.test.ts.

A LocalCluster with two worker processes turns the corpus into a Dask bag of JSONL partitions; each partition is piped
through `empathy score - --input-format jsonl --format partial` in a subprocess on a worker; the gathered partials
(one JSON line each) go to `empathy merge -`. With --kill-worker, one worker process is killed while the partitions
are being scored: Dask retries its tasks on the other worker, and the merged result must not change.

Usage: dask_score.py <corpus.jsonl> <empathy bin> <out merged.json> [--partitions N] [--kill-worker]
Prints one JSON line of timings to stdout.
"""
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time

import dask.bag as db
from dask.distributed import Client, LocalCluster


def score_partition(lines, empathy_bin):
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    if not text.strip():
        return []
    run = subprocess.run(
        ["node", empathy_bin, "score", "-", "--input-format", "jsonl", "--format", "partial", "--no-progress", "--jobs", "1"],
        input=text, capture_output=True, text=True, check=False,
    )
    if run.returncode not in (0, 1):  # 1 = a gate failed; there are no gates here, but it is not a crash
        raise RuntimeError(f"empathy score failed ({run.returncode}): {run.stderr.strip()}")
    return [run.stdout.strip()]


def main():
    corpus, empathy_bin, out = sys.argv[1:4]
    partitions = int(sys.argv[sys.argv.index("--partitions") + 1]) if "--partitions" in sys.argv else 8
    kill = "--kill-worker" in sys.argv
    started = time.time()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        with open(corpus, encoding="utf-8") as f:
            lines = [line for line in f if line.strip()]
        bag = db.from_sequence(lines, npartitions=partitions).map_partitions(score_partition, empathy_bin)
        futures = client.compute(bag.to_delayed())
        killed = None
        if kill:
            # Kill one worker's process once it is busy scoring; the nanny restarts it and the scheduler reruns its tasks.
            def killer():
                nonlocal killed
                while not all(f.done() for f in futures):
                    processing = client.processing()
                    busy = [w for w, tasks in processing.items() if tasks]
                    if busy:
                        pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                        time.sleep(0.5)
                        os.kill(pid, signal.SIGKILL)
                        killed = busy[0]
                        return
                    time.sleep(0.05)
            thread = threading.Thread(target=killer)
            thread.start()
        # Gathered by partition (as_completed may hand back a future again when a lost worker's results are
        # recomputed), then given to merge in a random order: the merged report must not depend on it.
        partials = [p for part in client.gather(futures) for p in part]
        seed = int(os.environ.get("DASK_SCORE_SEED", time.time_ns() % 100000))
        random.Random(seed).shuffle(partials)
        if kill:
            thread.join()
            if killed is None:
                raise RuntimeError("--kill-worker: no worker was busy long enough to be killed")
    scored = time.time()
    if os.environ.get("DASK_SCORE_DEBUG"):
        for p in partials:
            print(json.loads(p)["summary"]["read"], file=sys.stderr)
    merge = subprocess.run(
        ["node", empathy_bin, "merge", "-", "--format", "json", "-o", out],
        input="".join(p + "\n" for p in partials), capture_output=True, text=True, check=False,
    )
    if merge.returncode != 0:
        raise RuntimeError(f"empathy merge - failed ({merge.returncode}): {merge.stderr.strip()}")
    print(json.dumps({"partials": len(partials), "shuffle_seed": seed, "killed": killed, "cluster_seconds": round(scored - started, 2), "total_seconds": round(time.time() - started, 2)}))


if __name__ == "__main__":
    main()
