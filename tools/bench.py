"""Benchmarks for annotation (make bench). Medians over several runs; figures as ratios where
the machine's speed would otherwise dominate.

1. Throughput on one core: end-to-end annotation of article text (segment + normalise +
   predict) against bare `pipeline.predict` on the same sentences already split and clean.
2. Cold start of `classifier annotate one-article.txt` and of `classifier --help`.
3. Peak memory of `classifier corpus` on a 10 MB and a 100 MB JSONL corpus: flat, or not.
4. The safe export: size, load time and agreement with model.joblib.

Usage: python tools/bench.py [MODEL_DIR] [--quick]
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def heldout_articles() -> list[str]:
    """The held-out articles rebuilt as text: headline, blank line, then the body."""
    articles = defaultdict(list)
    for line in (ROOT / "data" / "heldout.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        articles[r["article_id"]].append((r["sent_idx"], r["text"]))
    out = []
    for sentences in articles.values():
        sentences.sort()
        out.append(sentences[0][1] + "\n\n" + " ".join(t for _, t in sentences[1:]))
    return out


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def throughput(model_dir: Path, runs: int) -> dict:
    from threadpoolctl import threadpool_limits

    from classifier import load_model
    from classifier.text import normalize, segment

    model = load_model(model_dir)
    articles = heldout_articles()
    sentences = [normalize(a[s:e]) for a in articles for s, e in segment(a)]
    docs = [{"id": str(i), "text": a} for i, a in enumerate(articles)]
    with threadpool_limits(limits=1):
        model.annotate_documents(docs[:5])  # warm caches
        bare = median_seconds(lambda: model.pipeline.predict(sentences), runs)
        full = median_seconds(lambda: model.annotate_documents(docs), runs)
        text_only = median_seconds(lambda: [normalize(a[s:e]) for a in articles for s, e in segment(a)], runs)
    n = len(sentences)
    return {"sentences": n, "bare_predict_per_s": n / bare, "end_to_end_per_s": n / full,
            "ratio_end_to_end_to_bare": bare / full, "segment_and_normalise_per_s": n / text_only}


def command_seconds(args: list[str], runs: int) -> float:
    subprocess.run(args, capture_output=True, check=True)  # warm the file cache
    return median_seconds(lambda: subprocess.run(args, capture_output=True, check=True), runs)


def cold_start(model_dir: Path, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "one.txt"
        article.write_text(heldout_articles()[0], encoding="utf-8")
        annotate = [str(BIN / "classifier"), "annotate", str(article), "--model", str(model_dir), "-f", "jsonl"]
        return {"annotate_one_article_s": command_seconds(annotate, runs),
                "help_s": command_seconds([str(BIN / "classifier"), "--help"], runs),
                "python_itself_s": command_seconds([sys.executable, "-c", "pass"], runs)}


def peak_memory(model_dir: Path, sizes_mb=(10, 100)) -> dict:
    articles = heldout_articles()
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes_mb:
            src = Path(tmp) / f"corpus-{mb}.jsonl"
            with src.open("w", encoding="utf-8") as f:
                i = 0
                while f.tell() < mb * 2**20:
                    f.write(json.dumps({"id": f"a{i}", "text": articles[i % len(articles)]}) + "\n")
                    i += 1
            cmd = [str(BIN / "classifier"), "corpus", str(src), "--out", str(Path(tmp) / f"out-{mb}.parquet"),
                   "--model", str(model_dir)]
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            assert status == 0, f"corpus command failed on {mb} MB"
            out[f"{mb}MB"] = {"peak_rss_mb": usage.ru_maxrss / 1024, "seconds": time.perf_counter() - start,
                              "articles": i}
    return out


def safe_export(model_dir: Path, runs: int) -> dict:
    from classifier import load_model
    from classifier.persist import SAFE_FILE, export_skops

    info = export_skops(model_dir)
    texts = heldout_articles()
    safe_s = median_seconds(lambda: load_model(model_dir, safe=True), runs)
    joblib_s = median_seconds(lambda: load_model(model_dir), runs)
    a, b = load_model(model_dir, safe=True), load_model(model_dir)
    sentences = [s for t in texts for s in (r["text"] for r in b.annotate(t))]
    agree = sum(x == y for x, y in zip(a.predict(sentences), b.predict(sentences)))
    return {"skops_mb": info["bytes"] / 2**20, "joblib_mb": (model_dir / "model.joblib").stat().st_size / 2**20,
            "skops_load_s": safe_s, "joblib_load_s": joblib_s, "agreement": f"{agree}/{len(sentences)}",
            "file": str(model_dir / SAFE_FILE)}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    quick = "--quick" in sys.argv
    model_dir = Path(args[0] if args else ROOT / "models" / "default")
    runs = 3 if quick else 7
    results = {"throughput": throughput(model_dir, runs), "cold_start": cold_start(model_dir, runs),
               "safe_export": safe_export(model_dir, 3)}
    results["peak_memory"] = peak_memory(model_dir, (2, 10) if quick else (10, 100))
    results["cpu"] = os.cpu_count()
    print(json.dumps(results, indent=2))
    out = ROOT / ".bench" / "results.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
