"""Address claim: NAME order, defend, move past taken addresses, give up."""

from __future__ import annotations

from custom_components.rvc.protocol import Decoder, RvcSpec
from custom_components.rvc.protocol.address import (
    NULL_ADDRESS,
    AddressClaimer,
    ClaimOutcome,
    name_fields,
)


def test_name_is_stable_per_entry_and_claimed_globally(spec: RvcSpec) -> None:
    assert name_fields("entry-a") == name_fields("entry-a")
    assert name_fields("entry-a") != name_fields("entry-b")
    claimer = AddressClaimer(spec, name_fields("entry-a"))
    record = Decoder(spec).decode(*claimer.claim())
    assert record is not None
    assert (record.name, record.source, record.destination) == (
        "ADDRESS_CLAIMED",
        0xF9,
        0xFF,
    )
    assert claimer.name_of(record.values) == claimer.name


def test_defend_move_and_lose(spec: RvcSpec) -> None:
    ours = name_fields("entry")
    lower = dict(ours, identity_number=ours["identity_number"] - 1)
    higher = dict(ours, identity_number=ours["identity_number"] + 1)
    claimer = AddressClaimer(spec, ours, preferred=(0xF9, 0xFA, 0x80))
    assert claimer.on_claim(0x10, lower) is ClaimOutcome.NONE
    assert claimer.on_claim(0xF9, higher) is ClaimOutcome.DEFENDED
    claimer.note_sender(0xFA)  # someone already sends from our next choice
    assert claimer.on_claim(0xF9, lower) is ClaimOutcome.MOVED
    assert claimer.address == 0x80
    assert claimer.on_claim(0x80, lower) is ClaimOutcome.LOST
    assert claimer.address is None
    assert claimer.claim().arbitration_id & 0xFF == NULL_ADDRESS
