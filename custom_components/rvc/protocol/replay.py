"""Offline decoding of captures in any format python-can's LogReader reads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import can

from .decode import Decoder
from .spec import ERROR, load_spec

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from .decode import RvcRecord
    from .spec import RvcSpec


def read_log(path: Path | str) -> Iterator[can.Message]:
    """Yield the frames of a capture (.log candump -l, .asc, .blf, .trc, ...)."""
    with can.LogReader(path) as reader:
        yield from reader


def decode_log(
    path: Path | str, decoder: Decoder | None = None
) -> Iterator[tuple[can.Message, RvcRecord | None]]:
    """Yield every frame of a capture with its record (None when none yet)."""
    decoder = decoder or Decoder(load_spec())
    for message in read_log(path):
        yield message, decoder.decode_message(message)


def record_as_json(
    record: RvcRecord, spec: RvcSpec, timestamp: float
) -> dict[str, Any]:
    """A JSON-ready view of a record, with the unit of every field that has one."""
    message = spec.message(record.name)
    return {
        "timestamp": timestamp,
        "dgn": f"{record.dgn:05X}",
        "name": record.name,
        "source": record.source,
        "instance": record.instance,
        "values": {
            name: ERROR.value if value is ERROR else value
            for name, value in record.values.items()
        },
        "units": {
            field.name: field.unit
            for field in message.fields
            if field.unit and not field.is_enumeration
        },
    }


def frame_as_json(message: can.Message) -> dict[str, Any]:
    """A JSON-ready view of a frame that yielded no record."""
    return {
        "timestamp": message.timestamp,
        "id": f"{message.arbitration_id:08X}",
        "data": bytes(message.data).hex(),
    }
