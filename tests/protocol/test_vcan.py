"""SocketCAN for real, on a vcan interface, where the kernel has one."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket

import can
import pytest

from custom_components.rvc.protocol import (
    BusConfig,
    BusSession,
    Decoder,
    RvcSpec,
    encode,
)

CHANNEL = os.environ.get("RVC_VCAN", "vcan0")


def _vcan_problem() -> str | None:
    """Why there is no vcan interface to test on; None when there is one."""
    if not hasattr(socket, "AF_CAN"):
        return "this Python has no AF_CAN"
    try:
        with socket.socket(socket.AF_CAN, socket.SOCK_RAW, socket.CAN_RAW) as probe:
            probe.bind((CHANNEL,))
    except OSError as err:
        return (
            f"no SocketCAN {CHANNEL} here ({err.strerror}); to run this: modprobe vcan;"
            f" ip link add dev {CHANNEL} type vcan; ip link set {CHANNEL} up"
        )
    return None


PROBLEM = _vcan_problem()
pytestmark = [
    pytest.mark.skipif(PROBLEM is not None, reason=PROBLEM or ""),
    pytest.mark.enable_socket,
]


async def test_vcan_round_trip_and_interface_down(spec: RvcSpec) -> None:
    loop = asyncio.get_running_loop()
    session = await loop.run_in_executor(
        None, BusSession.open, BusConfig("socketcan", CHANNEL)
    )
    device = can.Bus(interface="socketcan", channel=CHANNEL)
    decoder = Decoder(spec)
    received: asyncio.Queue[str] = asyncio.Queue()
    errors: list[Exception] = []

    def on_message(message: can.Message) -> None:
        if (record := decoder.decode_message(message)) is not None:
            received.put_nowait(record.name)

    session.start(loop, on_message, errors.append)
    assert not session.reads_in_thread  # the event loop reads SocketCAN itself
    try:
        status = encode(
            spec, "TANK_STATUS", {"instance": 0, "relative_level": 3}, source=9
        )
        device.send(can.Message(arbitration_id=status.arbitration_id, data=status.data))
        assert await asyncio.wait_for(received.get(), 5) == "TANK_STATUS"
        if os.geteuid() == 0 and shutil.which("ip"):
            # The interface goes down and up under the reader: either the
            # session reports the error, or it reads on afterwards.
            for state in ("down", "up"):
                process = await asyncio.create_subprocess_exec(
                    "ip", "link", "set", CHANNEL, state
                )
                assert await process.wait() == 0
            if not errors:
                device.send(
                    can.Message(arbitration_id=status.arbitration_id, data=status.data)
                )
                assert await asyncio.wait_for(received.get(), 5) == "TANK_STATUS"
    finally:
        await session.async_close()
        device.shutdown()
