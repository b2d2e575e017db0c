"""Peak memory of the tracker on inputs built to exhaust it ("bombs").

Builds, in a temporary folder:

- ``line.jsonl.gz``: a few MB on disk, one JSON line holding 3 GiB of spaces;
- ``digits.jsonl.gz``: the same with 3 GiB of digits;
- ``bomb.docx``: a Word file whose ``word/document.xml`` unpacks to 3 GiB of spaces;
- ``big.txt``: a 200 MB text file;

then runs ``python -m tracker extract``, ``python -m tracker ingest --out`` and
:func:`tracker.sources.uploads.read_upload` (the dashboard's upload reader) on each, every one in its own
process, and reports that process's peak RSS (``os.wait4``'s ``ru_maxrss``: the process and
the children it waited for). Each must be refused with a message naming the limit, and stay
under 1.5 GB; the script prints PASS or FAIL per run and exits 1 if any failed.

Usage: ``.venv/bin/python benchmarks/bombs.py [--gib 3] [--txt-mb 200] [--keep DIR]``.
"""
from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_BYTES = int(1.5 * 1024 ** 3)
CHUNK = 64 * 1024 * 1024


def build_jsonl_gz(path: Path, size: int, byte: bytes) -> None:
    block = byte * CHUNK
    with gzip.open(path, "wb", compresslevel=1) as handle:
        handle.write(b'{"doc_id": "ok", "text": "Russia has massed 1000 troops."}\n')
        handle.write(b'{"text": "')
        for _ in range(size // CHUNK):
            handle.write(block)
        handle.write(b'"}\n')
        handle.write(b'{"doc_id": "after", "text": "Kyiv asked for 300 tanks."}\n')


def build_docx(path: Path, size: int) -> None:
    import docx

    plain = path.with_name("plain.docx")
    word = docx.Document()
    word.add_paragraph("Russia has massed 1000 troops.")
    word.save(plain)
    block = b" " * CHUNK
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                                                           compresslevel=1) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "word/document.xml":
                target.writestr(info.filename, data)
                continue
            head, tail = data.split(b"</w:body>")
            with target.open("word/document.xml", "w", force_zip64=True) as member:
                member.write(head)
                for _ in range(size // CHUNK):
                    member.write(block)
                member.write(b"</w:body>" + tail)
    plain.unlink()


def build_txt(path: Path, size: int) -> None:
    line = b"Russia has massed 1000 troops near the border, officials said. " * 16 + b"\n"
    with open(path, "wb") as handle:
        for _ in range(size // len(line) + 1):
            handle.write(line)


UPLOAD = ("import sys; from pathlib import Path; from tracker.sources.uploads import read_upload; "
          "p = Path(sys.argv[1]); "
          "[print(getattr(i, 'doc_id', None) or 'error: ' + str(i)) for i in read_upload(p.name, p.read_bytes())]")


def measure(command: list[str], cwd: Path, log: Path) -> tuple[int, int, float]:
    """Run ``command``; its exit status, peak RSS in bytes and seconds."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RUST_BACKTRACE": "0"}
    started = time.monotonic()
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage.ru_maxrss * 1024, time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gib", type=float, default=3.0, help="unpacked size of the bombs, GiB")
    parser.add_argument("--txt-mb", type=int, default=200, help="size of the text file, MB")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep the files")
    args = parser.parse_args(argv)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="bombs-"))
    folder.mkdir(parents=True, exist_ok=True)
    size = int(args.gib * 1024 ** 3)
    bombs = {
        "line.jsonl.gz": lambda p: build_jsonl_gz(p, size, b" "),
        "digits.jsonl.gz": lambda p: build_jsonl_gz(p, size, b"9"),
        "bomb.docx": lambda p: build_docx(p, size),
        "big.txt": lambda p: build_txt(p, args.txt_mb * 1000 * 1000),
    }
    for name, build in bombs.items():
        path = folder / name
        if not path.exists():
            started = time.monotonic()
            build(path)
            print(f"built {name}: {path.stat().st_size / 1e6:.1f} MB on disk "
                  f"({time.monotonic() - started:.0f} s)", flush=True)
    failed = 0
    print(f"{'input':<18} {'run':<12} {'status':>6} {'peak RSS':>10} {'seconds':>8}  result")
    for name in bombs:
        path = folder / name
        runs = {
            "extract": [sys.executable, "-m", "tracker", "extract", str(path), "--out",
                        str(folder / f"{name}.figures.jsonl")],
            "ingest": [sys.executable, "-m", "tracker", "ingest", str(path), "--out",
                       str(folder / f"{name}.dataset"), "--workers", "1"],
            "read_upload": [sys.executable, "-c", UPLOAD, str(path)],
        }
        for run, command in runs.items():
            log = folder / f"{name}.{run}.log"
            status, peak, seconds = measure(command, folder, log)
            text = log.read_text(encoding="utf-8", errors="replace")
            if run == "ingest":
                rejects = folder / f"{name}.dataset" / "_rejects.jsonl"
                text += rejects.read_text(encoding="utf-8") if rejects.exists() else ""
            refused = "limit" in text and "Traceback" not in text
            ok = peak < LIMIT_BYTES and refused and (run == "read_upload" or status == 2)
            failed += not ok
            print(f"{name:<18} {run:<12} {status:>6} {peak / 1e6:>8.0f} MB {seconds:>8.1f}  "
                  f"{'PASS' if ok else 'FAIL'}", flush=True)
            if not ok:
                print("    " + "\n    ".join(text.splitlines()[-5:]))
    print(f"{'PASS' if not failed else 'FAIL'}: {failed} of {len(bombs) * 3} runs failed "
          f"(limit {LIMIT_BYTES / 1e9:.2f} GB peak RSS); files in {folder}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
