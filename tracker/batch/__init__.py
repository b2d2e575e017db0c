"""Batch loading: read many inputs, extract in worker processes (or Dask), write a sink.

``run.py`` holds :func:`~tracker.batch.run.ingest` and its steps; ``engines.py`` the local
process pool and the Dask engine that run the extractor; ``sinks.py`` the Parquet dataset and
the store (through ``tracker.load``), with their resume state; ``progress.py`` the tqdm bar.

It sits above ``tracker.load`` (the one path into the store) and may import everything below
it: ``tracker.extract``, ``tracker.store``, ``tracker.sources``, ``tracker.io``,
``tracker.schema``, ``tracker.config``.
"""
