"""The examples run, and the plain-joblib one runs where `classifier` cannot be imported."""

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(script, model, *python_flags):
    return subprocess.run([sys.executable, *python_flags, str(EXAMPLES / script), str(model)],
                          capture_output=True, text=True, cwd=model.parent)


@pytest.mark.parametrize("script", ["python_api.py", "pandas_column.py"])
def test_example_runs(trained, script):
    result = run(script, trained)
    assert result.returncode == 0, result.stderr
    assert any(label in result.stdout for label in ("denial", "claim", "background", "diplomatic_statement"))


def test_joblib_example_needs_no_classifier_package(trained, tmp_path):
    blocker = tmp_path / "sitecustomize.py"  # make `import classifier` fail in the child
    blocker.write_text("import sys\nsys.modules['classifier'] = None\n")
    env_flags = ["-c", f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import sitecustomize; "
                       f"sys.argv = ['x', {str(trained)!r}]; exec(open({str(EXAMPLES / 'joblib_only.py')!r}).read())"]
    result = subprocess.run([sys.executable, *env_flags], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("denial\t")
