"""One decoder for every reader of input files: `zhibiao run` (ingest) and `extract FILE`."""
import pytest

from orchestration import decoding, ingest
from orchestration.extract.cli import read_text

TEXT = "2025年全市地区生产总值增长5.5%，一般公共预算收入280亿元。\n"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf_8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf_8_sig"),
    (TEXT.encode("utf-16"), "utf_16"),
    ((TEXT * 20).encode("gb18030"), "gb18030"),
])
def test_ingest_and_the_extract_cli_read_the_same_text(tmp_path, data, encoding):
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    text, found = decoding.decode(data)
    assert found == encoding and data.decode(found) == text  # the recorded codec reproduces the text
    assert text.startswith("2025年") and "\ufeff" not in text
    assert ingest.decode(data, "doc.txt") == (text, found)
    assert read_text(str(path)) == text


def test_a_file_of_two_encodings_is_refused_by_both_with_the_same_reason(tmp_path):
    data = (TEXT * 3).encode("utf-8") + (TEXT * 3).encode("gbk")
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    with pytest.raises(decoding.UndecodableText) as err:
        decoding.decode(data)
    assert str(err.value).startswith("mixed encodings: UTF-8 Chinese before line 4, then GBK/GB18030")
    with pytest.raises(ingest.IngestError, match="^mixed.txt: mixed encodings"):
        ingest.decode(data, "mixed.txt")
    with pytest.raises(ValueError, match=f"^{path}: mixed encodings"):
        read_text(str(path))


def test_an_empty_file_is_not_a_document_but_extracts_to_nothing():
    assert decoding.decode(b"") == ("", "utf_8")
    with pytest.raises(ingest.IngestError, match="empty file"):
        ingest.decode(b"  \n", "empty.txt")
