"""CPU per frame of slcan readers, against an emulated CANable on a pseudo-terminal.

Run:
    .venv/bin/python benchmarks/slcan.py [--seconds 10] [--rate 1000]

A child process plays the adapter: it answers the open and bitrate commands
(C, Sn, Mn, O, V), accepts T lines, and streams T lines at the given rate, one
write per millisecond tick as a USB adapter delivers them. This process reads
them, in turn, with three readers in an asyncio event loop:

- bare: the floor, os.read of whatever is waiting and a split on CR;
- ours: the integration's BusSession on its SlcanBus (block reads, frames built);
- stock: python-can's slcan bus read with recv(0) per frame, as before.

Printed: this process's CPU time per frame received for each, and the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
from pathlib import Path
import resource
import sys
import time
import tty
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import can  # noqa: E402

from custom_components.rvc.protocol import BusConfig, BusSession  # noqa: E402
from custom_components.rvc.protocol.bus import MAX_FRAMES_PER_WAKEUP  # noqa: E402
from custom_components.rvc.protocol.simulator.slcan_adapter import (  # noqa: E402
    SlcanAdapterEmulator,
    frame_line,
)

if TYPE_CHECKING:
    from collections.abc import Callable

TICK = 0.001


def run_adapter(adapter: SlcanAdapterEmulator, rate: float) -> None:
    """The child: answer commands and stream frames until killed."""
    os.set_blocking(adapter.master, False)
    adapter.open = True
    lines = [frame_line(0x19FFD442 + (n % 50), bytes(range(8))) for n in range(1000)]
    sent = 0.0
    start = time.monotonic()
    while True:
        try:
            if answers := adapter.handle(os.read(adapter.master, 4096)):
                os.write(adapter.master, answers)
        except BlockingIOError:
            pass
        due = int((time.monotonic() - start) * rate) - sent
        if due >= 1:
            block = b"".join(lines[int(sent + i) % 1000] for i in range(int(due)))
            # Nobody reads the port between two readers: dropped.
            with contextlib.suppress(BlockingIOError):
                os.write(adapter.master, block)
            sent += int(due)
        time.sleep(TICK)


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def measure(
    name: str, seconds: float, start: Callable[[Callable[[int], None]], object]
) -> float:
    """Start a reader that calls count(n) for n frames; CPU µs per frame."""
    frames = 0

    def count(n: int) -> None:
        nonlocal frames
        frames += n

    stop = start(count)
    await asyncio.sleep(0.5)  # past the opening
    frames = 0
    before = cpu()
    await asyncio.sleep(seconds)
    used = cpu() - before
    received = frames
    await stop()  # type: ignore[operator]
    per_frame = used / max(received, 1) * 1e6
    print(f"{name:>6}: {received:7d} frames, {per_frame:6.1f} µs CPU per frame")
    return per_frame


def bare_reader(path: str) -> Callable[[Callable[[int], None]], object]:
    def start(count: Callable[[int], None]) -> object:
        loop = asyncio.get_running_loop()
        fd = os.open(path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
        tty.setraw(fd)
        pending = [b""]

        def ready() -> None:
            *lines, pending[0] = (pending[0] + os.read(fd, 4096)).split(b"\r")
            count(len(lines))

        loop.add_reader(fd, ready)

        async def stop() -> None:
            loop.remove_reader(fd)
            os.close(fd)

        return stop

    return start


def our_reader(path: str) -> Callable[[Callable[[int], None]], object]:
    def start(count: Callable[[int], None]) -> object:
        loop = asyncio.get_running_loop()
        config = BusConfig("slcan", path, options={"sleep_after_open": 0})
        session = BusSession.open(config)
        session.start(loop, lambda _message: count(1))
        return session.async_close

    return start


def stock_reader(path: str) -> Callable[[Callable[[int], None]], object]:
    """python-can's own reader, driven as bus.py drove every descriptor bus."""

    def start(count: Callable[[int], None]) -> object:
        loop = asyncio.get_running_loop()
        bus = can.Bus(
            interface="slcan", channel=path, bitrate=250_000, sleep_after_open=0
        )
        fd = bus.fileno()

        def ready() -> None:
            for _ in range(MAX_FRAMES_PER_WAKEUP):
                try:
                    if bus.recv(0) is None:
                        return
                except ValueError:  # a line cut when the port was opened
                    continue
                count(1)

        loop.add_reader(fd, ready)

        async def stop() -> None:
            loop.remove_reader(fd)
            bus.shutdown()

        return stop

    return start


async def compare(path: str, seconds: float, rate: float) -> None:
    print(f"{rate:.0f} frames/s from an emulated adapter, {seconds:.0f} s each")
    bare = await measure("bare", seconds, bare_reader(path))
    ours = await measure("ours", seconds, our_reader(path))
    stock = await measure("stock", seconds, stock_reader(path))
    print(f"ours / bare: {ours / bare:.2f}x; stock / ours: {stock / ours:.1f}x")


def main(seconds: float, rate: float) -> None:
    adapter = SlcanAdapterEmulator()
    if (child := os.fork()) == 0:
        try:
            run_adapter(adapter, rate)
        finally:
            os._exit(0)
    try:
        asyncio.run(compare(adapter.path, seconds, rate))
    finally:
        os.kill(child, 9)
        os.waitpid(child, 0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rate", type=float, default=1000)
    args = parser.parse_args()
    main(args.seconds, args.rate)
