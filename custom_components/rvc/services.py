"""Actions: send an RV-C command, record the bus, set the coach clock."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import (
    ServiceValidationError,
    Unauthorized,
    UnknownUser,
)
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.service import async_register_admin_service
from homeassistant.util import dt as dt_util

from .compat import vol
from .const import DEFAULT_RECORD_MINUTES, DOMAIN, MAX_RECORD_MINUTES

if TYPE_CHECKING:
    from datetime import datetime

    from . import RvcConfigEntry
    from .protocol import FieldInput

SERVICE_SEND_COMMAND: Final = "send_command"
SERVICE_RECORD_BUS: Final = "record_bus"
SERVICE_SET_COACH_CLOCK: Final = "set_coach_clock"
ATTR_DATETIME: Final = "datetime"
ATTR_DURATION: Final = "duration"
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

RECORD_BUS_SCHEMA: Final = vol.Schema(
    {
        vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
        vol.Optional(ATTR_DURATION, default=DEFAULT_RECORD_MINUTES): vol.All(
            vol.Coerce(int), vol.Range(min=1, max=MAX_RECORD_MINUTES)
        ),
    }
)

SET_COACH_CLOCK_SCHEMA: Final = vol.Schema(
    {
        vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
        vol.Optional(ATTR_DATETIME): cv.datetime,
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


def date_time_values(moment: datetime) -> dict[str, FieldInput]:
    """SET_DATE_TIME_COMMAND's fields for a local time (RV-C 6.4.3, table 6.4.2b).

    Days of the week count from Sunday (1); the time zone is in whole hours
    behind Greenwich, modulo 24 (CEST, UTC+2, is 22).
    """
    offset = moment.utcoffset()
    hours_ahead = 0 if offset is None else round(offset.total_seconds() / 3600)
    return {
        "year": moment.year,
        "month": moment.month,
        "day": moment.day,
        "day_of_week": moment.isoweekday() % 7 + 1,
        "hour": moment.hour,
        "minute": moment.minute,
        "second": moment.second,
        "time_zone": -hours_ahead % 24,
    }


async def _async_set_coach_clock(call: ServiceCall) -> None:
    coordinator = _loaded_entry(call.hass, call.data[ATTR_CONFIG_ENTRY_ID]).runtime_data
    moment: datetime | None = call.data.get(ATTR_DATETIME)
    if moment is None:
        moment = dt_util.now()
    elif moment.tzinfo is None:  # the selector gives a local time without zone
        moment = moment.replace(tzinfo=dt_util.get_default_time_zone())
    else:
        moment = dt_util.as_local(moment)
    await coordinator.gate.async_send("SET_DATE_TIME_COMMAND", date_time_values(moment))


async def _async_require_admin(call: ServiceCall) -> None:
    """What async_register_admin_service checks, for an action with a response."""
    if call.context.user_id is None:
        return  # Home Assistant itself: an automation or a script
    user = await call.hass.auth.async_get_user(call.context.user_id)
    if user is None:
        raise UnknownUser(context=call.context)
    if not user.is_admin:
        raise Unauthorized(context=call.context)


async def _async_record_bus(call: ServiceCall) -> ServiceResponse:
    await _async_require_admin(call)
    coordinator = _loaded_entry(call.hass, call.data[ATTR_CONFIG_ENTRY_ID]).runtime_data
    path = await coordinator.recording.async_start(call.data[ATTR_DURATION])
    return {"path": str(path)}


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
    hass.services.async_register(
        DOMAIN,
        SERVICE_SET_COACH_CLOCK,
        _async_set_coach_clock,
        schema=SET_COACH_CLOCK_SCHEMA,
    )
    # A recording writes up to an hour of the bus into the configuration folder,
    # VIN and GPS position included where nodes report them: administrators only.
    hass.services.async_register(
        DOMAIN,
        SERVICE_RECORD_BUS,
        _async_record_bus,
        schema=RECORD_BUS_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
