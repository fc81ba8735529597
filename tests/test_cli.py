import json
import subprocess
import sys

from conftest import write_jsonl
from typer.testing import CliRunner

from classifier.cli import app

runner = CliRunner()


def invoke(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def one_line_error(result, code, *fragments):
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in result.output


def test_train_evaluate_annotate_end_to_end(corpus):
    model = corpus / "m"
    result = invoke("train", "--config", corpus / "tiny.toml", "--out", model)
    assert result.exit_code == 0, result.output
    assert "held-out: macro-F1" in result.stdout
    for name in ("model.joblib", "model.json", "metrics.json", "report.md", "confusion.png"):
        assert (model / name).is_file()
    metrics = json.loads((model / "metrics.json").read_text())
    assert {"macro_f1", "accuracy", "per_class", "confusion_matrix", "n_sentences", "n_articles",
            "model", "data_sha256"} <= set(metrics)

    result = invoke("evaluate", "--model", model, "--data", corpus / "heldout.jsonl", "--out", corpus / "ev")
    assert result.exit_code == 0, result.output
    assert json.loads((corpus / "ev" / "metrics.json").read_text())["n_articles"] == 2

    article = corpus / "article.txt"
    article.write_text("ANKARA DENIES RAID\n\nAnkara denied sending troops. The talks ended on Tuesday.\n")
    result = invoke("annotate", article, "--model", model, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["ANKARA DENIES RAID", "Ankara denied sending troops.",
                                         "The talks ended on Tuesday."]
    assert rows[1]["label"] == "denial"

    result = invoke("annotate", "-", "--model", model, "--format", "csv", input="Moscow rejected the report.")
    assert result.exit_code == 0 and result.stdout.splitlines()[0].startswith("id,sentence,start,end")
    assert invoke("annotate", corpus, "--model", model).exit_code == 0  # a directory of .txt files
    assert "integrity OK" in invoke("info", model).stdout


def test_user_mistakes_get_one_line_and_a_nonzero_exit(trained, tmp_path):
    one_line_error(invoke("annotate", tmp_path / "absent.txt", "--model", trained), 2, "absent.txt", "no such file")
    (tmp_path / "empty.txt").write_text("")
    one_line_error(invoke("annotate", tmp_path / "empty.txt", "--model", trained), 2, "empty.txt", "empty")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    one_line_error(invoke("annotate", tmp_path / "blob.txt", "--model", trained), 2, "blob.txt", "binary")
    (tmp_path / "nothing").mkdir()
    one_line_error(invoke("annotate", tmp_path / "nothing", "--model", trained), 1, "nothing", "no article files")
    one_line_error(invoke("annotate", "-", "--model", tmp_path / "nomodel", input="Hi."), 3, "nomodel")
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"article_id": "a", "sent_idx": 0, "text": "x", "label": "rumour"}])
    one_line_error(invoke("evaluate", "--model", trained, "--data", bad), 2, "bad.jsonl:1", "unknown label")
    one_line_error(invoke("train", "--config", tmp_path / "none.toml"), 2, "none.toml")


def test_non_utf8_article_is_read_as_cp1252_with_a_warning(trained, tmp_path):
    (tmp_path / "old.txt").write_bytes("The envoy said “no” to the café plan.".encode("cp1252"))
    result = invoke("annotate", tmp_path / "old.txt", "--model", trained, "--format", "jsonl")
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "old.txt" in result.stderr and "cp1252" in result.stderr
    assert "café" in json.loads(result.stdout.splitlines()[0])["text"]


def test_failed_training_leaves_no_model_folder(corpus):
    (corpus / "heldout.jsonl").write_text('{"oops": 1}\n')
    result = invoke("train", "--config", corpus / "tiny.toml", "--out", corpus / "m")
    one_line_error(result, 2, "heldout.jsonl:1", "missing field")
    assert not (corpus / "m").exists()


def test_model_loads_with_joblib_alone_where_classifier_cannot_be_imported(trained, tmp_path):
    script = (
        "import sys, joblib\n"
        "sys.modules['classifier'] = None  # importing it would fail\n"
        f"m = joblib.load({str(trained / 'model.joblib')!r})\n"
        "print(m.predict(['Moscow rejected the report as baseless.'])[0])\n"
    )
    out = subprocess.run([sys.executable, "-I", "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "denial"


def test_training_twice_gives_the_same_model_and_metrics(corpus):
    """Separate processes with different hash seeds: nothing may depend on set or dict order."""
    import os

    for out, hash_seed in (("a", "1"), ("b", "2")):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        cmd = [sys.executable, "-m", "classifier", "train", "--config", str(corpus / "tiny.toml"),
               "--out", str(corpus / out)]
        assert subprocess.run(cmd, env=env, capture_output=True).returncode == 0
    meta_a, meta_b = (json.loads((corpus / d / "model.json").read_text()) for d in "ab")
    assert meta_a["model_sha256"] == meta_b["model_sha256"]
    assert (corpus / "a" / "metrics.json").read_text() == (corpus / "b" / "metrics.json").read_text()


def test_annotate_writes_html_and_markdown_files_with_explanations(trained, tmp_path):
    (tmp_path / "a.txt").write_text("Ankara denied sending troops.\n\nThe talks ended on Tuesday.\n")
    result = invoke("annotate", tmp_path / "a.txt", "--model", trained, "-f", "html", "-o", tmp_path / "p.html",
                    "--explain", "--threshold", "0.99")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "p.html").read_text()
    assert page.count('data-label="') == 2 and 'class="s low"' in page and "because:" in page
    result = invoke("annotate", tmp_path / "a.txt", "--model", trained, "-f", "md")
    assert result.stdout.startswith("| id | # | label |") and result.stdout.count("\n") == 4


def test_annotate_with_worker_processes_matches_one_process(trained, tmp_path):
    for i in range(6):
        (tmp_path / f"a{i}.txt").write_text(f"Article {i}. Moscow rejected the report. The envoy praised the talks.")
    one = invoke("annotate", tmp_path, "--model", trained, "-f", "jsonl", "--glob", "a*.txt")
    two = invoke("annotate", tmp_path, "--model", trained, "-f", "jsonl", "--glob", "a*.txt", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 18


def test_corpus_command_streams_articles(trained, tmp_path):
    src = tmp_path / "arts.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": "Tokyo denied it. Talks ended."}) + "\n" for i in range(3)))
    result = invoke("corpus", src, "--out", tmp_path / "out.jsonl", "--model", trained)
    assert result.exit_code == 0 and "wrote 6 sentences" in result.stdout
    one_line_error(invoke("corpus", src, "--out", tmp_path / "o.jsonl", "--model", trained, "--id-field", "key"),
                   2, "no field 'key'")


def test_awkward_text_gets_sensible_output(trained, tmp_path):
    cases = {
        "long.txt": "word " * 20000,  # 100 kB, one line, no punctuation
        "control.txt": "The envoy\x07 left.\x0c Talks ended\x1b today.",
        "rtl.txt": "The envoy left. \u05d4\u05e9\u05d2\u05e8\u05d9\u05e8 \u05e2\u05d6\u05d1. \u202eThe talks ended.",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        result = invoke("annotate", tmp_path / name, "--model", trained, "-f", "jsonl")
        assert result.exit_code == 0, (name, result.output)
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert rows and all(text[r["start"]:r["end"]] == r["text"] for r in rows)


def test_table_format_refuses_an_output_file(trained, tmp_path):
    (tmp_path / "a.txt").write_text("Ankara denied it.")
    one_line_error(invoke("annotate", tmp_path / "a.txt", "--model", trained, "-o", tmp_path / "o.txt"), 1, "o.txt")
    assert not (tmp_path / "o.txt").exists()
