"""The coach profile library: profiles shipped in profiles/, and the offer.

Each file in profiles/ is a profile in our format with a `coach:` title.
When the bus reports (nearly) the same load instances as one of them, and
the owner has set up no load yet, a repair issue offers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from homeassistant.core import callback
from homeassistant.helpers import issue_registry as ir

from .const import DOMAIN, LOAD_FAMILIES
from .profile import Profile, read_profile

if TYPE_CHECKING:
    from collections.abc import Mapping

    from homeassistant.core import HomeAssistant

    from .protocol.instances import InstanceState

LIBRARY_DIR: Final = Path(__file__).parent / "profiles"
# A match: most of the profile's loads are on the bus, and most of the bus's
# loads are in the profile (a coach differs a little from the factory map).
MATCH_SHARE: Final = 0.8
# Too few loads say nothing about which coach it is.
MIN_MATCHED_LOADS: Final = 5


@dataclass(frozen=True, slots=True)
class LibraryProfile:
    """One shipped profile: its file's stem and what it sets."""

    key: str
    title: str
    profile: Profile


def load_library(directory: Path = LIBRARY_DIR) -> dict[str, LibraryProfile]:
    """Every shipped profile by key (reads files: run in the executor)."""
    library: dict[str, LibraryProfile] = {}
    for path in sorted(directory.glob("*.yaml")):
        profile = read_profile(path.read_text(encoding="utf-8"))
        library[path.stem] = LibraryProfile(
            path.stem, profile.coach or path.stem, profile
        )
    return library


def best_match(
    library: Mapping[str, LibraryProfile], seen: set[str]
) -> LibraryProfile | None:
    """The shipped profile whose loads are the ones the bus reports, if any."""
    best: tuple[int, LibraryProfile] | None = None
    for candidate in library.values():
        wanted = set(candidate.profile.loads)
        common = len(wanted & seen)
        if (
            common >= MIN_MATCHED_LOADS
            and common >= MATCH_SHARE * len(wanted)
            and common >= MATCH_SHARE * len(seen)
            and (best is None or common > best[0])
        ):
            best = (common, candidate)
    return best[1] if best else None


class ProfileOffer:
    """Offer a library profile once the bus shows it is that coach."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry_id: str,
        library: Mapping[str, LibraryProfile],
    ) -> None:
        """Issues are named after the entry, so each bus has its own."""
        self.hass = hass
        self.issue_id = f"profile_match_{entry_id}"
        self._library = library
        self._seen: set[str] = set()
        self._offered = False

    @callback
    def async_new_status(self, state: InstanceState, _dgn: str) -> None:
        """A coordinator's new-status listener: one more load on the bus."""
        if self._offered or state.family not in LOAD_FAMILIES:
            return
        self._seen.add(f"{state.family}:{state.instance}")
        if (match := best_match(self._library, self._seen)) is None:
            return
        self._offered = True
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            self.issue_id,
            is_fixable=False,
            is_persistent=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key="profile_match",
            translation_placeholders={"coach": match.title},
        )

    @callback
    def async_clear(self) -> None:
        """The entry stops (or the owner applied a profile): the offer goes."""
        ir.async_delete_issue(self.hass, DOMAIN, self.issue_id)
