"""Troop and figure tracker: find the figures news reports, with who says them.

>>> from tracker import extract_figures
>>> figures = extract_figures("Russia has massed an estimated 145,000 troops.", doc_id="d1")
>>> figures[["surface", "value", "unit", "category", "actor", "approx"]].to_dict("records")
[{'surface': '145,000 troops', 'value': 145000.0, 'unit': 'troop', 'category': 'personnel', 'actor': 'russia', 'approx': True}]
"""
from tracker.extract.figures import extract_corpus, extract_figures
from tracker.schema import COLUMNS

__all__ = ["COLUMNS", "extract_corpus", "extract_figures"]
