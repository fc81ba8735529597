"""Command line: parse arguments, call the Python API, turn user errors into one line on
stderr and a non-zero exit. Heavy libraries are imported inside the commands."""

from __future__ import annotations

import functools
import sys
from enum import Enum
from pathlib import Path

import typer

from classifier.errors import UserError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                  help="Train, evaluate and apply the news sentence-role classifier.")


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    md = "md"
    html = "html"


def _err(message: str) -> None:
    typer.echo(message, err=True)


def user_errors(command):
    """A UserError becomes `error: ...` and its exit code; real bugs still raise."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except UserError as e:
            _err(f"error: {e}")
            raise typer.Exit(e.exit_code) from None

    return wrapper


@app.command()
@user_errors
def train(
    config: Path = typer.Option(Path("experiments/default.toml"), help="Experiment TOML."),
    out: Path = typer.Option(None, help="Model folder to write [default: models/NAME]."),
):
    """Train a model from an experiment config and write the model folder with its reports."""
    from classifier import reports
    from classifier.train import run

    result = run(config, out)
    out_dir, metrics = result["out_dir"], result["metrics"]
    typer.echo(f"model written to {out_dir}/ (model.joblib, model.json, metrics.json, report.md, plots)")
    typer.echo(f"held-out: {reports.headline(metrics)}")
    typer.echo(reports.per_class_table(metrics))


@app.command()
@user_errors
def evaluate(
    data: Path = typer.Option(..., help="Labelled JSONL file."),
    model: Path = typer.Option(Path("models/default"), help="Model folder."),
    out: Path = typer.Option(None, help="Report folder [default: MODEL/evaluations/DATA-NAME]."),
    allow_version_mismatch: bool = typer.Option(False, help="Load a model trained with another scikit-learn."),
):
    """Evaluate a model on a labelled JSONL file; writes metrics.json and report.md."""
    from classifier import reports
    from classifier.evaluate import run

    metrics, out_dir = run(model, data, out, allow_version_mismatch=allow_version_mismatch)
    typer.echo(f"{reports.headline(metrics)}")
    typer.echo(reports.per_class_table(metrics))
    typer.echo(f"report written to {out_dir}/")


def _annotate_chunk(model_path: str, documents: list[dict], explain: bool, mismatch: bool) -> list[dict]:
    from classifier.annotate import load_model

    return load_model(model_path, mismatch).annotate_documents(documents, explain)


def _emit(documents, records, fmt: Format, out: Path | None, threshold: float) -> None:
    import io

    from classifier import render

    if fmt is Format.table:
        render.table(records, threshold)
        return
    buf = io.StringIO()
    if fmt is Format.html:
        buf.write(render.page(documents, records, threshold))
    elif fmt is Format.csv:
        render.csv_rows(records, buf)
    elif fmt is Format.md:
        render.markdown(records, buf, threshold)
    else:
        render.jsonl(records, buf)
    if out is None:
        sys.stdout.write(buf.getvalue())
    else:
        _write_atomic(out, buf.getvalue())
        _err(f"wrote {len(records)} sentences from {len(documents)} articles to {out}")


@app.command()
@user_errors
def annotate(
    paths: list[str] = typer.Argument(..., help="Article files (.txt .md .html .jsonl), folders, or - for stdin."),
    model: Path = typer.Option(Path("models/default"), help="Model folder."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
    out: Path = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout."),
    glob: str = typer.Option(None, help="Pattern for files inside folders, e.g. '*.txt' [default: known suffixes]."),
    threshold: float = typer.Option(0.5, min=0.0, max=1.0, help="Mark sentences below this confidence."),
    explain: bool = typer.Option(False, help="Add the words that pushed each sentence to its label."),
    jobs: int = typer.Option(1, min=1, help="Worker processes for many articles."),
    allow_version_mismatch: bool = typer.Option(False, help="Load a model trained with another scikit-learn."),
):
    """Label every sentence of one or more articles."""
    from classifier import inputs

    if format is Format.table and out is not None:
        raise UserError(f"{out}: the table is for the terminal; to write a file choose "
                        "--format jsonl, csv, md or html")
    files = inputs.expand(paths, glob)
    documents = []
    for name in files:  # read everything first: a bad file fails before any output
        for doc in inputs.read(name):
            if doc["encoding"] != "utf-8":
                _err(f"warning: {name}: not valid UTF-8, read as {doc['encoding']}")
            documents.append(doc)
    records = _annotate_all(str(model), documents, explain, jobs, allow_version_mismatch)
    _emit(documents, records, format, out, threshold)


def _annotate_all(model: str, documents: list[dict], explain: bool, jobs: int, mismatch: bool) -> list[dict]:
    from classifier.annotate import load_model

    if jobs == 1 or len(documents) < 2 * jobs:
        m = load_model(model, mismatch)
        if len(documents) < 20:
            return m.annotate_documents(documents, explain)
        from tqdm import tqdm

        return [r for d in tqdm(documents, desc="annotating", unit="article", disable=None, file=sys.stderr)
                for r in m.annotate_documents([d], explain)]
    from joblib import Parallel, delayed

    size = -(-len(documents) // (jobs * 4))
    chunks = [documents[i:i + size] for i in range(0, len(documents), size)]
    results = Parallel(n_jobs=jobs)(delayed(_annotate_chunk)(model, c, explain, mismatch) for c in chunks)
    return [r for chunk in results for r in chunk]


@app.command()
@user_errors
def corpus(
    source: Path = typer.Argument(..., help="Articles as JSONL or Parquet, one article per row."),
    out: Path = typer.Option(..., "--out", "-o", help="Sentence records: .jsonl or .parquet."),
    model: Path = typer.Option(Path("models/default"), help="Model folder."),
    text_field: str = typer.Option("text", help="Column holding the article text."),
    id_field: str = typer.Option("id", help="Column holding the article id."),
    batch_size: int = typer.Option(256, min=1, help="Articles labelled per batch."),
):
    """Annotate a corpus too large for memory, streaming it in and out."""
    from tqdm import tqdm

    from classifier.bulk import annotate_corpus

    with tqdm(desc="sentences", unit="", disable=None, file=sys.stderr) as bar:
        result = annotate_corpus(model, source, out, text_field, id_field, batch_size, progress=bar.update)
    typer.echo(f"wrote {result['sentences']} sentences to {result['out']}")


@app.command()
@user_errors
def export(model: Path = typer.Argument(Path("models/default"), help="Model folder.")):
    """Write model.skops: the model in a format that is safe to load from untrusted sources."""
    import time

    from classifier import persist
    from classifier.annotate import load_model

    info = persist.export_skops(model)
    start = time.perf_counter()
    safe = load_model(model, safe=True)
    seconds = time.perf_counter() - start
    joblib_bytes = (model / persist.MODEL_FILE).stat().st_size
    typer.echo(f"wrote {model / persist.SAFE_FILE}: {info['bytes'] / 2**20:.1f} MiB "
               f"(model.joblib {joblib_bytes / 2**20:.1f} MiB), loads in {seconds:.2f} s")
    heldout = Path(safe.meta.get("config", {}).get("heldout_data", ""))
    if heldout.is_file():
        from classifier.data import read_records

        texts = [r["text"] for r in read_records(heldout)]
        agree = sum(a == b for a, b in zip(safe.predict(texts), load_model(model).predict(texts)))
        typer.echo(f"predictions agree with model.joblib on {agree}/{len(texts)} held-out sentences")


@app.command()
@user_errors
def info(model: Path = typer.Argument(Path("models/default"), help="Model folder.")):
    """What a model folder holds, checked against its SHA-256."""
    from classifier.persist import verify

    meta = verify(model)
    typer.echo(f"{model}: {meta.get('name')} (format {meta['format_version']}), integrity OK")
    typer.echo(f"labels: {', '.join(meta['labels'])}")
    typer.echo("versions: " + ", ".join(f"{k} {v}" for k, v in meta.get("versions", {}).items()))
    data = meta.get("training_data", {})
    typer.echo(f"trained on {data.get('path')} ({data.get('n_sentences')} sentences, "
               f"{data.get('n_articles')} articles, sha256 {str(data.get('sha256'))[:12]})")
    m = meta.get("metrics", {})
    if m:
        typer.echo(f"held-out macro-F1 {m['heldout_macro_f1']:.3f}, accuracy {m['heldout_accuracy']:.3f}; "
                   "per class: " + ", ".join(f"{k} {v:.3f}" for k, v in m["heldout_f1"].items()))
    safe = meta.get("exports", {}).get("skops")
    if safe:
        from classifier.persist import SAFE_FILE, sha256

        ok = (model / SAFE_FILE).is_file() and sha256(model / SAFE_FILE) == safe["sha256"]
        typer.echo(f"safe export {SAFE_FILE}: {'integrity OK' if ok else 'MISSING OR CHANGED'}")


@app.command()
@user_errors
def experiments(
    configs: list[Path] = typer.Argument(None, help="Experiment TOMLs [default: experiments/*.toml but default.toml]."),
    out: Path = typer.Option(Path("experiments/results.md"), help="Results table (Markdown)."),
    dev: Path = typer.Option(Path("../shared/real-dev/sentences.jsonl"),
                             help="Labelled real-news file reported in its own column, if present."),
    curve: Path = typer.Option(Path("experiments/learning_curve.png"), help="Learning-curve plot."),
    folds: int = typer.Option(5, min=2, help="Grouped cross-validation folds."),
    jobs: int = typer.Option(2, min=1, help="Folds fitted in parallel (processes)."),
):
    """Cross-validate every experiment grouped by article; write results.md and a learning curve."""
    from classifier import config as config_mod
    from classifier import experiments as ex
    from classifier.data import read_records

    configs = configs or sorted(p for p in Path("experiments").glob("*.toml") if p.name != "default.toml")
    if not configs:
        raise UserError("experiments: no experiment TOML files found")
    results = ex.run(configs, dev_path=dev, n_splits=folds, progress=typer.echo, jobs=jobs)
    default = config_mod.load(Path("experiments/default.toml")) if Path("experiments/default.toml").is_file() \
        else config_mod.load(configs[0])
    records = read_records(default.train_data)
    _write_atomic(out, ex.markdown(results, folds, len(records)))
    points = ex.learning_curve(default, records, n_splits=folds, jobs=jobs)
    ex.plot_learning_curve(points, curve)
    typer.echo(f"results written to {out}; learning curve ({default.name}) to {curve}")
    for p in points:
        typer.echo(f"  {p['articles']} articles: macro-F1 {p['macro_f1']:.3f} ± {p['macro_f1_sd']:.3f}")


def _write_atomic(path: Path, text: str) -> None:
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main() -> None:
    app()
