"""Checks shared by the golden-vector modules of the power DBC files."""

from __future__ import annotations

from typing import TYPE_CHECKING

import cantools

from custom_components.rvc.protocol import Decoder, encode
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


def assert_round_trip(
    spec: RvcSpec, name: str, values: Mapping[str, FieldInput], data: str
) -> None:
    """A command encodes to the hand-worked bytes and decodes back to its values."""
    frame = encode(spec, name, values, source=0x9F)
    assert frame.data.hex().upper() == data
    decoded = decode(spec, frame.arbitration_id, data)
    assert {field: decoded[field] for field in values} == values
