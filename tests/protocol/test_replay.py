"""Offline decoding of captures written by python-can's own log writers."""

from __future__ import annotations

import json
from pathlib import Path
import signal
import subprocess
import sys
import time

import can
import pytest

from custom_components.rvc.protocol import RvcSpec, encode
from custom_components.rvc.protocol.__main__ import main
from custom_components.rvc.protocol.replay import decode_log

ROOT = Path(__file__).resolve().parents[2]


def capture(spec: RvcSpec, path: Path) -> None:
    frames = [
        encode(
            spec, "DC_DIMMER_STATUS_3", {"instance": 4, "brightness": 60}, source=0x43
        ),
        encode(
            spec,
            "TANK_STATUS",
            {"instance": 0, "relative_level": 2, "resolution": 4},
            source=0x44,
        ),
        (0x19ABCD40, bytes(8)),  # a DGN the specification does not have
    ]
    with can.Logger(path) as writer:
        for n, (arbitration_id, data) in enumerate(frames):
            writer.on_message_received(
                can.Message(
                    timestamp=1_700_000_000 + n,
                    arbitration_id=arbitration_id,
                    data=data,
                    is_extended_id=True,
                    channel="can0",
                )
            )


@pytest.mark.parametrize("suffix", [".log", ".asc", ".blf", ".trc"])
def test_every_log_format_decodes(spec: RvcSpec, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"capture{suffix}"
    capture(spec, path)
    records = [record for _, record in decode_log(path) if record is not None]
    assert [(r.name, r.instance) for r in records] == [
        ("DC_DIMMER_STATUS_3", 4),
        ("TANK_STATUS", 0),
    ]
    assert records[0].values["brightness"] == 60.0


def test_command_line_prints_json_lines(
    spec: RvcSpec, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "capture.log"
    capture(spec, path)
    assert main(["decode", str(path), "--all"]) == 0
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0]["name"] == "DC_DIMMER_STATUS_3"
    assert lines[0]["dgn"] == "1FEDA"
    assert lines[0]["values"]["brightness"] == 60.0
    assert lines[0]["units"]["brightness"] == "%"
    # 0xFF: no delay or duration active (table 6.24.4b).
    assert lines[0]["values"]["delay_duration"] == "none"
    assert lines[2] == {
        "timestamp": 1_700_000_002.0,
        "id": "19ABCD40",
        "data": "00" * 8,
    }
    summary = json.loads(err)["summary"]
    assert summary["decoded"] == 2
    assert summary["unknown_dgns"] == {"1AB00": 1}


def test_command_line_refuses_missing_and_unknown_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["decode", str(tmp_path / "missing.log")]) == 2
    (tmp_path / "capture.xyz").write_text("nothing")
    assert main(["decode", str(tmp_path / "capture.xyz")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_scripts_decode_does_not_import_home_assistant(
    spec: RvcSpec, tmp_path: Path
) -> None:
    path = tmp_path / "capture.log"
    capture(spec, path)
    probe = (
        "import runpy, sys; sys.argv = ['rvc', 'decode', sys.argv[1]];"
        "\ntry: runpy.run_module('protocol', run_name='__main__')"
        "\nexcept SystemExit: pass"
        "\nassert 'homeassistant' not in sys.modules, 'imported Home Assistant'"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe, str(path)],
        env={"PYTHONPATH": str(ROOT / "custom_components/rvc")},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[1])["name"] == "TANK_STATUS"


def test_decode_piped_into_head_exits_quietly(spec: RvcSpec, tmp_path: Path) -> None:
    path = tmp_path / "capture.log"
    frame = encode(
        spec, "DC_DIMMER_STATUS_3", {"instance": 4, "brightness": 60}, source=0x43
    )
    with can.Logger(path) as writer:
        for n in range(3000):  # far more output than a pipe buffers
            writer.on_message_received(
                can.Message(
                    timestamp=n, arbitration_id=frame[0], data=frame[1], channel="can0"
                )
            )
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "protocol", "decode", str(path)],
        env={"PYTHONPATH": str(ROOT / "custom_components/rvc")},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        assert b"DC_DIMMER_STATUS_3" in process.stdout.readline()
        process.stdout.close()  # what `head -1` does after its line
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0
    assert b"Traceback" not in err
    assert b"BrokenPipeError" not in err


def test_simulate_refuses_an_interface_that_does_not_open(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["simulate", "--interface", "no_such_interface"]) == 2
    assert "cannot open no_such_interface bus" in capsys.readouterr().err


def test_scripts_simulate_runs_until_interrupted() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "protocol", "simulate", "--status-interval", "0.1"],
        env={"PYTHONPATH": str(ROOT / "custom_components/rvc")},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        assert "a typical coach on virtual rvc" in process.stderr.readline()
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "simulate: sent" in err
