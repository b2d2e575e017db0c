"""Batch loading: read many inputs, extract in worker processes (or Dask), write a sink.

It sits above ``tracker.load`` (the one path into the store) and may import everything below
it: ``tracker.extract``, ``tracker.store``, ``tracker.sources``, ``tracker.io``,
``tracker.schema``, ``tracker.config``.
"""
