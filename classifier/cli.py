"""Command line: parse arguments, call the Python API, turn user errors into one line on
stderr and a non-zero exit. Heavy libraries are imported inside the commands."""

from __future__ import annotations

import functools
import sys
from enum import Enum
from pathlib import Path

import typer

from classifier.errors import UserError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Train, evaluate and apply the news sentence-role classifier.")

TEXT_SUFFIXES = (".txt", ".md")


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


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
):
    """Evaluate a model on a labelled JSONL file; writes metrics.json and report.md."""
    from classifier import reports
    from classifier.evaluate import run

    metrics, out_dir = run(model, data, out)
    typer.echo(f"{reports.headline(metrics)}")
    typer.echo(reports.per_class_table(metrics))
    typer.echo(f"report written to {out_dir}/")


def _text_files(paths: list[str]) -> list[str]:
    files = []
    for p in paths:
        path = Path(p)
        if p == "-" or not path.is_dir():
            files.append(p)
            continue
        found = sorted(str(f) for f in path.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
        if not found:
            raise UserError(f"{path}: no text files ({', '.join(TEXT_SUFFIXES)}) in this directory")
        files += found
    return files


def _read(name: str) -> str:
    from classifier.text import decode, read_text

    if name == "-":
        text, encoding = decode(sys.stdin.buffer.read(), "<stdin>")
    else:
        text, encoding = read_text(name)
    if encoding != "utf-8":
        _err(f"warning: {name}: not valid UTF-8, read as {encoding}")
    return text


def _print_records(records: list[dict], fmt: Format) -> None:
    if fmt is Format.jsonl:
        import json

        for r in records:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt is Format.csv:
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(records[0]) if records else ["file"])
        writer.writeheader()
        writer.writerows(records)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table("file", "#", "label", "conf", "sentence", show_lines=False)
        for r in records:
            conf = "" if r["confidence"] is None else f"{r['confidence']:.2f}"
            table.add_row(r["file"], str(r["sentence"]), r["label"], conf, r["text"])
        Console().print(table)


@app.command()
@user_errors
def annotate(
    paths: list[str] = typer.Argument(..., help="Article text files, directories, or - for stdin."),
    model: Path = typer.Option(Path("models/default"), help="Model folder."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
):
    """Label every sentence of one or more articles."""
    from classifier.annotate import load_model

    files = _text_files(paths)
    texts = {name: _read(name) for name in files}  # read all first: fail before any output
    m = load_model(model)
    records = [{"file": name, **r} for name, text in texts.items() for r in m.annotate(text)]
    _print_records(records, format)


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
        typer.echo(f"held-out macro-F1 {m['heldout_macro_f1']:.3f}, accuracy {m['heldout_accuracy']:.3f}")


@app.command()
@user_errors
def experiments(
    configs: list[Path] = typer.Argument(None, help="Experiment TOMLs [default: experiments/*.toml]."),
    out: Path = typer.Option(Path("experiments/results.md"), help="Results table (Markdown)."),
    dev: Path = typer.Option(Path("../shared/real-dev/sentences.jsonl"),
                             help="Labelled real-news file reported in its own column, if present."),
    curve: Path = typer.Option(Path("experiments/learning_curve.png"), help="Learning-curve plot."),
    folds: int = typer.Option(5, min=2, help="Grouped cross-validation folds."),
):
    """Cross-validate every experiment grouped by article; write results.md and a learning curve."""
    from classifier import config as config_mod
    from classifier import experiments as ex
    from classifier.data import read_records

    configs = configs or sorted(Path("experiments").glob("*.toml"))
    if not configs:
        raise UserError("experiments: no experiment TOML files found")
    results = ex.run(configs, dev_path=dev, n_splits=folds, progress=typer.echo)
    default = config_mod.load(Path("experiments/default.toml")) if Path("experiments/default.toml").is_file() \
        else config_mod.load(configs[0])
    records = read_records(default.train_data)
    _write_atomic(out, ex.markdown(results, folds, len(records)))
    points = ex.learning_curve(default, records, n_splits=folds)
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
