import json

import pytest

from classifier.bulk import annotate_corpus
from classifier.errors import DataError, UserError


def articles(path, n):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"a{i}", "text": "Tokyo denied the report. The talks ended.", "n": i}) + "\n")
    return path


def test_streams_jsonl_to_parquet_and_jsonl(trained, tmp_path):
    import pyarrow.parquet as pq

    src = articles(tmp_path / "arts.jsonl", 25)
    result = annotate_corpus(trained, src, tmp_path / "out.parquet", batch_size=4)
    table = pq.read_table(tmp_path / "out.parquet")
    assert result["sentences"] == table.num_rows == 50
    assert table.column_names == ["id", "sentence", "start", "end", "text", "label", "confidence"]
    annotate_corpus(trained, tmp_path / "out.parquet", tmp_path / "again.jsonl", text_field="text")
    rows = [json.loads(x) for x in (tmp_path / "again.jsonl").read_text().splitlines()]
    assert len(rows) == 50 and rows[0]["id"] == "a0"


def test_bad_corpus_input_is_a_clear_error_and_writes_nothing(trained, tmp_path):
    src = articles(tmp_path / "arts.jsonl", 2)
    with pytest.raises(DataError, match="no field 'body'"):
        annotate_corpus(trained, src, tmp_path / "out.jsonl", text_field="body")
    with pytest.raises(UserError, match="must be .jsonl or .parquet"):
        annotate_corpus(trained, src, tmp_path / "out.csv")
    with pytest.raises(DataError, match="no such file"):
        annotate_corpus(trained, tmp_path / "absent.jsonl", tmp_path / "out.jsonl")
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith((".out", "out"))]
