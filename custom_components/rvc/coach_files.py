"""Coach files owners already have, read into our profile's load entries.

- coach-devices.yml (carpenike/rvc2hass) and CoachIQ's coach mappings: DGN
  (a name such as DC_DIMMER_STATUS_3, or hex such as 1FEDA) -> instance ->
  a name, a mapping, or a list of mappings (friendly_name, suggested_area or
  area, device_class or device_type), often merged from YAML anchors.
- ThisSmartHouse/rvc2hass profiles: lists of lights, switches and covers on
  dimmer channels (a cover is an extend and a retract channel).

Only loads apply; every other entry (locks, sensors, scenes) is counted as
skipped so the owner sees what was left out. Nothing here raises on an odd
entry: profile.py validates what comes out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import re
from typing import Any, Final

from .const import (
    CONF_KIND,
    CONF_LOAD_AREA,
    CONF_LOAD_NAME,
    CONF_LOAD_TYPE,
    CONF_RETRACT,
    CONF_TRAVEL_TIME,
    FAMILY_DC_DIMMER,
    LOAD_FAMILIES,
    LOAD_TYPE_LIGHT,
    LOAD_TYPE_MOTOR,
    LOAD_TYPE_SWITCH,
    LOAD_TYPES,
)

# The maps give no travel time: this is a guess the owner corrects in the
# options; a motor's limit switches stop it at either end in any case.
ASSUMED_TRAVEL_TIME: Final = 30
# The DGN numbers of the load families' DGNs, as the maps write them in hex
# (RV-C tables 6.22.4, 6.23.4 and 6.24.4; tests check them against the DBC).
LOAD_DGN_NUMBERS: Final = {
    0x1FEDA: "DC_DIMMER_STATUS_3",
    0x1FEDB: "DC_DIMMER_COMMAND_2",
    0x1FFBD: "DC_LOAD_STATUS",
    0x1FFBC: "DC_LOAD_COMMAND",
    0x1FFBF: "AC_LOAD_STATUS",
    0x1FFBE: "AC_LOAD_COMMAND",
}
LOAD_DGNS: Final = {
    dgn: name
    for name, family in LOAD_FAMILIES.items()
    for dgn in (family.status_dgn, family.command_dgn)
}
_HEX_DGN: Final = re.compile(r"(?:0x)?([0-9A-Fa-f]{4,5})")
_NAMED_DGN: Final = re.compile(r"[A-Z][A-Z0-9_]*_[A-Z0-9_]+")
# A map's own word for what a load is, where it is one of ours.
_TYPES: Final = {load_type: load_type for load_type in LOAD_TYPES} | {
    "dimmer": LOAD_TYPE_LIGHT,
    "relay": LOAD_TYPE_SWITCH,
}
# ThisSmartHouse profile lists that are loads, and what each entry becomes.
_LIST_TYPES: Final = {"lights": LOAD_TYPE_LIGHT, "switches": LOAD_TYPE_SWITCH}
# Their lists we read elsewhere (the bus decodes sensors by itself).
_LIST_SKIPPED: Final = ("sensors", "binary_sensors")

Entry = tuple[str, int, dict[str, Any]]
"""A load family, an instance, and its settings (not yet validated)."""


@dataclass
class Found:
    """What a coach file names: its load entries, and how many it left out."""

    entries: list[Entry] = field(default_factory=list)
    skipped: int = 0


def is_list_profile(document: dict[Any, Any]) -> bool:
    """A ThisSmartHouse profile: lists of lights, switches and covers."""
    return any(isinstance(document.get(key), list) for key in (*_LIST_TYPES, "covers"))


def read_list_profile(document: dict[Any, Any]) -> Found:
    """Lights and switches are dimmer channels; covers are channel pairs."""
    found = Found()
    for key, load_type in _LIST_TYPES.items():
        for item in _items(document.get(key)):
            instance = item.get("instance") if isinstance(item, dict) else None
            if not isinstance(instance, int) or not isinstance(item, dict):
                found.skipped += 1
                continue
            setting = {CONF_LOAD_TYPE: load_type, CONF_LOAD_NAME: item.get("name")}
            found.entries.append((FAMILY_DC_DIMMER, instance, _present(setting)))
    for item in _items(document.get("covers")):
        extend = item.get("extend_instance") if isinstance(item, dict) else None
        retract = item.get("retract_instance") if isinstance(item, dict) else None
        if not isinstance(extend, int) or not isinstance(retract, int):
            found.skipped += 1
            continue
        found.entries.extend(_motor(str(item.get("name") or ""), extend, retract))
    for key in _LIST_SKIPPED:
        found.skipped += len(_items(document.get(key)))
    return found


def _motor(name: str, extend: int, retract: int) -> list[Entry]:
    """A motor on its extend channel, naming its retract channel (pairs.py).

    A name that says neither awning nor slide is taken for a slide: what may
    move something heavy stays behind the motion option.
    """
    kind = next((word for word in ("awning", "slide") if word in name.lower()), "slide")
    motor = {
        CONF_LOAD_TYPE: LOAD_TYPE_MOTOR,
        CONF_LOAD_NAME: name or None,
        CONF_RETRACT: retract,
        CONF_KIND: kind,
        CONF_TRAVEL_TIME: ASSUMED_TRAVEL_TIME,
    }
    return [(FAMILY_DC_DIMMER, extend, _present(motor))]


def read_dgn_map(document: dict[Any, Any]) -> Found:
    """coach-devices.yml and CoachIQ maps: DGN -> instance -> entries."""
    found = Found()
    areas = _coachiq_areas(document.get("areas"))
    for key, instances in document.items():
        dgn = _dgn_name(key)
        if dgn is None or not isinstance(instances, dict):
            continue  # templates, areas, scenes: sections, not entries
        family = LOAD_DGNS.get(dgn)
        for instance, value in instances.items():
            settings = [_setting(item, areas) for item in _items(value)]
            usable = [setting for setting in settings if setting is not None]
            if family is None or not _is_instance(instance) or not usable:
                found.skipped += len(settings)
                continue
            # Several entries for one instance: the first load among them.
            found.skipped += len(settings) - 1
            found.entries.append((family, int(instance), usable[0]))
    return found


def _dgn_name(key: object) -> str | None:
    """A top-level key that names a DGN, as our spec names it where we know it."""
    text = str(key)
    if match := _HEX_DGN.fullmatch(text):
        return LOAD_DGN_NUMBERS.get(int(match.group(1), 16), text)
    return text if _NAMED_DGN.fullmatch(text) else None


def _is_instance(key: object) -> bool:
    return isinstance(key, int) or str(key).isdigit()


def _items(value: object) -> list[Any]:
    """A list's items, or the one value that is not a list."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _setting(item: object, areas: dict[str, str]) -> dict[str, Any] | None:
    """One map entry as a load setting; None when it is no load (a lock)."""
    if isinstance(item, str):
        return {CONF_LOAD_NAME: item}
    if not isinstance(item, dict):
        return None
    kind = item.get("type", item.get("device_type", item.get("device_class")))
    setting: dict[str, Any] = {}
    if kind is not None:
        if (load_type := _TYPES.get(str(kind))) is None:
            return None
        setting[CONF_LOAD_TYPE] = load_type
    setting[CONF_LOAD_NAME] = item.get("name", item.get("friendly_name"))
    area = item.get("area", item.get("suggested_area"))
    setting[CONF_LOAD_AREA] = areas.get(str(area), area) if area else None
    return _present(setting)


def _coachiq_areas(section: object) -> dict[str, str]:
    """CoachIQ's 'interior.bedroom' -> 'Master Bedroom' (its display name)."""
    names: dict[str, str] = {}
    if not isinstance(section, dict):
        return names
    for group, body in section.items():
        zones = body.get("zones") if isinstance(body, dict) else None
        for zone, about in (zones or {}).items():
            if isinstance(about, dict) and about.get("display_name"):
                names[f"{group}.{zone}"] = str(about["display_name"])
    return names


def _present(setting: dict[str, Any]) -> dict[str, Any]:
    """Drop what the file left empty."""
    return {key: value for key, value in setting.items() if value not in (None, "")}
