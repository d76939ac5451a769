"""Actions: send an RV-C command, validated against the specification."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, ServiceCall, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.service import async_register_admin_service

from .compat import vol
from .const import DOMAIN

if TYPE_CHECKING:
    from . import RvcConfigEntry
    from .protocol import FieldInput

SERVICE_SEND_COMMAND: Final = "send_command"
ATTR_CONFIG_ENTRY_ID: Final = "config_entry_id"
ATTR_DGN: Final = "dgn"
ATTR_INSTANCE: Final = "instance"
ATTR_FIELDS: Final = "fields"

# Only the shape here: the specification decides names and ranges, with
# translated errors (the schema's own errors are not translated).
SEND_COMMAND_SCHEMA: Final = vol.Schema(
    {
        vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
        vol.Required(ATTR_DGN): cv.string,
        vol.Optional(ATTR_INSTANCE): vol.Any(int, float, str),
        vol.Optional(ATTR_FIELDS, default=dict): vol.Schema(
            {cv.string: vol.Any(None, bool, int, float, str)}
        ),
    }
)

# Besides commands, a node may be asked to send a DGN (ISO request).
EXTRA_SENDABLE: Final = frozenset({"ISO_REQUEST"})


def _loaded_entry(hass: HomeAssistant, entry_id: str) -> RvcConfigEntry:
    entry: RvcConfigEntry | None = hass.config_entries.async_get_entry(entry_id)
    if entry is None or entry.domain != DOMAIN:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="entry_not_found",
            translation_placeholders={"entry_id": entry_id},
        )
    if entry.state is not ConfigEntryState.LOADED:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="entry_not_loaded",
            translation_placeholders={"title": entry.title},
        )
    return entry


async def _async_send_command(call: ServiceCall) -> None:
    coordinator = _loaded_entry(call.hass, call.data[ATTR_CONFIG_ENTRY_ID]).runtime_data
    name: str = call.data[ATTR_DGN]
    message = coordinator.spec.messages.get(name)
    if message is None or not (message.is_command or name in EXTRA_SENDABLE):
        allowed = [*coordinator.spec.command_names, *sorted(EXTRA_SENDABLE)]
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="unknown_dgn",
            translation_placeholders={"dgn": name, "allowed": ", ".join(allowed)},
        )
    values: dict[str, FieldInput] = dict(call.data[ATTR_FIELDS])
    if ATTR_INSTANCE in call.data:
        values["instance"] = call.data[ATTR_INSTANCE]
    if message.has_instance and values.get("instance") is None:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="instance_required",
            translation_placeholders={"dgn": name},
        )
    await coordinator.gate.async_send(name, values)


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the actions once, for every entry.

    A raw command reaches any device on the coach, past the entities' own
    checks: only administrators may send one (a tablet by the door runs as an
    ordinary user).
    """
    async_register_admin_service(
        hass,
        DOMAIN,
        SERVICE_SEND_COMMAND,
        _async_send_command,
        schema=SEND_COMMAND_SCHEMA,
    )
