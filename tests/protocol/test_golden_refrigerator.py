"""Golden vectors for dbc/refrigerator.dbc (RV-C 6.52).

Worked out by hand from RV-C (RVIA 2023-11) tables 6.52.2b and 6.52.3b.
Byte 0: instance in bits 0-5, cavity in bits 6-7. Temperatures: uint16
0.03125 degC/bit - 273; % 0.5 %/bit.
"""

from __future__ import annotations

from custom_components.rvc.protocol import Decoder, RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode

FILE = "refrigerator.dbc"


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        FILE,
        {"REFRIGERATOR_STATUS": 0x1FDD3, "REFRIGERATOR_COMMAND": 0x1FDD2},
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, FILE)


def test_refrigerator_status(spec: RvcSpec) -> None:
    # From 0x6B (107). Byte 0 0b01_000001: instance 1, freezer. Byte 1
    # 0b1111_01_00: light off, door open. -15 degC: 258 * 32 = 8256 = 0x2040
    # -> 40 20; set -18 degC: 255 * 32 = 8160 = 0x1FE0 -> E0 1F. Byte 6 0x12:
    # AC (2), on (1). Compressor 0x96 = 75 %.
    data = "41F44020E01F1296"
    assert decode(spec, 0x19FDD36B, data) == {
        "instance": 1,
        "cavity": "freezer",
        "light": "off",
        "door_switch": "open",
        "current_temperature": -15.0,
        "set_temperature": -18.0,
        "fuel_source": "ac",
        "refrigerator_mode": "on",
        "compressor_speed": 75.0,
    }
    record = Decoder(spec).decode(0x19FDD36B, bytes.fromhex(data))
    assert record is not None
    assert record.instance == 1
    # Byte 0 0xFF: instance 63 (all ones of 6 bits) and cavity 11b: n/a.
    values = decode(spec, 0x19FDD36B, "FFFFFFFFFFFFFFFF")
    assert values["instance"] is None
    assert values["cavity"] is None
    assert values["current_temperature"] is None


def test_refrigerator_command(spec: RvcSpec) -> None:
    # Fridge (cavity 0) of unit 2 to 3 degC: 276 * 32 = 8832 = 0x2280 at
    # bytes 4-5; bytes 2-3 unused.
    frame = encode(
        spec,
        "REFRIGERATOR_COMMAND",
        {"instance": 2, "cavity": "fridge", "set_temperature": 3},
        source=1,
    )
    assert frame.arbitration_id == 0x19FDD201
    assert frame.data.hex().upper() == "02FFFFFF8022FFFF"


def test_refrigerator_temperature_at_the_table_top_is_a_number(spec: RvcSpec) -> None:
    # Table 6.52.2b, uint16 °C per table 5.3 (-273 to 1735 °C): 1735 °C =
    # (1735 + 273) / 0.03125 = 64256 = 0xFB00 -> 00 FB; the old cap stopped
    # at 64255 (1734.96875 °C).
    values = decode(spec, 0x19FDD380, "01FF00FBFFFFFFFF")
    assert values["current_temperature"] == 1735
    assert values["set_temperature"] is None
