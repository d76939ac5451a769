"""RV-C on CAN: the specification, decoding, encoding, transport and bus I/O.

This package never imports Home Assistant; everything here runs and is tested
on its own.
"""

from .bus import RVC_BITRATE, BusConfig, BusSession
from .decode import Decoder, DecodeStats, RvcRecord
from .encode import (
    FieldInput,
    RvcFrame,
    allowed_values,
    encode,
    encode_bam,
    product_identification_payload,
)
from .errors import (
    BusError,
    BusOpenError,
    BusSendError,
    CommandRefusedError,
    EncodeError,
    FieldValueError,
    InterfaceDownError,
    NotSendingError,
    RvcError,
    UnknownFieldError,
    UnknownMessageError,
)
from .frame_id import FrameId, build_frame_id, parse_frame_id
from .spec import ERROR, FieldSpec, FieldValue, MessageSpec, RvcSpec, load_spec
from .transport import BamReassembler, ConnectionReceiver, TransportStats

__all__ = [
    "ERROR",
    "RVC_BITRATE",
    "BamReassembler",
    "BusConfig",
    "BusError",
    "BusOpenError",
    "BusSendError",
    "BusSession",
    "CommandRefusedError",
    "ConnectionReceiver",
    "DecodeStats",
    "Decoder",
    "EncodeError",
    "FieldInput",
    "FieldSpec",
    "FieldValue",
    "FieldValueError",
    "FrameId",
    "InterfaceDownError",
    "MessageSpec",
    "NotSendingError",
    "RvcError",
    "RvcFrame",
    "RvcRecord",
    "RvcSpec",
    "TransportStats",
    "UnknownFieldError",
    "UnknownMessageError",
    "allowed_values",
    "build_frame_id",
    "encode",
    "encode_bam",
    "load_spec",
    "parse_frame_id",
    "product_identification_payload",
]
