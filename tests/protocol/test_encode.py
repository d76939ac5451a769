"""Encoding: validation errors name the field and what is allowed."""

from __future__ import annotations

import pytest

from custom_components.rvc.protocol import (
    EncodeError,
    FieldValueError,
    RvcSpec,
    UnknownFieldError,
    UnknownMessageError,
    encode,
)


def test_unknown_dgn(spec: RvcSpec) -> None:
    with pytest.raises(UnknownMessageError, match="'NOT_A_DGN'"):
        encode(spec, "NOT_A_DGN", {}, source=1)


def test_unknown_field_lists_the_fields(spec: RvcSpec) -> None:
    with pytest.raises(UnknownFieldError, match=r"no field 'level'.*desired_level"):
        encode(spec, "DC_DIMMER_COMMAND_2", {"level": 5}, source=1)


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        # Table 5.3 % up to 114.5: 230 (115 %) on are the field's scene codes.
        ("desired_level", 115, "0 to 114.5 %"),
        ("desired_level", -1, "0 to 114.5 %"),
        ("desired_level", float("nan"), "0 to 114.5 %"),
        # Table 6.24.6b: instance 1-250 (0 is no dimmer, 255 a group command).
        ("instance", 0, "1 to 250"),
        ("instance", 251, "1 to 250"),
        ("command", "explode", "one of flash,"),
        ("command", 99, "one of flash,"),
        ("command", [1], "one of flash,"),
        ("delay_duration", "5", "0 to 240 s, or one of 10_minutes"),
        # 241-250 are 5-14 minutes, never 241-250 seconds.
        ("delay_duration", 245, "0 to 240 s"),
        ("desired_level", "scene_21_memory", "0 to 114.5 %, or one of dimmed_memory"),
        ("group", True, "0 to 255"),
    ],
)
def test_out_of_range_values_name_the_range(
    spec: RvcSpec, field: str, value: object, allowed: str
) -> None:
    with pytest.raises(FieldValueError, match=allowed) as caught:
        encode(spec, "DC_DIMMER_COMMAND_2", {field: value}, source=1)  # type: ignore[dict-item]
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)


def test_field_codes_are_sent_by_name(spec: RvcSpec) -> None:
    # Table 6.24.6b: desired level 231 is scene 2's memory, 251 the master
    # memory; delay 245 is 9 minutes (241 = 5 min).
    frame = encode(
        spec,
        "DC_DIMMER_COMMAND_2",
        {
            "instance": 3,
            "desired_level": "scene_2_memory",
            "delay_duration": "9_minutes",
        },
        source=1,
    )
    assert frame.data.hex().upper() == "03FFE7FFF5FFFFFF"
    frame = encode(
        spec, "DC_LOAD_COMMAND", {"instance": 3, "desired_level": "toggle"}, source=1
    )
    assert frame.data[2] == 250


def test_none_means_no_change(spec: RvcSpec) -> None:
    frame = encode(
        spec, "DC_DIMMER_COMMAND_2", {"instance": 1, "desired_level": None}, source=1
    )
    assert frame.data[2] == 0xFF


def test_values_round_to_the_nearest_step(spec: RvcSpec) -> None:
    frame = encode(spec, "THERMOSTAT_COMMAND_1", {"setpoint_heat": 20.01}, source=1)
    # 293.01 / 0.03125 = 9376.3 -> 9376 = 0x24A0
    assert frame.data[3:5] == bytes.fromhex("A024")


def test_multi_packet_messages_cannot_be_sent(spec: RvcSpec) -> None:
    with pytest.raises(EncodeError, match="multi-packet"):
        encode(spec, "PRODUCT_IDENTIFICATION", {}, source=1)


def test_iso_request_is_three_bytes_to_a_destination(spec: RvcSpec) -> None:
    frame = encode(
        spec, "ISO_REQUEST", {"requested_dgn": 0x0FEEB}, source=0x80, destination=0x42
    )
    assert frame.arbitration_id == 0x18EA4280
    assert frame.data == bytes.fromhex("EBFE00")
