"""Finding figures in text: numbers, units, bounds, categories, actors and who says them.

Text in, rows out. Pure: no files beyond its own ``lexicons/``, no store, no batch, no
readers (``tracker.sources``) and no writers (``tracker.io``). It may import
``tracker.schema`` only. The public entry points are re-exported by :mod:`tracker`.
"""
