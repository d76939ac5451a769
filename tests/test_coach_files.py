"""Coach files owners already have, and the library of coach profiles.

The files in tests/data/coach_files are the public ones, unchanged (their
README names source, commit and license).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from homeassistant.data_entry_flow import FlowResultType
import pytest

from custom_components.rvc.coach_files import LOAD_DGN_NUMBERS
from custom_components.rvc.const import CONF_LOADS, CONF_PROFILE, DOMAIN
from custom_components.rvc.library import load_library
from custom_components.rvc.profile import Profile, ProfileError, read_profile
from custom_components.rvc.protocol import load_spec

from .test_light import dimmer
from .test_profile import options

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers import issue_registry as ir

    from .kit import BusKit

DATA = Path(__file__).parent / "data" / "coach_files"


def read(name: str) -> Profile:
    return read_profile((DATA / name).read_text(encoding="utf-8"))


def areas(profile: Profile) -> set[str]:
    return {load["area"] for load in profile.loads.values() if "area" in load}


def test_the_hex_dgns_are_the_specs() -> None:
    spec = load_spec()
    assert {number: spec.message(name).dgn for number, name in LOAD_DGN_NUMBERS.items()} == {
        number: number for number in LOAD_DGN_NUMBERS
    }  # fmt: skip


def test_rvc2hass_coach_devices() -> None:
    """The 2021 Entegra Aspire 44R: hex DGNs, lists per instance, anchors."""
    profile = read("rvc2hass_coach-devices.yml")
    assert len(profile.loads) == 27
    # The entrance lock (1FEDB, instance "default") is no load.
    assert profile.skipped == 1
    assert profile.motors == 0
    assert profile.loads["dc_dimmer:25"] == {
        "type": "light",
        "name": "Bedroom Ceiling Light",
        "area": "Bedroom",
    }
    assert profile.loads["dc_dimmer:60"]["name"] == "Exterior Porch Light"
    assert len({load["name"] for load in profile.loads.values()}) == 27
    assert areas(profile) == {
        "Bedroom",
        "Master Bedroom",
        "Master Bathroom",
        "Mid Bathroom",
        "Entrance",
        "Main Living Area",
        "Exterior",
        "Basement",
    }


def test_coachiq_coach_mapping() -> None:
    """Status and command DGNs list the same loads; areas are zone names."""
    profile = read("coachiq_2021_Entegra_Aspire_44R.yml")
    assert len(profile.loads) == 27
    # The lock under 1FEDA and 1FEDB, and the group interface under 1FED8.
    assert profile.skipped == 3
    assert profile.loads["dc_dimmer:30"] == {
        "type": "light",
        "name": "Master Bath Ceiling Light",
        "area": "Master Bathroom",
    }
    assert len({load["name"] for load in profile.loads.values()}) == 27
    assert len(areas(profile)) == 9
    assert "Security Lighting" in areas(profile)


def test_coachiq_default_mapping_has_no_load() -> None:
    """Its one entry is a generic light on instance 'default': said, no crash."""
    with pytest.raises(ProfileError, match=r"no loads found \(1 other entries"):
        read("coachiq_coach_mapping.default.yml")


def test_thissmarthouse_profile() -> None:
    """The Thor Hurricane 35M: lights, switches, covers on dimmer pairs."""
    profile = read("thissmarthouse_thor_hurricane_35m.yaml")
    loads = profile.loads
    kinds = [load["type"] for load in loads.values()]
    assert (kinds.count("light"), kinds.count("switch")) == (8, 13)
    assert profile.motors == 3
    # 20 sensors and 9 binary sensors: the bus's own DGNs give those.
    assert profile.skipped == 29
    assert loads["dc_dimmer:17"] == {"type": "light", "name": "Living Room"}
    assert loads["dc_dimmer:34"] == {"type": "switch", "name": "Start Generator"}
    assert loads["dc_dimmer:10"] == {
        "type": "motor",
        "name": "Front Slide",
        "retract": 11,
        "kind": "slide",
        "travel_time": 30.0,  # the file gives none: a guess the owner corrects
    }
    # A motor's retract channel is part of the motor (hidden as a light).
    assert "dc_dimmer:11" not in loads
    assert loads["dc_dimmer:24"]["kind"] == "awning"
    assert areas(profile) == set()


def test_odd_entries_are_skipped() -> None:
    """What cannot be a load is counted, and the rest still applies."""
    profile = read_profile(
        "1FEDA:\n"
        "  1: [{friendly_name: Galley, device_class: light}, {device_class: lock}]\n"
        "  2: {friendly_name: 12}\n"
        "  300: Too high\n"
        "  x: Not an instance\n"
        "1FFB7:\n  0: Fresh water\n"
    )
    assert profile == Profile({"dc_dimmer:1": {"type": "light", "name": "Galley"}}, 5)
    profile = read_profile(
        "lights: [{name: No instance}, {instance: 3, name: Porch}]\n"
        "covers: [{name: Half a slide, extend_instance: 4}]\n"
    )
    assert profile == Profile({"dc_dimmer:3": {"type": "light", "name": "Porch"}}, 2)


def test_the_library_loads() -> None:
    """Every shipped profile reads, with a title; a contributed one too."""
    library = load_library()
    assert {
        "entegra_aspire_44r_2021": "Entegra Aspire 44R (2021)",
        "thor_hurricane_35m_2020": "Thor Hurricane 35M (2020)",
    }.items() <= {key: item.title for key, item in library.items()}.items()
    for item in library.values():
        assert item.profile.coach is not None
        assert item.profile.loads
    # Built from the public files: the same loads.
    assert (
        library["entegra_aspire_44r_2021"].profile.loads
        == read("rvc2hass_coach-devices.yml").loads
    )
    thor = library["thor_hurricane_35m_2020"].profile
    assert thor.loads == read("thissmarthouse_thor_hurricane_35m.yaml").loads


async def test_options_apply_a_library_profile(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup()
    result = await options(hass, kit, **{CONF_PROFILE: "library"})
    assert result["step_id"] == "profile_library"
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_PROFILE: "thor_hurricane_35m_2020"}
    )
    assert result["step_id"] == "profile_apply"
    assert result["description_placeholders"] == {
        "loads": "21",
        "motors": "3",
        "skipped": "0",
    }
    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert kit.entry is not None
    assert (
        kit.entry.options[CONF_LOADS]
        == read("thissmarthouse_thor_hurricane_35m.yaml").loads
    )
    await hass.async_block_till_done()  # the entry reloads
    kit.assert_address_claimed(0xF9)
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(17, 40))
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(10, 0))
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(11, 0))
    kit.assert_identification_requested(0x43)
    # The living room light; the slide's channels are no lights.
    assert [
        hass.states.get(entity_id).attributes["friendly_name"]
        for entity_id in hass.states.async_entity_ids("light")
    ] == ["RV-C node 0x43 Living Room"]


def thor_instances() -> list[int]:
    thor = load_library()["thor_hurricane_35m_2020"].profile
    return sorted(int(key.split(":")[1]) for key in thor.loads)


async def test_a_matching_bus_is_offered_its_profile(
    hass: HomeAssistant, kit: BusKit, issue_registry: ir.IssueRegistry
) -> None:
    entry = await kit.setup()
    issue_id = f"profile_match_{entry.entry_id}"
    # The Thor's channels, and the bunk's two it has no name for.
    for instance in [*thor_instances(), 4, 8]:
        await kit.inject("DC_DIMMER_STATUS_3", dimmer(instance, 0))
    kit.assert_identification_requested(0x43)
    issue = issue_registry.async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.translation_key == "profile_match"
    assert issue.translation_placeholders == {"coach": "Thor Hurricane 35M (2020)"}
    # Applying a profile (any loads set up) ends the offer.
    hass.config_entries.async_update_entry(
        entry,
        options={**entry.options, CONF_LOADS: {"dc_dimmer:17": {"type": "light"}}},
    )
    await hass.async_block_till_done()  # the entry reloads
    kit.assert_address_claimed(0xF9)
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None


async def test_another_bus_is_offered_nothing(
    hass: HomeAssistant, kit: BusKit, issue_registry: ir.IssueRegistry
) -> None:
    entry = await kit.setup()
    # As many dimmer channels, but not the Thor's nor the Entegra's.
    for instance in range(100, 100 + len(thor_instances())):
        await kit.inject("DC_DIMMER_STATUS_3", dimmer(instance, 0))
    # Half of the Thor's: not that coach either.
    for instance in thor_instances()[::2]:
        await kit.inject("DC_DIMMER_STATUS_3", dimmer(instance, 0))
    kit.assert_identification_requested(0x43)
    assert not issue_registry.async_get_issue(DOMAIN, f"profile_match_{entry.entry_id}")


async def test_a_motor_channel_set_up_as_a_load(
    hass: HomeAssistant, kit: BusKit
) -> None:
    """Set up by hand, a motor's channel keeps nothing of the motor."""
    thor = read("thissmarthouse_thor_hurricane_35m.yaml").loads
    await kit.setup(options={CONF_LOADS: thor})
    result = await options(hass, kit, load="dc_dimmer:10")
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"type": "switch", "name": "Slide relay"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert kit.entry is not None
    assert kit.entry.options[CONF_LOADS]["dc_dimmer:10"] == {
        "type": "switch",
        "name": "Slide relay",
    }
    await hass.async_block_till_done()  # the entry reloads
    kit.assert_address_claimed(0xF9)
