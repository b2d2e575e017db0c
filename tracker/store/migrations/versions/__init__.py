"""Schema versions, oldest first: ``0001_initial.py``, ... (one revision per file)."""
