"""The manifest and HACS metadata agree with what the tests run against."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = json.loads((ROOT / "custom_components/rvc/manifest.json").read_text())


def pins(path: Path) -> dict[str, str]:
    result = {}
    for raw_line in path.read_text().splitlines():
        line = raw_line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==")
            result[name.lower()] = version
    return result


def test_runtime_requirements_match_the_development_pins() -> None:
    developed = pins(ROOT / "requirements/common.txt")
    for requirement in MANIFEST["requirements"]:
        name, version = requirement.split("==")
        assert developed[name.lower()] == version, requirement


def test_manifest_keys_in_hassfest_order() -> None:
    keys = list(MANIFEST)
    assert keys[:2] == ["domain", "name"]
    assert keys[2:] == sorted(keys[2:])
    assert MANIFEST["domain"] == "rvc"
    assert MANIFEST["config_flow"] is True
    assert MANIFEST["iot_class"] == "local_push"
    assert MANIFEST["integration_type"] == "hub"


def test_hacs_minimum_is_the_oldest_tested_home_assistant() -> None:
    hacs = json.loads((ROOT / "hacs.json").read_text())
    assert set(hacs) <= {
        "name", "content_in_root", "zip_release", "filename", "hide_default_branch",
        "country", "homeassistant", "hacs", "persistent_directory", "render_readme",
    }  # fmt: skip
    oldest = pins(ROOT / "requirements/ha-2025.4.txt")["homeassistant"]
    assert hacs["homeassistant"] == oldest


def test_translations_cover_every_form_field() -> None:
    strings = json.loads(
        (ROOT / "custom_components/rvc/translations/en.json").read_text()
    )
    for section in ("config", "options"):
        for step_id, step in strings[section]["step"].items():
            if "data" in step:
                assert set(step["data"]) == set(step["data_description"]), step_id
    assert set(strings["config"]["step"]["user"]["menu_options"]) == {
        "socketcan",
        "slcan",
        "socketcand",
        "simulated",
        "replay",
    }
