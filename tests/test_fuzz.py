"""A million bad frames through the coordinator: no crash, no bogus value, bounded.

The frames go through the same callback python-can's reader calls, in a real
Home Assistant with the integration's entities: random identifiers and
payloads, mutations of every status the simulated coach sends (wrong lengths,
flipped bits, reserved, error and not-available values, other sources), and
multi-packet sessions cut short or out of order.
"""

from __future__ import annotations

import asyncio
import math
import random
from typing import TYPE_CHECKING

import can
from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN

from custom_components.rvc.const import MAX_INSTANCES
from custom_components.rvc.protocol import encode
from custom_components.rvc.protocol.decode import (
    MAX_CACHED_IDENTIFIERS,
    MAX_TRACKED_UNKNOWN_DGNS,
)
from custom_components.rvc.protocol.faults import MAX_FAULTS_PER_NODE
from custom_components.rvc.protocol.simulator import typical_coach
from custom_components.rvc.protocol.transport import DEFAULT_MAX_SESSIONS

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit

FRAMES = 1_000_000
SEED = 20261124
TP_CM, TP_DT = 0x1CECFF00, 0x1CEBFF00
SPECIAL_BYTES = (0x00, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF)


def valid_frames(kit: BusKit) -> list[tuple[int, bytes]]:
    """Every status the simulated coach sends, as frames."""
    frames = []
    for node in typical_coach():
        for name, values in [*node.statuses(), node.diagnostic()]:
            frame = encode(kit.spec, name, values, source=node.source)
            frames.append((frame.arbitration_id, frame.data))
    return frames


def bad_frames(
    valid: list[tuple[int, bytes]], count: int, seed: int
) -> list[can.Message]:
    rng = random.Random(seed)  # noqa: S311 - reproducible, not secret
    messages = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.3:  # anything at all
            arbitration_id = rng.getrandbits(29)
            data = rng.randbytes(rng.randint(0, 8))
        elif kind < 0.9:  # a real status, mangled
            arbitration_id, data = rng.choice(valid)
            payload = bytearray(data)
            for _ in range(rng.randint(1, 3)):
                position = rng.randrange(len(payload))
                payload[position] = (
                    rng.choice(SPECIAL_BYTES)
                    if rng.random() < 0.5
                    else rng.getrandbits(8)
                )
            if rng.random() < 0.2:
                del payload[rng.randint(0, 7) :]
            if rng.random() < 0.1:
                arbitration_id = (arbitration_id & ~0xFF) | rng.getrandbits(8)
            data = bytes(payload)
        elif kind < 0.95:  # a multi-packet announcement, any size or DGN
            source = rng.getrandbits(8)
            size = rng.randint(0, 2000)
            dgn = rng.choice((0x0FEEB, 0x1FECA, rng.getrandbits(17)))
            data = bytes(
                [32, size & 0xFF, size >> 8, rng.randint(0, 255), 0xFF]
            ) + dgn.to_bytes(3, "little")
            arbitration_id = TP_CM | source
        else:  # its packets, in any order, some missing
            arbitration_id = TP_DT | rng.getrandbits(8)
            data = bytes([rng.randint(0, 255)]) + rng.randbytes(rng.randint(0, 7))
        messages.append(
            can.Message(arbitration_id=arbitration_id, data=data, is_extended_id=True)
        )
    return messages


async def test_a_million_bad_frames(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup(options={"read_only": True})
    coordinator = kit.coordinator
    deliver = coordinator.node._on_message  # what the bus reader calls
    decoder = coordinator.decoder
    before = decoder.stats.frames
    valid = valid_frames(kit)
    chunk = 50_000
    for number in range(FRAMES // chunk):
        for message in bad_frames(valid, chunk, SEED + number):
            deliver(message)
        await asyncio.sleep(0)  # let entities write their states
    await hass.async_block_till_done()
    stats = decoder.stats
    assert stats.frames - before == FRAMES
    assert stats.malformed > 0
    assert stats.unknown > 0
    assert stats.decoded > 0

    # Bookkeeping stays within its hard limits.
    assert len(decoder._plans) <= MAX_CACHED_IDENTIFIERS
    assert len(stats.unknown_dgns) <= MAX_TRACKED_UNKNOWN_DGNS
    assert len(decoder.reassembler._sessions) <= DEFAULT_MAX_SESSIONS
    assert len(coordinator.states) <= MAX_INSTANCES
    assert len(coordinator.nodes) <= 256
    assert all(
        len(tracker.active) <= MAX_FAULTS_PER_NODE
        for tracker in coordinator.faults.trackers.values()
    )

    # No entity shows a value it could not have.
    checked = 0
    for state in hass.states.async_all():
        if state.state in (STATE_UNKNOWN, STATE_UNAVAILABLE) or state.domain not in (
            "sensor",
            "light",
            "fan",
            "cover",
        ):
            continue
        unit = state.attributes.get("unit_of_measurement")
        if state.domain == "sensor" and unit is not None:
            value = float(state.state)
            assert math.isfinite(value), state
            if unit == "%":
                assert 0 <= value <= 100, state
            checked += 1
        if (brightness := state.attributes.get("brightness")) is not None:
            assert 0 <= brightness <= 255, state
        if (percentage := state.attributes.get("percentage")) is not None:
            assert 0 <= percentage <= 100, state
        if (position := state.attributes.get("current_position")) is not None:
            assert 0 <= position <= 100, state
    assert checked > 0
