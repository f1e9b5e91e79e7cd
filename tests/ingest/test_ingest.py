"""Reading raw/: encodings, refusals with reasons, kinds, document ids."""
import os

import pytest

from orchestration import ingest
from tests.support.documents import TINY_REPORT


def _write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_utf8_is_read_exactly_with_its_hash(raw_dir):
    p = _write(raw_dir / "reports" / "tiny.txt", TINY_REPORT.encode("utf-8"))
    [f], errors = ingest.scan(raw_dir)
    doc = ingest.read(f)
    assert errors == []
    assert doc.document_id == "tiny"
    assert doc.text == TINY_REPORT
    assert doc.encoding == "utf_8"
    assert doc.byte_size == p.stat().st_size
    import hashlib
    assert doc.sha256 == hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.mark.parametrize("codec,expected", [("gbk", "gb18030"), ("utf-16", "utf_16"), ("utf-16-le", "utf_16_le"),
                                            ("utf-16-be", "utf_16_be"), ("utf-8-sig", "utf_8_sig")])
def test_other_encodings_are_decoded_and_named(raw_dir, codec, expected):
    _write(raw_dir / "reports" / "enc.txt", (TINY_REPORT * 3).encode(codec))
    [f], _ = ingest.scan(raw_dir)
    doc = ingest.read(f)
    assert doc.text == TINY_REPORT * 3
    assert doc.encoding == expected


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gbk", "utf-16", "utf-16-le", "utf-16-be", "gb18030"])
def test_provenance_offsets_slice_the_file_decoded_with_the_recorded_encoding(raw_dir, codec):
    # What a user does with a figure's provenance: open the file with the recorded encoding and
    # slice [start:end]. With a BOM recorded as plain utf_8 this was off by one character.
    text = "（测试）\n2025年地区生产总值增长5.2%，一般公共预算收入增长3.1%。\n" * 3
    p = _write(raw_dir / "reports" / "prov.txt", text.encode(codec))
    [f], _ = ingest.scan(raw_dir)
    doc = ingest.read(f)
    start = doc.text.index("5.2%")
    from_file = p.read_bytes().decode(doc.encoding)
    assert from_file == doc.text
    assert from_file[start:start + 4] == "5.2%"
    with open(p, encoding=doc.encoding, newline="") as fh:  # the text-mode way, too
        assert fh.read()[start:start + 4] == "5.2%"


def test_mixed_utf8_and_gbk_file_is_refused_saying_what_and_where(raw_dir):
    utf8 = ("2025年工作回顾：全省地区生产总值增长5.2%。\n" * 5).encode("utf-8")
    gbk = "一般公共预算收入增长3.1%。\n".encode("gbk")
    _write(raw_dir / "reports" / "mixed.txt", utf8 + gbk)
    [f], _ = ingest.scan(raw_dir)
    with pytest.raises(ingest.IngestError) as e:
        ingest.read(f)
    msg = e.value.reason
    assert "mixed encodings" in msg and "GBK" in msg
    assert "on line 6" in msg and "reads as '一般公共" in msg


def test_symlink_loop_is_refused_and_the_rest_still_loads(raw_dir):
    _write(raw_dir / "reports" / "good.txt", TINY_REPORT.encode())
    os.symlink("loop-b.txt", raw_dir / "reports" / "loop-a.txt")
    os.symlink("loop-a.txt", raw_dir / "reports" / "loop-b.txt")
    files, errors = ingest.scan(raw_dir)
    assert [f.document_id for f in files] == ["good"]
    assert sorted(e.path for e in errors) == ["reports/loop-a.txt", "reports/loop-b.txt"]
    assert all("symlink loop" in e.reason for e in errors)


def test_a_newline_in_a_file_name_is_quoted_in_the_message(raw_dir):
    _write(raw_dir / "reports" / "evil\nrefused ok.txt", TINY_REPORT.encode())
    [], [err] = ingest.scan(raw_dir)
    assert "\n" not in str(err) and str(err).startswith('"reports/evil\\nrefused ok.txt": ')


def test_control_characters_in_folder_or_file_names_are_refused(raw_dir):
    _write(raw_dir / "reports\x85x" / "a.txt", TINY_REPORT.encode())      # U+0085 (NEL) is a control character
    _write(raw_dir / "reports" / "b\x1b.txt", TINY_REPORT.encode())
    _write(raw_dir / "reports" / "c\u00a0d.txt", TINY_REPORT.encode())    # a no-break space is not
    files, errors = ingest.scan(raw_dir)
    assert [f.document_id for f in files] == ["c\u00a0d"]
    assert sorted(e.reason for e in errors) == ["file name contains control characters",
                                                 "folder name contains control characters"]


def test_the_control_character_pattern_is_unicode_category_cc():
    import unicodedata
    assert all(bool(ingest._CONTROL_CHAR.search(chr(c))) == (unicodedata.category(chr(c)) == "Cc")
               for c in range(0x110000))


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"  \n\n ", "empty file"),
    (bytes(range(256)) * 40, "binary"),
    ("生产总值\x00增长5%".encode() * 10, "NUL"),
    (b"plain ascii with no chinese at all\n" * 5, "no Chinese text"),
])
def test_bad_content_is_refused_with_the_reason(raw_dir, data, reason):
    _write(raw_dir / "reports" / "bad.txt", data)
    [f], _ = ingest.scan(raw_dir)
    with pytest.raises(ingest.IngestError) as e:
        ingest.read(f)
    assert reason in str(e.value)
    assert "reports/bad.txt" in str(e.value)


def test_oversized_file_is_refused(raw_dir):
    _write(raw_dir / "reports" / "big.txt", TINY_REPORT.encode() * 10)
    [f], _ = ingest.scan(raw_dir)
    with pytest.raises(ingest.IngestError, match="too large"):
        ingest.read(f, max_bytes=100)


def test_escaping_symlink_odd_names_and_duplicates_are_refused(raw_dir, tmp_path):
    outside = _write(tmp_path / "secret.txt", TINY_REPORT.encode())
    os.symlink(outside, raw_dir / "reports" / "link.txt")
    _write(raw_dir / "reports" / "a..b.txt", TINY_REPORT.encode())
    _write(raw_dir / "reports" / "ctl\x07.txt", TINY_REPORT.encode())
    _write(raw_dir / "reports" / "same.txt", TINY_REPORT.encode())
    _write(raw_dir / "bulletins" / "same.txt", TINY_REPORT.encode())
    _write(raw_dir / "reports" / ".hidden.txt", TINY_REPORT.encode())
    files, errors = ingest.scan(raw_dir)
    assert [f.relpath for f in files] == ["bulletins/same.txt"]
    reasons = {e.path: e.reason for e in errors}
    assert "outside raw/" in reasons["reports/link.txt"]
    assert "'..'" in reasons["reports/a..b.txt"]
    assert "control characters" in reasons["reports/ctl\x07.txt"]
    assert "duplicate document id" in reasons["reports/same.txt"]


def test_symlinked_folder_is_reported_not_silently_skipped(raw_dir, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    _write(elsewhere / "r.txt", TINY_REPORT.encode())
    os.symlink(elsewhere, raw_dir / "linked")
    files, errors = ingest.scan(raw_dir)
    assert files == []
    assert [(e.path, e.reason.split(" (")[0]) for e in errors] == [("linked", "symlinked folder not followed")]


def test_symlink_inside_raw_is_followed(raw_dir):
    target = _write(raw_dir / "reports" / "real.txt", TINY_REPORT.encode())
    (raw_dir / "alias").mkdir()
    os.symlink(target, raw_dir / "alias" / "linked.txt")
    files, errors = ingest.scan(raw_dir)
    assert sorted(f.document_id for f in files) == ["linked", "real"]
    assert errors == []


def test_kind_from_folder_suffix_or_title(raw_dir):
    _write(raw_dir / "reports" / "r.txt", TINY_REPORT.encode())
    _write(raw_dir / "bulletins" / "b.txt", TINY_REPORT.encode())
    _write(raw_dir / "misc" / "t.csv", "指标,数值\n生产总值,120\n".encode())
    _write(raw_dir / "misc" / "s.txt", "示例县2020年国民经济和社会发展统计公报\n生产总值120亿元。".encode())
    kinds = {f.document_id: ingest.read(f).kind for f in ingest.scan(raw_dir)[0]}
    assert kinds == {"r": "report", "b": "bulletin", "t": "bulletin", "s": "bulletin"}


def test_markdown_notes_about_the_documents_are_not_documents(raw_dir):
    _write(raw_dir / "SOURCES.md", b"# Where the documents come from\n")
    _write(raw_dir / "reports" / "a.txt", TINY_REPORT.encode())
    files, errors = ingest.scan(raw_dir)
    assert [f.relpath for f in files] == ["reports/a.txt"] and errors == []
