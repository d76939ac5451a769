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
ATTR_MAX_BROADCAST_GAP: Final = "RVC_MaxBroadcastGap"
ATTR_NORMAL_BROADCAST_GAP: Final = "RVC_NormalBroadcastGap"

# The largest lookup table built per field; wider fields are converted on the fly.
_LOOKUP_MAX_BITS: Final = 8


class SpecialValue(Enum):
    """Marker for a field whose raw value is not a number to show."""

    ERROR = "error"


ERROR: Final = SpecialValue.ERROR
"""Decoded value of a field the device reports as in error or out of range.

RV-C 2023-11: the data type's reserved and "out of range" codes (table
3.2.3b: uint8 253 and 254, uint16 65533 and 65534, uint32 likewise; uint2 10b)
and raw values outside the valid range of the field's unit (table 5.3, the
DBC's [min|max]) all decode to ERROR: none of them is a number.
"""

type FieldValue = int | float | str | SpecialValue | None
"""A decoded field: a number in its unit, a name, ERROR, or None.

None means "not available" (the device does not report the field).
"""


def type_codes_from(length: int) -> int:
    """Return the first raw value of a width that is a data-type code.

    RV-C table 3.2.3b: 8, 16 and 32-bit fields keep their three highest
    values (reserved, out of range, not available), and so do other widths
    from 8 bits up; a 2-bit field its two highest (10b error, 11b not
    available). Other narrow fields keep all ones for "not available"; their
    own definitions say which codes below are valid (the DBC's [min|max]).
    One-bit fields have none.
    """
    if length >= 8:
        return (1 << length) - 3
    if length == 2:
        return 2
    if length == 1:
        return 2
    return (1 << length) - 1


def _decimal_digits(number: float) -> int:
    exponent = Decimal(str(number)).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field (DBC signal) of a DGN with the rules for its raw values.

    Three layers decide what a raw value means (RV-C 2023-11): the field's
    own codes (``choices``) win; then the data type's top codes (ERROR, or
    None for "not available"); then the unit's valid range (``raw_minimum``
    to ``raw_maximum``): a raw value outside it is ERROR, not a number.
    """

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
    raw_minimum: int
    raw_maximum: int
    type_codes_from: int
    digits: int
    description: str | None

    @property
    def not_available(self) -> int:
        """Raw value that means "not available" / "no change" (all ones)."""
        return (1 << self.length) - 1

    @property
    def is_enumeration(self) -> bool:
        """Return True when the field's values are names, not quantities."""
        return bool(self.choices) and self.unit is None

    def number_of(self, raw: int) -> int | float:
        """Convert a raw value to the field's unit, without checking it."""
        if self.digits:
            return round(raw * self.scale + self.offset, self.digits)
        return int(raw * self.scale + self.offset)

    def value_of(self, raw: int) -> FieldValue:
        """Convert a raw value to what it means."""
        if raw in self.choices:
            return self.choices[raw]
        if self.has_special_values:
            if raw == self.not_available:
                return None
            if not self.raw_minimum <= raw <= self.raw_maximum:
                return ERROR
        return self.number_of(raw)

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
    priority: int
    """Default priority of the DG definition table (in the DBC's frame id)."""
    length: int
    multi_packet: bool
    fields: tuple[FieldSpec, ...]
    field_by_name: Mapping[str, FieldSpec]
    description: str | None
    message: Message
    max_broadcast_gap: float | None
    """Seconds a device may stay silent (DG definition table); None: on change."""
    normal_broadcast_gap: float | None
    """Seconds between broadcasts in normal operation; None: on change."""

    @property
    def has_instance(self) -> bool:
        """Return True when the DGN carries an instance field."""
        return "instance" in self.field_by_name

    @property
    def is_command(self) -> bool:
        """Return True for DGNs that ask a device to act."""
        return "COMMAND" in self.name


def _attribute(owner: Message | Signal, name: str) -> int:
    attributes = owner.dbc.attributes if owner.dbc else {}
    attribute = attributes.get(name)
    return int(attribute.value) if attribute is not None else 0


def _raw_bound(signal: Signal, physical: float | None, fallback: int) -> int:
    if physical is None:
        return fallback
    return round((physical - float(signal.offset)) / float(signal.scale))


def _physical(signal: Signal, given: float | None, raw: int, digits: int) -> float:
    """The DBC's own bound when it is reachable, else the raw bound converted."""
    number = round(raw * float(signal.scale) + float(signal.offset), digits)
    if given is not None and abs(float(given) - number) < float(signal.scale):
        return float(given)
    return number


def _field_spec(signal: Signal) -> FieldSpec:
    no_special = bool(_attribute(signal, ATTR_NO_SPECIAL_VALUES))
    codes_from = 1 << signal.length if no_special else type_codes_from(signal.length)
    choices = {int(raw): str(name) for raw, name in (signal.choices or {}).items()}
    scale, offset = float(signal.scale), float(signal.offset)
    integral = scale.is_integer() and offset.is_integer()
    digits = 0 if integral else _decimal_digits(scale) + _decimal_digits(offset)
    # The unit's valid range never reaches the data type's codes.
    raw_maximum = min(
        _raw_bound(signal, signal.maximum, codes_from - 1), codes_from - 1
    )
    raw_minimum = max(_raw_bound(signal, signal.minimum, 0), 0)
    return FieldSpec(
        name=signal.name,
        length=signal.length,
        scale=scale,
        offset=offset,
        minimum=_physical(signal, signal.minimum, raw_minimum, digits),
        maximum=_physical(signal, signal.maximum, raw_maximum, digits),
        unit=signal.unit or None,
        choices=choices,
        raw_by_choice={name: raw for raw, name in choices.items()},
        has_special_values=not no_special,
        raw_minimum=raw_minimum,
        raw_maximum=raw_maximum,
        type_codes_from=codes_from,
        digits=digits,
        description=signal.comment,
    )


def _gap_seconds(message: Message, name: str) -> float | None:
    milliseconds = _attribute(message, name)
    return milliseconds / 1000 if milliseconds else None


def _message_spec(message: Message) -> MessageSpec:
    fields = tuple(_field_spec(signal) for signal in message.signals)
    frame_id = parse_frame_id(message.frame_id)
    return MessageSpec(
        name=message.name,
        dgn=frame_id.dgn,
        priority=frame_id.priority,
        length=message.length,
        multi_packet=bool(_attribute(message, ATTR_MULTI_PACKET)),
        fields=fields,
        field_by_name={field.name: field for field in fields},
        description=message.comment,
        message=message,
        max_broadcast_gap=_gap_seconds(message, ATTR_MAX_BROADCAST_GAP),
        normal_broadcast_gap=_gap_seconds(message, ATTR_NORMAL_BROADCAST_GAP),
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
