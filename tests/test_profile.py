"""Coach profiles: import ours and the MQTT bridges' maps, export, apply."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.const import ATTR_ENTITY_ID, STATE_ON
from homeassistant.data_entry_flow import FlowResultType
import pytest

from custom_components.rvc.const import CONF_LOAD, CONF_LOADS, CONF_PROFILE
from custom_components.rvc.profile import ProfileError, export_profile, read_profile

from .test_light import dimmer

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers import (
        area_registry as ar,
        device_registry as dr,
        entity_registry as er,
    )

    from .kit import BusKit

OURS = """
rvc_profile: 1
loads:
  dc_dimmer 3: {name: Bedroom ceiling light, type: light, area: Bedroom}
  dc_dimmer 4: {name: Bath fan, type: fan}
  dc_load 20: {type: hidden}
  ac_load 2: {name: Galley outlets, type: switch}
"""
# The shape owners keep for the MQTT bridges: DGN -> instance -> name.
BRIDGE_MAP = """
templates:
  dimmable: {type: light}
DC_DIMMER_STATUS_3:
  default: {type: light}
  1: Galley light
  2: {name: Porch light}
DC_LOAD_STATUS:
  20: {name: Water heater element, type: switch}
AC_LOAD_COMMAND:
  1: Block heater
TANK_STATUS:
  0: Fresh water
"""


def test_our_format() -> None:
    assert read_profile(OURS).loads == {
        "dc_dimmer:3": {"name": "Bedroom ceiling light", "type": "light", "area": "Bedroom"},
        "dc_dimmer:4": {"name": "Bath fan", "type": "fan"},
        "dc_load:20": {"type": "hidden"},
        "ac_load:2": {"name": "Galley outlets", "type": "switch"},
    }  # fmt: skip


def test_the_bridges_maps() -> None:
    assert read_profile(BRIDGE_MAP).loads == {
        "dc_dimmer:1": {"name": "Galley light", "type": "light"},
        "dc_dimmer:2": {"name": "Porch light", "type": "light"},
        "dc_load:20": {"name": "Water heater element", "type": "switch"},
        # AC circuits default to switches, as DC loads do.
        "ac_load:1": {"name": "Block heater", "type": "switch"},
    }


def test_export_reads_back() -> None:
    loads = read_profile(OURS).loads
    text = export_profile(loads)
    assert text.startswith("rvc_profile: 1\n")
    assert read_profile(text).loads == loads


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("loads: [1, 2", "not YAML"),
        ("- a list", "a YAML mapping"),
        ("loads:\n  tank 1: {type: light}", "'tank 1' is not a load"),
        ("loads:\n  dc_dimmer 300: {type: light}", "instances are 0 to 250"),
        ("loads:\n  dc_dimmer 1: {type: lamp}", "dc_dimmer 1"),
        ("loads:\n  dc_dimmer 1: {name: A}", "required key not provided"),
        ("TANK_STATUS:\n  0: Fresh", "no loads found"),
    ],
)
def test_errors_say_where(text: str, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        read_profile(text)


async def options(hass: HomeAssistant, kit: BusKit, **choice: Any) -> dict[str, Any]:
    assert kit.entry is not None
    result = await hass.config_entries.options.async_init(kit.entry.entry_id)
    return dict(
        await hass.config_entries.options.async_configure(
            result["flow_id"],
            {
                "read_only": False,
                "allow_motion_control": False,
                "allow_generator_control": False,
                "availability_timeout": 15,
                **choice,
            },
        )
    )


async def test_import_names_types_and_areas(
    hass: HomeAssistant,
    kit: BusKit,
    entity_registry: er.EntityRegistry,
    area_registry: ar.AreaRegistry,
) -> None:
    await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(4, 0))
    kit.assert_identification_requested(0x43)
    result = await options(hass, kit, **{CONF_PROFILE: "import"})
    assert result["step_id"] == "profile_import"
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_PROFILE: "loads:\n  dc_dimmer 3: {type: door}"}
    )
    assert result["errors"] == {CONF_PROFILE: "invalid_profile"}
    assert "dc_dimmer 3" in result["description_placeholders"]["error"]
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_PROFILE: alias_bomb()}
    )
    assert result["errors"] == {CONF_PROFILE: "profile_too_complex"}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_PROFILE: OURS}
    )
    # What it sets is shown before it applies.
    assert result["step_id"] == "profile_apply"
    assert result["description_placeholders"] == {
        "loads": "4",
        "motors": "0",
        "skipped": "0",
    }
    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert kit.entry.options[CONF_LOADS]["dc_dimmer:4"] == {
        "name": "Bath fan",
        "type": "fan",
    }
    await hass.async_block_till_done()  # the entry reloads
    kit.assert_address_claimed(0xF9)
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(4, 0))
    kit.assert_identification_requested(0x43)

    light = entity_registry.async_get("light.light_3")
    bedroom = area_registry.async_get_area_by_name("Bedroom")
    assert bedroom is not None
    assert light.area_id == bedroom.id
    state = hass.states.get("light.light_3")
    assert state.attributes["friendly_name"] == "RV-C node 0x43 Bedroom ceiling light"
    # The bath fan is a fan now, at the dimmer's level.
    fan = "fan.bath_fan"
    await hass.services.async_call(
        "fan", "turn_on", {ATTR_ENTITY_ID: fan, "percentage": 60}, blocking=True
    )
    kit.assert_sent(
        "DC_DIMMER_COMMAND_2",
        {"instance": 4, "command": "set_level", "desired_level": 60.0},
    )
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(4, 60))
    state = hass.states.get(fan)
    assert (state.state, state.attributes["percentage"]) == (STATE_ON, 60)
    await hass.services.async_call(
        "fan", "set_percentage", {ATTR_ENTITY_ID: fan, "percentage": 0}, blocking=True
    )
    kit.assert_sent("DC_DIMMER_COMMAND_2", {"instance": 4, "command": "off_delay"})


async def test_export_shows_the_loads(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup(options={CONF_LOADS: read_profile(OURS).loads})
    result = await options(hass, kit, **{CONF_PROFILE: "export"})
    assert result["step_id"] == "profile_export"
    (field,) = result["data_schema"].schema
    exported = field.description["suggested_value"]
    assert read_profile(exported).loads == read_profile(OURS).loads
    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert kit.entry is not None
    assert kit.entry.options[CONF_LOADS] == read_profile(OURS).loads
    assert CONF_LOAD not in kit.entry.options


def alias_bomb(levels: int = 12, width: int = 9) -> str:
    """Each level lists the previous one width times: width**levels values."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join([*lines, f"loads: *a{levels - 1}"])


@pytest.mark.parametrize(
    ("text", "reason", "message"),
    [
        ("# padding\n" * 30_000, "profile_too_large", "larger than 256 KiB"),
        (alias_bomb(), "profile_too_complex", "once its aliases are written out"),
        ("loads: " + "[" * 50 + "]" * 50, "profile_too_complex", "deeper than 20"),
        ("loads: &a {dc_dimmer 1: *a}", "profile_too_complex", "contains itself"),
        # Merge keys copy whole mappings: as costly as aliases.
        (
            "a0: &a0 {x: 1}\n"
            + "".join(
                f"a{n}: &a{n} {{<<: [{', '.join([f'*a{n - 1}'] * 9)}]}}\n"
                for n in range(1, 12)
            ),
            "profile_too_complex",
            "once its aliases",
        ),
    ],
    ids=["oversized", "alias bomb", "deep", "recursive", "merge bomb"],
)
def test_hostile_profiles_are_refused(text: str, reason: str, message: str) -> None:
    with pytest.raises(ProfileError, match=message) as caught:
        read_profile(text)
    assert caught.value.reason == reason


def test_the_loader_follows_no_include(tmp_path: Any) -> None:
    (tmp_path / "secret.yaml").write_text("dc_dimmer 1: {type: light}")
    with pytest.raises(ProfileError, match="!include"):
        read_profile(f"loads: !include {tmp_path / 'secret.yaml'}")


def test_a_shared_template_still_reads() -> None:
    """Owners' maps share settings through an anchor: that stays allowed."""
    text = (
        "DC_DIMMER_STATUS_3:\n"
        "  1: &lamp {name: Galley light, type: light}\n"
        "  2: {<<: *lamp, name: Porch light}\n"
    )
    assert read_profile(text).loads == {
        "dc_dimmer:1": {"name": "Galley light", "type": "light"},
        "dc_dimmer:2": {"name": "Porch light", "type": "light"},
    }


async def test_a_load_the_owner_put_in_a_room_stays_there(
    hass: HomeAssistant,
    kit: BusKit,
    entity_registry: er.EntityRegistry,
    area_registry: ar.AreaRegistry,
    device_registry: dr.DeviceRegistry,
) -> None:
    await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)
    light = entity_registry.async_get("light.light_3")
    garage = area_registry.async_create("Garage")
    device_registry.async_update_device(light.device_id, area_id=garage.id)
    result = await options(hass, kit, **{CONF_PROFILE: "import"})
    await hass.config_entries.options.async_configure(
        result["flow_id"],
        {CONF_PROFILE: "loads:\n  dc_dimmer 3: {type: light, area: Bedroom}"},
    )
    await hass.config_entries.options.async_configure(result["flow_id"], {})
    await hass.async_block_till_done()  # the entry reloads
    kit.assert_address_claimed(0xF9)
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)
    # Still in the device's room, the garage.
    assert entity_registry.async_get(light.entity_id).area_id is None


async def test_setting_up_a_load_keeps_its_imported_area(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup(options={CONF_LOADS: read_profile(OURS).loads})
    result = await options(hass, kit, **{CONF_LOAD: "dc_dimmer:3"})
    assert result["step_id"] == "load"
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"type": "light", "name": "Galley light"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()  # the entry reloads
    kit.assert_address_claimed(0xF9)
    assert kit.entry is not None
    assert kit.entry.options[CONF_LOADS]["dc_dimmer:3"] == {
        "name": "Galley light",
        "type": "light",
        "area": "Bedroom",
    }


async def test_export_lists_every_known_load(
    hass: HomeAssistant,
    kit: BusKit,
    entity_registry: er.EntityRegistry,
    area_registry: ar.AreaRegistry,
) -> None:
    await kit.setup(options={CONF_LOADS: read_profile(OURS).loads})
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(7, 0))
    await kit.inject(
        "DC_LOAD_STATUS",
        {"instance": 21, "operating_status": 0, "variable_level": "not_variable"},
    )
    kit.assert_identification_requested(0x43)
    # The owner named and placed the seventh channel on the entity itself.
    porch = area_registry.async_create("Porch")
    entity_registry.async_update_entity(
        "light.light_7", name="Porch light", area_id=porch.id
    )
    result = await options(hass, kit, **{CONF_PROFILE: "export"})
    (field,) = result["data_schema"].schema
    exported = read_profile(field.description["suggested_value"]).loads
    assert exported == read_profile(OURS).loads | {
        "dc_dimmer:7": {"name": "Porch light", "type": "light", "area": "Porch"},
        "dc_load:21": {"type": "switch"},
    }


async def test_an_ac_load_set_up_as_a_fan(
    hass: HomeAssistant, kit: BusKit, entity_registry: er.EntityRegistry
) -> None:
    """AC loads are set up in the options like any load: here a vent fan."""
    status = {"instance": 1, "operating_status": 0, "variable_level": "not_variable"}
    await kit.setup()
    await kit.inject("AC_LOAD_STATUS", status, source=0x89)
    kit.assert_identification_requested(0x89)
    assert hass.states.get("switch.ac_load_1") is not None
    result = await options(hass, kit, **{CONF_LOAD: "ac_load:1"})
    assert result["step_id"] == "load"
    assert result["description_placeholders"] == {"family": "ac_load", "instance": "1"}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"type": "fan", "name": "Vent fan"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()  # the entry reloads
    kit.assert_address_claimed(0xF9)
    assert entity_registry.async_get("switch.ac_load_1") is None
    await kit.inject("AC_LOAD_STATUS", status, source=0x89)
    kit.assert_identification_requested(0x89)
    assert hass.states.get("fan.vent_fan").state == "off"
    await hass.services.async_call(
        "fan", "turn_on", {"entity_id": "fan.vent_fan"}, blocking=True
    )
    kit.assert_sent(
        "AC_LOAD_COMMAND",
        {"instance": 1, "command": "set_level", "desired_level": 100.0},
    )
