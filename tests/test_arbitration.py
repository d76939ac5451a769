"""Several reporters of one instance: the highest device priority is followed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.rvc.diagnostics import async_get_config_entry_diagnostics

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit

MONITOR, CHARGER = 0x46, 0x47
VOLTAGE = "sensor.house_battery_voltage"


def status(priority: str, volts: float) -> dict[str, Any]:
    return {
        "instance": 1,
        "device_priority": priority,
        "dc_voltage": volts,
        "dc_current": 1.0,
    }


async def test_the_battery_monitor_wins_over_the_charger(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await kit.setup()
    await kit.inject("DC_SOURCE_STATUS_1", status("battery_soc", 12.8), source=MONITOR)
    await kit.inject(
        "DC_SOURCE_STATUS_1", status("inverter_charger", 13.6), source=CHARGER
    )
    kit.assert_identification_requested(MONITOR, CHARGER)
    assert hass.states.get(VOLTAGE).state == "12.8"
    writes: list[str] = []
    hass.bus.async_listen(
        "state_changed",
        lambda event: writes.append(event.data["entity_id"]),
    )
    for volts in (12.7, 12.6):
        await kit.inject(
            "DC_SOURCE_STATUS_1", status("inverter_charger", 13.6), source=CHARGER
        )
        assert writes == []  # no state write for the lower priority
        await kit.inject(
            "DC_SOURCE_STATUS_1", status("battery_soc", volts), source=MONITOR
        )
        assert hass.states.get(VOLTAGE).state == str(volts)
        writes.clear()
    assert kit.coordinator.states[("dc_source", 1)].source == MONITOR
    # The monitor falls silent; the charger keeps reporting: it takes over.
    for _ in range(2):
        freezer.tick(5)
        await kit.inject(
            "DC_SOURCE_STATUS_1", status("inverter_charger", 13.6), source=CHARGER
        )
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
    await kit.inject(
        "DC_SOURCE_STATUS_1", status("inverter_charger", 13.5), source=CHARGER
    )
    assert kit.coordinator.states[("dc_source", 1)].source == CHARGER
    assert hass.states.get(VOLTAGE).state == "13.5"


async def test_diagnostics_name_the_followed_reporter(
    hass: HomeAssistant, kit: BusKit
) -> None:
    entry = await kit.setup()
    await kit.inject("DC_SOURCE_STATUS_1", status("battery_soc", 12.8), source=MONITOR)
    await kit.inject(
        "DC_SOURCE_STATUS_1", status("inverter_charger", 13.6), source=CHARGER
    )
    kit.assert_identification_requested(MONITOR, CHARGER)
    diagnostics = await async_get_config_entry_diagnostics(hass, entry)
    battery = diagnostics["instances"]["dc_source 1"]
    assert battery["source"] == "0x46"
    assert battery["source_priority"] == 120  # a battery state-of-charge monitor
    assert battery["other_reporters"] == {"0x47": 100}  # inverter/charger
