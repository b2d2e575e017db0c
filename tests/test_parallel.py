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
