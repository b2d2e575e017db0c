"""Where documents come from: files, corpora, uploads, pasted text and web pages.

Everything here turns outside input into :class:`tracker.sources.readers.Document` (or an
``UnreadableDocument`` that says why not). It may import ``tracker.schema`` and
``tracker.config``; never the store, the extractor or the batch run.
"""
