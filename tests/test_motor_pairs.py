"""Motors and locks on pairs of DC dimmer channels (Spyder, Firefly and the like)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.lock import LockState
from homeassistant.const import (
    ATTR_ENTITY_ID,
    STATE_CLOSED,
    STATE_CLOSING,
    STATE_OPEN,
    STATE_OPENING,
    STATE_UNKNOWN,
)
from homeassistant.core import State
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import (
    async_fire_time_changed,
    mock_restore_cache,
)

from custom_components.rvc.const import (
    CONF_ALLOW_MOTION,
    CONF_LOADS,
    CONF_NO_CHASSIS,
    CONF_PROFILE,
)
from custom_components.rvc.profile import ProfileError, export_profile, read_profile

from .common import unanswered
from .test_light import dimmer
from .test_profile import options

if TYPE_CHECKING:
    from freezegun.api import FrozenDateTimeFactory
    from homeassistant.core import HomeAssistant

    from .kit import BusKit

AWNING = "cover.patio_awning"
VENT = "cover.bath_vent"
LOCK = "lock.entry_door"
COMMAND = "DC_DIMMER_COMMAND_2"
OFF = {"command": "off_delay", "delay_duration": 0}
LOADS = {
    "dc_dimmer:5": {
        "type": "motor",
        "kind": "awning",
        "retract": 6,
        "travel_time": 20,
        "name": "Patio awning",
    },
    "dc_dimmer:9": {
        "type": "motor",
        "kind": "vent",
        "retract": 10,
        "travel_time": 8,
        "name": "Bath vent",
    },
    "dc_dimmer:7": {"type": "lock", "unlock": 8, "name": "Entry door"},
}
PARKED = {"vehicle_speed": 0, "park_brake": "engaged"}


async def coach(kit: BusKit, *, motion: bool = True) -> None:
    """A Spyder-like controller (0x43) with the pairs' channels all off."""
    await kit.setup(
        options={CONF_LOADS: LOADS, CONF_ALLOW_MOTION: motion, CONF_NO_CHASSIS: True}
    )
    for instance in range(5, 11):
        await kit.inject("DC_DIMMER_STATUS_3", dimmer(instance, 0))
    kit.assert_identification_requested(0x43)


async def channel(kit: BusKit, instance: int, level: float) -> None:
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(instance, level))


async def cover(hass: HomeAssistant, service: str, entity: str, **data: Any) -> None:
    await hass.services.async_call(
        "cover", service, {ATTR_ENTITY_ID: entity, **data}, blocking=True
    )


def on(seconds: int) -> dict[str, Any]:
    return {"command": "on_duration", "desired_level": 100.0, "delay_duration": seconds}


async def test_pairs_are_covers_and_locks_not_lights(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await coach(kit)
    assert hass.states.async_entity_ids("light") == []
    awning = hass.states.get(AWNING)
    assert awning.state == STATE_UNKNOWN  # nothing says where it is yet
    assert awning.attributes["device_class"] == "awning"
    assert hass.states.get(VENT).attributes["device_class"] == "damper"
    assert hass.states.get(LOCK).attributes["assumed_state"] is True


async def test_open_close_stop_frames(
    hass: HomeAssistant, kit: BusKit, freezer: FrozenDateTimeFactory
) -> None:
    await coach(kit)
    # Open: the retract channel off first, then extend on for the travel time.
    await unanswered(hass, freezer, cover(hass, "open_cover", AWNING))
    kit.assert_sent(COMMAND, {"instance": 6, **OFF}, data="06FFFF0300FFFFFF")
    kit.assert_sent(COMMAND, {"instance": 5, **on(20)}, data="05FFC80114FFFFFF")
    await channel(kit, 5, 100)
    assert hass.states.get(AWNING).state == STATE_OPENING
    # Closing while opening: extend off before retract on, never both on.
    await unanswered(hass, freezer, cover(hass, "close_cover", AWNING))
    kit.assert_sent(COMMAND, {"instance": 5, **OFF})
    kit.assert_sent(COMMAND, {"instance": 6, **on(20)})
    await channel(kit, 5, 0)
    await channel(kit, 6, 100)
    assert hass.states.get(AWNING).state == STATE_CLOSING
    await unanswered(hass, freezer, cover(hass, "stop_cover", AWNING))
    kit.assert_sent(COMMAND, {"instance": 5, **OFF})
    kit.assert_sent(COMMAND, {"instance": 6, **OFF})


async def test_position_from_travel_time(
    hass: HomeAssistant, kit: BusKit, freezer: FrozenDateTimeFactory
) -> None:
    await coach(kit)
    # Retracting for the whole travel time: now it is known to be closed.
    await channel(kit, 6, 100)
    freezer.tick(20)
    await channel(kit, 6, 0)
    assert hass.states.get(AWNING).state == STATE_CLOSED
    assert hass.states.get(AWNING).attributes["current_position"] == 0
    # 5 s of 20 extending: a quarter out, while it runs and once it stops.
    await channel(kit, 5, 100)
    freezer.tick(5)
    async_fire_time_changed(hass)  # shown every second while it runs
    await hass.async_block_till_done()
    assert hass.states.get(AWNING).attributes["current_position"] == 25
    freezer.tick(5)
    await channel(kit, 5, 0)
    state = hass.states.get(AWNING)
    assert (state.state, state.attributes["current_position"]) == (STATE_OPEN, 50)
    # To 75 %: extend for 5 s, then stop both.
    await unanswered(
        hass, freezer, cover(hass, "set_cover_position", AWNING, position=75)
    )
    kit.assert_sent(COMMAND, {"instance": 6, **OFF})
    kit.assert_sent(COMMAND, {"instance": 5, **on(5)})
    freezer.tick(5)
    async_fire_time_changed(hass)
    await unanswered(hass, freezer, hass.async_block_till_done())
    kit.assert_sent(COMMAND, {"instance": 5, **OFF})
    kit.assert_sent(COMMAND, {"instance": 6, **OFF})


async def test_position_unknown_refuses_a_middle_position(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await coach(kit)
    with pytest.raises(ServiceValidationError) as err:
        await cover(hass, "set_cover_position", AWNING, position=40)
    assert err.value.translation_key == "motor_position_unknown"


async def test_awning_pair_needs_motion_control(
    hass: HomeAssistant, kit: BusKit, freezer: FrozenDateTimeFactory
) -> None:
    await coach(kit, motion=False)
    with pytest.raises(ServiceValidationError) as err:
        await cover(hass, "open_cover", AWNING)
    assert err.value.translation_key == "motion_control_disabled"
    kit.assert_nothing_sent()
    # Not through the raw action either: the gate knows the channels.
    with pytest.raises(ServiceValidationError):
        await hass.services.async_call(
            "rvc",
            "send_command",
            {
                "config_entry_id": kit.entry.entry_id,
                "dgn": COMMAND,
                "instance": 6,
                "fields": {"command": "set_level", "desired_level": 100},
            },
            blocking=True,
        )
    # Nor as a group command, which may reach the awning's channels.
    with pytest.raises(ServiceValidationError, match="motion") as err:
        await hass.services.async_call(
            "rvc",
            "send_command",
            {
                "config_entry_id": kit.entry.entry_id,
                "dgn": COMMAND,
                "instance": 255,
                "fields": {"group": 0, "command": "on_duration"},
            },
            blocking=True,
        )
    assert err.value.translation_key == "motion_control_disabled"
    # Stopping is always allowed, and a vent lid needs no motion option.
    await unanswered(hass, freezer, cover(hass, "stop_cover", AWNING))
    kit.assert_sent(COMMAND, {"instance": 5, **OFF})
    kit.assert_sent(COMMAND, {"instance": 6, **OFF})
    await unanswered(hass, freezer, cover(hass, "open_cover", VENT))
    kit.assert_sent(COMMAND, {"instance": 10, **OFF})
    kit.assert_sent(COMMAND, {"instance": 9, **on(8)})


async def test_awning_pair_waits_for_a_parked_coach(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup(options={CONF_LOADS: LOADS, CONF_ALLOW_MOTION: True})
    for instance in (5, 6):
        await channel(kit, instance, 0)
    await kit.inject(
        "CHASSIS_MOBILITY_STATUS", {**PARKED, "park_brake": "released"}, source=0x49
    )
    kit.assert_identification_requested(0x43, 0x49)
    with pytest.raises(ServiceValidationError) as err:
        await cover(hass, "open_cover", AWNING)
    assert err.value.translation_key == "park_brake_released"


async def test_lock_pulse(
    hass: HomeAssistant, kit: BusKit, freezer: FrozenDateTimeFactory
) -> None:
    await coach(kit)
    assert hass.states.get(LOCK).state == STATE_UNKNOWN
    lock = hass.services.async_call(
        "lock", "lock", {ATTR_ENTITY_ID: LOCK}, blocking=True
    )
    await unanswered(hass, freezer, lock)
    kit.assert_sent(COMMAND, {"instance": 8, **OFF})
    kit.assert_sent(COMMAND, {"instance": 7, **on(1)})
    assert hass.states.get(LOCK).state == LockState.LOCKED
    # After a second, the lock channel goes off.
    freezer.tick(1)
    async_fire_time_changed(hass)
    await unanswered(hass, freezer, hass.async_block_till_done())
    kit.assert_sent(COMMAND, {"instance": 7, **OFF})
    unlock = hass.services.async_call(
        "lock", "unlock", {ATTR_ENTITY_ID: LOCK}, blocking=True
    )
    await unanswered(hass, freezer, unlock)
    kit.assert_sent(COMMAND, {"instance": 7, **OFF})
    kit.assert_sent(COMMAND, {"instance": 8, **on(1)})
    assert hass.states.get(LOCK).state == LockState.UNLOCKED
    freezer.tick(1)
    async_fire_time_changed(hass)
    await unanswered(hass, freezer, hass.async_block_till_done())
    kit.assert_sent(COMMAND, {"instance": 8, **OFF})


PROFILE = """
rvc_profile: 1
loads:
  dc_dimmer 5: {name: Patio awning, type: motor, kind: awning, retract: 6,
                travel_time: 20}
  dc_dimmer 7: {name: Entry door, type: lock, unlock: 8, area: Entry}
  dc_dimmer 3: {type: light}
"""


def test_profile_reads_motors_and_locks() -> None:
    loads = read_profile(PROFILE).loads
    assert loads["dc_dimmer:5"] == {
        "name": "Patio awning",
        "type": "motor",
        "kind": "awning",
        "retract": 6,
        "travel_time": 20.0,
    }
    assert loads["dc_dimmer:7"] == {
        "name": "Entry door",
        "type": "lock",
        "unlock": 8,
        "area": "Entry",
    }
    assert read_profile(export_profile(loads)).loads == loads


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "loads:\n  dc_load 5: {type: lock, unlock: 6}",
            "a lock is a pair of dc_dimmer channels",
        ),
        (
            "loads:\n  dc_dimmer 5: {type: motor, retract: 6, kind: awning}",
            "travel_time",
        ),
        (
            "loads:\n  dc_dimmer 5: {type: motor, retract: 6, kind: boat, travel_time: 9}",
            "kind",
        ),
        (
            "loads:\n  dc_dimmer 5: {type: motor, retract: 6, kind: vent, travel_time: 900}",
            "travel_time",
        ),
        ("loads:\n  dc_dimmer 5: {type: lock, unlock: 5}", "channel 5 is already"),
        (
            "loads:\n  dc_dimmer 5: {type: lock, unlock: 6}\n  dc_dimmer 6: {type: light}",
            "channel 6 is already",
        ),
        (
            "loads:\n  dc_dimmer 5: {type: lock, unlock: 6}\n  dc_dimmer 7: {type: lock, unlock: 6}",
            "channel 6 is already",
        ),
    ],
)
def test_profile_pair_errors_say_where(text: str, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        read_profile(text)


async def test_importing_a_pair_turns_its_lights_into_a_cover(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup()
    for instance in (5, 6):
        await channel(kit, instance, 0)
    kit.assert_identification_requested(0x43)
    assert len(hass.states.async_entity_ids("light")) == 2
    result = await options(hass, kit, **{CONF_PROFILE: "import"})
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_PROFILE: PROFILE}
    )
    assert result["step_id"] == "profile_apply"  # what it sets, to confirm
    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()  # the entry reloads
    kit.assert_address_claimed(0xF9)
    for instance in (5, 6):
        await channel(kit, instance, 0)
    kit.assert_identification_requested(0x43)
    assert hass.states.get(AWNING) is not None
    assert [
        entity_id
        for entity_id in hass.states.async_entity_ids("light")
        if hass.states.get(entity_id).state != "unavailable"
    ] == []


async def test_options_add_a_motor_and_a_lock(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup(options={CONF_LOADS: {"dc_dimmer:6": {"type": "light"}}})
    result = await options(hass, kit, **{CONF_PROFILE: "add_motor"})
    assert result["step_id"] == "motor"
    motor = {"extend": 5, "retract": 6, "kind": "vent", "travel_time": 8}
    # Both directions on one channel: refused, with the reason.
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**motor, "retract": 5}
    )
    assert result["errors"] == {"base": "invalid_pair"}
    assert "channel 5 is already in use" in result["description_placeholders"]["error"]
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**motor, "name": "Bath vent"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()  # the entry reloads
    kit.assert_address_claimed(0xF9)
    # The retract channel's own setting went: it is part of the pair.
    assert kit.entry.options[CONF_LOADS] == {
        "dc_dimmer:5": {
            "type": "motor",
            "retract": 6,
            "kind": "vent",
            "travel_time": 8.0,
            "name": "Bath vent",
        }
    }
    result = await options(hass, kit, **{CONF_PROFILE: "add_lock"})
    assert result["step_id"] == "lock_pair"
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"lock": 7, "unlock": 6}
    )
    assert result["errors"] == {"base": "invalid_pair"}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"lock": 7, "unlock": 8}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    kit.assert_address_claimed(0xF9)
    assert kit.entry.options[CONF_LOADS]["dc_dimmer:7"] == {"type": "lock", "unlock": 8}
    for instance in (5, 6, 7, 8):
        await channel(kit, instance, 0)
    kit.assert_identification_requested(0x43)
    assert hass.states.get(VENT) is not None
    assert hass.states.get("lock.lock_dimmers_7") is not None
    assert hass.states.async_entity_ids("light") == []


async def test_position_survives_a_restart(hass: HomeAssistant, kit: BusKit) -> None:
    mock_restore_cache(hass, [State(AWNING, STATE_OPEN, {"current_position": 40})])
    await coach(kit)
    state = hass.states.get(AWNING)
    assert (state.state, state.attributes["current_position"]) == (STATE_OPEN, 40)
