"""Voice: what Assist needs to find the coach's loads, zones and tanks by name.

Home Assistant's conversation agent matches an entity by its full name, which
for our entities starts with the device's ("RV-C HA Dimmer 8 Galley light"):
nobody says that. Each entity Assist runs by default (loads, zones, the water
heater, zone temperatures and tank levels) gets its own name ("Galley light", a
coach profile's name included) as an alias for voice, once; it follows the name
while the owner keeps it, and an alias the owner removed stays removed.

Tank levels have no device class Home Assistant exposes to Assist by default;
"what is the fresh water tank level" is what owners ask, so they are exposed
unless the owner decided otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.components.homeassistant.exposed_entities import (
    async_expose_entity,
)
from homeassistant.core import Event, callback
from homeassistant.helpers import entity_registry as er

from .const import DOMAIN
from .entity import parse_unique_id

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from . import RvcConfigEntry

# Home Assistant's own conversation agent.
ASSIST: Final = "conversation"
# Our own registry options of an entity: the aliases we gave it, the exposure we set.
VOICE_ALIASES: Final = "voice_aliases"
VOICE_EXPOSED: Final = "voice_exposed"
# Entities Assist runs by default get their own name as an alias; sensors only
# where named here, a tank's level also as "the … tank level".
VOICE_DOMAINS: Final = frozenset({"light", "switch", "fan", "climate", "water_heater"})
VOICE_SENSORS: Final[dict[tuple[str, str | None], tuple[str, ...]]] = {
    ("tank", "level"): ("{}", "{} level"),
    ("thermostat", "ambient_temperature"): ("{}",),
}
# (family, key) of the entities exposed to Assist though HA would not by default.
EXPOSED_BY_DEFAULT: Final = frozenset({("tank", "level")})


@callback
def async_setup_voice(hass: HomeAssistant, entry: RvcConfigEntry) -> None:
    """Name and expose this entry's entities for voice, now and as they come."""
    registry = er.async_get(hass)

    @callback
    def prepare(entity_id: str) -> None:
        registry_entry = registry.async_get(entity_id)
        if registry_entry is None or registry_entry.config_entry_id != entry.entry_id:
            return
        parsed = parse_unique_id(entry.entry_id, registry_entry.unique_id)
        what = None if parsed is None else (parsed.family, parsed.key)
        if (patterns := _alias_patterns(registry_entry.domain, what)) is None:
            return
        ours = dict(registry_entry.options.get(DOMAIN, {}))
        _async_alias(registry, registry_entry, ours, patterns)
        if what in EXPOSED_BY_DEFAULT and not ours.get(VOICE_EXPOSED):
            async_expose_entity(hass, ASSIST, entity_id, should_expose=True)
            ours[VOICE_EXPOSED] = True
        if ours != registry_entry.options.get(DOMAIN, {}):
            registry.async_update_entity_options(entity_id, DOMAIN, ours)

    @callback
    def on_registry_change(event: Event[er.EventEntityRegistryUpdatedData]) -> None:
        data = event.data
        if data["action"] == "create" or (
            data["action"] == "update" and "original_name" in data["changes"]
        ):
            prepare(data["entity_id"])

    for registry_entry in er.async_entries_for_config_entry(registry, entry.entry_id):
        prepare(registry_entry.entity_id)
    entry.async_on_unload(
        hass.bus.async_listen(er.EVENT_ENTITY_REGISTRY_UPDATED, on_registry_change)
    )


def _alias_patterns(
    domain: str, what: tuple[str, str | None] | None
) -> tuple[str, ...] | None:
    """How an entity's aliases are made from its name; None: it needs none."""
    if what is None:
        return None
    if what in VOICE_SENSORS:
        return VOICE_SENSORS[what]
    return ("{}",) if domain in VOICE_DOMAINS else None


def _async_alias(
    registry: er.EntityRegistry,
    registry_entry: er.RegistryEntry,
    ours: dict[str, Any],
    patterns: tuple[str, ...],
) -> None:
    """Make the entity's own name its aliases, replacing the ones we gave before.

    Aliases the owner removed stay removed; the owner's own are kept.
    """
    name = registry_entry.original_name
    wanted = [pattern.format(name) for pattern in patterns] if name else []
    given: list[str] = ours.get(VOICE_ALIASES, [])
    if not wanted or wanted == given:
        return
    current = registry_entry.aliases
    if not given or any(alias in current for alias in given):
        # First time, or the owner kept ours. Home Assistant 2025 keeps aliases
        # as a set, newer ones as a list that may hold a computed-name marker:
        # keep the kind, and every alias we did not give.
        aliases = [alias for alias in current if alias not in given]
        aliases += [alias for alias in wanted if alias not in aliases]
        registry.async_update_entity(
            registry_entry.entity_id, aliases=type(current)(aliases)
        )
    ours[VOICE_ALIASES] = wanted
