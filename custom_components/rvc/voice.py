"""Voice: what Assist needs to find the coach's loads, zones and tanks by name.

Home Assistant's conversation agent matches an entity by its full name, which
for our entities starts with the device's ("RV-C HA Dimmer 8 Galley light"):
nobody says that. Each entity gets its own name ("Galley light", a coach
profile's name included) as an alias for voice, once; it follows the name while
the owner keeps it, and an alias the owner removed stays removed.

Tank levels have no device class Home Assistant exposes to Assist by default;
"what is the fresh water tank level" is what owners ask, so they are exposed
unless the owner decided otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.core import Event, callback
from homeassistant.helpers import entity_registry as er

from .const import DOMAIN
from .entity import ASSIST, parse_unique_id

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from . import RvcConfigEntry

# Our own registry options of an entity: the aliases we gave it, the exposure we set.
VOICE_ALIASES: Final = "voice_aliases"
VOICE_EXPOSED: Final = "voice_exposed"
# The aliases of an entity, from its own name, by (family, key): a tank's level
# sensor is named after the tank, and asked for as "the … tank level" too.
VOICE_NAMES: Final[dict[tuple[str, str | None] | None, tuple[str, ...]]] = {
    ("tank", "level"): ("{}", "{} level"),
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
        ours = dict(registry_entry.options.get(DOMAIN, {}))
        _async_alias(registry, registry_entry, ours, VOICE_NAMES.get(what, ("{}",)))
        if what in EXPOSED_BY_DEFAULT and not ours.get(VOICE_EXPOSED):
            registry.async_update_entity_options(
                entity_id, ASSIST, {"should_expose": True}
            )
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
    aliases = set(registry_entry.aliases)
    kept = [alias for alias in given if alias in aliases]
    if not given or kept:  # first time, or the owner kept ours
        registry.async_update_entity(
            registry_entry.entity_id, aliases=(aliases - set(given)) | set(wanted)
        )
    ours[VOICE_ALIASES] = wanted
