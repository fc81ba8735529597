import json
import re


def test_model_card_has_every_section_and_the_numbers_of_metrics_json(trained):
    card = (trained / "README.md").read_text()
    metrics = json.loads((trained / "metrics.json").read_text())
    front, body = card.split("---\n")[1], card.split("---\n", 2)[2]
    assert "library_name: sklearn" in front and "model-index:" in front and "license: mit" in front
    assert f"value: {metrics['macro_f1']:.4f}" in front
    for label, row in metrics["per_class"].items():
        assert f"name: \"F1 {label}\"\n        value: {row['f1']:.4f}" in front
    for section in ("## Intended use", "## Out-of-scope use", "## Training data", "## Evaluation",
                    "## Limitations and biases", "## How to load"):
        assert section in body
    assert "Not a fact-checker" in body
    lo, hi = metrics["intervals"]["macro_f1"]
    assert f"{metrics['macro_f1']:.3f}" in body and f"{lo:.3f}-{hi:.3f}" in body


def test_report_lists_per_class_rows_denial_first_and_plots_exist(trained):
    report = (trained / "report.md").read_text()
    rows = re.findall(r"^\| (\w+) \| [\d.]+ \| [\d.]+ \|", report, flags=re.M)
    assert rows[:4] == ["denial", "claim", "diplomatic_statement", "background"]
    assert "Expected calibration error" in report and "Most confident mistakes" in report
    for png in ("confusion.png", "reliability.png"):
        assert (trained / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
