"""Recording the bus: both directions through the node's tap, in python-can's format."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import can

from custom_components.rvc.protocol.capture import BusRecorder

from .test_node import rig, until

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

__all__ = ["rig"]


def read_back(path: Path) -> list[can.Message]:
    with can.LogReader(path) as reader:
        return list(reader)


async def test_a_recording_holds_both_directions_ours_marked(
    rig: dict[str, Any], tmp_path: Path
) -> None:
    node, coach, heard = rig["node"], rig["coach"], rig["heard"]
    node.start()
    coach.received(node)  # the claim, before the recording
    recorder = BusRecorder.create(tmp_path, "rvc-test", "can0")
    node.tap = recorder
    coach.send("DC_DIMMER_STATUS_3", {"instance": 1, "brightness": 50}, source=0x43)
    await until(lambda: len(heard) == 1)
    node.send("WATER_PUMP_COMMAND", {"command": "enable"})
    # The new node is asked who it is, then the command goes.
    assert [r.name for r in coach.received(node)] == [
        "ISO_REQUEST",
        "WATER_PUMP_COMMAND",
    ]
    node.tap = None
    node.send("WATER_PUMP_COMMAND", {"command": "disable"})
    coach.received(node)
    recorder.close()

    frames = read_back(recorder.path)
    assert [(f.arbitration_id, f.is_rx) for f in frames] == [
        (0x19FEDA43, True),  # DC_DIMMER_STATUS_3 from 0x43
        (0x18EA43F9, False),  # ISO_REQUEST to 0x43 from us
        (0x19FFB2F9, False),  # WATER_PUMP_COMMAND from us
    ]
    assert frames[0].data[2] == 100  # 50 % in 0.5 % steps
    assert all(f.channel == "can0" for f in frames[1:])
    assert frames[0].timestamp <= frames[1].timestamp <= frames[2].timestamp
    assert recorder.frames == 3
    assert recorder.dropped == 0


def test_a_new_recording_never_overwrites_one(tmp_path: Path) -> None:
    first = BusRecorder.create(tmp_path / "rvc_captures", "rvc-1", "can0")
    second = BusRecorder.create(tmp_path / "rvc_captures", "rvc-1", "can0")
    first.received(can.Message(arbitration_id=0x19FEDA43, data=bytes(8)))
    first.close()
    second.close()
    second.close()  # twice is harmless
    assert (first.path.name, second.path.name) == ("rvc-1.log", "rvc-1-2.log")
    assert len(read_back(first.path)) == 1
    assert read_back(second.path) == []


def test_a_full_disk_stops_the_recording_not_the_bus(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # /dev/full takes writes and fails each flush with ENOSPC, as a full disk.
    # Line buffered, every frame is flushed: Python 3.14's buffer holds 128 KiB.
    recorder = BusRecorder(
        can.CanutilsLogWriter(open("/dev/full", "w", buffering=1)),  # noqa: PTH123, SIM115
        tmp_path / "full.log",
    )
    frame = can.Message(arbitration_id=0x19FEDA43, data=bytes(8))
    for _ in range(2000):
        recorder.received(frame)
    recorder.close()
    assert recorder.dropped > 0
    assert recorder.frames + recorder.dropped == 2000
    assert "Recording to" in caplog.text
    recorder.received(frame)  # after closing: ignored
    assert recorder.frames + recorder.dropped == 2000
