"""Commands out: a DGN name and the fields to set become one CAN frame."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NamedTuple

from .errors import EncodeError, FieldValueError, UnknownFieldError
from .frame_id import DEFAULT_PRIORITY, GLOBAL_ADDRESS, build_frame_id

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .spec import FieldSpec, MessageSpec, RvcSpec

type FieldInput = int | float | str | bool | None
"""What a caller may give for a field: a number in the field's unit, an
enumeration name, a boolean for on/off fields, or None for "no change"."""


class RvcFrame(NamedTuple):
    """A frame to put on the bus: 29-bit identifier and data."""

    arbitration_id: int
    data: bytes


def _format_number(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def allowed_values(field: FieldSpec) -> str:
    """Describe the values a field accepts, for error messages and help texts."""
    if field.is_enumeration:
        return "one of " + ", ".join(sorted(field.raw_by_choice))
    unit = f" {field.unit}" if field.unit else ""
    return f"{_format_number(field.minimum)} to {_format_number(field.maximum)}{unit}"


def field_raw_value(message: MessageSpec, field: FieldSpec, value: FieldInput) -> int:
    """Validate one field value and return its raw code."""
    if value is None:
        return field.not_available
    if isinstance(value, bool):
        if field.length <= 2 or set(field.choices) >= {0, 1}:
            return int(value)
    elif isinstance(value, str):
        if value in field.raw_by_choice:
            return field.raw_by_choice[value]
    elif isinstance(value, int | float):
        raw = _numeric_raw_value(field, value)
        if raw is not None:
            return raw
    raise FieldValueError(message.name, field.name, value, allowed_values(field))


def _numeric_raw_value(field: FieldSpec, value: float) -> int | None:
    """Return the raw code of a number, or None when the field cannot carry it."""
    if field.is_enumeration:
        return value if isinstance(value, int) and value in field.choices else None
    if not (math.isfinite(value) and field.minimum <= value <= field.maximum):
        return None
    raw = round((value - field.offset) / field.scale)
    # The DBC range never reaches the special codes; this guards a wrong DBC.
    return raw if 0 <= raw < field.error_from else None


def encode(
    spec: RvcSpec,
    name: str,
    values: Mapping[str, FieldInput],
    *,
    source: int,
    priority: int = DEFAULT_PRIORITY,
    destination: int = GLOBAL_ADDRESS,
) -> RvcFrame:
    """Encode a DGN; every field not given is sent as "not available / no change".

    Raises UnknownMessageError, UnknownFieldError or FieldValueError (all
    ValueError) naming what is wrong and what is allowed.
    """
    message = spec.message(name)
    if message.multi_packet:
        raise EncodeError(f"{name} is a multi-packet message and cannot be sent")
    raw_values: dict[str, int] = {
        field.name: field.not_available for field in message.fields
    }
    for field_name, value in values.items():
        field = message.field_by_name.get(field_name)
        if field is None:
            raise UnknownFieldError(name, field_name, list(message.field_by_name))
        raw_values[field_name] = field_raw_value(message, field, value)
    # Padding sets every bit no field covers to 1, as RV-C requires.
    data = message.message.encode(raw_values, scaling=False, padding=True, strict=False)
    frame_id = build_frame_id(
        message.dgn, source, priority=priority, destination=destination
    )
    return RvcFrame(frame_id, bytes(data))
