"""The one gate to the bus: every command passes its checks or is refused.

Entities and the send_command action send through here. Read-only refuses
everything; messages that move something need the motion option and a chassis
that says the coach is parked; engine starts need the generator option. A
refusal is a translated error and nothing reaches the bus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.exceptions import HomeAssistantError, ServiceValidationError

from .const import (
    CONF_ALLOW_GENERATOR,
    CONF_ALLOW_MOTION,
    CONF_LOADS,
    CONF_NO_CHASSIS,
    CONF_READ_ONLY,
    DOMAIN,
    FAMILY_CHASSIS,
)
from .pairs import motion_channels
from .protocol import (
    ERROR,
    CommandRefusedError,
    EncodeError,
    FieldValueError,
    NotSendingError,
    UnknownFieldError,
    UnknownMessageError,
)
from .protocol.safety import moves_something, starts_an_engine, switches_a_dimmer_on

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .protocol import FieldInput
    from .protocol.instances import InstanceKey, InstanceState
    from .protocol.node import RvcNode

# ACKNOWLEDGMENT codes with a name (RV-C table 7.5), each with its own message.
REFUSAL_REASONS: Final = frozenset(
    {
        "nak",
        "not_acceptable_from_source",
        "conditions_do_not_allow",
        "not_formatted_properly",
        "parameters_out_of_range",
        "needs_password",
        "needs_more_time",
        "overridden_by_user",
    }
)


class CommandGate:
    """The owner's send options, checked before the node sends anything."""

    def __init__(
        self,
        options: Mapping[str, Any],
        states: Mapping[InstanceKey, InstanceState],
        node: RvcNode,
    ) -> None:
        """Check against options and the live chassis state; send with node."""
        self.read_only: bool = options.get(CONF_READ_ONLY, False)
        self.allow_motion: bool = options.get(CONF_ALLOW_MOTION, False)
        self.allow_generator: bool = options.get(CONF_ALLOW_GENERATOR, False)
        self.no_chassis: bool = options.get(CONF_NO_CHASSIS, False)
        # Dimmer channels the owner paired to drive an awning, slide or TV lift.
        self._motion_dimmers = motion_channels(options.get(CONF_LOADS, {}))
        self._states = states
        self._node = node

    def motion_refusal(self) -> str | None:
        """Why awnings and slides must not move now; None when they may.

        Motion waits for the chassis to be heard since start, unless the owner
        said the coach has no chassis node (a trailer); a chassis that went
        silent, says it is moving, or has its park brake released refuses it.
        """
        if not self.allow_motion:
            return "motion_control_disabled"
        chassis = self._states.get((FAMILY_CHASSIS, 0))
        if chassis is None:
            return None if self.no_chassis else "chassis_unknown"
        if not chassis.available:
            return "chassis_unknown"
        speed = chassis.value("CHASSIS_MOBILITY_STATUS", "vehicle_speed")
        park_brake = chassis.value("CHASSIS_MOBILITY_STATUS", "park_brake")
        if speed is ERROR or (isinstance(speed, int | float) and speed > 0):
            return "coach_moving"
        if park_brake in ("released", ERROR):
            return "park_brake_released"
        if speed is None and park_brake is None:
            return "chassis_unknown"
        return None

    def refusal(self, name: str, values: Mapping[str, FieldInput]) -> str | None:
        """Why a message must not be sent now; None when it may."""
        if self.read_only:
            return "read_only"
        if moves_something(name, values) or self._drives_a_motor(name, values):
            return self.motion_refusal()
        if starts_an_engine(name, values) and not self.allow_generator:
            return "generator_control_disabled"
        return None

    def _drives_a_motor(self, name: str, values: Mapping[str, FieldInput]) -> bool:
        """A dimmer command that may switch on a channel of a motion pair.

        A group command (instance 255, or none) may reach one too.
        """
        if not self._motion_dimmers or not switches_a_dimmer_on(name, values):
            return False
        instance = values.get("instance")
        return instance in self._motion_dimmers or instance in (None, 255)

    def check(
        self,
        name: str,
        values: Mapping[str, FieldInput],
        *,
        entity_id: str | None = None,
    ) -> None:
        """Raise the translated refusal of a message that must not be sent now.

        For entities that send several messages: check the one that may be
        refused before sending any.
        """
        if (reason := self.refusal(name, values)) is not None:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key=reason,
                translation_placeholders={"entity": entity_id or name},
            )

    async def async_send(
        self,
        name: str,
        values: Mapping[str, FieldInput],
        *,
        destination: int = 0xFF,
        entity_id: str | None = None,
        answered_by: InstanceKey | None = None,
    ) -> None:
        """Send a message if the checks allow it, and wait for the device's answer.

        Raises a translated error when a check refuses it, or when the device
        refuses it (NAK). answered_by is the instance whose status answers it.
        """
        self.check(name, values, entity_id=entity_id)
        try:
            answer = self._node.send_and_expect(
                name, values, destination=destination, answered_by=answered_by
            )
        except EncodeError as err:
            raise _translated(err) from err
        except NotSendingError as err:
            raise _not_sent(err, name) from err
        try:
            await answer
        except CommandRefusedError as err:
            raise _refused(err, entity_id) from err
        except NotSendingError as err:
            raise _not_sent(err, name) from err


def _not_sent(err: NotSendingError, name: str) -> HomeAssistantError:
    return HomeAssistantError(
        translation_domain=DOMAIN,
        translation_key=err.reason,
        translation_placeholders={"dgn": name},
    )


def _refused(err: CommandRefusedError, entity_id: str | None) -> HomeAssistantError:
    """The device's NAK, its reason translated (codes 128-250 depend on the DGN)."""
    reason = err.reason
    known = isinstance(reason, str) and reason in REFUSAL_REASONS
    return HomeAssistantError(
        translation_domain=DOMAIN,
        translation_key=f"refused_{reason}" if known else "refused_code",
        translation_placeholders={
            "entity": entity_id or err.message_name,
            "node": f"{err.source:#04x}",
            "code": str(reason),
        },
    )


def _translated(err: EncodeError) -> ServiceValidationError:
    """The encoder's error as a translated one that names what is wrong."""
    if isinstance(err, UnknownMessageError):
        key, placeholders = "unknown_dgn", {"dgn": err.name, "allowed": ""}
    elif isinstance(err, UnknownFieldError):
        key, placeholders = (
            "unknown_field",
            {
                "dgn": err.message_name,
                "field": err.field,
                "allowed": ", ".join(err.allowed),
            },
        )
    elif isinstance(err, FieldValueError):
        key, placeholders = (
            "invalid_value",
            {
                "dgn": err.message_name,
                "field": err.field,
                "value": repr(err.value),
                "allowed": err.allowed,
            },
        )
    else:
        key, placeholders = "invalid_command", {"error": str(err)}
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders,
    )
