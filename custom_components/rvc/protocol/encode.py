"""Commands out: a DGN name and the fields to set become one CAN frame."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NamedTuple

from .errors import EncodeError, FieldValueError, UnknownFieldError
from .frame_id import DEFAULT_PRIORITY, GLOBAL_ADDRESS, build_frame_id
from .transport import MAX_TRANSPORT_SIZE, MIN_TRANSPORT_SIZE, TP_DT_PAYLOAD

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
    names = "one of " + ", ".join(sorted(field.raw_by_choice))
    if field.is_enumeration:
        return names
    unit = f" {field.unit}" if field.unit else ""
    numbers = (
        f"{_format_number(field.minimum)} to {_format_number(field.maximum)}{unit}"
    )
    return f"{numbers}, or {names}" if field.choices else numbers


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
    # Only a number of the valid range: never a data-type or field code.
    return raw if field.raw_minimum <= raw <= field.raw_maximum else None


def encode(
    spec: RvcSpec,
    name: str,
    values: Mapping[str, FieldInput],
    *,
    source: int,
    priority: int | None = None,
    destination: int = GLOBAL_ADDRESS,
) -> RvcFrame:
    """Encode a DGN; every field not given is sent as "not available / no change".

    The priority is the DGN's default priority unless one is given.

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
        message.dgn,
        source,
        priority=message.priority if priority is None else priority,
        destination=destination,
    )
    return RvcFrame(frame_id, bytes(data))


def encode_bam(
    spec: RvcSpec,
    dgn: int,
    payload: bytes,
    *,
    source: int,
    priority: int = DEFAULT_PRIORITY,
) -> list[RvcFrame]:
    """Frames that broadcast a message longer than 8 bytes (J1939 BAM).

    The TP.CM announcement first, then one TP.DT frame per 7 bytes: a sequence
    number from 1 and the bytes, the last one padded with 0xFF.
    """
    if not MIN_TRANSPORT_SIZE <= len(payload) <= MAX_TRANSPORT_SIZE:
        raise EncodeError(
            f"a BAM payload is {MIN_TRANSPORT_SIZE} to {MAX_TRANSPORT_SIZE} bytes,"
            f" not {len(payload)}"
        )
    chunks = [
        payload[start : start + TP_DT_PAYLOAD]
        for start in range(0, len(payload), TP_DT_PAYLOAD)
    ]
    announcement = encode(
        spec,
        "TP_CM",
        {
            "control": "bam",
            "total_size": len(payload),
            "total_packets": len(chunks),
            "max_packets": 0xFF,
            "transported_dgn": dgn,
        },
        source=source,
        priority=priority,
    )
    data_id = build_frame_id(spec.message("TP_DT").dgn, source, priority=priority)
    return [announcement] + [
        RvcFrame(data_id, bytes([sequence]) + chunk.ljust(TP_DT_PAYLOAD, b"\xff"))
        for sequence, chunk in enumerate(chunks, start=1)
    ]


def product_identification_payload(
    make: str, model: str, serial_number: str, unit_number: str
) -> bytes:
    """PRODUCT_IDENTIFICATION's ASCII text: make*model*serial*unit*."""
    return f"{make}*{model}*{serial_number}*{unit_number}*".encode("ascii")
