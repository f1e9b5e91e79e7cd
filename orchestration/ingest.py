"""Reading the files under raw/: which files are documents, and their decoded text.

Rules:
- Every regular file under raw/ (recursively) is one document; hidden files are skipped, and
  so are Markdown files (.md): they are notes about the documents (raw/SOURCES.md), not input.
  Its `document_id` is the file name without extension, so a file keeps its identity
  when it moves between folders; two files with one id are refused as duplicates.
- Kind: a file under a `bulletins/` folder, a table (.csv/.tsv), or a text whose opening
  names a 统计公报 is a `bulletin`; everything else is a `report`.
- Refused with a reason (never silently): symlinks leaving raw/, names with `..` or control
  characters, empty files, files over the size limit, binary content (NUL or control bytes),
  text no encoding decodes, a file mixing UTF-8 with another encoding (said where), symlink
  loops. GBK/GB18030, UTF-16 and other encodings are decoded, and the detected encoding is
  recorded.
- Provenance: the recorded encoding is the Python codec for which
  ``file_bytes.decode(encoding) == text``, so character offsets into the stored text are offsets
  into the decoded file, for every encoding. A byte-order mark is part of the codec
  (``utf_8_sig``, ``utf_16``), never a character of the text.
- File names are shown quoted (JSON-style escapes) when they hold control characters, so a
  newline in a name cannot split a log line or a stored reason.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .decoding import UndecodableText
from .decoding import decode as decode_bytes

MAX_BYTES = int(os.environ.get("ZHIBIAO_MAX_FILE_BYTES", 50 * 1024 * 1024))
TABLE_SUFFIXES = {".csv", ".tsv"}
NOTE_SUFFIX = ".md"


class IngestError(ValueError):
    """A file under raw/ that cannot be a document; the message says which and why."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{shown(path)}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class RawFile:
    path: Path            # absolute
    relpath: str          # relative to raw/, with forward slashes
    document_id: str


@dataclass(frozen=True)
class RawDocument:
    file: RawFile
    sha256: str
    byte_size: int
    encoding: str
    text: str
    kind: str

    @property
    def document_id(self) -> str:
        return self.file.document_id


def shown(name: str) -> str:
    """A path as it may appear in one log line: as is, or JSON-quoted when it holds control
    characters (a newline in a file name must not split the line)."""
    if any(unicodedata.category(c) == "Cc" for c in name) or name != name.strip():
        return json.dumps(name, ensure_ascii=False)
    return name


def _bad_name(name: str) -> str | None:
    if ".." in name:
        return "file name contains '..'"
    if any(unicodedata.category(c) == "Cc" for c in name):
        return "file name contains control characters"
    return None


def scan(raw_dir: Path) -> tuple[list[RawFile], list[IngestError]]:
    """The documents under raw_dir, sorted by id, and the files refused by name or place."""
    raw_dir = Path(raw_dir).resolve()
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw_dir}")
    files: dict[str, RawFile] = {}
    errors: list[IngestError] = []
    for dirpath, dirnames, filenames in os.walk(raw_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for d in dirnames:  # os.walk lists linked folders but never enters them: say so
            if (Path(dirpath) / d).is_symlink():
                rel = (Path(dirpath) / d).relative_to(raw_dir).as_posix()
                errors.append(IngestError(rel, "symlinked folder not followed (link the files, or copy the folder)"))
        for name in sorted(filenames):
            if name.startswith(".") or name.lower().endswith(NOTE_SUFFIX):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(raw_dir).as_posix()
            problem = _bad_name(name) or (
                "folder name contains control characters" if any(unicodedata.category(c) == "Cc" for c in rel) else None)
            if problem is None and path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError) as e:  # a loop raises RuntimeError on 3.11, OSError later
                    problem = ("symlink loop: the link leads back to itself" if "loop" in str(e).lower()
                               or getattr(e, "errno", None) == 40 else f"symlink cannot be followed ({e.__class__.__name__})")
                else:
                    if not target.is_relative_to(raw_dir):
                        problem = f"symlink points outside raw/ (to {shown(str(target))})"
            if problem is None and not path.is_file():
                problem = "not a regular file"
            if problem:
                errors.append(IngestError(rel, problem))
                continue
            doc_id = path.stem
            if doc_id in files:
                errors.append(IngestError(rel, f"duplicate document id {doc_id!r} (also {shown(files[doc_id].relpath)}); skipped"))
                continue
            files[doc_id] = RawFile(path=path, relpath=rel, document_id=doc_id)
    return [files[k] for k in sorted(files)], errors


def find_all(raw_dir: Path, document_ids: list[str]) -> dict[str, RawFile | IngestError]:
    """The file of each document id, or the IngestError saying it has none: one scan of raw_dir
    for all of them (a scan per id would make a run over n new documents cost n²)."""
    files = {f.document_id: f for f in scan(raw_dir)[0]}
    return {doc_id: files.get(doc_id) or IngestError(doc_id, f"no file for document {doc_id!r} under {raw_dir}")
            for doc_id in document_ids}


def decode(data: bytes, relpath: str) -> tuple[str, str]:
    """(text, encoding) of a file's bytes (orchestration/decoding.py), or IngestError saying
    what is wrong; an empty file is not a document."""
    if not data.strip():
        raise IngestError(relpath, "empty file")
    try:
        return decode_bytes(data)
    except UndecodableText as e:
        raise IngestError(relpath, str(e)) from None


# Category Cc is exactly U+0000-U+001F and U+007F-U+009F; tabs, newlines and form feeds are text.
# Regexes rather than a unicodedata call per character: this runs over every byte ingested.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _looks_binary(text: str) -> str | None:
    if "\x00" in text:
        return "binary content (NUL bytes)"
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 1000):
        return f"binary content ({controls} control characters)"
    if text and not _HAN.search(text):
        return "no Chinese text: not a report or bulletin"
    return None


def detect_kind(file: RawFile, text: str) -> str:
    parts = {p.lower() for p in Path(file.relpath).parts[:-1]}
    if parts & {"bulletin", "bulletins"} or file.path.suffix.lower() in TABLE_SUFFIXES:
        return "bulletin"
    if "统计公报" in text[:2000]:
        return "bulletin"
    return "report"


def read(file: RawFile, max_bytes: int = MAX_BYTES) -> RawDocument:
    size = file.path.stat().st_size
    if size > max_bytes:
        raise IngestError(file.relpath, f"file too large ({size:,} bytes; the limit is {max_bytes:,}, set ZHIBIAO_MAX_FILE_BYTES)")
    with open(file.path, "rb") as f:  # never more than the limit, even if the file grew since stat()
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestError(file.relpath, f"file too large (over the limit of {max_bytes:,} bytes, set ZHIBIAO_MAX_FILE_BYTES)")
    text, encoding = decode(data, file.relpath)
    problem = _looks_binary(text)
    if problem:
        raise IngestError(file.relpath, problem)
    return RawDocument(
        file=file,
        sha256=hashlib.sha256(data).hexdigest(),
        byte_size=len(data),
        encoding=encoding,
        text=text,
        kind=detect_kind(file, text),
    )


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
