"""Decode throughput, against cantools alone and the RV-C bus maximum.

Run: .venv/bin/python benchmarks/decode.py [--frames N]
Prints, in one run: the time to load the specification; frames/s for our
decoder on a realistic coach mix (devices repeat their status, so most frames
were seen before) and on frames that are all different (every one a real
decode); cantools alone on the same frames; and the ratios.
"""

from __future__ import annotations

import argparse
from pathlib import Path
import random
import sys
import time

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "custom_components/rvc"))

from protocol import Decoder, encode, load_spec

BUS_MAXIMUM_FRAMES_PER_SECOND = 1950
TARGET_FRAMES_PER_SECOND = 250_000


def realistic_frames(count: int, seed: int = 1) -> list[tuple[int, bytes]]:
    """A coach's traffic: many dimmer loads, tanks, thermostats, DC sources.

    Values drift so that frames differ from each other, as on a live bus.
    """
    spec = load_spec()
    rng = random.Random(seed)
    makers = [
        (
            40,
            lambda i: (
                "DC_DIMMER_STATUS_3",
                {
                    "instance": i % 24 + 1,
                    "group": 0,
                    "brightness": rng.randrange(0, 201) / 2,
                    "lock_status": "unlocked",
                    "overcurrent_status": "normal",
                    "override_status": "inactive",
                    "enable_status": "enabled",
                    "delay_duration": None,
                    "last_command": "set_level",
                    "interlock_status": "inactive",
                    "load_status": "on",
                },
            ),
        ),
        (
            15,
            lambda i: (
                "TANK_STATUS",
                {
                    "instance": i % 4,
                    "relative_level": rng.randrange(0, 17),
                    "resolution": 16,
                    "absolute_level": rng.randrange(0, 200),
                    "tank_size": 200,
                },
            ),
        ),
        (
            15,
            lambda i: (
                "THERMOSTAT_STATUS_1",
                {
                    "instance": i % 3,
                    "operating_mode": "heat",
                    "fan_mode": "auto",
                    "schedule_mode": "disabled",
                    "fan_speed": 50,
                    "setpoint_heat": 20 + rng.randrange(0, 8) / 4,
                    "setpoint_cool": 25,
                },
            ),
        ),
        (
            10,
            lambda i: (
                "THERMOSTAT_AMBIENT_STATUS",
                {
                    "instance": i % 3,
                    "ambient_temperature": 15 + rng.randrange(0, 400) / 32,
                },
            ),
        ),
        (
            10,
            lambda i: (
                "DC_SOURCE_STATUS_1",
                {
                    "instance": i % 3 + 1,
                    "device_priority": "battery_soc",
                    "dc_voltage": 12 + rng.randrange(0, 60) / 20,
                    "dc_current": rng.randrange(-40000, 40000) / 1000,
                },
            ),
        ),
        (
            10,
            lambda i: (
                "DC_SOURCE_STATUS_2",
                {
                    "instance": i % 3 + 1,
                    "device_priority": "battery_soc",
                    "source_temperature": 20 + rng.randrange(0, 100) / 32,
                    "state_of_charge": rng.randrange(0, 201) / 2,
                    "time_remaining": rng.randrange(0, 3000),
                },
            ),
        ),
    ]
    weights = [weight for weight, _ in makers]
    frames = []
    for index in range(count):
        ((_, make),) = rng.choices(makers, weights)
        name, values = make(index)
        frames.append(tuple(encode(spec, name, values, source=0x40 + index % 8)))
    return frames


def all_different(
    frames: list[tuple[int, bytes]], seed: int = 2
) -> list[tuple[int, bytes]]:
    """The mix's identifiers with random data: no two frames alike."""
    rng = random.Random(seed)
    seen: set[tuple[int, bytes]] = set()
    result = []
    for arbitration_id, _ in frames:
        frame = (arbitration_id, rng.randbytes(8))
        if frame not in seen:
            seen.add(frame)
            result.append(frame)
    return result


def measure(frames: list[tuple[int, bytes]]) -> tuple[float, float]:
    spec = load_spec()
    decoder = Decoder(spec)
    decode = decoder.decode
    started = time.process_time()
    for arbitration_id, data in frames:
        decode(arbitration_id, data)
    ours = len(frames) / (time.process_time() - started)
    if decoder.stats.decoded != len(frames):
        raise SystemExit(f"not every frame decoded: {decoder.stats}")

    database = spec.database
    lookup = database.get_message_by_frame_id
    started = time.process_time()
    for arbitration_id, data in frames:
        lookup(arbitration_id).decode(data, decode_choices=False, scaling=False)
    cantools_alone = len(frames) / (time.process_time() - started)
    return ours, cantools_alone


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--frames", type=int, default=300_000)
    args = parser.parse_args()
    started = time.process_time()
    spec = load_spec.__wrapped__()
    loaded = time.process_time() - started
    print(
        f"specification:             {len(spec.messages)} DGNs, loaded in {loaded:.2f} s"
    )
    frames = realistic_frames(args.frames)
    different = all_different(frames)
    measure(frames[:20_000])  # warm caches and plans
    ours, cantools_alone = measure(frames)
    ours_different, cantools_different = measure(different)
    print(
        f"realistic mix:             {len(frames):,} frames ({len(set(frames)):,} distinct)"
    )
    print(f"  our decoder:             {ours:,.0f} frames/s (one core, CPU time)")
    print(f"  cantools alone (raw):    {cantools_alone:,.0f} frames/s")
    print(f"  ratio to cantools:       {ours / cantools_alone:.2f}")
    print(f"all-different frames:      {len(different):,} frames")
    print(f"  our decoder:             {ours_different:,.0f} frames/s")
    print(f"  cantools alone (raw):    {cantools_different:,.0f} frames/s")
    print(f"  ratio to cantools:       {ours_different / cantools_different:.2f}")
    print(
        f"ratio to bus maximum:      {ours_different / BUS_MAXIMUM_FRAMES_PER_SECOND:,.0f}x "
        f"({BUS_MAXIMUM_FRAMES_PER_SECOND} frames/s), all-different frames"
    )
    print(
        f"target {TARGET_FRAMES_PER_SECOND:,} frames/s (mix): "
        f"{'met' if ours >= TARGET_FRAMES_PER_SECOND else 'MISSED'}; "
        f"all-different >= cantools: "
        f"{'met' if ours_different >= cantools_different else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
