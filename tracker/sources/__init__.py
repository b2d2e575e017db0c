"""Where documents come from: files, corpora, uploads, pasted text and web pages.

``document.py`` holds the record, :class:`~tracker.sources.document.Document` (with its
content hash and ISO date), and :class:`~tracker.sources.document.UnreadableDocument`;
``files.py`` single files and :func:`~tracker.sources.files.read_path`; ``corpora.py`` JSON
Lines, CSV and Parquet corpora; ``uploads.py`` the dashboard's uploads, pastes and seeds;
``fetch.py`` web pages.

Everything here turns outside input into a ``Document`` (or an ``UnreadableDocument`` that
says why not). It may import ``tracker.schema`` and ``tracker.config``; never the store, the
extractor or the batch run.
"""
