"""One gate to the bus: entities and the send_command action pass the same checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.exceptions import ServiceValidationError
import pytest

from custom_components.rvc.const import (
    CONF_ALLOW_GENERATOR,
    CONF_ALLOW_MOTION,
    CONF_NO_CHASSIS,
)

from .test_services import send

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit

EXTEND = {"dgn": "SLIDE_COMMAND", "instance": 2, "fields": {"direction": "extend"}}
PARKED = {"vehicle_speed": 0, "park_brake": "engaged"}


async def refused(hass: HomeAssistant, kit: BusKit, **data: Any) -> str:
    assert kit.entry is not None
    with pytest.raises(ServiceValidationError) as raised:
        await send(hass, kit.entry.entry_id, **data)
    kit.assert_nothing_sent()
    return str(raised.value.translation_key)


async def test_slide_extend_needs_the_motion_option(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup()
    await kit.inject("CHASSIS_MOBILITY_STATUS", PARKED, source=0x49)
    kit.assert_identification_requested(0x49)
    assert await refused(hass, kit, **EXTEND) == "motion_control_disabled"


async def test_slide_extend_needs_the_park_brake(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup(options={CONF_ALLOW_MOTION: True})
    await kit.inject(
        "CHASSIS_MOBILITY_STATUS",
        {"vehicle_speed": 0, "park_brake": "released"},
        source=0x49,
    )
    kit.assert_identification_requested(0x49)
    assert await refused(hass, kit, **EXTEND) == "park_brake_released"


async def test_motion_waits_for_the_chassis_since_start(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup(options={CONF_ALLOW_MOTION: True})
    assert await refused(hass, kit, **EXTEND) == "chassis_unknown"
    await kit.inject("CHASSIS_MOBILITY_STATUS", PARKED, source=0x49)
    kit.assert_identification_requested(0x49)
    await send(hass, kit.entry.entry_id, **EXTEND)  # type: ignore[union-attr]
    kit.assert_sent("SLIDE_COMMAND", {"instance": 2, "direction": "extend"})


async def test_no_chassis_option_allows_motion_at_once(
    hass: HomeAssistant, kit: BusKit
) -> None:
    entry = await kit.setup(options={CONF_ALLOW_MOTION: True, CONF_NO_CHASSIS: True})
    await send(hass, entry.entry_id, **EXTEND)
    kit.assert_sent("SLIDE_COMMAND", {"instance": 2, "direction": "extend"})


async def test_a_stop_is_always_allowed(hass: HomeAssistant, kit: BusKit) -> None:
    entry = await kit.setup()
    await send(hass, entry.entry_id, **EXTEND | {"fields": {"direction": "stop"}})
    kit.assert_sent("SLIDE_COMMAND", {"instance": 2, "direction": "stop"})


@pytest.mark.parametrize("no_action", [None, "no_action", 0])
async def test_a_door_lock_moves_nothing(
    hass: HomeAssistant, kit: BusKit, no_action: str | int | None
) -> None:
    """DOOR_COMMAND moves a door only with an action (table 6.40.3b)."""
    entry = await kit.setup()
    door = {"dgn": "DOOR_COMMAND", "instance": 1}
    fields: dict[str, Any] = {"lock_command": "lock"}
    if no_action is not None:
        fields["command"] = no_action
    await send(hass, entry.entry_id, **door | {"fields": fields})
    kit.assert_sent("DOOR_COMMAND", {"instance": 1, "lock_command": "lock"})
    for action in ("open", "close", 1):
        opening = door | {"fields": {"lock_command": "unlock", "command": action}}
        assert await refused(hass, kit, **opening) == "motion_control_disabled"


async def test_generator_start_needs_the_generator_option(
    hass: HomeAssistant, kit: BusKit
) -> None:
    start = {"dgn": "GENERATOR_COMMAND", "fields": {"command": "start"}}
    await kit.setup()
    assert await refused(hass, kit, **start) == "generator_control_disabled"
    await kit.unload()
    kit.close()
    entry = await kit.setup(options={CONF_ALLOW_GENERATOR: True})
    await send(hass, entry.entry_id, **start)
    kit.assert_sent("GENERATOR_COMMAND", {"command": "start"})


async def test_read_only_refuses_even_a_stop(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup(options={"read_only": True})
    data = EXTEND | {"fields": {"direction": "stop"}}
    assert await refused(hass, kit, **data) == "read_only"
