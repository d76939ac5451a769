"""Real frames from real coaches (tests/data/captures, sources in its README)."""

from __future__ import annotations

from pathlib import Path

import pytest

from custom_components.rvc.protocol import Decoder, RvcSpec
from custom_components.rvc.protocol.replay import decode_log

CAPTURES = sorted((Path(__file__).parents[1] / "data" / "captures").glob("*.log"))


def test_the_captures_are_here() -> None:
    assert [path.name for path in CAPTURES] == [
        "dbergl-rvc2mqtt.log",
        "spbrogan-rvc2mqtt.log",
    ]


@pytest.mark.parametrize("path", CAPTURES, ids=lambda path: path.name)
def test_every_value_is_inside_its_physical_range(spec: RvcSpec, path: Path) -> None:
    decoder = Decoder(spec)
    records = [record for _, record in decode_log(path, decoder) if record]
    assert records
    assert decoder.stats.malformed == 0
    for record in records:
        for field in spec.message(record.name).fields:
            value = record.values[field.name]
            if isinstance(value, int | float) and not field.is_enumeration:
                assert field.minimum <= value <= field.maximum, (record, field.name)


def test_the_captures_hold_no_unknown_dgn(spec: RvcSpec) -> None:
    decoder = Decoder(spec)
    for path in CAPTURES:
        for _ in decode_log(path, decoder):
            pass
    assert (decoder.stats.proprietary, decoder.stats.other_protocol) == (0, 0)
    assert decoder.stats.unknown_dgns == {}
    assert decoder.stats.decoded > 0
