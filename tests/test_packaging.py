"""The wheel carries the package and its console script, and no data or models."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_holds_the_package_and_nothing_else(tmp_path):
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert all(n.startswith(("classifier/", "news_sentence_classifier-")) for n in names), names
    assert "classifier/cli.py" in names
    assert not [n for n in names if n.endswith((".jsonl", ".joblib", ".skops", ".toml", ".png"))]
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "classifier = classifier.cli:main" in entry_points
