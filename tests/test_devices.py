"""Devices: one per node, named from its PRODUCT_IDENTIFICATION."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.rvc import coordinator as coordinator_module
from custom_components.rvc.const import DOMAIN
from custom_components.rvc.entity import instance_unique_id
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
    # Its id says what it is, whichever node reports it.
    light = entity_registry.async_get("light.light_4")
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
    # Back on the bus: its device and its light are back at once.
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 60))
    kit.assert_identification_requested(0x43)
    assert node_device(device_registry, entry.entry_id, 0x43) is not None
    assert hass.states.get(ENTITY).state == "on"


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


async def identify(kit: BusKit, source: int = 0x43) -> None:
    payload = product_identification_payload("Acme", "Dimmer 8", "SN-7", "1")
    for frame in encode_bam(kit.spec, 0x0FEEB, payload, source=source):
        await kit.inject_frame(frame.arbitration_id, frame.data)


# A dimmer module's NAME (J1939-81 fields of ADDRESS_CLAIMED).
DIMMER_NAME = {
    "identity_number": 4242, "manufacturer_code": 113, "ecu_instance": 0,
    "function_instance": 0, "function": 130, "vehicle_system": 0,
    "vehicle_system_instance": 0, "industry_group": 0, "arbitrary_address_capable": 1,
}  # fmt: skip


async def test_names_survive_reloads_of_nodes_that_never_identify_again(
    hass: HomeAssistant, kit: BusKit, device_registry: dr.DeviceRegistry
) -> None:
    entry = await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)
    await identify(kit)
    for _ in range(2):
        assert await hass.config_entries.async_reload(entry.entry_id)
        await hass.async_block_till_done()
        kit.assert_address_claimed(0xF9)
        # The node reports, is asked again, and never answers.
        await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
        kit.assert_identification_requested(0x43)
        device = node_device(device_registry, entry.entry_id, 0x43)
        assert device is not None
        assert device.name == "Acme Dimmer 8"
        assert kit.coordinator.nodes[0x43].serial_number == "SN-7"


async def test_a_node_that_moves_keeps_its_name(
    hass: HomeAssistant, kit: BusKit, device_registry: dr.DeviceRegistry
) -> None:
    entry = await kit.setup()
    await kit.inject("ADDRESS_CLAIMED", DIMMER_NAME, source=0x43)
    kit.assert_identification_requested(0x43)
    await identify(kit)
    assert kit.coordinator.nodes[0x43].j1939_name is not None
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    kit.assert_address_claimed(0xF9)
    # After a restart the module claims another address, and never identifies.
    await kit.inject("ADDRESS_CLAIMED", DIMMER_NAME, source=0x47)
    kit.assert_identification_requested(0x47)
    device = node_device(device_registry, entry.entry_id, 0x47)
    assert device is not None
    assert (device.name, device.serial_number) == ("Acme Dimmer 8", "SN-7")


async def test_nodes_hang_under_the_bus(
    hass: HomeAssistant,
    kit: BusKit,
    device_registry: dr.DeviceRegistry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    entry = await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)
    bus = device_of(device_registry, entry.entry_id, entry.entry_id)
    node = node_device(device_registry, entry.entry_id, 0x43)
    assert bus is not None
    assert node is not None
    assert node.via_device_id == bus.id
    assert bus.name == "RV-C"
    # Linked by the bus device's id: Home Assistant 2026 warns about via_device.
    assert "deprecated `via_device`" not in caplog.text


async def test_a_node_that_talks_without_entities_is_not_stale(
    hass: HomeAssistant,
    kit: BusKit,
    device_registry: dr.DeviceRegistry,
    freezer: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A clock node sends only DATE_TIME_STATUS, which no entity shows."""
    monkeypatch.setattr(coordinator_module, "STALE_AFTER", 30.0)
    entry = await kit.setup()
    now = {"year": 2026, "month": 11, "day": 25, "hour": 14, "minute": 0, "second": 0}
    for _ in range(10):
        await kit.inject("DATE_TIME_STATUS", now, source=0x4A)
        await tick(hass, freezer)
    kit.assert_identification_requested(0x4A)
    assert node_device(device_registry, entry.entry_id, 0x4A) is not None
    assert not kit.coordinator.node_is_silent(0x4A)


async def test_ids_registered_before_are_kept(
    hass: HomeAssistant, kit: BusKit, entity_registry: er.EntityRegistry
) -> None:
    """An entity registered by an earlier version keeps its bus-address id."""
    entry_id = "earlier"
    entity_registry.async_get_or_create(
        "light",
        DOMAIN,
        instance_unique_id(entry_id, ("dc_dimmer", 3)),
        suggested_object_id="rv_c_node_0x43_light_3",
    )
    await kit.setup(entry_id=entry_id)
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(4, 50))
    kit.assert_identification_requested(0x43)
    assert hass.states.get("light.rv_c_node_0x43_light_3").state == "on"
    assert hass.states.get("light.light_4").state == "on"
    assert hass.states.get("light.light_3") is None
