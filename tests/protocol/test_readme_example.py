"""The README's protocol library example runs as written."""

from __future__ import annotations

from pathlib import Path
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_library_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- library example -->\n```python\n(.*?)```", text, re.DOTALL)
    assert match is not None
    exec(compile(match.group(1), "README example", "exec"), {})  # noqa: S102
    assert capsys.readouterr().out == "DC_DIMMER_STATUS_3 1 50.0\n"
