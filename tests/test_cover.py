"""Covers: roof fan lids, and awnings and slide-outs behind motion control."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.homeassistant.const import DATA_EXPOSED_ENTITIES
from homeassistant.components.homeassistant.exposed_entities import (
    KNOWN_ASSISTANTS,
    async_expose_entity,
    async_should_expose,
)
from homeassistant.const import (
    ATTR_ENTITY_ID,
    STATE_CLOSED,
    STATE_CLOSING,
    STATE_OPEN,
    STATE_OPENING,
    STATE_UNKNOWN,
)
from homeassistant.exceptions import ServiceValidationError
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.rvc.const import CONF_ALLOW_MOTION, CONF_NO_CHASSIS

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers import entity_registry as er

    from .kit import BusKit

LID = "cover.roof_fan_1_lid"
AWNING = "cover.awning_1"
SLIDE = "cover.slide_out_2"
PARKED = {"vehicle_speed": 0, "park_brake": "engaged"}


async def call(hass: HomeAssistant, service: str, entity_id: str, **data: Any) -> None:
    await hass.services.async_call(
        "cover", service, {ATTR_ENTITY_ID: entity_id, **data}, blocking=True
    )


async def test_lid_state(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject(
        "ROOF_FAN_STATUS_1", {"instance": 1, "dome_position": "half_open"}, source=0x4B
    )
    kit.assert_identification_requested(0x4B)
    state = hass.states.get(LID)
    assert (state.state, state.attributes["current_position"]) == (STATE_OPEN, 50)
    assert state.attributes["device_class"] == "damper"
    await kit.inject(
        "ROOF_FAN_STATUS_1", {"instance": 1, "dome_position": "closed"}, source=0x4B
    )
    assert hass.states.get(LID).state == STATE_CLOSED
    await kit.inject(
        "ROOF_FAN_STATUS_1", {"instance": 1, "dome_position": None}, source=0x4B
    )
    assert hass.states.get(LID).state == STATE_UNKNOWN


async def test_two_roof_fans_on_one_node_have_two_lid_names(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup()
    for instance in (1, 2):
        await kit.inject(
            "ROOF_FAN_STATUS_1",
            {"instance": instance, "dome_position": "closed"},
            source=0x4B,
        )
    kit.assert_identification_requested(0x4B)
    names = {
        state.attributes["friendly_name"] for state in hass.states.async_all("cover")
    }
    assert names == {"RV-C node 0x4b Roof fan 1 lid", "RV-C node 0x4b Roof fan 2 lid"}


@pytest.mark.parametrize(
    ("service", "data", "expected"),
    [
        ("open_cover", {}, "open"),
        ("close_cover", {}, "closed"),
        ("stop_cover", {}, "stop"),
        ("set_cover_position", {"position": 60}, "half_open"),
        ("set_cover_position", {"position": 70}, "three_quarters_open"),
    ],
)
async def test_lid_commands(
    hass: HomeAssistant,
    kit: BusKit,
    service: str,
    data: dict[str, Any],
    expected: str,
) -> None:
    await kit.setup()
    await kit.inject(
        "ROOF_FAN_STATUS_1", {"instance": 1, "dome_position": "closed"}, source=0x4B
    )
    kit.assert_identification_requested(0x4B)
    await call(hass, service, LID, **data)
    kit.assert_sent(
        "ROOF_FAN_COMMAND_1",
        {"instance": 1, "dome_position": expected, "system_status": None},
    )


async def awning_and_slide(
    kit: BusKit, *, chassis: dict[str, Any] | None = PARKED, no_chassis: bool = False
) -> None:
    await kit.setup(options={CONF_ALLOW_MOTION: True, CONF_NO_CHASSIS: no_chassis})
    await kit.inject(
        "AWNING_STATUS",
        {"instance": 1, "motion": "extending", "position": 40},
        source=0x4E,
    )
    await kit.inject(
        "SLIDE_STATUS",
        {"instance": 2, "motion": "no_motion", "position": 0},
        source=0x4F,
    )
    sources = [0x4E, 0x4F]
    if chassis is not None:
        await kit.inject("CHASSIS_MOBILITY_STATUS", chassis, source=0x49)
        sources.append(0x49)
    kit.assert_identification_requested(*sources)


async def test_motion_covers_only_with_the_option(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup()
    await kit.inject(
        "AWNING_STATUS",
        {"instance": 1, "motion": "no_motion", "position": 0},
        source=0x4E,
    )
    kit.assert_identification_requested(0x4E)
    assert hass.states.get(AWNING) is None


async def test_awning_and_slide_state(
    hass: HomeAssistant, kit: BusKit, entity_registry: er.EntityRegistry
) -> None:
    # An owner whose cloud assistant takes every new entity.
    await async_setup_component(hass, "homeassistant", {})
    hass.data[DATA_EXPOSED_ENTITIES].async_set_expose_new_entities("cloud.alexa", True)
    await awning_and_slide(kit)
    # Not for any voice assistant until the owner says so; the lid is.
    for entity_id in (AWNING, SLIDE):
        for assistant in KNOWN_ASSISTANTS:
            assert not async_should_expose(hass, assistant, entity_id), assistant
    await kit.inject(
        "ROOF_FAN_STATUS_1", {"instance": 1, "dome_position": "closed"}, source=0x4B
    )
    await kit.wait_for_frames(1)  # identification requests are paced
    kit.assert_identification_requested(0x4B)
    assert async_should_expose(hass, "conversation", LID)
    assert async_should_expose(hass, "cloud.alexa", LID)
    awning = hass.states.get(AWNING)
    assert (awning.state, awning.attributes["current_position"]) == (STATE_OPENING, 40)
    assert awning.attributes["device_class"] == "awning"
    assert hass.states.get(SLIDE).state == STATE_CLOSED
    await kit.inject(
        "SLIDE_STATUS",
        {"instance": 2, "motion": "retracting", "position": 30},
        source=0x4F,
    )
    assert hass.states.get(SLIDE).state == STATE_CLOSING
    await kit.inject(
        "AWNING_STATUS",
        {"instance": 1, "motion": "no_motion", "position": 100},
        source=0x4E,
    )
    assert hass.states.get(AWNING).state == STATE_OPEN
    await kit.inject(
        "AWNING_STATUS", {"instance": 1, "motion": None, "position": None}, source=0x4E
    )
    assert hass.states.get(AWNING).state == STATE_UNKNOWN


@pytest.mark.parametrize(
    ("entity_id", "call_data", "sent"),
    [
        # Table 6.38.3b: direction is byte 2; byte 1 (user lock...) stays "no change".
        (AWNING, ("open_cover", {}), ("AWNING_COMMAND", {"direction": "extend", "position": None, "user_lock": None})),
        (AWNING, ("close_cover", {}), ("AWNING_COMMAND", {"direction": "retract"})),
        (AWNING, ("stop_cover", {}), ("AWNING_COMMAND", {"direction": "stop"})),
        (AWNING, ("set_cover_position", {"position": 30}), ("AWNING_COMMAND", {"direction": None, "position": 30.0})),
        (SLIDE, ("open_cover", {}), ("SLIDE_COMMAND", {"direction": "extend", "user_lock": None})),
        (SLIDE, ("close_cover", {}), ("SLIDE_COMMAND", {"direction": "retract"})),
        (SLIDE, ("stop_cover", {}), ("SLIDE_COMMAND", {"direction": "stop"})),
    ],
)  # fmt: skip
async def test_commands_when_parked(
    hass: HomeAssistant,
    kit: BusKit,
    entity_id: str,
    call_data: tuple[str, dict[str, Any]],
    sent: tuple[str, dict[str, Any]],
) -> None:
    await awning_and_slide(kit)
    service, data = call_data
    await call(hass, service, entity_id, **data)
    dgn, expected = sent
    instance = 1 if entity_id == AWNING else 2
    kit.assert_sent(dgn, {"instance": instance, **expected})


async def test_a_coach_without_chassis_node_may_move(
    hass: HomeAssistant, kit: BusKit
) -> None:
    """The owner said so in the options: no chassis frame is awaited."""
    await awning_and_slide(kit, chassis=None, no_chassis=True)
    await call(hass, "open_cover", SLIDE)
    kit.assert_sent("SLIDE_COMMAND", {"instance": 2, "direction": "extend"})


async def test_motion_waits_for_the_chassis_after_a_restart(
    hass: HomeAssistant, kit: BusKit
) -> None:
    """Issue #17: right after setup, before the chassis spoke, nothing moves."""
    await awning_and_slide(kit, chassis=None)
    with pytest.raises(ServiceValidationError) as raised:
        await call(hass, "open_cover", SLIDE)
    assert raised.value.translation_key == "chassis_unknown"
    kit.assert_nothing_sent()
    await kit.inject("CHASSIS_MOBILITY_STATUS", PARKED, source=0x49)
    kit.assert_identification_requested(0x49)
    await call(hass, "open_cover", SLIDE)
    kit.assert_sent("SLIDE_COMMAND", {"instance": 2, "direction": "extend"})


@pytest.mark.parametrize(
    ("chassis", "reason"),
    [
        ({"vehicle_speed": 8.5, "park_brake": "engaged"}, "coach_moving"),
        ({"vehicle_speed": 0, "park_brake": "released"}, "park_brake_released"),
        ({"vehicle_speed": None, "park_brake": None}, "chassis_unknown"),
    ],
)
async def test_no_motion_unless_parked(
    hass: HomeAssistant, kit: BusKit, chassis: dict[str, Any], reason: str
) -> None:
    await awning_and_slide(kit, chassis=chassis)
    for entity_id, service, data in (
        (AWNING, "open_cover", {}),
        (AWNING, "set_cover_position", {"position": 50}),
        (SLIDE, "close_cover", {}),
    ):
        with pytest.raises(ServiceValidationError) as raised:
            await call(hass, service, entity_id, **data)
        assert raised.value.translation_key == reason
        assert raised.value.translation_placeholders == {"entity": entity_id}
    # Stopping is always allowed.
    await call(hass, "stop_cover", SLIDE)
    kit.assert_sent("SLIDE_COMMAND", {"instance": 2, "direction": "stop"})


async def test_no_motion_when_the_chassis_went_silent(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await awning_and_slide(kit)
    for _ in range(6):
        freezer.tick(5)
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
    # The slide reports again; the chassis stays silent.
    await kit.inject(
        "SLIDE_STATUS",
        {"instance": 2, "motion": "no_motion", "position": 0},
        source=0x4F,
    )
    with pytest.raises(ServiceValidationError) as raised:
        await call(hass, "open_cover", SLIDE)
    assert raised.value.translation_key == "chassis_unknown"


async def test_turning_motion_control_off_removes_the_covers(
    hass: HomeAssistant, kit: BusKit, entity_registry: er.EntityRegistry
) -> None:
    await awning_and_slide(kit)
    assert entity_registry.async_get(AWNING) is not None
    entry = kit.entry
    assert entry is not None
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, CONF_ALLOW_MOTION: False}
    )
    await hass.async_block_till_done()
    kit.assert_address_claimed(0xF9)
    assert entity_registry.async_get(AWNING) is None
    assert entity_registry.async_get(SLIDE) is None
    # The coordinator refuses motion on its own too.
    assert kit.coordinator.gate.motion_refusal() == "motion_control_disabled"


async def test_the_owners_voice_choice_is_kept(
    hass: HomeAssistant, kit: BusKit, entity_registry: er.EntityRegistry
) -> None:
    await awning_and_slide(kit)
    async_expose_entity(hass, "conversation", AWNING, True)
    assert kit.entry is not None
    assert await hass.config_entries.async_reload(kit.entry.entry_id)
    await hass.async_block_till_done()
    kit.assert_address_claimed(0xF9)
    await kit.inject(
        "AWNING_STATUS",
        {"instance": 1, "motion": "no_motion", "position": 0},
        source=0x4E,
    )
    kit.assert_identification_requested(0x4E)
    assert entity_registry.async_get(AWNING).options["conversation"] == {
        "should_expose": True
    }
