"""Writing figure rows: JSONL, CSV and Parquet, one set of writers for every output.

It may import ``tracker.schema`` only.
"""
