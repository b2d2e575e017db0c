"""Worker processes for a corpus: how many CPUs this process may use, whether it may fork
workers, and a function mapped over chunks in forked workers.

Forked, not spawned: a forked worker starts with what its parent has loaded (the lexicons)
and runs none of the caller's code (a spawned one would import the caller's script again).
"""
from __future__ import annotations

import gc
import math
import os
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

#: Where the cgroup CPU quota of this process's container is read (cgroup v2, then v1).
CGROUP_ROOT = Path("/sys/fs/cgroup")


def usable_cpus(cgroup_root: Path = CGROUP_ROOT) -> int:
    """The CPUs this process may run on, at least 1: the default number of worker processes.

    Its affinity mask (which ``taskset`` or a container's cpuset narrows; where the system
    does not say, every CPU), and no more than a cgroup CPU quota allows (``docker --cpus=2``
    on a large host gives 2), rounded up.
    """
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # no sched_getaffinity (macOS, Windows)
        cpus = os.cpu_count() or 1
    quota = cgroup_cpu_limit(cgroup_root)
    return max(1, min(cpus, quota) if quota else cpus)


def cgroup_cpu_limit(root: Path = CGROUP_ROOT) -> int | None:
    """The CPUs a cgroup CPU quota allows, rounded up (cgroup v2 ``cpu.max`` "200000 100000"
    gives 2; v1 ``cpu/cpu.cfs_quota_us`` over ``cpu.cfs_period_us``); None where there is no
    quota or it cannot be read."""
    try:
        quota, period = (root / "cpu.max").read_text().split()[:2]
    except (OSError, ValueError):
        try:
            quota = (root / "cpu" / "cpu.cfs_quota_us").read_text().strip()
            period = (root / "cpu" / "cpu.cfs_period_us").read_text().strip()
        except OSError:
            return None
    try:
        quota_us, period_us = int(quota), int(period)
    except ValueError:  # "max": no quota
        return None
    if quota_us <= 0 or period_us <= 0:  # -1: no quota (v1)
        return None
    return math.ceil(quota_us / period_us)


def forks_by_default() -> bool:
    """Whether a corpus goes to worker processes when the caller does not say: on Linux, in a
    process that is not itself a worker of multiprocessing or concurrent.futures (whose own
    pool already shares the CPUs). Elsewhere it is asked for with ``workers=``: macOS spawns
    by default, since a forked child of a process that has loaded some system frameworks may
    crash."""
    import multiprocessing

    return sys.platform.startswith("linux") and multiprocessing.parent_process() is None


def can_fork(warn: bool = True) -> bool:
    """Whether worker processes can be forked safely here: fork exists, no other thread runs
    (a notebook's or a web app's would be copied mid-step), and this is no daemon process
    (which may have no children). If not, a RuntimeWarning says so where ``warn``."""
    import multiprocessing
    import threading

    if ("fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
            and not multiprocessing.current_process().daemon):
        return True
    if warn:
        warnings.warn("extract_corpus: worker processes cannot be forked safely here (another thread is "
                      "running, this is a daemon process, or this system has no fork): extracting in this "
                      "process", RuntimeWarning, stacklevel=3)
    return False


def map_in_workers(function: Callable[[list], list], chunks: list[list], workers: int) -> list:
    """``function`` of every chunk, in forked worker processes, results in order; on an error
    the chunks not started are cancelled, those running finished, and the error raised."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with gc_frozen(), ProcessPoolExecutor(max_workers=min(workers, len(chunks)),
                                          mp_context=multiprocessing.get_context("fork")) as pool:
        try:
            return list(pool.map(function, chunks))
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


@contextmanager
def gc_frozen() -> Iterator[None]:
    """The objects alive on entry left out of the garbage collector's passes until exit (gc.freeze).

    For forking: a worker forked inside the block does not walk them either, so its first
    full collection neither takes time over the parent's lexicons nor copies every memory
    page they are on into the worker (walking an object writes to it). Objects made
    in the block are collected as usual; on exit the parent's are again. Where the caller
    has frozen objects already, they are left as they are, frozen.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
