"""The RV-C specification as data: the DBC file, read once by cantools."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Final

import cantools

from .errors import UnknownMessageError
from .frame_id import parse_frame_id

if TYPE_CHECKING:
    from collections.abc import Mapping

    from cantools.database.can import Message, Signal

DBC_DIR: Final = Path(__file__).with_name("dbc")
"""The specification: every DBC file here, one per group of DGNs."""

# Matches a DBC frame id whatever its priority, reserved bit and source address.
DGN_FRAME_ID_MASK: Final = 0x01FFFF00

# DBC attributes of our own: see the definitions at the end of rvc.dbc.
ATTR_MULTI_PACKET: Final = "RVC_MultiPacket"
ATTR_NO_SPECIAL_VALUES: Final = "RVC_NoSpecialValues"

# The largest lookup table built per field; wider fields are converted on the fly.
_LOOKUP_MAX_BITS: Final = 8


class SpecialValue(Enum):
    """Marker for a field the device reports as in error (RV-C error codes)."""

    ERROR = "error"


ERROR: Final = SpecialValue.ERROR
"""Decoded value of a field whose raw value is an RV-C error or reserved code."""

type FieldValue = int | float | str | SpecialValue | None
"""A decoded field: a number in its unit, an enumeration name, ERROR, or None.

None means "not available" (the device does not report the field).
"""


def special_value_limits(length: int) -> tuple[int, int]:
    """Return (first error raw value, first not-available raw value) for a width.

    RV-C reserves the top of every unsigned range. For 8 bits and wider the
    top byte decides: 0xFB-0xFE error or reserved, 0xFF not available. Narrow
    fields use their two highest codes: all ones is not available, the code
    below it is error (2-bit: 10 error, 11 not available). One-bit fields have
    no special values.
    """
    if length >= 8:
        shift = length - 8
        return 0xFB << shift, 0xFF << shift
    if length >= 2:
        top = (1 << length) - 1
        return top - 1, top
    return 2, 2


def _decimal_digits(number: float) -> int:
    exponent = Decimal(str(number)).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field (DBC signal) of a DGN with the rules for its raw values."""

    name: str
    length: int
    scale: float
    offset: float
    minimum: float
    maximum: float
    unit: str | None
    choices: Mapping[int, str]
    raw_by_choice: Mapping[str, int]
    has_special_values: bool
    error_from: int
    not_available_from: int
    digits: int
    description: str | None

    @property
    def not_available(self) -> int:
        """Raw value that means "not available" / "no change" (all ones)."""
        return (1 << self.length) - 1

    @property
    def is_enumeration(self) -> bool:
        """Return True when the field's values are named choices."""
        return bool(self.choices)

    def value_of(self, raw: int) -> FieldValue:
        """Convert a raw value to what it means."""
        if raw in self.choices:
            return self.choices[raw]
        if raw >= self.error_from:
            return None if raw >= self.not_available_from else ERROR
        if self.digits:
            return round(raw * self.scale + self.offset, self.digits)
        return int(raw * self.scale + self.offset)

    def lookup_table(self) -> tuple[FieldValue, ...] | None:
        """Return every raw value's meaning, for fields narrow enough to tabulate."""
        if self.length > _LOOKUP_MAX_BITS:
            return None
        return tuple(self.value_of(raw) for raw in range(1 << self.length))


@dataclass(frozen=True, slots=True)
class MessageSpec:
    """One DGN of the specification."""

    name: str
    dgn: int
    length: int
    multi_packet: bool
    fields: tuple[FieldSpec, ...]
    field_by_name: Mapping[str, FieldSpec]
    description: str | None
    message: Message

    @property
    def has_instance(self) -> bool:
        """Return True when the DGN carries an instance field."""
        return "instance" in self.field_by_name

    @property
    def is_command(self) -> bool:
        """Return True for DGNs that ask a device to act."""
        return "COMMAND" in self.name


def _field_spec(signal: Signal) -> FieldSpec:
    attribute = (
        signal.dbc.attributes.get(ATTR_NO_SPECIAL_VALUES) if signal.dbc else None
    )
    no_special = bool(attribute and attribute.value)
    if no_special:
        error_from = not_available_from = 1 << signal.length
    else:
        error_from, not_available_from = special_value_limits(signal.length)
    choices = {int(raw): str(name) for raw, name in (signal.choices or {}).items()}
    scale, offset = float(signal.scale), float(signal.offset)
    integral = scale.is_integer() and offset.is_integer()
    return FieldSpec(
        name=signal.name,
        length=signal.length,
        scale=scale,
        offset=offset,
        minimum=float(signal.minimum if signal.minimum is not None else offset),
        maximum=float(
            signal.maximum
            if signal.maximum is not None
            else (error_from - 1) * scale + offset
        ),
        unit=signal.unit or None,
        choices=choices,
        raw_by_choice={name: raw for raw, name in choices.items()},
        has_special_values=not no_special,
        error_from=error_from,
        not_available_from=not_available_from,
        digits=0 if integral else _decimal_digits(scale) + _decimal_digits(offset),
        description=signal.comment,
    )


def _message_spec(message: Message) -> MessageSpec:
    fields = tuple(_field_spec(signal) for signal in message.signals)
    attributes = message.dbc.attributes if message.dbc else {}
    multi_packet = attributes.get(ATTR_MULTI_PACKET)
    return MessageSpec(
        name=message.name,
        dgn=parse_frame_id(message.frame_id).dgn,
        length=message.length,
        multi_packet=bool(multi_packet and multi_packet.value),
        fields=fields,
        field_by_name={field.name: field for field in fields},
        description=message.comment,
        message=message,
    )


class RvcSpec:
    """Every DGN the library knows, by name and by number."""

    def __init__(self, database: cantools.database.can.Database) -> None:
        """Index a loaded database."""
        self.database = database
        self.messages: dict[str, MessageSpec] = {}
        self._by_dgn: dict[int, MessageSpec] = {}
        for message in database.messages:
            spec = _message_spec(message)
            self.messages[spec.name] = spec
            self._by_dgn[spec.dgn] = spec

    def message(self, name: str) -> MessageSpec:
        """Return a DGN by its RV-C name."""
        try:
            return self.messages[name]
        except KeyError:
            raise UnknownMessageError(name) from None

    @property
    def by_number(self) -> Mapping[int, MessageSpec]:
        """Every DGN by number."""
        return self._by_dgn

    def by_dgn(self, dgn: int) -> MessageSpec | None:
        """Return a DGN by number, or None when the specification lacks it."""
        return self._by_dgn.get(dgn)

    @property
    def command_names(self) -> list[str]:
        """Names of the DGNs that ask a device to act, sorted."""
        return sorted(name for name, spec in self.messages.items() if spec.is_command)


@functools.cache
def load_spec(directory: Path = DBC_DIR) -> RvcSpec:
    """Read every DBC file of a directory once per process.

    Blocking: run it in an executor from asyncio. A DGN defined twice (in one
    file or across files) is an error in the specification, not a choice.
    """
    database = cantools.database.can.Database(frame_id_mask=DGN_FRAME_ID_MASK)
    for path in sorted(directory.glob("*.dbc")):
        database.add_dbc_file(path)
    spec = RvcSpec(database)
    if len(spec.messages) != len(database.messages) or len(spec.by_number) != len(
        database.messages
    ):
        raise ValueError(f"{directory}: a DGN or DGN name is defined twice")
    return spec
