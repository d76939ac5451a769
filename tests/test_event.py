"""DM_RV faults: a count per node, and events when one appears or clears."""

from __future__ import annotations

from pathlib import Path
import re
from typing import TYPE_CHECKING, Any

from homeassistant.const import EVENT_STATE_CHANGED, STATE_UNKNOWN
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import (
    async_capture_events,
    async_fire_time_changed,
    async_mock_service,
)
import yaml

from custom_components.rvc.protocol.faults import FAULT_EXPIRY

from .protocol.test_transport import THREE_FAULTS, long_dm_rv

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers import entity_registry as er

    from .kit import BusKit

EVENT = "event.rv_c_node_0x48_fault"
COUNT = "sensor.rv_c_node_0x48_active_faults"


def dm_rv(spn: int = 0, fmi: int = 0, **values: Any) -> dict[str, Any]:
    return {
        "yellow_lamp": "on" if spn else "off",
        "red_lamp": "off",
        "default_source_address": 0x48,
        "spn": spn,
        "fmi": fmi,
        "occurrence_count": 1 if spn else 0,
    } | values


async def test_faults_appear_and_clear(
    hass: HomeAssistant, kit: BusKit, entity_registry: er.EntityRegistry
) -> None:
    await kit.setup()
    await kit.inject("DM_RV", dm_rv(), source=0x48)
    kit.assert_identification_requested(0x48)
    assert hass.states.get(EVENT).state == STATE_UNKNOWN
    assert hass.states.get(COUNT).state == "0"
    assert entity_registry.async_get(COUNT).entity_category == "diagnostic"

    await kit.inject("DM_RV", dm_rv(520, 4, red_lamp="on"), source=0x48)
    event = hass.states.get(EVENT)
    assert event.attributes["event_type"] == "fault_active"
    assert {k: event.attributes[k] for k in ("code", "spn", "fmi", "red_lamp")} == {
        "code": "SPN 520 FMI 4",
        "spn": 520,
        "fmi": 4,
        "red_lamp": True,
    }
    # A node with two faults sends them in turn.
    await kit.inject("DM_RV", dm_rv(96, 1), source=0x48)
    count = hass.states.get(COUNT)
    assert (count.state, count.attributes["faults"]) == (
        "2",
        ["SPN 520 FMI 4", "SPN 96 FMI 1"],
    )
    # The same fault again fires nothing new.
    fired = hass.states.get(EVENT).last_changed
    await kit.inject("DM_RV", dm_rv(96, 1, occurrence_count=2), source=0x48)
    assert hass.states.get(EVENT).last_changed == fired

    # "No fault" clears them all: an event each.
    await kit.inject("DM_RV", dm_rv(), source=0x48)
    event = hass.states.get(EVENT)
    assert (event.attributes["event_type"], event.attributes["code"]) == (
        "fault_cleared",
        "SPN 96 FMI 1",
    )
    assert hass.states.get(COUNT).state == "0"


async def test_a_long_dm_rv_reports_every_fault(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup()
    events = async_capture_events(hass, EVENT_STATE_CHANGED)

    async def send_long_dm_rv(payload: bytes) -> None:
        for arbitration_id, data in long_dm_rv(0x48, payload):
            await kit.inject_frame(arbitration_id, data)

    await kit.inject("DM_RV", dm_rv(), source=0x48)  # the entities appear
    kit.assert_identification_requested(0x48)
    await send_long_dm_rv(THREE_FAULTS)
    codes = ["SPN 520 FMI 4", "SPN 96 FMI 1", "SPN 109517 FMI 12"]
    count = hass.states.get(COUNT)
    assert (count.state, count.attributes["faults"]) == ("3", codes)

    def fired() -> list[tuple[str, str]]:
        states = [event.data["new_state"] for event in events]
        fault_events = [
            s for s in states if s.entity_id == EVENT and "code" in s.attributes
        ]
        events.clear()
        return [
            (s.attributes["event_type"], s.attributes["code"]) for s in fault_events
        ]

    assert fired() == [("fault_active", code) for code in codes]
    # The next long DM_RV lists every active fault: the one it leaves out cleared.
    await send_long_dm_rv(THREE_FAULTS[:12])
    assert hass.states.get(COUNT).attributes["faults"] == codes[:2]
    assert fired() == [("fault_cleared", codes[2])]


async def test_a_fault_not_repeated_expires(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await kit.setup()
    await kit.inject("DM_RV", dm_rv(520, 4), source=0x48)
    kit.assert_identification_requested(0x48)
    assert hass.states.get(COUNT).state == "1"
    freezer.tick(FAULT_EXPIRY + 5)
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    event = hass.states.get(EVENT)
    assert (event.attributes["event_type"], event.attributes["code"]) == (
        "fault_cleared",
        "SPN 520 FMI 4",
    )


def readme_recipe(marker: str) -> dict[str, Any]:
    """The README's automation recipe that contains marker, as YAML."""
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)
    (recipe,) = [block for block in blocks if marker in block]
    return yaml.safe_load(recipe)  # type: ignore[no-any-return]


async def test_the_fault_recipe(hass: HomeAssistant, kit: BusKit, freezer: Any) -> None:
    notifications = async_mock_service(hass, "notify", "mobile_app_phone")
    recipe = readme_recipe("event.power_center_fault")
    recipe["triggers"][0]["entity_id"] = EVENT
    await kit.setup()
    await kit.inject("DM_RV", dm_rv(), source=0x48)
    kit.assert_identification_requested(0x48)
    assert await async_setup_component(
        hass, "automation", {"automation": {"alias": "Faults", **recipe}}
    )
    await kit.inject("DM_RV", dm_rv(520, 4, red_lamp="on"), source=0x48)
    await hass.async_block_till_done()
    (call,) = notifications
    assert " ".join(call.data["message"].split()) == (
        "RV-C node 0x48 fault SPN 520 FMI 4 (red lamp: True)"
    )
    # The node falls silent, then reports the same fault: no second message.
    for _ in range(4):
        freezer.tick(6)
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
    assert hass.states.get(EVENT).state == "unavailable"
    await kit.inject("DM_RV", dm_rv(520, 4, red_lamp="on"), source=0x48)
    await hass.async_block_till_done()
    assert len(notifications) == 1
