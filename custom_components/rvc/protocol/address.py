"""J1939 address claim: the source address a sending node may use.

A node that transmits first claims an address with ADDRESS_CLAIMED, which
carries its 64-bit NAME. When two nodes claim the same address the lower NAME
keeps it; the other moves to a free address (if it is arbitrary address
capable, as we are) or, with none left, announces it cannot claim and stays
silent.
"""

from __future__ import annotations

from enum import Enum
import hashlib
from typing import TYPE_CHECKING, Final

from .encode import encode
from .frame_id import GLOBAL_ADDRESS

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from .encode import RvcFrame
    from .spec import FieldValue, RvcSpec

NULL_ADDRESS: Final = 0xFE
"""Where "cannot claim an address" comes from."""
# The J1939 address of an off-board service tool (ours first), then the
# arbitrary-address range.
PREFERRED_ADDRESSES: Final = (0xF9, 0xFA, *range(0x80, 0xF8))
# J1939 function 129: off-board diagnostic-service tool.
SERVICE_TOOL_FUNCTION: Final = 129
NAME_RESERVED_BYTE: Final = 6
NAME_RESERVED_MASK: Final = 0x01


class ClaimOutcome(Enum):
    """What a competing claim for our address means for us."""

    NONE = "none"
    """It was not our address."""
    DEFENDED = "defended"
    """Our NAME wins: we claim again and keep the address."""
    MOVED = "moved"
    """Theirs wins: we claimed another address."""
    LOST = "lost"
    """Theirs wins and no address is left: we must not send."""


def name_fields(entry_id: str) -> dict[str, int]:
    """Our NAME: a service tool, its identity number stable per entry."""
    digest = hashlib.sha256(entry_id.encode()).digest()
    return {
        "identity_number": int.from_bytes(digest[:3], "little") & 0x1FFFFF,
        "manufacturer_code": 0,
        "ecu_instance": 0,
        "function_instance": 0,
        "function": SERVICE_TOOL_FUNCTION,
        "vehicle_system": 0,
        "vehicle_system_instance": 0,
        "industry_group": 0,
        "arbitrary_address_capable": 1,
    }


class AddressClaimer:
    """Our claimed address, defended or moved as other claims arrive."""

    def __init__(
        self,
        spec: RvcSpec,
        name: Mapping[str, int],
        preferred: Iterable[int] = PREFERRED_ADDRESSES,
    ) -> None:
        """Claim the first preferred address not known to be taken."""
        self.spec = spec
        self.name_fields = dict(name)
        self.name = self.name_of(name)
        self._preferred = tuple(preferred)
        self.taken: set[int] = set()
        """Addresses other nodes claimed or send from."""
        self.address: int | None = self._preferred[0]

    def name_of(self, fields: Mapping[str, FieldValue]) -> int:
        """A NAME as the number claims compare: its 8 bytes, little-endian."""
        numbers = {
            key: value for key, value in fields.items() if isinstance(value, int)
        }
        frame = encode(self.spec, "ADDRESS_CLAIMED", numbers, source=0)
        return int.from_bytes(frame.data, "little")

    def claim(self) -> RvcFrame:
        """ADDRESS_CLAIMED for our address, or from the null address if none."""
        source = NULL_ADDRESS if self.address is None else self.address
        frame = encode(
            self.spec,
            "ADDRESS_CLAIMED",
            self.name_fields,
            source=source,
            destination=GLOBAL_ADDRESS,
        )
        # J1939-81 4.1.1: the NAME's reserved bit (bit 48) is 0; the encoder
        # fills bits no field covers with ones.
        data = bytearray(frame.data)
        data[NAME_RESERVED_BYTE] &= ~NAME_RESERVED_MASK & 0xFF
        return frame._replace(data=bytes(data))

    def note_sender(self, source: int) -> None:
        """Remember an address in use, so that a move avoids it."""
        if source not in (self.address, NULL_ADDRESS, GLOBAL_ADDRESS):
            self.taken.add(source)

    def on_claim(self, source: int, fields: Mapping[str, FieldValue]) -> ClaimOutcome:
        """Another node claimed source with NAME fields."""
        if source != self.address:
            self.note_sender(source)
            return ClaimOutcome.NONE
        if self.name_of(fields) > self.name:
            return ClaimOutcome.DEFENDED
        self.taken.add(source)
        self.address = next(
            (address for address in self._preferred if address not in self.taken),
            None,
        )
        return ClaimOutcome.LOST if self.address is None else ClaimOutcome.MOVED
