"""Checks shared by the golden-vector modules of the group DBC files.

Each group file (``protocol/dbc/<group>.dbc``) must load into the one spec,
sit at its DGN numbers, and let every command DGN it defines go out and come
back unchanged through ``encode``.
"""

from __future__ import annotations

import cantools
import pytest

from custom_components.rvc.protocol import Decoder, RvcSpec, encode, parse_frame_id
from custom_components.rvc.protocol.spec import DBC_DIR, FieldSpec


def decode(spec: RvcSpec, arbitration_id: int, data: str) -> dict[str, object]:
    """Decode one frame given as hex and return its values."""
    record = Decoder(spec).decode(arbitration_id, bytes.fromhex(data))
    assert record is not None
    return dict(record.values)


def file_dgns(filename: str) -> dict[str, int]:
    """The DGN of every message a group file defines, by name."""
    database = cantools.database.load_file(DBC_DIR / filename, strict=True)
    return {
        message.name: parse_frame_id(message.frame_id).dgn
        for message in database.messages
    }


def assert_file_loads(spec: RvcSpec, filename: str, expected: dict[str, int]) -> None:
    """The file defines exactly the expected DGNs, each found by its number."""
    assert file_dgns(filename) == expected
    for name, dgn in expected.items():
        message = spec.by_dgn(dgn)
        assert message is not None, name
        assert message.name == name


def _sample(field: FieldSpec) -> object:
    """A valid value for a field: its first named code, or a number in range."""
    if field.choices:
        return field.choices[min(field.choices)]
    raw = round(((field.minimum + field.maximum) / 2 - field.offset) / field.scale)
    return raw * field.scale + field.offset


def assert_commands_round_trip(spec: RvcSpec, filename: str) -> None:
    """Every command DGN of the file encodes every field and decodes it back."""
    commands = [name for name in file_dgns(filename) if spec.message(name).is_command]
    assert commands, filename
    for name in commands:
        message = spec.message(name)
        values = {field.name: _sample(field) for field in message.fields}
        frame = encode(spec, name, values, source=0x80)
        decoded = decode(spec, frame.arbitration_id, frame.data.hex())
        assert decoded == pytest.approx(values), name
