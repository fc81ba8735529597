"""Annotate corpora too large to hold in memory: articles stream in from JSONL or Parquet
through Hugging Face `datasets`, are labelled in batches, and stream out to JSONL or Parquet.
Memory depends on the batch size, not on the corpus."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from classifier.errors import DataError, UserError

FORMATS = {".jsonl": "json", ".json": "json", ".parquet": "parquet"}
COLUMNS = ("id", "sentence", "start", "end", "text", "label", "confidence")


def _format(path: Path, role: str) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UserError(f"{path}: {role} must be .jsonl or .parquet")
    return fmt


class _Writer:
    """Appends record batches to JSONL or Parquet in a temporary file; `close` moves it into place."""

    def __init__(self, path: Path):
        self.path, self.fmt = path, _format(path, "output")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        os.close(fd)
        self.file = open(self.tmp, "w", encoding="utf-8") if self.fmt == "json" else None
        self.parquet = None
        self.rows = 0

    def write(self, batch: dict) -> None:
        n = len(batch["id"])
        self.rows += n
        if self.fmt == "json":
            for i in range(n):
                self.file.write(json.dumps({k: batch[k][i] for k in COLUMNS}, ensure_ascii=False) + "\n")
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pydict({k: batch[k] for k in COLUMNS})
        if self.parquet is None:
            self.parquet = pq.ParquetWriter(self.tmp, table.schema)
        self.parquet.write_table(table)

    def close(self, ok: bool) -> None:
        if self.file:
            self.file.close()
        if self.parquet:
            self.parquet.close()
        if ok:
            os.replace(self.tmp, self.path)
        elif os.path.exists(self.tmp):
            os.remove(self.tmp)


def annotate_corpus(model_dir, source, out, text_field: str = "text", id_field: str = "id",
                    batch_size: int = 256, progress=None) -> dict:
    """Stream `source` articles through the model into `out`; returns counts."""
    from classifier.annotate import load_model
    from classifier.data import hf_datasets

    source, out = Path(source), Path(out)
    fmt = _format(source, "input")
    if not source.is_file():
        raise DataError(f"{source}: no such file")
    model = load_model(model_dir)
    stream = hf_datasets().load_dataset(fmt, data_files=str(source), split="train", streaming=True)
    try:
        first = next(iter(stream))
    except StopIteration:
        raise DataError(f"{source}: no articles in file") from None
    except ValueError as e:  # pyarrow's parse errors are ValueErrors
        raise DataError(f"{source}: cannot read as {fmt} ({str(e).splitlines()[0][:120]})") from None
    for field in (text_field, id_field):
        if field not in first:
            raise DataError(f"{source}: no field '{field}' (fields: {', '.join(first)})")

    def label(batch):
        docs = [{"id": str(i), "text": t or ""} for i, t in zip(batch[id_field], batch[text_field])]
        records = model.annotate_documents(docs)
        return {k: [r[k] for r in records] for k in COLUMNS}

    labelled = stream.map(label, batched=True, batch_size=batch_size, remove_columns=list(first))
    writer, ok = _Writer(out), False
    try:
        for batch in labelled.iter(batch_size=4096):
            writer.write(batch)
            if progress:
                progress(len(batch["id"]))
        ok = True
    finally:
        writer.close(ok)
    return {"sentences": writer.rows, "out": str(out)}
