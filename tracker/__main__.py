"""``python -m tracker``: see :mod:`tracker.cli`."""
from tracker.cli import main

raise SystemExit(main())
