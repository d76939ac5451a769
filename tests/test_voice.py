"""Voice: Home Assistant's own conversation agent runs the simulated coach."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.components import conversation
from homeassistant.components.homeassistant.exposed_entities import (
    async_should_expose,
)
from homeassistant.const import STATE_ON
from homeassistant.core import Context
from homeassistant.setup import async_setup_component

from custom_components.rvc.const import (
    CONF_ALLOW_GENERATOR,
    CONF_ALLOW_MOTION,
    CONF_INTERFACE,
    CONF_LOADS,
)
from custom_components.rvc.profile import read_profile

from .common import wait_until
from .test_light import dimmer
from .test_simulated_coach import NODES

if TYPE_CHECKING:
    from pathlib import Path

    from homeassistant.core import HomeAssistant
    from homeassistant.helpers import entity_registry as er

    from .kit import BusKit

PROFILE = """
rvc_profile: 1
loads:
  dc_dimmer 1: {name: Galley light, type: light, area: Kitchen}
  dc_dimmer 2: {name: Bedroom light, type: light, area: Bedroom}
"""
# The README's custom sentence: Home Assistant's English has no "dim … to …".
DIM_SENTENCE = """
language: "en"
intents:
  HassLightSet:
    data:
      - sentences:
          - "dim [the] {name} to {brightness}[%| percent]"
        requires_context:
          domain: light
        response: brightness
"""
GALLEY = "light.galley_light"
BEDROOM = "light.bedroom_light"
ZONE = "climate.zone_0"
FRESH_WATER = "sensor.fresh_water_tank"
GENERATOR = "switch.generator"
SLIDE = "cover.slide_out_1"


async def say(hass: HomeAssistant, text: str) -> str:
    """What Assist answers; it must have understood and acted."""
    result = await conversation.async_converse(
        hass, text, None, Context(), language="en"
    )
    speech: str = result.response.speech["plain"]["speech"]
    assert result.response.error_code is None, speech
    return speech


async def start(hass: HomeAssistant, kit: BusKit, tmp_path: Path) -> None:
    """The simulated coach with a profile, and Assist with the README's sentence."""
    hass.config.config_dir = str(tmp_path)
    sentences = tmp_path / "custom_sentences" / "en"
    sentences.mkdir(parents=True)
    (sentences / "dim.yaml").write_text(DIM_SENTENCE)
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    await kit.setup(
        data={CONF_INTERFACE: "simulated"},
        options={
            CONF_LOADS: read_profile(PROFILE).loads,
            CONF_ALLOW_MOTION: True,
            CONF_ALLOW_GENERATOR: True,
        },
        entry_id="01JSIMULATEDCOACH000000000",
    )
    wanted = (GALLEY, BEDROOM, ZONE, FRESH_WATER, GENERATOR, SLIDE)
    await wait_until(lambda: all(hass.states.get(e) is not None for e in wanted))
    await wait_until(lambda: all(kit.coordinator.nodes[s].make for s in NODES))
    await hass.async_block_till_done()
    kit.assert_identification_requested(*NODES)


async def test_the_four_sentences(
    hass: HomeAssistant,
    kit: BusKit,
    entity_registry: er.EntityRegistry,
    tmp_path: Path,
) -> None:
    await start(hass, kit, tmp_path)

    assert await say(hass, "turn on the galley light") == "Turned on the light"
    kit.assert_sent("DC_DIMMER_COMMAND_2", {"instance": 1, "command": "on_duration"})
    await wait_until(lambda: hass.states.get(GALLEY).state == STATE_ON)

    assert await say(hass, "dim the bedroom light to 30 percent") == "Brightness set"
    kit.assert_sent(
        "DC_DIMMER_COMMAND_2",
        {"instance": 2, "command": "set_level", "desired_level": 30.0},
    )
    await wait_until(lambda: hass.states.get(BEDROOM).state == STATE_ON)
    # Home Assistant's own sentence for the same.
    assert await say(hass, "set the bedroom light to 40 percent") == "Brightness set"
    kit.assert_sent(
        "DC_DIMMER_COMMAND_2",
        {"instance": 2, "command": "set_level", "desired_level": 40.0},
    )

    # The owner named the zone (Settings → Entities → the zone → Name).
    entity_registry.async_update_entity(ZONE, name="Front zone")
    assert (
        await say(hass, "set the front zone to 21 degrees")
        == "Temperature set to 21 degrees"
    )
    kit.assert_sent(
        "THERMOSTAT_COMMAND_1",
        {"instance": 0, "setpoint_heat": 21.0, "operating_mode": None},
    )

    level = hass.states.get(FRESH_WATER).state
    assert (
        await say(hass, "what is the fresh water tank level")
        == f"Fresh water tank level is {float(level):.0f} %"
    )
    kit.assert_nothing_sent()


async def test_what_moves_or_starts_an_engine_is_not_exposed(
    hass: HomeAssistant, kit: BusKit, tmp_path: Path
) -> None:
    await start(hass, kit, tmp_path)
    for entity_id in (GALLEY, ZONE, FRESH_WATER):
        assert async_should_expose(hass, "conversation", entity_id)
    for entity_id in (GENERATOR, SLIDE):
        assert not async_should_expose(hass, "conversation", entity_id)

    for text in ("turn on the generator", "open the slide-out 1"):
        result = await conversation.async_converse(
            hass, text, None, Context(), language="en"
        )
        assert result.response.error_code is not None, text
    kit.assert_nothing_sent()


def aliases(entity_registry: er.EntityRegistry, entity_id: str) -> set[str]:
    """The aliases (newer Home Assistant adds a marker for the computed name)."""
    entry = entity_registry.async_get(entity_id)
    assert entry is not None
    return {alias for alias in entry.aliases if isinstance(alias, str)}


async def rename_load(hass: HomeAssistant, kit: BusKit, name: str) -> None:
    """The owner names dimmer channel 3 (Configure → Set up a load, or a profile)."""
    assert kit.entry is not None
    hass.config_entries.async_update_entry(
        kit.entry,
        options=kit.entry.options
        | {CONF_LOADS: {"dc_dimmer:3": {"type": "light", "name": name}}},
    )
    await hass.async_block_till_done()  # the options change reloads the entry
    kit.assert_address_claimed(0xF9)


async def test_aliases_follow_the_name_until_the_owner_changes_them(
    hass: HomeAssistant, kit: BusKit, entity_registry: er.EntityRegistry
) -> None:
    await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 0))
    await kit.inject(
        "TANK_STATUS", {"instance": 0, "relative_level": 3, "resolution": 8}
    )
    kit.assert_identification_requested(0x43)
    light = "light.light_3"
    tank = "sensor.fresh_water_tank"
    assert aliases(entity_registry, light) == {"Light 3"}
    assert aliases(entity_registry, tank) == {
        "Fresh water tank",
        "Fresh water tank level",
    }
    assert entity_registry.async_get(tank).options["conversation"] == {
        "should_expose": True
    }

    await rename_load(hass, kit, "Galley light")
    assert aliases(entity_registry, light) == {"Galley light"}

    # The owner's own aliases and exposure are theirs to keep.
    entity_registry.async_update_entity(light, aliases={"Cook light"})
    entity_registry.async_update_entity_options(
        tank, "conversation", {"should_expose": False}
    )
    await rename_load(hass, kit, "Kitchen light")
    assert aliases(entity_registry, light) == {"Cook light"}
    assert entity_registry.async_get(tank).options["conversation"] == {
        "should_expose": False
    }
