"""The progress bar of a batch run, by tqdm: documents done, documents/s, figures so far, ETA.

Shown only when its stream (stderr) is a terminal, unless asked. The total is counted in a
background thread (lines of corpora, rows of Parquet files), so the ETA appears once that
count is in.
"""
from __future__ import annotations

import gzip
import sys
import threading
from functools import lru_cache
from pathlib import Path

from tracker.sources.corpora import CORPUS_READERS


@lru_cache(maxsize=1)
def _bar_class():
    """tqdm without its monitor thread, which tqdm starts with its first bar (even a disabled
    one) and which then lives as long as the process: with it running, extract_corpus cannot
    fork its workers safely. The bar is drawn as it is updated; the monitor only shortens the
    wait between draws where updates are far apart."""
    from tqdm import tqdm

    class Bar(tqdm):
        monitor_interval = 0

    return Bar


class Progress:
    """A tqdm bar of documents, with the figures found as its postfix."""

    def __init__(self, paths: list[str], stream=None, enabled: bool | None = None,
                 total: int | None = None):
        """``total``: the number of documents when known (else counted from ``paths``)."""
        stream = stream or sys.stderr
        enabled = _is_terminal(stream) if enabled is None else enabled
        self.bar = _bar_class()(total=total, unit=" documents", file=stream, disable=not enabled,
                        dynamic_ncols=True, mininterval=0.25, smoothing=0.1)
        self.enabled = enabled
        self.seen = 0
        if enabled and total is None:
            threading.Thread(target=self._count, args=(paths,), daemon=True).start()

    @property
    def total(self) -> int | None:
        return self.bar.total

    @total.setter
    def total(self, value: int | None) -> None:
        self.bar.total = value

    def update(self, seen: int, figures: int) -> None:
        """``seen`` documents done so far (loaded, skipped or rejected), ``figures`` found."""
        if not self.enabled:
            return
        self.bar.set_postfix_str(f"{figures} figures", refresh=False)
        self.bar.update(seen - self.seen)
        self.seen = seen

    def close(self) -> None:
        self.bar.close()

    def _count(self, paths: list[str]) -> None:
        try:
            self.total = sum(estimate_documents(path) for path in paths)
        except Exception:  # noqa: BLE001 - no total, no ETA
            pass


def estimate_documents(path: str) -> int:
    """About how many documents an input holds: rows of a Parquet file, lines of a corpus
    (less the header of a CSV), else 1."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] == ".parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    gzipped = bool(suffixes) and suffixes[-1] == ".gz"
    kind = suffixes[-2] if gzipped and len(suffixes) > 1 else (suffixes[-1] if suffixes else "")
    if kind not in CORPUS_READERS:
        return 1
    opener = gzip.open if gzipped else open
    with opener(path, "rb") as handle:
        lines = sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
    return max(lines - (1 if kind == ".csv" else 0), 0)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
