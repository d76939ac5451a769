"""A tank's geometry table (TANK_GEOMETRY_STATUS, RV-C 6.28.5, table 6.28.4b).

After the instance and the number of entries come 4-byte points (level,
precision, table value); with more than one point the message goes
multi-packet. The DBC lays out the first point; the rest repeat its layout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, NamedTuple

if TYPE_CHECKING:
    from .decode import RvcRecord
    from .spec import FieldValue, MessageSpec

_FIRST_POINT: Final = 2
_POINT_SIZE: Final = 4


class GeometryPoint(NamedTuple):
    """One entry: level / precision is the fill fraction the table value is at."""

    level: FieldValue
    precision: FieldValue
    table_value: FieldValue


def geometry_points(message: MessageSpec, record: RvcRecord) -> list[GeometryPoint]:
    """Every point the record holds, up to its number of entries."""
    fields = [
        message.field_by_name[f"point_1_{name}"]
        for name in ("level", "precision", "table_value")
    ]
    payload = record.payload
    if payload is None:
        if record.values.get("number_of_entries") in (0, None):
            return []
        return [GeometryPoint(*(record.values[field.name] for field in fields))]
    entries = record.values.get("number_of_entries")
    count = (len(payload) - _FIRST_POINT) // _POINT_SIZE
    if isinstance(entries, int):
        count = min(count, entries)
    points = []
    for at in range(_FIRST_POINT, _FIRST_POINT + count * _POINT_SIZE, _POINT_SIZE):
        level, precision, table_value = fields
        points.append(
            GeometryPoint(
                level.value_of(payload[at]),
                precision.value_of(payload[at + 1]),
                table_value.value_of(
                    int.from_bytes(payload[at + 2 : at + 4], "little")
                ),
            )
        )
    return points
