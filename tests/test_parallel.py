"""tracker.extract.parallel: how many worker processes a corpus gets by default, and where."""
from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from tracker.extract import parallel


@pytest.mark.parametrize(("files", "expected"), [
    ({"cpu.max": "200000 100000\n"}, 2),  # cgroup v2, docker --cpus=2
    ({"cpu.max": "150000 100000\n"}, 2),  # 1.5 CPUs: two workers, rounded up
    ({"cpu.max": "50000 100000\n"}, 1),
    ({"cpu.max": "max 100000\n"}, None),  # no quota
    ({"cpu/cpu.cfs_quota_us": "400000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 4),  # cgroup v1
    ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),  # v1, no quota
    ({"cpu.max": "garbled"}, None),
    ({}, None),  # no cgroup files at all (macOS, Windows, no /sys)
])
def test_a_cgroup_quota_limits_the_cpus(tmp_path, files, expected):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert parallel.cgroup_cpu_limit(tmp_path) == expected


def test_usable_cpus_are_the_mask_within_the_quota(tmp_path):
    machine = os.cpu_count() or 1
    assert 1 <= parallel.usable_cpus(tmp_path) <= machine  # no quota: the affinity mask
    (tmp_path / "cpu.max").write_text("100000 100000\n")
    assert parallel.usable_cpus(tmp_path) == 1
    (tmp_path / "cpu.max").write_text(f"{100000 * (machine + 8)} 100000\n")
    assert parallel.usable_cpus(tmp_path) == parallel.usable_cpus(tmp_path / "none") <= machine


def test_a_pool_worker_does_not_fork_by_default():
    """A worker of concurrent.futures (spawned here, as macOS and Windows do) is no main
    process: its pool shares the CPUs already, so extract_corpus stays in it by default."""
    if not sys.platform.startswith("linux"):
        pytest.skip("workers are forked by default on Linux only")
    assert parallel.forks_by_default()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert pool.submit(parallel.forks_by_default).result(timeout=120) is False


def test_gc_frozen_leaves_the_objects_alive_out_until_exit():
    import gc

    assert gc.get_freeze_count() == 0
    kept = [object() for _ in range(10)]
    with parallel.gc_frozen():
        assert gc.get_freeze_count() >= len(kept)
    assert gc.get_freeze_count() == 0
    gc.freeze()  # a caller that froze its own objects keeps them frozen
    try:
        frozen = gc.get_freeze_count()
        with parallel.gc_frozen():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


_ENGINE_WORKERS = """
import gc, os
from tracker.batch.engines import LocalEngine
from tracker.extract.lexicon import load_lexicon

def probe():
    return os.getpid(), load_lexicon.cache_info().currsize, gc.get_freeze_count() > 0

engine = LocalEngine(2)
pid, loaded, frozen = engine.pool.submit(probe).result(timeout=120)
print(pid != os.getpid(), loaded, frozen, gc.get_freeze_count() > 0)
engine.close()
print(gc.get_freeze_count())
"""


def test_local_engine_workers_start_with_the_lexicons_loaded():
    """In a fresh interpreter (a test before may have loaded the lexicons here): the workers
    of tracker.batch.engines.LocalEngine are forked once the parent has loaded them, with the
    garbage collector leaving them out, and the parent collects them again once closed."""
    import subprocess

    if not sys.platform.startswith("linux"):
        pytest.skip("workers start with the parent's memory where they are forked (Linux)")
    result = subprocess.run([sys.executable, "-c", _ENGINE_WORKERS], capture_output=True, text=True,
                            timeout=300, cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "1", "True", "True", "0"]
