"""The HTML page, opened in a real browser: the highlights are drawn. Skips without Chromium."""

import shutil
import subprocess

import numpy as np
import pytest

from classifier import render

BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--window-size=900,700"]


@pytest.mark.skipif(BROWSER is None, reason="no Chromium installed")
def test_page_renders_every_label_colour(trained, tmp_path):
    import matplotlib.image

    from classifier import load_model

    text = ("ANKARA DENIES SENDING TROOPS\n\nAnkara denied sending troops across the border. Officials said "
            "drones had struck a convoy. The minister urged both sides to show restraint. The talks ended on Tuesday.")
    recs = [{"id": "a.txt", **r} for r in load_model(trained).annotate(text)]
    page = tmp_path / "page.html"
    page.write_text(render.page([{"id": "a.txt", "text": text}], recs, threshold=0.5), encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
                    page.as_uri()], capture_output=True, timeout=120)
    assert shot.is_file()
    pixels = (matplotlib.image.imread(shot)[..., :3] * 255).round().astype(int).reshape(-1, 3)
    present = {tuple(p) for p in np.unique(pixels, axis=0)}
    for label in {r["label"] for r in recs}:
        colour = render.COLOURS[label].lstrip("#")
        rgb = tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))
        assert rgb in present, f"{label} highlight ({render.COLOURS[label]}) not drawn"
