"""The integration on the built-in simulated coach: discovery and control."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from homeassistant.components.light import ATTR_BRIGHTNESS, ATTR_TRANSITION
from homeassistant.const import ATTR_ENTITY_ID, STATE_OFF, STATE_ON
from homeassistant.helpers import device_registry as dr, entity_registry as er
from syrupy.extensions.json import JSONSnapshotExtension

from custom_components.rvc.const import CONF_ALLOW_GENERATOR, CONF_INTERFACE

from .common import wait_until

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from syrupy.assertion import SnapshotAssertion

    from .kit import BusKit

# 0x5C: hydronic heat; then lithium BMS, solar controller, AGS; the chassis
# devices (leveling, step, tires, GPS, refrigerator); 0x86: the shade
# controller (6.39).
NODES = (*range(0x43, 0x52), 0x5C, 0x60, 0x61, 0x62, *range(0x68, 0x6D), 0x86)
# 8 dimmer channels, 4 DC relays, 3 AC relays, and the water pump's switch;
# the entry door's lock; the circulation pump's switch.
LIGHTS_SWITCHES_AND_LOCKS = 8 + 4 + 3 + 1 + 1 + 1
# Tanks: 4 x level, volume, capacity. Two batteries: 6 each, neither reports
# a time remaining (the house battery is charging from shore power, the chassis
# battery is not discharging). Two zone temperatures. Power center: inverter
# status and output L1 (3), charger state, voltage, current and input L1 (3),
# generator 3, transfer switch inputs and output L1 (3 x 3) and the source in
# use. Active faults of each node. Power of both batteries and of the five AC
# lines; energy charged and discharged of both batteries, and of the inverter
# output, the charger input and both transfer switch inputs. Inverter DC (2)
# and temperatures (3); generator output L1 (3), its power and energy. The
# lithium battery: 8. Solar: charge state, voltage, current, panel voltage,
# current, today's charge, energy, temperature, and panel and charge power.
SENSORS = 12 + 6 + 6 + 2 + (1 + 3) + (3 + 3) + 3 + (9 + 1) + len(NODES) + 7 + 8
SENSORS += (2 + 3) + (3 + 2) + 8 + 10
SENSORS += 1  # zone 1's heat pump output
# Leveling mode; six tires' pressure and temperature; the refrigerator's and the
# freezer's five readings each.
SENSORS += 1 + 6 * 2 + 2 * 5
LIGHT = "light.light_1"


async def start_coach(hass: HomeAssistant, kit: BusKit) -> str:
    entry = await kit.setup(
        data={CONF_INTERFACE: "simulated"}, entry_id="01JSIMULATEDCOACH000000000"
    )
    await wait_until(
        lambda: (
            len(hass.states.async_entity_ids(("light", "switch", "lock")))
            == LIGHTS_SWITCHES_AND_LOCKS
            and len(hass.states.async_entity_ids("sensor")) == SENSORS
        )
    )
    coordinator = kit.coordinator
    await wait_until(lambda: all(coordinator.nodes[s].make for s in NODES))
    await hass.async_block_till_done()
    kit.assert_identification_requested(*NODES)
    return entry.entry_id


# What the integration defines; left out is what Home Assistant adds and
# changes between versions (registry ids, timestamps, new registry fields).
ATTRIBUTES = (
    "brightness",
    "color_mode",
    "device_class",
    "friendly_name",
    "state_class",
    "supported_color_modes",
    "supported_features",
    "unit_of_measurement",
)
# Tanks fill and zones warm while the test runs: their values are not fixed.
STEADY_DOMAINS = ("light", "switch", "lock")


def inventory(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    device_registry: dr.DeviceRegistry,
    entry_id: str,
) -> dict[str, Any]:
    devices = {
        device.id: device
        for device in dr.async_entries_for_config_entry(device_registry, entry_id)
    }
    entities = []
    for entry in sorted(
        er.async_entries_for_config_entry(entity_registry, entry_id),
        key=lambda entry: entry.entity_id,
    ):
        if entry.disabled_by is not None:
            # Bus statistics: disabled until wanted, so they have no state.
            entities.append({"entity_id": entry.entity_id, "disabled": True})
            continue
        state = hass.states.get(entry.entity_id)
        assert state is not None
        assert entry.device_id is not None
        entities.append(
            {
                "entity_id": entry.entity_id,
                "unique_id": entry.unique_id,
                "device": devices[entry.device_id].name,
                "original_name": entry.original_name,
                "translation_key": entry.translation_key,
                "state": state.state if entry.domain in STEADY_DOMAINS else "(moving)",
                "attributes": {
                    name: state.attributes[name]
                    for name in ATTRIBUTES
                    if name in state.attributes
                },
            }
        )
    return json.loads(
        json.dumps(
            {
                "devices": sorted(
                    (
                        {
                            "name": device.name,
                            "manufacturer": device.manufacturer,
                            "model": device.model,
                            "serial_number": device.serial_number,
                            "identifiers": sorted(device.identifiers),
                        }
                        for device in devices.values()
                    ),
                    key=lambda device: device["name"] or "",
                ),
                "entities": entities,
            },
            default=str,
        )
    )


async def test_the_whole_coach_appears(
    hass: HomeAssistant,
    kit: BusKit,
    entity_registry: er.EntityRegistry,
    device_registry: dr.DeviceRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    entry_id = await start_coach(hass, kit)
    assert inventory(
        hass, entity_registry, device_registry, entry_id
    ) == snapshot.use_extension(JSONSnapshotExtension)


async def test_light_through_the_simulated_dimmer(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await start_coach(hass, kit)
    assert hass.states.get(LIGHT).state == STATE_OFF

    await hass.services.async_call(
        "light", "turn_on", {ATTR_ENTITY_ID: LIGHT, ATTR_BRIGHTNESS: 191}, blocking=True
    )
    kit.assert_sent(
        "DC_DIMMER_COMMAND_2",
        {"instance": 1, "command": "set_level", "desired_level": 75.0},
    )
    await wait_until(lambda: hass.states.get(LIGHT).state == STATE_ON)
    assert hass.states.get(LIGHT).attributes[ATTR_BRIGHTNESS] == 191

    await hass.services.async_call(
        "light", "turn_off", {ATTR_ENTITY_ID: LIGHT, ATTR_TRANSITION: 1}, blocking=True
    )
    kit.assert_sent(
        "DC_DIMMER_COMMAND_2",
        {
            "instance": 1,
            "command": "ramp_brightness",
            "desired_level": 0.0,
            "delay_duration": 1,
        },
    )
    # The dimmer ramps down, reporting as it goes, and ends off.
    seen: set[int] = set()

    def ramped_off() -> bool:
        state = hass.states.get(LIGHT)
        if state.state == STATE_ON:
            seen.add(state.attributes[ATTR_BRIGHTNESS])
        return state.state == STATE_OFF

    await wait_until(ramped_off)
    assert len(seen) > 2


async def test_relay_switch_through_the_simulator(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await start_coach(hass, kit)
    switch = "switch.load_21"
    assert hass.states.get(switch).state == STATE_ON
    await hass.services.async_call(
        "switch", "turn_off", {ATTR_ENTITY_ID: switch}, blocking=True
    )
    kit.assert_sent("DC_LOAD_COMMAND", {"instance": 21, "command": "off_delay"})
    await wait_until(lambda: hass.states.get(switch).state == STATE_OFF)


async def test_ac_load_and_door_lock_through_the_simulator(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await start_coach(hass, kit)
    switch = "switch.ac_load_2"
    assert hass.states.get(switch).state == STATE_ON
    await hass.services.async_call(
        "switch", "turn_off", {ATTR_ENTITY_ID: switch}, blocking=True
    )
    kit.assert_sent("AC_LOAD_COMMAND", {"instance": 2, "command": "off_delay"})
    await wait_until(lambda: hass.states.get(switch).state == STATE_OFF)

    lock = "lock.door_lock_1"
    assert hass.states.get(lock).state == "locked"
    await hass.services.async_call(
        "lock", "unlock", {ATTR_ENTITY_ID: lock}, blocking=True
    )
    kit.assert_sent("DOOR_COMMAND", {"instance": 1, "lock_command": "unlock"})
    await wait_until(lambda: hass.states.get(lock).state == "unlocked")


async def test_every_entity_is_back_after_a_restart(
    hass: HomeAssistant, kit: BusKit
) -> None:
    entry_id = await start_coach(hass, kit)
    before = set(hass.states.async_entity_ids())
    await kit.coordinator.async_stop()  # the coach falls silent first
    assert await hass.config_entries.async_reload(entry_id)
    await hass.async_block_till_done()
    kit.assert_address_claimed(0xF9)
    # Everything is there again at once, before the coach says a word.
    assert set(hass.states.async_entity_ids()) == before
    await wait_until(
        lambda: all(
            hass.states.get(entity_id).state != "unavailable" for entity_id in before
        )
    )
    # A few requests at once, then paced: the adapter's queue never fills.
    await kit.wait_for_frames(len(NODES))
    kit.assert_identification_requested(*NODES)


async def test_roof_fan_and_water_pump_through_the_simulator(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await start_coach(hass, kit)
    fan = "fan.roof_fan_1"
    await wait_until(lambda: hass.states.get(fan) is not None)
    assert hass.states.get(fan).state == STATE_OFF
    await hass.services.async_call(
        "fan", "set_percentage", {ATTR_ENTITY_ID: fan, "percentage": 80}, blocking=True
    )
    kit.assert_sent(
        "ROOF_FAN_COMMAND_1",
        {
            "instance": 1,
            "system_status": "on",
            "speed_mode": "manual",
            "fan_speed": 80.0,
        },
    )
    await wait_until(lambda: hass.states.get(fan).attributes.get("percentage") == 80)

    pump = "switch.water_pump"
    await hass.services.async_call(
        "switch", "turn_on", {ATTR_ENTITY_ID: pump}, blocking=True
    )
    kit.assert_sent("WATER_PUMP_COMMAND", {"command": "enable"})
    await wait_until(lambda: hass.states.get(pump).state == STATE_ON)


async def test_automatic_generator_start_through_the_simulator(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup(
        data={CONF_INTERFACE: "simulated"}, options={CONF_ALLOW_GENERATOR: True}
    )
    ags = "switch.automatic_generator_start"
    await wait_until(lambda: hass.states.get(ags) is not None)
    coordinator = kit.coordinator
    await wait_until(lambda: all(coordinator.nodes[s].make for s in NODES))
    await hass.async_block_till_done()
    kit.assert_identification_requested(*NODES)
    assert hass.states.get(ags).state == STATE_ON
    # The simulated AGS answers with its status: the call returns at once.
    await hass.services.async_call(
        "switch", "turn_off", {ATTR_ENTITY_ID: ags}, blocking=True
    )
    kit.assert_sent("GENERATOR_DEMAND_COMMAND", {"generator_lock": "locked"})
    assert hass.states.get(ags).state == STATE_OFF
    # Solar production from the controller's own counter.
    await wait_until(lambda: hass.states.get("sensor.solar_1_energy") is not None)
    assert hass.states.get("sensor.solar_1_energy").state == "1234"
