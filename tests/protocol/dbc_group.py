"""Checks shared by the golden-vector tests of each DBC group file."""

from __future__ import annotations

from typing import TYPE_CHECKING

import cantools

from custom_components.rvc.protocol import Decoder, encode, parse_frame_id
from custom_components.rvc.protocol.spec import DBC_DIR

if TYPE_CHECKING:
    from collections.abc import Mapping

    from custom_components.rvc.protocol import RvcSpec
    from custom_components.rvc.protocol.encode import FieldInput


def decode(spec: RvcSpec, arbitration_id: int, data: str) -> dict[str, object]:
    """Decode one frame given as hex and return its values."""
    record = Decoder(spec).decode(arbitration_id, bytes.fromhex(data))
    assert record is not None
    return dict(record.values)


def group_dgns(file_name: str) -> dict[str, int]:
    """Every DGN of one DBC file of the specification, by name."""
    database = cantools.database.can.Database()
    database.add_dbc_file(DBC_DIR / file_name)
    return {
        message.name: parse_frame_id(message.frame_id).dgn
        for message in database.messages
    }


def assert_group_loads(spec: RvcSpec, file_name: str, expected: set[str]) -> None:
    """The file holds exactly these DGNs and each sits at its number in the spec."""
    dgns = group_dgns(file_name)
    assert set(dgns) == expected
    for name, dgn in dgns.items():
        message = spec.by_dgn(dgn)
        assert message is not None, name
        assert message.name == name


def assert_round_trip(
    spec: RvcSpec, name: str, values: Mapping[str, FieldInput]
) -> None:
    """A command encodes, and its frame decodes back to what was asked."""
    frame = encode(spec, name, values, source=0x80)
    decoded = decode(spec, frame.arbitration_id, frame.data.hex())
    assert {key: decoded[key] for key in values} == values
    # Fields not given go out as all ones: "not available", or a raw value.
    message = spec.message(name)
    for key in decoded.keys() - values.keys():
        field = message.field_by_name[key]
        assert decoded[key] == field.value_of(field.not_available), key
