"""slcan adapters through our block reader, against an emulated CANable on a pty."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import pytest

from custom_components.rvc.protocol import (
    BusConfig,
    BusOpenError,
    BusSession,
    RvcSpec,
    encode,
    slcan,
)
from custom_components.rvc.protocol.simulator.slcan_adapter import (
    SlcanAdapterEmulator,
    frame_line,
)
from custom_components.rvc.protocol.slcan import (
    SlcanBus,
    SlcanReader,
    serial_number_of,
    serial_ports_by_id,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    import can

# python-can waits 2 s after opening a port for adapters that reset on open.
NO_WAIT = {"sleep_after_open": 0}


@pytest.fixture
def adapter() -> Iterator[SlcanAdapterEmulator]:
    emulator = SlcanAdapterEmulator()
    emulator.serve()
    yield emulator
    emulator.close()


def slcan_config(
    adapter: SlcanAdapterEmulator, *, listen_only: bool = False
) -> BusConfig:
    return BusConfig("slcan", adapter.path, options=NO_WAIT, listen_only=listen_only)


async def open_started(
    config: BusConfig,
) -> tuple[BusSession, list[can.Message], list[Exception]]:
    loop = asyncio.get_running_loop()
    session = await loop.run_in_executor(None, BusSession.open, config)
    received: list[can.Message] = []
    errors: list[Exception] = []
    session.start(loop, received.append, errors.append)
    return session, received, errors


async def wait_for(condition: Callable[[], object]) -> None:
    """Poll: the emulated adapter answers in a thread of its own."""
    async with asyncio.timeout(10):
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(0.005)


async def test_frames_are_read_in_blocks(
    adapter: SlcanAdapterEmulator, spec: RvcSpec
) -> None:
    session, received, errors = await open_started(slcan_config(adapter))
    await wait_for(lambda: adapter.ready)
    assert adapter.commands == [b"C", b"S5", b"O"]
    assert not session.reads_in_thread
    # Far more frames than python-can's reader hands over per wake-up (64).
    count = 150
    adapter.write(
        b"".join(frame_line(0x19FFD442 + i, bytes([i, 2])) for i in range(count))
    )
    await wait_for(lambda: received)
    # One wake-up of the loop reads them all: no byte-at-a-time reading.
    assert len(received) == count
    first = received[0]
    assert (first.arbitration_id, first.is_extended_id, bytes(first.data)) == (
        0x19FFD442,
        True,
        b"\x00\x02",
    )
    assert first.channel == adapter.path
    # We send a command; the adapter gets exactly its T line.
    command = encode(spec, "WATER_PUMP_COMMAND", {"command": "enable"}, source=0x80)
    session.send(command)
    line = f"T{command.arbitration_id:08X}8{command.data.hex().upper()}".encode()
    await wait_for(lambda: line in adapter.commands)
    await session.async_close()
    await wait_for(lambda: adapter.commands[-1] == b"C")
    assert not errors


async def test_lines_split_across_reads_and_what_is_not_a_frame(
    adapter: SlcanAdapterEmulator,
) -> None:
    session, received, errors = await open_started(slcan_config(adapter))
    await wait_for(lambda: adapter.ready)
    line = frame_line(0x18FEF944, b"\x01\x02\x03")
    adapter.write(line[:7])
    await asyncio.sleep(0.05)
    assert not received
    # The rest of the line, a bell (a refused command), an OK, noise, a
    # standard frame, a remote frame and a frame with a bad length.
    adapter.write(line[7:] + b"\a\rXYZ\rt1232ABCD\rR18EAFF003\rT18FEF9449\r")
    await wait_for(lambda: len(received) == 3)
    whole, standard, remote = received
    assert (whole.arbitration_id, bytes(whole.data)) == (0x18FEF944, b"\x01\x02\x03")
    assert (standard.arbitration_id, standard.is_extended_id) == (0x123, False)
    assert bytes(standard.data) == b"\xab\xcd"
    assert (remote.arbitration_id, remote.is_remote_frame, remote.dlc) == (
        0x18EAFF00,
        True,
        3,
    )
    assert isinstance(session.bus, SlcanBus)
    reader = session.bus.reader
    assert (reader.frames, reader.malformed, reader.refused) == (3, 2, 1)
    await session.async_close()
    assert not errors


def test_adapter_timestamps_become_frame_times() -> None:
    reader = SlcanReader(-1)
    # Timestamps (command Z1): milliseconds that wrap every minute.
    lines = [frame_line(0x100, b"\x01", ms) for ms in (59_990, 59_995, 3)]
    first, second, third = reader.feed(b"".join(lines), 1000.0)
    assert first.timestamp == pytest.approx(1000.0)
    assert second.timestamp - first.timestamp == pytest.approx(0.005)
    assert third.timestamp - second.timestamp == pytest.approx(0.008)
    # An adapter clock far from ours (it was reset) is anchored again.
    (later,) = reader.feed(frame_line(0x100, b"\x01", 10), 2000.0)
    assert later.timestamp == pytest.approx(2000.0)


async def test_unplugged_adapter_is_an_error_and_the_port_is_closed(
    adapter: SlcanAdapterEmulator,
) -> None:
    session, _, errors = await open_started(slcan_config(adapter))
    port = session.bus.serialPortOrig  # type: ignore[attr-defined]
    adapter.unplug()
    await wait_for(lambda: errors)
    assert not session.started
    # python-can's shutdown writes "C" to the vanished port and raises: the
    # port must be closed anyway, or the replugged adapter gets a new name.
    await session.async_close()
    assert not port.is_open


async def test_read_only_opens_silent(
    adapter: SlcanAdapterEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    session, _, _ = await open_started(slcan_config(adapter, listen_only=True))
    await wait_for(lambda: adapter.ready)
    # Silent mode before the channel opens; never python-can's "L".
    assert adapter.commands == [b"C", b"S5", b"M1", b"O"]
    assert adapter.silent
    assert "silent mode" not in caplog.text
    await session.async_close()


@pytest.mark.parametrize("answers", [True, False], ids=["bell", "no answer"])
async def test_read_only_without_silent_mode_opens_normal_with_a_warning(
    caplog: pytest.LogCaptureFixture, *, answers: bool
) -> None:
    adapter = SlcanAdapterEmulator(silent_mode=False, answers=answers)
    adapter.serve()
    caplog.set_level(logging.WARNING)
    try:
        session, _, _ = await open_started(slcan_config(adapter, listen_only=True))
        await wait_for(lambda: adapter.ready)
        assert not adapter.silent
        assert "does not support silent mode" in caplog.text
        await session.async_close()
    finally:
        adapter.close()


def test_serial_numbers_in_by_id_names() -> None:
    assert (
        serial_number_of(
            "/dev/serial/by-id/usb-Protofusion_Labs_CANable_1205aa6_github.com_"
            "normaldotcom_cantact-fw_001D00335734570920343835-if00"
        )
        == "001D00335734570920343835"
    )
    assert serial_number_of("/dev/ttyACM0") is None
    assert serial_number_of("/dev/serial/by-id/usb-NoSerial") is None


async def test_a_replugged_adapter_is_found_by_its_serial_number(
    adapter: SlcanAdapterEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # tmp_path stands in for /dev/serial/by-id.
    monkeypatch.setattr(slcan, "SERIAL_BY_ID", tmp_path)
    link = tmp_path / "usb-Protofusion_Labs_CANable_ABC123-if00"
    link.symlink_to(adapter.path)
    (tmp_path / "usb-Other_Adapter_XYZ-if00").symlink_to("/dev/null")
    assert serial_ports_by_id() == [
        str(tmp_path / "usb-Other_Adapter_XYZ-if00"),
        str(link),
    ]
    # The entry knows the adapter as a path that is gone.
    gone = str(tmp_path / "ttyACM0")
    config = BusConfig("slcan", gone, options={**NO_WAIT, "serial_number": "ABC123"})
    session = await asyncio.get_running_loop().run_in_executor(
        None, BusSession.open, config
    )
    assert session.bus.serialPortOrig.port == str(link)  # type: ignore[attr-defined]
    await session.async_close()
    # Without the serial number (or with an unknown one) it stays a clear failure.
    for options in (NO_WAIT, {**NO_WAIT, "serial_number": "NOPE"}):
        with pytest.raises(BusOpenError):
            BusSession.open(BusConfig("slcan", gone, options=options))


def test_no_by_id_directory_offers_no_ports(tmp_path: Path) -> None:
    assert serial_ports_by_id(tmp_path / "missing") == []
