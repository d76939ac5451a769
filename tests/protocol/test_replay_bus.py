"""A capture played as a bus: at its pace, once or looping, and never written to."""

from __future__ import annotations

from pathlib import Path
import time
from typing import TYPE_CHECKING

import can
import pytest

from custom_components.rvc.protocol import (
    BusConfig,
    BusOpenError,
    BusSendError,
    BusSession,
    Decoder,
    encode,
)
from custom_components.rvc.protocol.errors import (
    CaptureNotFoundError,
    CaptureUnreadableError,
)
from custom_components.rvc.protocol.replay import ReplayBus

if TYPE_CHECKING:
    from custom_components.rvc.protocol import RvcSpec

START = 1_700_000_000.0


def write_capture(spec: RvcSpec, path: Path, offsets: list[float]) -> list[int]:
    """A capture with one dimmer status at each offset; their brightness levels."""
    levels = []
    with can.Logger(path) as writer:
        for n, offset in enumerate(offsets):
            levels.append(10 * (n + 1))
            frame = encode(
                spec,
                "DC_DIMMER_STATUS_3",
                {"instance": 4, "brightness": levels[-1]},
                source=0x43,
            )
            writer.on_message_received(
                can.Message(
                    timestamp=START + offset,
                    arbitration_id=frame.arbitration_id,
                    data=frame.data,
                    channel="can0",
                )
            )
    return levels


class FakeTime:
    """A clock that moves only when the bus sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def play(path: Path, fake: FakeTime, *, loop: bool) -> ReplayBus:
    return ReplayBus(
        str(path), loop=loop, max_pause=2.0, clock=fake.clock, sleep=fake.sleep
    )


def test_frames_come_at_the_capture_pace_and_long_silences_are_cut(
    spec: RvcSpec, tmp_path: Path
) -> None:
    path = tmp_path / "capture.log"
    write_capture(spec, path, [0.0, 0.5, 0.5, 3600.0])
    fake = FakeTime()
    bus = play(path, fake, loop=False)
    received = [bus.recv(10.0) for _ in range(4)]
    assert all(message is not None and message.is_rx for message in received)
    # 0.5 s, no wait for the frame logged at the same time, an hour cut to 2 s.
    assert fake.now == pytest.approx(2.5)
    bus.shutdown()


def test_a_receive_never_waits_past_its_timeout(spec: RvcSpec, tmp_path: Path) -> None:
    # Real time: python-can's recv counts its timeout on the wall clock.
    path = tmp_path / "capture.log"
    write_capture(spec, path, [0.0, 0.5])
    bus = ReplayBus(str(path), loop=False)
    assert bus.recv(0.05) is not None
    started = time.monotonic()
    assert bus.recv(0.05) is None
    assert time.monotonic() - started < 0.4
    assert bus.recv(2.0) is not None
    bus.shutdown()


def test_once_falls_silent(spec: RvcSpec, tmp_path: Path) -> None:
    path = tmp_path / "capture.log"
    levels = write_capture(spec, path, [0.0, 0.5])
    bus = play(path, FakeTime(), loop=False)
    frames = [bus.recv(1.0) for _ in levels]
    assert [m.data[2] for m in frames if m is not None] == [2 * x for x in levels]
    assert bus.recv(0.05) is None
    bus.shutdown()


def test_loop_starts_again_after_a_second(spec: RvcSpec, tmp_path: Path) -> None:
    path = tmp_path / "capture.log"
    levels = write_capture(spec, path, [0.0, 0.5])
    fake = FakeTime()
    bus = play(path, fake, loop=True)
    frames = [bus.recv(1.0) for _ in range(6)]
    assert [m.data[2] for m in frames if m is not None] == [2 * x for x in levels] * 3
    # 0.5 s into each round, a second between rounds.
    assert fake.now == pytest.approx(0.5 + 1.0 + 0.5 + 1.0 + 0.5)
    bus.shutdown()


def test_a_capture_of_one_instant_loops_at_a_second_a_round(
    spec: RvcSpec, tmp_path: Path
) -> None:
    path = tmp_path / "capture.log"
    write_capture(spec, path, [0.0])
    fake = FakeTime()
    bus = play(path, fake, loop=True)
    for _ in range(3):
        assert bus.recv(5.0) is not None
    assert fake.now == pytest.approx(2.0)
    bus.shutdown()


def test_a_capture_of_error_frames_only_falls_silent(tmp_path: Path) -> None:
    path = tmp_path / "errors.log"
    path.write_text("(1.0) can0 20000080# R\n")  # an error frame, as candump logs it
    fake = FakeTime()
    bus = play(path, fake, loop=True)
    assert bus.recv(0.5) is None
    bus.shutdown()


def test_a_replayed_session_cannot_send(spec: RvcSpec, tmp_path: Path) -> None:
    path = tmp_path / "capture.log"
    write_capture(spec, path, [0.0])
    session = BusSession.open(BusConfig("replay", str(path), options={"loop": False}))
    frame = encode(spec, "WATER_PUMP_COMMAND", {"command": "enable"}, source=0xF9)
    with pytest.raises(BusSendError, match="read-only"):
        session.send(frame)
    session.close()


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("missing.log", None, CaptureNotFoundError),
        ("empty.log", "", CaptureUnreadableError),
        ("garbage.log", "this is not candump\n", CaptureUnreadableError),
        ("notes.txt", "(1.0) can0 123#00 R\n", CaptureUnreadableError),
    ],
)
def test_a_capture_that_cannot_play_says_why(
    tmp_path: Path, name: str, content: str | None, error: type[BusOpenError]
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    with pytest.raises(error) as raised:
        BusSession.open(BusConfig("replay", str(path)))
    assert raised.value.reason in ("capture_not_found", "capture_unreadable")


def test_a_real_capture_plays_in_half_a_minute_not_two_months(spec: RvcSpec) -> None:
    # Log lines from github.com/dbergl/rvc2mqtt (tests/data/captures/README.md),
    # dated over two months: the silences between them are cut to 5 s.
    path = Path(__file__).parents[1] / "data" / "captures" / "dbergl-rvc2mqtt.log"
    fake = FakeTime()
    bus = ReplayBus(str(path), loop=False, clock=fake.clock, sleep=fake.sleep)
    decoder = Decoder(spec)
    frames = [bus.recv(10.0) for _ in range(36)]
    # 4 s, five silences cut to 5 s, four 1 s steps, 1 s and three 1 ms steps.
    assert fake.now == pytest.approx(4 + 5 * 5 + 4 * 1 + 1 + 0.003)
    assert bus.recv(0.01) is None  # played once: silent
    bus.shutdown()
    assert all(m is not None and decoder.decode_message(m) for m in frames)
