"""Coach profiles: every load's name, type and area in one YAML document.

Our own format, which export writes and import reads:

    rvc_profile: 1
    loads:
      dc_dimmer 1: {name: Bedroom ceiling light, type: light, area: Bedroom}
      dc_load 20: {name: Water heater element, type: switch}
      ac_load 2: {name: Galley outlets, type: switch}
      dc_dimmer 5: {name: Patio awning, type: motor, kind: awning, retract: 6,
                    travel_time: 20}
      dc_dimmer 7: {name: Entry door, type: lock, unlock: 8}

A motor or lock is a pair of dimmer channels: the load's own channel extends
(or locks), the one it names retracts (or unlocks).

Import also reads the coach files owners keep for the MQTT bridges and
CoachIQ (coach_files.py); what is not a load there is skipped and counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from homeassistant.exceptions import HomeAssistantError
from homeassistant.util.yaml import dump
import yaml  # type: ignore[import-untyped]  # no stubs in the environment

from .coach_files import Found, is_list_profile, read_dgn_map, read_list_profile
from .compat import vol
from .const import (
    CONF_KIND,
    CONF_LOAD_AREA,
    CONF_LOAD_NAME,
    CONF_LOAD_TYPE,
    CONF_RETRACT,
    CONF_TRAVEL_TIME,
    CONF_UNLOCK,
    FAMILY_DC_DIMMER,
    LOAD_FAMILIES,
    LOAD_TYPE_LIGHT,
    LOAD_TYPE_LOCK,
    LOAD_TYPE_MOTOR,
    LOAD_TYPE_SWITCH,
    LOAD_TYPES,
    MAX_TRAVEL_TIME,
    MOTOR_KINDS,
)
from .pairs import dimmer_pairs

if TYPE_CHECKING:
    from collections.abc import Mapping

PROFILE_VERSION: Final = 1
# A profile is pasted by hand: a coach's loads fit in a few KiB. The limits
# keep a hostile document (nested aliases, "billion laughs") from eating
# memory or time: nodes are counted as if every alias were written out.
MAX_PROFILE_BYTES: Final = 256 * 1024
MAX_DEPTH: Final = 20
MAX_EXPANDED_NODES: Final = 100_000
MAX_INSTANCE: Final = 250
# A bridge map's default type for a family, where it gives none: what the bus
# makes of a load that says nothing more (dimmer channels dim, loads switch).
DEFAULT_TYPES: Final = {
    name: LOAD_TYPE_LIGHT if family.variable_field is None else LOAD_TYPE_SWITCH
    for name, family in LOAD_FAMILIES.items()
}

NAMING: Final[dict[Any, Any]] = {
    vol.Optional(CONF_LOAD_NAME): vol.All(str, vol.Strip, vol.Length(min=1)),
    vol.Optional(CONF_LOAD_AREA): vol.All(str, vol.Strip, vol.Length(min=1)),
}
LOAD_SCHEMA: Final = vol.Schema(
    {vol.Required(CONF_LOAD_TYPE): vol.In(LOAD_TYPES), **NAMING}
)
DIMMER_INSTANCE: Final = vol.All(int, vol.Range(min=1, max=MAX_INSTANCE))
# Pairs of dimmer channels: the partner's instance, and for a motor what it
# moves and how many seconds it takes from end to end.
PAIR_SCHEMAS: Final = {
    LOAD_TYPE_MOTOR: vol.Schema(
        {
            vol.Required(CONF_LOAD_TYPE): LOAD_TYPE_MOTOR,
            vol.Required(CONF_RETRACT): DIMMER_INSTANCE,
            vol.Required(CONF_KIND): vol.In(MOTOR_KINDS),
            vol.Required(CONF_TRAVEL_TIME): vol.All(
                vol.Coerce(float), vol.Range(min=1, max=MAX_TRAVEL_TIME)
            ),
            **NAMING,
        }
    ),
    LOAD_TYPE_LOCK: vol.Schema(
        {
            vol.Required(CONF_LOAD_TYPE): LOAD_TYPE_LOCK,
            vol.Required(CONF_UNLOCK): DIMMER_INSTANCE,
            **NAMING,
        }
    ),
}


@dataclass(frozen=True, slots=True)
class Profile:
    """What a profile sets: the options' loads, and the entries it left out."""

    loads: dict[str, dict[str, Any]]
    skipped: int = 0
    coach: str | None = None
    """The coach it is for, as the library's profiles say."""

    @property
    def motors(self) -> int:
        """How many of the loads are motors (channel pairs)."""
        return sum(
            setting[CONF_LOAD_TYPE] == LOAD_TYPE_MOTOR
            for setting in self.loads.values()
        )


class ProfileError(HomeAssistantError):
    """A profile that cannot be read; the message says where."""

    def __init__(self, message: str, *, reason: str = "invalid_profile") -> None:
        """reason: the options flow's translated error."""
        super().__init__(message)
        self.reason = reason


class _BoundedLoader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML has no types
    """YAML's safe loader (no tags such as !include), with size limits.

    Sizes are counted on the composed nodes, before anything is built, so
    neither aliases nor merge keys can blow up.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        alias = self.check_event(yaml.AliasEvent)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise ProfileError(
                f"nested deeper than {MAX_DEPTH} levels", reason="profile_too_complex"
            )
        try:
            node: yaml.Node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if alias:
            # An alias to a node still being read has no size yet.
            if id(node) not in self._sizes:
                raise ProfileError(
                    "a value that contains itself", reason="profile_too_complex"
                )
            return node
        self._sizes[id(node)] = size = 1 + sum(
            self._sizes[id(child)] for child in _children(node)
        )
        if size > MAX_EXPANDED_NODES:
            raise ProfileError(
                f"more than {MAX_EXPANDED_NODES} values once its aliases"
                " are written out",
                reason="profile_too_complex",
            )
        return node


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _parse_yaml(text: str) -> object:
    if len(text.encode()) > MAX_PROFILE_BYTES:
        raise ProfileError(
            f"larger than {MAX_PROFILE_BYTES // 1024} KiB", reason="profile_too_large"
        )
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as err:
        raise ProfileError(f"not YAML: {err}") from err
    finally:
        loader.dispose()


def _load_key(key: object) -> str:
    """'dc_dimmer 1' (or 'dc_dimmer:1') to the options' 'dc_dimmer:1'."""
    family, _, instance = str(key).replace(":", " ").partition(" ")
    if family not in DEFAULT_TYPES or not instance.strip().isdigit():
        raise ProfileError(
            f"{key!r} is not a load: write 'dc_dimmer 1' or 'dc_load 20'"
        )
    number = int(instance)
    if not 0 <= number <= MAX_INSTANCE:
        raise ProfileError(f"{key!r}: instances are 0 to 250")
    return f"{family}:{number}"


def _load(where: str, value: object, key: str = "") -> dict[str, Any]:
    kind = value.get(CONF_LOAD_TYPE) if isinstance(value, dict) else None
    schema = PAIR_SCHEMAS.get(str(kind), LOAD_SCHEMA)
    if schema is not LOAD_SCHEMA and not key.startswith(f"{FAMILY_DC_DIMMER}:"):
        raise ProfileError(f"{where}: a {kind} is a pair of dc_dimmer channels")
    try:
        return dict(schema(value))
    except vol.Invalid as err:
        raise ProfileError(f"{where}: {err}") from err


def _check_pairs(loads: Mapping[str, Mapping[str, Any]]) -> None:
    """Each channel drives one thing: a pair's partner is nothing else."""
    used: dict[int, str] = {}
    for pair in dimmer_pairs(loads):
        where = f"{FAMILY_DC_DIMMER} {pair.first}"
        partner = f"{FAMILY_DC_DIMMER}:{pair.second}"
        if pair.second == pair.first or partner in loads or pair.second in used:
            raise ProfileError(
                f"{where}: channel {pair.second} is already in use; a {pair.type}"
                " needs a second channel of its own"
            )
        used[pair.second] = where


def with_pair(
    loads: Mapping[str, Mapping[str, Any]], instance: int, setting: Mapping[str, Any]
) -> dict[str, Mapping[str, Any]]:
    """The loads with one more motor or lock on instance and its partner.

    What the partner channel was set up as goes: it is part of the pair now.
    A ProfileError says what is wrong.
    """
    key = f"{FAMILY_DC_DIMMER}:{instance}"
    pair = _load(f"{FAMILY_DC_DIMMER} {instance}", dict(setting), key)
    partner = pair.get(CONF_RETRACT, pair.get(CONF_UNLOCK))
    updated: dict[str, Mapping[str, Any]] = {**loads, key: pair}
    partner_key = f"{FAMILY_DC_DIMMER}:{partner}"
    if updated.get(partner_key, {}).get(CONF_LOAD_TYPE) not in PAIR_SCHEMAS:
        updated.pop(partner_key, None)
    _check_pairs(updated)
    return updated


def _ours(document: Mapping[str, Any]) -> Profile:
    loads = document.get("loads") or {}
    if not isinstance(loads, dict):
        raise ProfileError("'loads' must map loads to their settings")
    parsed = {}
    for key, value in loads.items():
        load_key = _load_key(key)
        parsed[load_key] = _load(str(key), value, load_key)
    _check_pairs(parsed)
    coach = document.get("coach")
    return Profile(parsed, coach=str(coach) if coach else None)


def _theirs(found: Found) -> Profile:
    """A coach file's entries, validated; the first entry of a load wins.

    An entry we cannot use (a number for a name, instance 300) is skipped
    like any other: the rest of the owner's file still applies.
    """
    loads: dict[str, dict[str, Any]] = {}
    skipped = found.skipped
    for family, instance, setting in found.entries:
        value = {CONF_LOAD_TYPE: DEFAULT_TYPES[family]} | setting
        try:
            key = _load_key(f"{family} {instance}")
            loads[key] = _load(key, value, key) | loads.get(key, {})
        except ProfileError:
            skipped += 1
    # A motor's partner channel is part of the motor, whatever else the file
    # says of it.
    for pair in dimmer_pairs(loads):
        if loads.pop(f"{FAMILY_DC_DIMMER}:{pair.second}", None) is not None:
            skipped += 1
    _check_pairs(loads)
    if not loads:
        raise ProfileError(
            f"no loads found ({skipped} other entries skipped): expected"
            " 'loads:' (an RV-C profile), DGNs such as DC_DIMMER_STATUS_3 or"
            " 1FEDA mapping instances to names (coach-devices.yml, CoachIQ), or"
            " lists of lights, switches and covers (an rvc2hass profile)"
        )
    return Profile(loads, skipped)


def read_profile(text: str) -> Profile:
    """The loads a profile or coach file sets, as the options keep them."""
    document = _parse_yaml(text)
    if not isinstance(document, dict):
        raise ProfileError("a profile is a YAML mapping")
    if "loads" in document or "rvc_profile" in document:
        return _ours(document)
    if is_list_profile(document):
        return _theirs(read_list_profile(document))
    return _theirs(read_dgn_map(document))


def export_profile(loads: Mapping[str, Mapping[str, Any]]) -> str:
    """The options' loads in our profile format."""
    return str(
        dump(
            {
                "rvc_profile": PROFILE_VERSION,
                "loads": {
                    key.replace(":", " "): dict(setting)
                    for key, setting in sorted(
                        loads.items(),
                        key=lambda item: (
                            item[0].split(":")[0],
                            int(item[0].split(":")[1]),
                        ),
                    )
                },
            }
        )
    )
