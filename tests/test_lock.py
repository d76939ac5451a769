"""Locks: door locks (DOOR_STATUS / DOOR_COMMAND, RV-C 6.40), state and commands."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.lock import DOMAIN as LOCK_DOMAIN, LockState
from homeassistant.const import (
    ATTR_ENTITY_ID,
    SERVICE_LOCK,
    SERVICE_UNLOCK,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
)
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.rvc.const import CONF_READ_ONLY

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit

LOCK = "lock.door_lock_1"
# A door controller's default source address: 135 (RV-C table 6.40.1).
DOOR_NODE = 0x87
DOOR_STATUS_ID = 0x19FEE587


def door(lock_status: str | None) -> dict[str, Any]:
    return {"instance": 1, "lock_status": lock_status, "motion": "no_motion"}


async def seen_door(kit: BusKit, lock_status: str | None = "unlocked") -> None:
    await kit.setup()
    await kit.inject("DOOR_STATUS", door(lock_status), source=DOOR_NODE)
    kit.assert_identification_requested(DOOR_NODE)


async def call(hass: HomeAssistant, service: str) -> None:
    await hass.services.async_call(
        LOCK_DOMAIN, service, {ATTR_ENTITY_ID: LOCK}, blocking=True
    )


async def test_lock_and_unlock(hass: HomeAssistant, kit: BusKit) -> None:
    """Lock and unlock go out as DOOR_COMMAND; the status is the state."""
    await seen_door(kit)
    state = hass.states.get(LOCK)
    assert state.state == LockState.UNLOCKED
    assert state.attributes["friendly_name"] == "RV-C node 0x87 Door lock 1"

    await call(hass, SERVICE_LOCK)
    # Table 6.40.3b: door 1, lock command 01b; the door's own command stays
    # "no action" (FFh), so locking needs no motion option.
    kit.assert_sent(
        "DOOR_COMMAND",
        {"instance": 1, "lock_command": "lock", "command": None},
        data="01FDFFFFFFFFFFFF",
        source=0xF9,
    )
    # Shown as the door reports it, not as asked.
    assert hass.states.get(LOCK).state == LockState.UNLOCKED
    await kit.inject("DOOR_STATUS", door("locked"), source=DOOR_NODE)
    assert hass.states.get(LOCK).state == LockState.LOCKED

    await call(hass, SERVICE_UNLOCK)
    kit.assert_sent(
        "DOOR_COMMAND",
        {"instance": 1, "lock_command": "unlock", "command": None},
        data="01FCFFFFFFFFFFFF",
    )
    await kit.inject("DOOR_STATUS", door("unlocked"), source=DOOR_NODE)
    assert hass.states.get(LOCK).state == LockState.UNLOCKED


@pytest.mark.parametrize(
    ("byte_1", "expected"),
    [
        (0xFD, LockState.LOCKED),
        (0xFE, LockState.JAMMED),  # 10b: the lock reports an error
        (0xFF, STATE_UNKNOWN),  # 11b: not available
    ],
)
async def test_lock_status_codes(
    hass: HomeAssistant, kit: BusKit, byte_1: int, expected: str
) -> None:
    await seen_door(kit)
    # Table 6.40.2b: byte 1 bits 0-1 are the lock status.
    await kit.inject_frame(
        DOOR_STATUS_ID, bytes([1, byte_1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
    )
    assert hass.states.get(LOCK).state == expected


async def test_a_door_that_never_says_is_unknown(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await seen_door(kit, lock_status=None)
    assert hass.states.get(LOCK).state == STATE_UNKNOWN


async def test_read_only_refuses(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup(options={CONF_READ_ONLY: True})
    await kit.inject("DOOR_STATUS", door("locked"), source=DOOR_NODE)
    with pytest.raises(ServiceValidationError) as caught:
        await call(hass, SERVICE_UNLOCK)
    assert caught.value.translation_key == "read_only"
    assert "read-only" in str(caught.value)
    kit.assert_nothing_sent()
    assert hass.states.get(LOCK).state == LockState.LOCKED


async def test_silent_door_becomes_unavailable(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await seen_door(kit, lock_status="locked")
    for _ in range(4):  # timeout 15 s, checked every 5 s
        freezer.tick(5)
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
    assert hass.states.get(LOCK).state == STATE_UNAVAILABLE
    await kit.inject("DOOR_STATUS", door("locked"), source=DOOR_NODE)
    assert hass.states.get(LOCK).state == LockState.LOCKED


async def test_each_door_its_own_lock(hass: HomeAssistant, kit: BusKit) -> None:
    """Updates go to the (family, instance) they describe only."""
    await seen_door(kit, lock_status="locked")
    await kit.inject(
        "DOOR_STATUS",
        {"instance": 2, "lock_status": "unlocked", "motion": "no_motion"},
        source=DOOR_NODE,
    )
    assert hass.states.get(LOCK).state == LockState.LOCKED
    assert hass.states.get("lock.door_lock_2").state == LockState.UNLOCKED
