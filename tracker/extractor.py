"""STUB: replaced by the real extractor shortly."""
from __future__ import annotations
from typing import Iterable
import pandas as pd
from tracker.schema import empty_frame

def extract_figures(text, *, doc_id=None, source=None, published=None, url=None, title=None) -> pd.DataFrame:
    return empty_frame()

def extract_corpus(documents: Iterable[dict]) -> pd.DataFrame:
    frames = [extract_figures(d["text"], **{k: d.get(k) for k in ("doc_id", "source", "published", "url", "title")}) for d in documents]
    return pd.concat(frames, ignore_index=True) if frames else empty_frame()
