"""The bus inventory: nodes, their identification, DGNs, instances and rates."""

from __future__ import annotations

from typing import TYPE_CHECKING

import can

from custom_components.rvc.protocol import (
    RvcSpec,
    encode,
    encode_bam,
    product_identification_payload,
)
from custom_components.rvc.protocol.__main__ import main
from custom_components.rvc.protocol.inventory import build_inventory, format_inventory

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def frames(spec: RvcSpec) -> list[can.Message]:
    sent = [
        encode(
            spec,
            "ADDRESS_CLAIMED",
            {"identity_number": 7, "manufacturer_code": 123, "function": 130},
            source=0x43,
        ),
        *encode_bam(
            spec,
            0x0FEEB,
            product_identification_payload("Acme", "Dim-8", "SN1", ""),
            source=0x43,
        ),
        # Dimmer instances 3 and 4, each twice a second for two seconds.
        *[
            encode(spec, "DC_DIMMER_STATUS_3", {"instance": 3 + n % 2}, source=0x43)
            for n in range(8)
        ],
        (0x18EF4243, bytes(8)),  # proprietary (EF00h to 0x42, RV-C 3.2.6)
        (0x09F80143, bytes(8)),  # NMEA 2000 position, PGN 129025 (1F801h)
        (0x19FDA543, bytes(8)),  # an RV-C DGN no one defines yet
    ]
    return [
        can.Message(timestamp=n * 0.25, arbitration_id=frame_id, data=data)
        for n, (frame_id, data) in enumerate(sent)
    ]


def test_inventory_of_a_node(spec: RvcSpec) -> None:
    inventory = build_inventory(spec, frames(spec))
    assert list(inventory.nodes) == [0x43]
    node = inventory.nodes[0x43]
    assert node.identification == {
        "manufacturer_code": 123,
        "function": 130,
        "identity_number": 7,
        "make": "Acme",
        "model": "Dim-8",
        "serial_number": "SN1",
    }
    dimmer = node.dgns["DC_DIMMER_STATUS_3"]
    assert (dimmer.frames, dimmer.instances) == (8, {3, 4})
    assert dimmer.families == {"dc_dimmer"}  # what its entities are made of
    assert dimmer.rate == 4.0  # 7 gaps of 0.25 s
    assert node.dgns["ADDRESS_CLAIMED"].rate is None  # one frame: no rate
    assert set(node.undefined) == {0x0EF00, 0x1F801, 0x1FDA5}
    stats = inventory.decoder.stats if inventory.decoder else None
    assert stats is not None
    assert (stats.proprietary, stats.other_protocol, stats.unknown) == (1, 1, 1)


def test_inventory_on_the_command_line(
    spec: RvcSpec, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "capture.log"
    with can.Logger(path) as writer:
        for message in frames(spec):
            writer.on_message_received(message)
    assert main(["decode", str(path), "--inventory"]) == 0
    out = capsys.readouterr().out
    assert out == format_inventory(build_inventory(spec, frames(spec))) + "\n"
    assert "node 0x43 (manufacturer_code 123, function 130" in out
    assert "  DC_DIMMER_STATUS_3: 8 frames, 4.00/s, instances 3,4 -> dc_dimmer\n" in out
    assert "  0EF00h (proprietary): 1 frames" in out
    assert "  1F801h (other protocol): 1 frames" in out
    assert "  1FDA5h (unknown): 1 frames" in out
    assert main(["decode", str(tmp_path / "missing.log"), "--inventory"]) == 2


def test_inventory_of_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "capture.xyz"
    path.write_text("nothing")
    assert main(["decode", str(path), "--inventory"]) == 2
