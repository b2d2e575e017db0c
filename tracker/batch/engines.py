"""Where figures are found in a batch run: worker processes on this machine, or Dask.

Both engines map :func:`extract_chunk` over chunks of documents and give back each chunk with
its results, in input order. A chunk that fails as a whole (a worker process that dies on a
document, results that do not come back) is done again one document at a time, so only the
document that fails is rejected.
"""
from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack

from tracker.extract.figures import warm_up
from tracker.extract.parallel import gc_frozen
from tracker.load import document_rows
from tracker.schema import coerce_row
from tracker.sources.document import FATAL, Document, describe_failure

ENGINES = ("local", "dask")


def extract_chunk(chunk: list[tuple]) -> list[list[dict] | str]:
    """Figure rows of each document of a chunk (:func:`tracker.schema.coerce_row`), or why not.

    A chunk is a list of ``(doc_id, text, source, published, url, title)`` tuples. Whatever
    the extractor raises for a document, a ``BaseException`` such as a Rust panic too
    (but not KeyboardInterrupt, SystemExit or GeneratorExit), becomes that document's
    result as a plain string, so the results always pickle and the chunk's other documents
    are kept.
    """
    results: list[list[dict] | str] = []
    for doc_id, text, source, published, url, title in chunk:
        try:
            rows = document_rows(Document(doc_id, text, source=source, published=published,
                                          url=url, title=title))
            results.append([coerce_row(row) for row in rows])
        except FATAL:
            raise
        except BaseException as error:  # noqa: BLE001 - report, go on with the next document
            results.append(f"extractor failed ({describe_failure(error)})")
    return results


def open_engine(engine: str, workers: int, scheduler: str | None = None):
    """A :class:`LocalEngine` or a :class:`DaskEngine`, by name (:data:`ENGINES`)."""
    if engine == "dask":
        return DaskEngine(workers, scheduler)
    if engine == "local":
        return LocalEngine(workers)
    raise ValueError(f"unknown engine {engine!r} (expected one of {', '.join(ENGINES)})")


def _die_with_parent() -> None:
    """In a worker: be ended when the parent dies (Linux), so a killed run leaves no orphans."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _payload(document: Document) -> tuple:
    return (document.doc_id, document.text, document.source, document.published,
            document.url, document.title)


class LocalEngine:
    """``workers`` processes; at most ``2 * workers`` chunks in flight; results in input order.

    The lexicons are loaded here first, so that the workers (forked on Linux) start with
    them and share their memory instead of each loading them again; until :meth:`close`
    the garbage collector leaves them out (tracker.extract.parallel.gc_frozen), so that the
    workers' first collections need not walk them.
    """

    def __init__(self, workers: int):
        self.workers = workers
        warm_up()
        self._held = ExitStack()
        self._held.enter_context(gc_frozen())
        self.pool = self._new_pool()

    def _new_pool(self):
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(max_workers=self.workers, initializer=_die_with_parent)

    def map(self, chunks: Iterable[list]) -> Iterator[tuple[list, list]]:
        in_flight: deque = deque()
        for chunk in chunks:
            in_flight.append((chunk, self._submit([_payload(p.document) for p in chunk])))
            if len(in_flight) >= 2 * self.workers:
                chunk, future = in_flight.popleft()
                yield chunk, self._settle(chunk, future)
        while in_flight:
            chunk, future = in_flight.popleft()
            yield chunk, self._settle(chunk, future)

    def _submit(self, payloads: list[tuple]):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.pool.submit(extract_chunk, payloads)
        except BrokenProcessPool:  # a worker died on an earlier chunk: a fresh pool
            self._restart()
            return self.pool.submit(extract_chunk, payloads)

    def _settle(self, chunk: list, future) -> list:
        """The chunk's results; if the chunk failed as a whole (a worker process died, or its
        results did not come back), each of its documents again alone, to find the one."""
        try:
            return future.result()
        except FATAL:
            raise
        except BaseException:  # noqa: BLE001 - BrokenProcessPool, PicklingError, ...
            pass
        return [self._alone(_payload(pending.document)) for pending in chunk]

    def _alone(self, payload: tuple) -> list[dict] | str:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._submit([payload]).result()[0]
        except FATAL:
            raise
        except BrokenProcessPool:
            self._restart()
            return "extractor failed (its worker process died on this document)"
        except BaseException as error:  # noqa: BLE001
            return f"extractor failed ({describe_failure(error)})"

    def _restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new_pool()

    def close(self) -> None:
        try:
            self.pool.shutdown(wait=True, cancel_futures=True)
        finally:
            self._held.close()


class DaskEngine:
    """A ``dask.bag`` of documents, one partition per chunk, computed a window at a time.

    On a LocalCluster of ``workers`` processes, or on the cluster at ``scheduler``; two
    windows are in flight, so the cluster works while the parent writes.
    """

    def __init__(self, workers: int, scheduler: str | None = None):
        import logging

        from distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        self.window = 4 * max(1, len(self.client.scheduler_info().get("workers", {})) or workers)

    def map(self, chunks: Iterable[list]) -> Iterator[tuple[list, list]]:
        import dask.bag as db

        in_flight: deque = deque()
        chunks = iter(chunks)
        while True:
            window = list(itertools.islice(chunks, self.window))
            if window:
                sizes = [len(chunk) for chunk in window]
                payloads = [_payload(p.document) for chunk in window for p in chunk]
                bag = db.from_delayed(
                    [_delayed_chunk(payloads[start:start + size])
                     for start, size in zip(itertools.accumulate([0, *sizes[:-1]]), sizes)])
                futures = self.client.compute(bag.map_partitions(_extract_partition).to_delayed())
                in_flight.append((window, futures))
            if not in_flight:
                return
            if window and len(in_flight) < 2:
                continue
            done_window, futures = in_flight.popleft()
            for chunk, future in zip(done_window, futures):
                yield chunk, self._settle(chunk, future)

    def _settle(self, chunk: list, future) -> list:
        """The chunk's results; if it failed as a whole (e.g. a worker was killed), each of
        its documents again alone, so only the one that fails is rejected."""
        try:
            return future.result()
        except FATAL:
            raise
        except BaseException:  # noqa: BLE001 - KilledWorker, a lost connection, ...
            pass
        results = []
        for pending in chunk:
            try:
                results.append(self.client.submit(extract_chunk, [_payload(pending.document)],
                                                  pure=False).result()[0])
            except FATAL:
                raise
            except BaseException as error:  # noqa: BLE001
                results.append(f"extractor failed ({describe_failure(error)})")
        return results

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _delayed_chunk(payloads: list[tuple]):
    from dask import delayed

    return delayed(payloads, traverse=False)


def _extract_partition(payloads: list[tuple]) -> list:
    return extract_chunk(list(payloads))
