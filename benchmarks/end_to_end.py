"""End to end: a real hass fed a saturated RV-C bus by the simulated coach.

Run (as root, for the private network namespace):
    .venv/bin/python benchmarks/end_to_end.py [--seconds 30] [--rate 1950] [--slcan]

With --slcan, Home Assistant reads the coach through an slcan adapter emulated
on a pseudo-terminal (the generator writes T lines on it) instead of udp.

Home Assistant with the integration runs in this process; the simulator's
device models run in another process and put a busy coach on the bus at the
bus maximum: six dimmer modules, relays, tanks, batteries and thermostats
repeating their status, with about 5 % of frames a dimmer channel obeying a
command and reporting its new level. The two share python-can's udp_multicast
bus, which, like SocketCAN, is read by the event loop itself (no reader
thread). Both run in a network namespace of their own that has only a
loopback interface, so nothing reaches a real network.

Printed: Home Assistant's CPU time per frame (this process's CPU time over
the frames it received), and beside it the floor: the same traffic into the
same process through python-can's Notifier with a listener that does nothing;
frame-to-state latency of the changed values (p50/p99); state writes per
second.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
from collections import defaultdict
import json
import os
from pathlib import Path
import random
import shutil
import statistics
import subprocess
import sys
import time
import tty
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GROUP = "239.74.163.2"
NAMESPACE_MARK = "RVC_BENCHMARK_NAMESPACE"
CHANGE_SHARE = float(os.environ.get("RVC_BENCHMARK_CHANGE_SHARE", "0.05"))
DIMMER_MODULES = 6
LOADS_PER_MODULE = 8
CPU_TARGET_US = 25.0
LATENCY_TARGET_MS = 20.0


def _sender(
    slcan_fd: int | None,
) -> tuple[Callable[[int, bytes], object], Callable[[], object]]:
    """How the generator puts a frame on the bus, and how it closes it."""
    import can  # noqa: PLC0415

    from custom_components.rvc.protocol.simulator.slcan_adapter import (  # noqa: PLC0415
        frame_line,
    )

    if slcan_fd is not None:
        return (
            lambda arbitration_id, data: os.write(
                slcan_fd, frame_line(arbitration_id, data)
            ),
            lambda: None,
        )
    bus = can.Bus(interface="udp_multicast", channel=GROUP)
    return (
        lambda arbitration_id, data: bus.send(
            can.Message(arbitration_id=arbitration_id, data=data, is_extended_id=True)
        ),
        bus.shutdown,
    )


def generate(seconds: float, rate: int, slcan_fd: int | None) -> int:
    """The coach's side: statuses at the given rate; changes logged to stdout.

    With slcan_fd, the frames are T lines on that pseudo-terminal, as a CANable
    puts them on its serial port.
    """

    from custom_components.rvc.protocol import encode, load_spec  # noqa: PLC0415
    from custom_components.rvc.protocol.simulator import (  # noqa: PLC0415
        DimmerModule,
        Product,
        typical_coach,
    )

    spec = load_spec()
    dimmers = [
        DimmerModule(
            0x30 + module,
            Product("Bench", "Dimmer 8", str(module)),
            {module * LOADS_PER_MODULE + i + 1: 50.0 for i in range(LOADS_PER_MODULE)},
        )
        for module in range(DIMMER_MODULES)
    ]
    nodes = dimmers + [n for n in typical_coach() if not isinstance(n, DimmerModule)]
    send, close = _sender(slcan_fd)
    rng = random.Random(7)
    changes: list[tuple[int, float, float]] = []
    sent = 0
    started = time.monotonic()
    # The current frame of every status a node reports, by (source, DGN, instance).
    frames: dict[tuple[int, str, Any], tuple[int, bytes]] = {}
    order: list[tuple[int, str, Any]] = []
    refreshed = -1.0
    index = 0

    def report(node: Any, statuses: list[Any]) -> None:
        for name, values in statuses:
            key = (node.source, name, values.get("instance"))
            if key not in frames:
                order.append(key)
            frames[key] = tuple(encode(spec, name, values, source=node.source))  # type: ignore[assignment]

    while (elapsed := time.monotonic() - started) < seconds:
        if elapsed - refreshed >= 1.0:
            # Slow-moving values (tanks, batteries, temperatures), once a second.
            refreshed = elapsed
            now = time.monotonic()
            for node in nodes:
                node.tick(now)
                report(node, node.statuses())
        due = int(elapsed * rate) + rate // 100
        while sent < due:
            if rng.random() < CHANGE_SHARE:
                module = rng.choice(dimmers)
                instance = rng.choice(list(module.loads))
                level = float(rng.randrange(0, 201) / 2)
                statuses = module.command(
                    "DC_DIMMER_COMMAND_2",
                    {
                        "instance": instance,
                        "command": "set_level",
                        "desired_level": level,
                    },
                    time.monotonic(),
                )
                report(module, statuses)
                arbitration_id, data = frames[
                    (module.source, "DC_DIMMER_STATUS_3", instance)
                ]
                changes.append((instance, level, time.monotonic()))
            else:
                arbitration_id, data = frames[order[index % len(order)]]
                index += 1
            send(arbitration_id, data)
            sent += 1
        time.sleep(0.01)
    close()
    print(json.dumps({"sent": sent, "changes": changes}))
    return 0


async def run_coach(
    hass: Any, seconds: float, rate: int, slcan_fd: int | None = None
) -> dict[str, Any]:
    """Run the coach's side in its process; what it sent, once it is done."""
    slcan = ["--slcan-fd", str(slcan_fd)] if slcan_fd is not None else []
    process = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--generate",
        "--seconds", str(seconds), "--rate", str(rate), *slcan,
        stdout=asyncio.subprocess.PIPE,
        pass_fds=() if slcan_fd is None else (slcan_fd,),
    )  # fmt: skip
    out, _ = await process.communicate()
    await asyncio.sleep(0.5)  # the last frames
    await hass.async_block_till_done()
    return json.loads(out)  # type: ignore[no-any-return]


async def measure(seconds: float, rate: int, *, slcan: bool) -> dict[str, Any]:
    """Home Assistant's side: set up the integration, start the coach, measure.

    With slcan, the coach is behind an slcan adapter on a pseudo-terminal.
    """
    import can  # noqa: PLC0415
    from homeassistant.const import EVENT_STATE_CHANGED  # noqa: PLC0415
    from homeassistant.loader import DATA_CUSTOM_COMPONENTS  # noqa: PLC0415
    from pytest_homeassistant_custom_component.common import (  # noqa: PLC0415
        MockConfigEntry,
        async_test_home_assistant,
    )

    import custom_components.rvc  # noqa: F401, PLC0415 - ours before the harness's
    from custom_components.rvc.const import DOMAIN  # noqa: PLC0415

    async with async_test_home_assistant() as hass:
        hass.data.pop(DATA_CUSTOM_COMPONENTS, None)

        # The floor first: the same traffic into the same process through
        # python-can's Notifier with a listener that does nothing.
        bus = can.Bus(interface="udp_multicast", channel=GROUP)
        received = 0

        def count(_message: can.Message) -> None:
            nonlocal received
            received += 1

        notifier = can.Notifier(bus, [count], loop=asyncio.get_running_loop())
        await run_coach(hass, 3.0, rate)  # warm up
        received = 0
        cpu_before = time.process_time()
        await run_coach(hass, seconds, rate)
        floor_us_per_frame = (time.process_time() - cpu_before) / max(received, 1) * 1e6
        notifier.stop()
        bus.shutdown()

        data: dict[str, Any] = {"interface": "udp_multicast", "channel": GROUP}
        master = None
        if slcan:
            # The adapter: the generator writes T lines on the terminal's master.
            master, terminal = os.openpty()
            tty.setraw(master)
            data = {"interface": "slcan", "channel": os.ttyname(terminal)}
        entry = MockConfigEntry(
            domain=DOMAIN,
            data=data,
            options={"read_only": True, "availability_timeout": 15},
        )
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        coordinator = entry.runtime_data

        observed: defaultdict[tuple[int, float], list[float]] = defaultdict(list)
        writes = 0

        def on_state_changed(event: Any) -> None:
            nonlocal writes
            writes += 1
            new_state = event.data["new_state"]
            if new_state is None or not event.data["entity_id"].startswith("light."):
                return
            brightness = new_state.attributes.get("brightness")
            if brightness is not None:
                instance = int(event.data["entity_id"].rsplit("_", 1)[1])
                level = round(brightness * 200 / 255) / 2
                observed[(instance, level)].append(time.monotonic())

        # Warm up: every instance discovered, every entity created.
        await run_coach(hass, 3.0, rate, master)
        hass.bus.async_listen(EVENT_STATE_CHANGED, on_state_changed)
        frames_before = coordinator.decoder.stats.frames
        cpu_before = time.process_time()
        wall_before = time.monotonic()
        coach = await run_coach(hass, seconds, rate, master)
        wall = time.monotonic() - wall_before
        cpu = time.process_time() - cpu_before
        frames = coordinator.decoder.stats.frames - frames_before

        latencies = []
        for instance, level, sent_at in coach["changes"]:
            times = observed.get((instance, level), [])
            position = bisect.bisect_left(times, sent_at)
            if position < len(times):
                latencies.append((times.pop(position) - sent_at) * 1000)
        result = {
            "seconds": wall,
            "sent": coach["sent"],
            "received": frames,
            "changes": len(coach["changes"]),
            "cpu_us_per_frame": cpu / max(frames, 1) * 1e6,
            "floor_us_per_frame": floor_us_per_frame,
            "cpu_share_of_core": cpu / wall,
            "writes_per_second": writes / wall,
            "latencies_ms": sorted(latencies),
            "entities": len(hass.states.async_entity_ids()),
        }
        assert await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()
        await hass.async_stop(force=True)
        return result


def in_private_namespace(argv: list[str], script: str = __file__) -> int:
    """Run script again inside a new network namespace with only loopback, up."""
    if (
        os.geteuid() != 0
        or shutil.which("unshare") is None
        or shutil.which("ip") is None
    ):
        print(
            "end_to_end: needs root with unshare and ip (iproute2) to give the bus a"
            " network namespace of its own, with only loopback",
            file=sys.stderr,
        )
        return 2
    setup = 'ip link set lo up && ip route add 224.0.0.0/4 dev lo && exec "$@"'
    return subprocess.call(  # noqa: S603
        ["unshare", "--net", "sh", "-c", setup, "sh", sys.executable, script, *argv],  # noqa: S607
        env=os.environ | {NAMESPACE_MARK: "1"},
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--rate", type=int, default=1950, help="frames per second")
    parser.add_argument(
        "--slcan",
        action="store_true",
        help="the coach behind an emulated slcan adapter (a pseudo-terminal)",
    )
    parser.add_argument("--generate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--slcan-fd", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        return generate(args.seconds, args.rate, args.slcan_fd)
    if os.environ.get(NAMESPACE_MARK) != "1":
        return in_private_namespace(sys.argv[1:])
    if os.environ.get("RVC_BENCHMARK_PROFILE"):
        import cProfile  # noqa: PLC0415
        import pstats  # noqa: PLC0415

        with cProfile.Profile() as profile:
            result = asyncio.run(measure(args.seconds, args.rate, slcan=args.slcan))
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    else:
        result = asyncio.run(measure(args.seconds, args.rate, slcan=args.slcan))
    latencies = result["latencies_ms"]
    p50 = statistics.median(latencies) if latencies else float("nan")
    p99 = (
        latencies[max(0, int(len(latencies) * 0.99) - 1)] if latencies else float("nan")
    )
    received_rate = result["received"] / result["seconds"]
    print(
        f"duration:                  {result['seconds']:.1f} s, {result['entities']} entities"
    )
    print(
        f"frames sent / received:    {result['sent']:,} / {result['received']:,} ({received_rate:,.0f} frames/s, bus maximum 1,950)"
    )
    print(
        f"HA CPU per frame:          {result['cpu_us_per_frame']:.1f} us (target <= {CPU_TARGET_US:.0f} us)"
    )
    floor = result["floor_us_per_frame"]
    print(
        f"  python-can + asyncio floor: {floor:.1f} us (the udp bus, a no-op Notifier listener)"
    )
    print(f"  the integration's share:    {result['cpu_us_per_frame'] - floor:.1f} us")
    print(f"HA CPU share of one core:  {result['cpu_share_of_core'] * 100:.1f} %")
    print(
        f"frame-to-state latency:    p50 {p50:.2f} ms, p99 {p99:.2f} ms, {len(latencies)} of {result['changes']} changes seen (target p99 < {LATENCY_TARGET_MS:.0f} ms)"
    )
    print(f"state writes per second:   {result['writes_per_second']:.1f}")
    met = result["cpu_us_per_frame"] <= CPU_TARGET_US and p99 < LATENCY_TARGET_MS
    print(f"targets:                   {'met' if met else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
