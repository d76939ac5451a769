"""Diagnostics: what an owner attaches to a bug report."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from homeassistant.const import CONF_HOST, CONF_PORT
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.rvc.const import CONF_CHANNEL, CONF_INTERFACE, DOMAIN
from custom_components.rvc.diagnostics import async_get_config_entry_diagnostics
from custom_components.rvc.protocol import encode_bam
from custom_components.rvc.protocol.encode import product_identification_payload

from .test_light import dimmer

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit


async def test_diagnostics(hass: HomeAssistant, kit: BusKit) -> None:
    entry = await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    await kit.inject_frame(
        0x19FEDA43, bytes.fromhex("03FFFEFFFFFFFFFF")
    )  # an error code
    await kit.inject_frame(0x19ABCD43, bytes(8))  # a DGN nobody knows
    await kit.inject_frame(0x19FEDA43, bytes(2))  # too short
    kit.assert_identification_requested(0x43)

    diagnostics = await async_get_config_entry_diagnostics(hass, entry)
    bus = diagnostics["bus"]
    assert (bus["frames"], bus["decoded"], bus["unknown"], bus["malformed"]) == (
        4,
        2,
        1,
        1,
    )
    assert bus["unknown_dgns"] == {"1AB00": 1}
    assert bus["per_dgn"] == {"DC_DIMMER_STATUS_3": 2}
    # The address claim and the request for identification.
    assert (bus["frames_sent"], bus["frames_dropped"]) == (2, 0)
    assert diagnostics["nodes"]["0x43"]["source"] == 0x43
    instance = diagnostics["instances"]["dc_dimmer 3"]
    assert instance["source"] == "0x43"
    assert instance["values"]["DC_DIMMER_STATUS_3"]["brightness"] == "error"
    # The inventory: what each node sends and what it became.
    inventory = diagnostics["inventory"]
    assert inventory["nodes"] == {
        "0x43": {
            "dgns": {
                "DC_DIMMER_STATUS_3": {
                    "frames": 2,
                    "per_second": None,  # no check of the bus has run yet
                    "instances": [3],
                }
            },
            "entities": {"dc_dimmer 3": ["button.identify_light_3", "light.light_3"]},
        }
    }
    assert inventory["undefined_dgns"] == {"1AB00": {"frames": 1, "kind": "unknown"}}


async def test_bridge_address_is_redacted(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    # An entry for a socketcand bridge, never set up: nothing connects anywhere.
    bridge = MockConfigEntry(
        domain=DOMAIN,
        data={
            CONF_INTERFACE: "socketcand",
            CONF_HOST: "bridge.example",
            CONF_PORT: 29536,
            CONF_CHANNEL: "can0",
        },
    )
    bridge.runtime_data = kit.coordinator
    diagnostics = await async_get_config_entry_diagnostics(hass, bridge)
    assert diagnostics["entry"]["data"][CONF_HOST] == "**REDACTED**"
    assert diagnostics["entry"]["data"][CONF_CHANNEL] == "can0"


async def test_what_identifies_the_coach_is_redacted(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)
    payload = product_identification_payload("Acme", "Dimmer 8", "SN-SECRET-7", "1")
    for frame in encode_bam(kit.spec, 0x0FEEB, payload, source=0x43):
        await kit.inject_frame(frame.arbitration_id, frame.data)
    bridge = MockConfigEntry(
        domain=DOMAIN,
        data={
            CONF_INTERFACE: "socketcand",
            CONF_HOST: "bridge.example",
            CONF_PORT: 29536,
            CONF_CHANNEL: "can0",
        },
    )
    bridge.runtime_data = kit.coordinator
    kit.coordinator.node.reconnector.last_bus_error = (
        "cannot reach bridge.example:29536"
    )
    diagnostics = await async_get_config_entry_diagnostics(hass, bridge)
    text = json.dumps(diagnostics)
    for secret in ("SN-SECRET-7", "bridge.example"):
        assert secret not in text
    assert diagnostics["nodes"]["0x43"]["make"] == "Acme"  # the rest stays
