"""Bytes to text, for every reader of input files (ingest and the `extract` CLI): one rule.

- A byte-order mark picks its codec (``utf_8_sig``, ``utf_16``), which consumes the mark, so the
  mark is never a character of the text.
- Else UTF-8; a file that is UTF-8 Chinese up to some byte and something else after it was
  pasted together from two sources, and is refused saying what and where.
- Else charset-normalizer's best guess, decoded with the codec it names, so that
  ``data.decode(encoding) == text`` holds for the encoding returned (character offsets into the
  text are offsets into the decoded file).
No Dagster, no DuckDB: the extractor's CLI imports this.
"""
from __future__ import annotations

# The codecs named here consume their BOM, so decoding the whole file gives the stored text.
BOMS = {
    b"\xef\xbb\xbf": "utf_8_sig",
    b"\xff\xfe": "utf_16",
    b"\xfe\xff": "utf_16",
}


class UndecodableText(ValueError):
    """No single encoding reads these bytes; the message says why."""


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a file's bytes, or UndecodableText saying what is wrong."""
    for bom, enc in BOMS.items():
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError as e:
                raise UndecodableText(f"starts with a {enc} byte-order mark but does not decode: {e}") from e
    try:
        return data.decode("utf-8"), "utf_8"
    except UnicodeDecodeError as e:
        _refuse_if_mixed(data, e.start)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UndecodableText("binary or undecodable content (no text encoding fits)")
    try:  # decode with the codec we record, so the recorded codec reproduces the text exactly
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        raise UndecodableText(f"undecodable content (looks like {best.encoding} but does not decode as it)") from None


def _refuse_if_mixed(data: bytes, bad: int) -> None:
    """A file that is UTF-8 (Chinese included) up to some byte and something else after it was
    pasted together from two sources: no single encoding reads it, so say what and where."""
    head = data[:bad].decode("utf-8", errors="ignore")
    if sum(1 for c in head if "\u4e00" <= c <= "\u9fff") < 3:
        return  # not UTF-8 Chinese before the first bad byte: an ordinary non-UTF-8 file
    line = data.count(b"\n", 0, bad) + 1
    line_start = data.rfind(b"\n", 0, bad) + 1  # a GBK pair can pass as UTF-8: read the whole line
    tail = data[line_start:line_start + 40]
    other = "another encoding"
    for codec, label in (("gb18030", "GBK/GB18030"), ("big5", "Big5")):
        sample = tail.decode(codec, errors="ignore")
        if sum(1 for c in sample if "\u4e00" <= c <= "\u9fff") >= 2:
            other = f"{label} (reads as {sample[:8]!r})"
            break
    raise UndecodableText(f"mixed encodings: UTF-8 Chinese before line {line}, then {other} on line {line} "
                          f"(first byte that is not UTF-8: {bad:,}); convert the file to one encoding")
