"""scripts/audit_dependencies.py reads pip-audit's report: a known vulnerability fails, an audit that
checked nothing says "could not audit" instead of pip-audit's misleading "No known vulnerabilities"."""

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_dependencies.py"


def _fake_pip_audit(tmp_path, dependencies) -> Path:
    """An executable that writes `dependencies` as pip-audit's JSON report to the path after -o."""
    report = json.dumps({"dependencies": dependencies, "fixes": []})
    exe = tmp_path / "pip-audit"
    exe.write_text(
        f"#!{sys.executable}\nimport sys\nout = sys.argv[sys.argv.index('-o') + 1]\nopen(out, 'w').write({report!r})\n"
    )
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return exe


def _run(exe):
    return subprocess.run([sys.executable, str(SCRIPT), str(exe), "requirements.txt"], capture_output=True, text=True)


@pytest.mark.parametrize(
    ("dependencies", "code", "says"),
    [
        (
            [{"name": "django", "version": "5.2.0", "vulns": [{"id": "PYSEC-0000-1", "fix_versions": ["5.2.1"]}]}],
            1,
            "VULNERABLE django 5.2.0: PYSEC-0000-1",
        ),
        (
            [{"name": "django", "version": "5.2.19", "skip_reason": "Dependency not found on PyPI"}],
            0,
            "could not audit",
        ),
        ([{"name": "django", "version": "5.2.19", "vulns": []}], 0, "audited 1 of 1 packages: no known vulnerability"),
    ],
)
def test_the_audit_reports_what_it_could_check(tmp_path, dependencies, code, says):
    result = _run(_fake_pip_audit(tmp_path, dependencies))
    assert result.returncode == code
    assert says in result.stdout
