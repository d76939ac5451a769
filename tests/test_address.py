"""A well-behaved node: it claims an address, defends or moves, else keeps quiet."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.rvc.const import DOMAIN
from custom_components.rvc.protocol.address import AddressClaimer, name_fields

from .test_light import ENTITY, dimmer

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers import issue_registry as ir

    from .kit import BusKit

ADDRESS_CLAIMED = 0x0EE00
# The lowest NAME there is but for "arbitrary address capable": it wins.
LOWEST_NAME = dict.fromkeys(name_fields("any"), 0)
HIGHEST_NAME = {
    "identity_number": 0x1FFFFF, "manufacturer_code": 0x7FF, "ecu_instance": 7,
    "function_instance": 31, "function": 255, "vehicle_system": 127,
    "vehicle_system_instance": 15, "industry_group": 7, "arbitrary_address_capable": 1,
}  # fmt: skip


async def a_coach_talks(hass: HomeAssistant, kit: BusKit, freezer: Any) -> None:
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    await kit.inject("TANK_STATUS", {"instance": 0, "relative_level": 3}, source=0x45)
    await kit.inject("DM_RV", {"spn": 520, "fmi": 4}, source=0x48)
    for _ in range(10):  # a minute: availability checks, faults expire
        freezer.tick(6)
        async_fire_time_changed(hass)
        await hass.async_block_till_done()


async def test_left_alone_it_sends_only_its_claim_and_requests(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await kit.setup()  # asserts the address claim
    await a_coach_talks(hass, kit, freezer)
    kit.assert_identification_requested(0x43, 0x45, 0x48)
    await kit.unload()
    kit.assert_nothing_sent()


async def test_read_only_sends_nothing_at_all(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await kit.setup(options={"read_only": True})
    await a_coach_talks(hass, kit, freezer)
    await kit.inject("ISO_REQUEST", {"requested_dgn": ADDRESS_CLAIMED}, source=0x60)
    await kit.inject("ADDRESS_CLAIMED", LOWEST_NAME, source=0xF9)
    await kit.unload()
    kit.assert_nothing_sent()


async def test_claim_answers_requests_for_it(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject("ISO_REQUEST", {"requested_dgn": ADDRESS_CLAIMED}, source=0x60)
    kit.assert_identification_requested(0x60)
    kit.assert_address_claimed(0xF9)
    await kit.inject(
        "ISO_REQUEST", {"requested_dgn": ADDRESS_CLAIMED}, source=0x60, destination=0xF9
    )
    kit.assert_address_claimed(0xF9)
    # Asked of another node: not our business.
    await kit.inject(
        "ISO_REQUEST", {"requested_dgn": ADDRESS_CLAIMED}, source=0x60, destination=0x10
    )
    kit.assert_nothing_sent()


async def test_a_higher_name_is_defended(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject("ADDRESS_CLAIMED", HIGHEST_NAME, source=0xF9)
    kit.assert_identification_requested(0xF9)
    kit.assert_address_claimed(0xF9)
    assert kit.coordinator.node.claimer.address == 0xF9


async def test_a_lower_name_makes_it_move(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject("ADDRESS_CLAIMED", LOWEST_NAME, source=0xF9)
    kit.assert_identification_requested(0xF9)
    kit.assert_address_claimed(0xFA)
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)
    await hass.services.async_call(
        "light", "turn_off", {ATTR_ENTITY_ID: ENTITY}, blocking=True
    )
    assert kit.assert_sent("DC_DIMMER_COMMAND_2").source == 0xFA


async def test_no_address_left_means_silence_and_a_repair_issue(
    hass: HomeAssistant, kit: BusKit, issue_registry: ir.IssueRegistry, freezer: Any
) -> None:
    await kit.setup()
    coordinator = kit.coordinator
    # A bus where only our first address was ever free.
    coordinator.node.claimer = AddressClaimer(
        kit.spec, name_fields(coordinator.entry_id), preferred=(0xF9,)
    )
    await kit.inject("ADDRESS_CLAIMED", LOWEST_NAME, source=0xF9)
    kit.assert_identification_requested(0xF9)
    # "Cannot claim", from the null address, after J1939-81's random delay.
    freezer.tick(0.2)
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    kit.assert_address_claimed(0xFE)
    issue = issue_registry.async_get_issue(DOMAIN, f"address_lost_{kit.entry.entry_id}")
    assert issue is not None
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))  # not even a request
    with pytest.raises(HomeAssistantError) as raised:
        await hass.services.async_call(
            "light", "turn_off", {ATTR_ENTITY_ID: ENTITY}, blocking=True
        )
    assert raised.value.translation_key == "address_lost"
    await kit.unload()
    assert issue_registry.async_get_issue(DOMAIN, issue.issue_id) is None
