"""Devices: one per node, named from its PRODUCT_IDENTIFICATION."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.helpers import device_registry as dr, entity_registry as er

from custom_components.rvc.const import DOMAIN
from custom_components.rvc.protocol import encode_bam
from custom_components.rvc.protocol.encode import product_identification_payload

from .test_light import ENTITY, dimmer

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

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
