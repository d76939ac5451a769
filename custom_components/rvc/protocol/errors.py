"""Exceptions raised by the RV-C protocol library."""

from __future__ import annotations


class RvcError(Exception):
    """Base class for every error this library raises."""


class EncodeError(RvcError, ValueError):
    """A command cannot be encoded as asked."""


class UnknownMessageError(EncodeError):
    """The DGN name is not in the specification."""

    def __init__(self, name: str) -> None:
        """Name the unknown DGN."""
        super().__init__(f"unknown DGN name {name!r}")
        self.name = name


class UnknownFieldError(EncodeError):
    """A field name is not part of the DGN."""

    def __init__(self, message: str, field: str, allowed: list[str]) -> None:
        """Name the field and the fields the DGN has."""
        super().__init__(
            f"{message} has no field {field!r}; its fields are {', '.join(allowed)}"
        )
        self.message_name = message
        self.field = field
        self.allowed = allowed


class FieldValueError(EncodeError):
    """A field value is out of range or of the wrong kind."""

    def __init__(self, message: str, field: str, value: object, allowed: str) -> None:
        """Name the field, the rejected value and what is allowed."""
        super().__init__(f"{message}.{field} cannot be {value!r}: allowed is {allowed}")
        self.message_name = message
        self.field = field
        self.value = value
        self.allowed = allowed


class BusError(RvcError):
    """The CAN bus failed."""


class BusOpenError(BusError):
    """The CAN bus could not be opened; the cause is chained."""

    reason = "cannot_connect"
    """Why, as a key an application can translate."""


class InterfaceDownError(BusOpenError):
    """A SocketCAN interface exists but is down: binding would succeed, reads fail."""

    reason = "interface_down"

    def __init__(self, interface: str, bitrate: int) -> None:
        """Name the interface and the command that brings it up."""
        self.interface = interface
        self.command = f"ip link set {interface} up type can bitrate {bitrate}"
        super().__init__(f"the CAN interface {interface} is down: run {self.command}")


class CaptureNotFoundError(BusOpenError):
    """The capture to replay is not there."""

    reason = "capture_not_found"


class CaptureUnreadableError(BusOpenError):
    """The capture to replay holds no frame python-can reads; the cause is chained."""

    reason = "capture_unreadable"


class BusSendError(BusError):
    """A frame could not be sent; the cause is chained."""


class NotSendingError(RvcError):
    """The node refuses to send now; reason says why (a stable key)."""

    reason = "not_sending"


class ReadOnlyError(NotSendingError):
    """The node was started read-only."""

    reason = "read_only"


class BusUnavailableError(NotSendingError):
    """The adapter is gone; the node is reopening it."""

    reason = "bus_unavailable"


class AddressLostError(NotSendingError):
    """No source address is left on the bus: J1939 forbids sending."""

    reason = "address_lost"


class RateLimitedError(NotSendingError):
    """Too many commands wait already: this one is not sent."""

    reason = "rate_limited"

    def __init__(self, name: str) -> None:
        """Name the DGN refused."""
        super().__init__(f"too many commands waiting: {name} not sent")
        self.name = name


class CommandRefusedError(RvcError):
    """The device answered a command with a NAK (RV-C 3.2.4.4, table 7.5)."""

    def __init__(self, name: str, reason: str | int, source: int) -> None:
        """Name the command, the device's reason (a code name or number) and node."""
        super().__init__(f"node {source:#04x} refused {name}: {reason}")
        self.message_name = name
        self.reason = reason
        self.source = source
