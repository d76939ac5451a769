"""The coordinator's bookkeeping: bounded, and quiet about what it cannot use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from custom_components.rvc.connection import bus_config, connection_id, connection_title
from custom_components.rvc.protocol import Decoder, encode, encode_bam
from custom_components.rvc.protocol.encode import product_identification_payload
from custom_components.rvc.protocol.instances import (
    AC_CHANNEL_DGNS,
    FAMILY_BY_DGN,
    MAX_INSTANCES,
)

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit


async def test_instances_are_bounded(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    coordinator = kit.coordinator
    decoder = Decoder(kit.spec)
    names = [
        name
        for name in FAMILY_BY_DGN
        if kit.spec.message(name).has_instance and name not in AC_CHANNEL_DGNS
    ]
    kept: set[tuple[str, int]] = set()
    expected_dropped = 0
    for name in names:
        field = kit.spec.message(name).field_by_name["instance"]
        for instance in range(round(field.minimum), round(field.maximum) + 1):
            frame = encode(kit.spec, name, {"instance": instance}, source=0x43)
            record = decoder.decode(*frame)
            assert record is not None
            coordinator.async_handle_record(record)
            key = (FAMILY_BY_DGN[name], instance)
            if key not in kept:
                if len(kept) < MAX_INSTANCES:
                    kept.add(key)
                else:
                    expected_dropped += 1
    assert expected_dropped > 0
    assert set(coordinator.states) == kept
    assert coordinator.instances.dropped_instances == expected_dropped


async def test_instances_of_dgns_with_and_without_one(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup()
    # An instance reported as "not available" describes nothing.
    await kit.inject(
        "TANK_STATUS", {"instance": None, "relative_level": 1}, source=0x45
    )
    # A DGN that has no instance (one generator per coach) is instance 0.
    await kit.inject("GENERATOR_STATUS_1", {"status": "running"}, source=0x45)
    kit.assert_identification_requested(0x45)
    assert set(kit.coordinator.states) == {("generator", 0)}


async def test_a_node_without_entities_is_still_identified(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup()
    payload = product_identification_payload("Acme", "Gauge", "", "")
    for frame in encode_bam(kit.spec, 0x0FEEB, payload, source=0x50):
        await kit.inject_frame(*frame)
    kit.assert_identification_requested(0x50)
    node = kit.coordinator.nodes[0x50]
    assert (node.make, node.model, node.serial_number) == ("Acme", "Gauge", None)


def test_connection_names() -> None:
    socketcand = {
        "interface": "socketcand",
        "host": "bridge",
        "port": 29536,
        "channel": "can1",
    }
    assert connection_id(socketcand) == "socketcand:bridge:29536:can1"
    assert connection_title(socketcand) == "RV-C (bridge can1)"
    assert bus_config(socketcand, "x").bus_kwargs() == {
        "interface": "socketcand",
        "channel": "can1",
        "host": "bridge",
        "port": 29536,
    }
    simulated = bus_config({"interface": "simulated"}, "abc")
    assert (simulated.interface, simulated.channel) == ("virtual", "rvc-simulated-abc")
