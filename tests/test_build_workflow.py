"""The Windows/macOS/Linux build workflow (issue 17) names files and programs that exist: it cannot run here, so what
can be checked from this side is (actionlint checks the rest in CI: .ci/workflow-lint/run.sh)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".ci" / "github" / "workflows" / "build.yml"
SPEC = ROOT / "packaging" / "unipile-desktop.spec"


def test_the_workflow_builds_on_the_three_systems_with_the_projects_own_scripts() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert re.search(r"os: \[windows-latest, macos-latest, ubuntu-latest\]", text)
    for script in re.findall(r"packaging[/\\][\w.-]+", text):
        assert (ROOT / script.replace("\\", "/")).is_file(), f"the workflow runs {script}, which does not exist"
    assert text.count("--demo --smoke-test") == 3  # the frozen app's smoke test on each system
    assert "actions/upload-artifact@" in text


def test_windows_gets_a_console_build_of_the_same_entry_point_beside_the_windowed_one() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    workflow = WORKFLOW.read_text(encoding="utf-8")
    assert '"name": f"{EXE_NAME}-cli", "console": True' in spec
    assert 'console_build = sys.platform == "win32"' in spec
    assert "console=False" in spec  # the double-click .exe stays windowed
    assert "unipile-desktop-cli.exe --demo --smoke-test" in workflow
    assert "unipile-desktop-cli.exe --version" in workflow
