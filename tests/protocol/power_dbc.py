"""Checks shared by the golden-vector modules of the power DBC files."""

from __future__ import annotations

from typing import TYPE_CHECKING

import cantools

from custom_components.rvc.protocol import Decoder, build_frame_id, encode
from custom_components.rvc.protocol.spec import DBC_DIR

if TYPE_CHECKING:
    from collections.abc import Mapping

    from custom_components.rvc.protocol import FieldInput, RvcSpec


def decode(spec: RvcSpec, arbitration_id: int, data: str) -> dict[str, object]:
    """Decode one frame given as hex and return its values."""
    record = Decoder(spec).decode(arbitration_id, bytes.fromhex(data))
    assert record is not None
    return dict(record.values)


def assert_file_holds(spec: RvcSpec, file_name: str, dgns: Mapping[str, int]) -> None:
    """The DBC file defines exactly these DGNs, each loaded at its number."""
    database = cantools.database.can.Database()
    database.add_dbc_file(DBC_DIR / file_name)
    assert {message.name for message in database.messages} == set(dgns)
    for name, dgn in dgns.items():
        message = spec.by_dgn(dgn)
        assert message is not None, name
        assert (message.name, message.dgn) == (name, dgn)


def assert_all_ones_not_available(
    spec: RvcSpec,
    dgns: Mapping[str, int],
    all_ones_means: Mapping[tuple[str, str], object] | None = None,
) -> None:
    """A frame of all ones decodes every field as "not available" (None).

    Table 3.2.3b: all ones is "not available" in every data type; the
    exceptions are fields whose all-ones value means something else
    (bitmaps, one-bit fields, a field's own code), given as (DGN, field).
    """
    exceptions = all_ones_means or {}
    for name, dgn in dgns.items():
        message = spec.message(name)
        values = decode(spec, build_frame_id(dgn, 0x80), "FF" * message.length)
        expected = {
            field.name: exceptions.get((name, field.name)) for field in message.fields
        }
        assert values == expected, name


def assert_round_trip(
    spec: RvcSpec, name: str, values: Mapping[str, FieldInput], data: str
) -> None:
    """A command encodes to the hand-worked bytes and decodes back to its values."""
    frame = encode(spec, name, values, source=0x9F)
    assert frame.data.hex().upper() == data
    decoded = decode(spec, frame.arbitration_id, data)
    assert {field: decoded[field] for field in values} == values
