"""Soak: ten minutes of a saturated bus through a real hass, then 100 reloads.

RSS is sampled each minute while the traffic runs; latency is recorded only in
the first and the last minute, so that recording it does not grow the memory.

Run (as root, for the private network namespace, as benchmarks/end_to_end.py):
    .venv/bin/python benchmarks/soak.py [--minutes 10] [--rate 1950] [--reloads 100]

Printed: resident memory (RSS) at the start and end of the traffic and at each
minute, frame-to-state latency p99 of the first and the last minute, and after
the reload cycles the threads, asyncio tasks, loop timers, file descriptors and
python-can buses the process holds, before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
from collections import defaultdict
import gc
import os
from pathlib import Path
import sys
import threading
import time
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from end_to_end import (
    GROUP,
    NAMESPACE_MARK,
    in_private_namespace,
    run_coach,
)


def rss_mib() -> float:
    """This process's resident memory."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.99) - 1)] if ordered else float("nan")


def latencies_by_minute(
    changes: list[tuple[int, float, float]],
    observed: dict[tuple[int, float], list[float]],
    started: float,
) -> dict[int, list[float]]:
    """Each change's frame-to-state latency (ms), by the minute it was sent."""
    by_minute: defaultdict[int, list[float]] = defaultdict(list)
    for instance, level, sent_at in changes:
        times = observed.get((instance, level), [])
        position = bisect.bisect_left(times, sent_at)
        if position < len(times):
            latency = (times.pop(position) - sent_at) * 1000
            by_minute[int((sent_at - started) // 60)].append(latency)
    return by_minute


def held(loop: asyncio.AbstractEventLoop) -> dict[str, int]:
    """What a leak would grow: threads, tasks, timers, descriptors, buses."""
    import can  # noqa: PLC0415

    gc.collect()
    return {
        "threads": threading.active_count(),
        "tasks": len(asyncio.all_tasks(loop)),
        "timers": len(loop._scheduled),  # type: ignore[attr-defined]  # noqa: SLF001
        "file descriptors": sum(1 for _ in Path("/proc/self/fd").iterdir()),
        "open buses": sum(
            1
            for obj in gc.get_objects()
            if isinstance(obj, can.BusABC) and not obj._is_shutdown  # noqa: SLF001
        ),
    }


async def soak(minutes: float, rate: int, reloads: int) -> dict[str, Any]:
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
        entry = MockConfigEntry(
            domain=DOMAIN,
            data={"interface": "udp_multicast", "channel": GROUP},
            options={"read_only": True, "availability_timeout": 15},
        )
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()

        observed: defaultdict[tuple[int, float], list[float]] = defaultdict(list)

        def on_state_changed(event: Any) -> None:
            new_state = event.data["new_state"]
            if new_state is None or not event.data["entity_id"].startswith("light."):
                return
            if (brightness := new_state.attributes.get("brightness")) is not None:
                instance = int(event.data["entity_id"].rsplit("_", 1)[1])
                level = round(brightness * 200 / 255) / 2
                observed[(instance, level)].append(time.monotonic())

        await run_coach(hass, 5.0, rate)  # every entity created
        rss: list[float] = [rss_mib()]
        started = time.monotonic()
        seconds = minutes * 60
        whole_minutes = int(seconds // 60)

        async def sample() -> None:
            # Latency is recorded in the first and the last minute only: the
            # bookkeeping would otherwise grow the memory being measured.
            unsubscribe = hass.bus.async_listen(EVENT_STATE_CHANGED, on_state_changed)
            for minute in range(1, whole_minutes + 1):
                await asyncio.sleep(started + minute * 60 - time.monotonic())
                rss.append(rss_mib())
                if minute == 1:
                    unsubscribe()
                if minute == whole_minutes - 1:
                    hass.bus.async_listen(EVENT_STATE_CHANGED, on_state_changed)

        sampler = asyncio.create_task(sample())
        coordinator = entry.runtime_data
        frames_before = coordinator.decoder.stats.frames
        coach = await run_coach(hass, seconds, rate)
        sampler.cancel()
        frames = coordinator.decoder.stats.frames - frames_before

        by_minute = latencies_by_minute(coach["changes"], observed, started)
        minutes_seen = sorted(by_minute)

        # Steady state first: one reload, and a moment for one-off timers to run.
        assert await hass.config_entries.async_reload(entry.entry_id)
        await hass.async_block_till_done()
        await asyncio.sleep(2)
        before = held(hass.loop)
        reload_started = time.monotonic()
        for _ in range(reloads):
            assert await hass.config_entries.async_reload(entry.entry_id)
            await hass.async_block_till_done()
        reload_seconds = time.monotonic() - reload_started
        await asyncio.sleep(2)
        after = held(hass.loop)
        assert await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()
        await hass.async_stop(force=True)
        return {
            "frames": frames,
            "sent": coach["sent"],
            "rss": rss,
            "p99_first": p99(by_minute[minutes_seen[0]]) if minutes_seen else None,
            "p99_last": p99(by_minute[minutes_seen[-1]]) if minutes_seen else None,
            "changes_seen": sum(len(v) for v in by_minute.values()),
            "changes": len(coach["changes"]),
            "reload_seconds": reload_seconds,
            "held_before": before,
            "held_after": after,
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=int, default=1950, help="frames per second")
    parser.add_argument("--reloads", type=int, default=100)
    args = parser.parse_args()
    if args.minutes <= 0:
        parser.error("--minutes must be positive")
    if os.environ.get(NAMESPACE_MARK) != "1":
        return in_private_namespace(sys.argv[1:], __file__)
    result = asyncio.run(soak(args.minutes, args.rate, args.reloads))
    rss = result["rss"]
    print(
        f"traffic:          {args.minutes:g} min, {result['frames']:,} of {result['sent']:,} frames received"
    )
    print(
        f"RSS:              start {rss[0]:.1f} MiB, end {rss[-1]:.1f} MiB"
        f" ({rss[-1] - rss[0]:+.1f} MiB; after the first minute"
        f" {rss[-1] - rss[min(1, len(rss) - 1)]:+.1f} MiB)"
    )
    print(f"RSS per minute:   {', '.join(f'{value:.1f}' for value in rss)}")
    print(
        f"latency p99:      first minute {result['p99_first']:.2f} ms, last minute {result['p99_last']:.2f} ms ({result['changes_seen']} of {result['changes']} changes seen)"
    )
    print(f"reloads:          {args.reloads} in {result['reload_seconds']:.1f} s")
    for name, value in result["held_before"].items():
        print(f"  {name + ':':18}{value} before, {result['held_after'][name]} after")
    leaked = any(result["held_after"][k] > v for k, v in result["held_before"].items())
    print(f"leaks:            {'FOUND' if leaked else 'none'}")
    return 1 if leaked else 0


if __name__ == "__main__":
    sys.exit(main())
