"""In a real browser: the development Home Assistant's coach dashboard.

scripts/develop's Home Assistant (its config/, provisioning and simulated
coach) runs in a process of its own on a free port; Debian's chromium, driven
by Playwright, opens the Coach dashboard, turns a light on from its card, and
the test checks that the simulated dimmer received DC_DIMMER_COMMAND_2 on the
bus and that the card shows the state the dimmer then reported. The page is
saved as test-artifacts/dashboard.png.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
from pathlib import Path
import shutil
import signal
import socket
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium")
LIGHT = "light.light_1"
# The simulated dimmer module logs each command it receives from the bus.
RECEIVED = "Simulated node 0x43 received DC_DIMMER_COMMAND_2 from 0xf9"

pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None, reason="no chromium: sudo apt-get install chromium"
    ),
    pytest.mark.skipif(
        importlib.util.find_spec("hass_frontend") is None,
        reason="no Home Assistant frontend: run scripts/setup",
    ),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def development_instance(
    socket_enabled: None, tmp_path: Path
) -> Iterator[tuple[int, Path]]:
    """scripts/develop's Home Assistant on a copy of config/: (port, log file)."""
    config = tmp_path / "config"
    config.mkdir()
    shutil.copy(ROOT / "config/configuration.yaml", config)
    shutil.copytree(ROOT / "config/dashboards", config / "dashboards")
    (config / "custom_components").symlink_to(ROOT / "custom_components")
    port = free_port()
    env = os.environ | {"RVC_DEV_PORT": str(port)}
    hass = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "homeassistant", "--config", str(config)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "scripts/dev_provision.py")],
            env=env,
            check=True,
            timeout=600,
        )
        yield port, config / "home-assistant.log"
    finally:
        hass.send_signal(signal.SIGINT)
        try:
            hass.wait(60)
        except subprocess.TimeoutExpired:
            hass.kill()
            hass.wait()


def wait_for_log(log: Path, line: str, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(FileNotFoundError):
            if line in log.read_text(errors="replace"):
                return True
        time.sleep(0.2)
    return False


def test_turn_a_light_on_from_the_coach_dashboard(
    development_instance: tuple[int, Path],
) -> None:
    from playwright.sync_api import expect, sync_playwright  # noqa: PLC0415

    port, log = development_instance
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            # From this machine the trusted network logs straight in.
            page.goto(f"http://127.0.0.1:{port}/dashboard-coach/coach")
            card = page.locator("hui-entities-card").filter(has_text="Lights")
            row = card.locator("hui-toggle-entity-row").first
            toggle = row.locator("ha-entity-toggle ha-switch")
            expect(toggle).to_be_visible(timeout=120_000)
            page.wait_for_function(
                "entity => document.querySelector('home-assistant')"
                ".hass.states[entity]?.state === 'off'",
                arg=LIGHT,
                timeout=60_000,
            )
            assert not toggle.evaluate("element => element.checked")

            toggle.click()

            # The command reached the simulated dimmer over the bus ...
            assert wait_for_log(log, RECEIVED), f"no {RECEIVED!r} in the log"
            # ... which reported the light on: Home Assistant and the card agree.
            page.wait_for_function(
                "entity => document.querySelector('home-assistant')"
                ".hass.states[entity]?.state === 'on'",
                arg=LIGHT,
                timeout=30_000,
            )
            page.wait_for_function(
                "element => element.checked === true",
                arg=toggle.element_handle(),
                timeout=30_000,
            )
            page.screenshot(path=ARTIFACTS / "dashboard.png", full_page=True)
        finally:
            browser.close()
