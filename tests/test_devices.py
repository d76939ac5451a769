"""Devices: one per node, named from its PRODUCT_IDENTIFICATION."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.rvc import coordinator as coordinator_module
from custom_components.rvc.const import DOMAIN
from custom_components.rvc.protocol import encode_bam
from custom_components.rvc.protocol.encode import product_identification_payload

from .test_light import ENTITY, dimmer

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    import pytest

    from .kit import BusKit


async def test_node_identifies_itself(
    hass: HomeAssistant,
    kit: BusKit,
    device_registry: dr.DeviceRegistry,
    entity_registry: er.EntityRegistry,
) -> None:
    entry = await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)
    (device,) = [
        device
        for device in dr.async_entries_for_config_entry(device_registry, entry.entry_id)
        if (DOMAIN, f"{entry.entry_id}-43") in device.identifiers
    ]
    assert device.name == "RV-C node 0x43"
    assert entity_registry.async_get(ENTITY).device_id == device.id

    payload = product_identification_payload("Acme", "Dimmer 8", "SN-7", "1")
    for frame in encode_bam(kit.spec, 0x0FEEB, payload, source=0x43):
        await kit.inject_frame(frame.arbitration_id, frame.data)
    device = device_registry.async_get(device.id)
    assert (device.name, device.manufacturer, device.model, device.serial_number) == (
        "Acme Dimmer 8",
        "Acme",
        "Dimmer 8",
        "SN-7",
    )
    # A second dimmer channel of the same node joins the same device.
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(4, 0))
    light = entity_registry.async_get("light.acme_dimmer_8_light_4")
    assert light is not None
    assert light.device_id == device.id
    # The node's device, and the bus's own (for its statistics).
    devices = dr.async_entries_for_config_entry(device_registry, entry.entry_id)
    assert sorted(device.name for device in devices) == ["Acme Dimmer 8", "RV-C"]


def device_of(
    device_registry: dr.DeviceRegistry, entry_id: str, identifier: str
) -> dr.DeviceEntry | None:
    # async_get_device is deprecated in Home Assistant 2026; this works in both.
    return next(
        (
            device
            for device in dr.async_entries_for_config_entry(device_registry, entry_id)
            if (DOMAIN, identifier) in device.identifiers
        ),
        None,
    )


def node_device(
    device_registry: dr.DeviceRegistry, entry_id: str, source: int
) -> dr.DeviceEntry | None:
    return device_of(device_registry, entry_id, f"{entry_id}-{source:02x}")


def tank(level: int) -> dict[str, int]:
    return {"instance": 0, "relative_level": level, "resolution": 8}


async def tick(hass: HomeAssistant, freezer: Any, seconds: float = 5) -> None:
    freezer.tick(seconds)
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


async def test_a_node_silent_while_the_bus_talks_goes_stale(
    hass: HomeAssistant,
    kit: BusKit,
    device_registry: dr.DeviceRegistry,
    freezer: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(coordinator_module, "STALE_AFTER", 30.0)
    entry = await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    await kit.inject("TANK_STATUS", tank(3), source=0x45)
    kit.assert_identification_requested(0x43, 0x45)
    # The coach switched off: no traffic at all, nothing goes stale.
    for _ in range(20):
        await tick(hass, freezer)
    assert node_device(device_registry, entry.entry_id, 0x43) is not None
    # The tank monitor talks on; the dimmer module stays silent.
    for _ in range(8):
        await kit.inject(
            "TANK_STATUS", {"instance": 0, "relative_level": 4}, source=0x45
        )
        await tick(hass, freezer)
    assert node_device(device_registry, entry.entry_id, 0x43) is None
    assert node_device(device_registry, entry.entry_id, 0x45) is not None
    assert hass.states.get(ENTITY) is None


async def test_the_owner_can_delete_a_silent_node(
    hass: HomeAssistant,
    kit: BusKit,
    device_registry: dr.DeviceRegistry,
    hass_ws_client: Any,
    freezer: Any,
) -> None:
    assert await async_setup_component(hass, "config", {})
    entry = await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)
    device = node_device(device_registry, entry.entry_id, 0x43)
    bus = device_of(device_registry, entry.entry_id, entry.entry_id)
    assert device is not None
    assert bus is not None
    client = await hass_ws_client(hass)

    async def remove(device_id: str) -> bool:
        await client.send_json_auto_id(
            {
                "type": "config/device_registry/remove_config_entry",
                "config_entry_id": entry.entry_id,
                "device_id": device_id,
            }
        )
        return bool((await client.receive_json())["success"])

    assert not await remove(device.id)  # it is talking: it would be back at once
    assert not await remove(bus.id)  # the bus goes with the entry
    for _ in range(4):
        await tick(hass, freezer)
    assert await remove(device.id)
    assert node_device(device_registry, entry.entry_id, 0x43) is None
