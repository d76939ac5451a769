"""Record the bus for a while (the record_bus action): one recording per entry."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers.event import async_call_later
from homeassistant.util import dt as dt_util

from .const import CAPTURES_FOLDER, DOMAIN
from .protocol.capture import BusRecorder

if TYPE_CHECKING:
    from datetime import datetime

    from homeassistant.core import CALLBACK_TYPE, HomeAssistant

    from .protocol.node import RvcNode

_LOGGER = logging.getLogger(__name__)


class BusRecording:
    """Records the node's traffic to a file under the configuration folder."""

    def __init__(self, hass: HomeAssistant, node: RvcNode) -> None:
        """Record what node receives and sends."""
        self._hass = hass
        self._node = node
        self._recorder: BusRecorder | None = None
        self._starting = False
        self._stopped = False
        self._unsub_end: CALLBACK_TYPE | None = None

    @property
    def active(self) -> bool:
        """True while a recording runs (or is being opened)."""
        return self._starting or self._recorder is not None

    async def async_start(self, minutes: int) -> Path:
        """Record the next minutes of traffic; return the file's path."""
        if self.active:
            raise ServiceValidationError(
                translation_domain=DOMAIN, translation_key="recording_in_progress"
            )
        self._starting = True
        try:
            recorder = await self._hass.async_add_executor_job(
                BusRecorder.create,
                Path(self._hass.config.path(CAPTURES_FOLDER)),
                f"rvc-{dt_util.now():%Y%m%d-%H%M%S}",
                self._node.session.config.channel,
            )
        except OSError as err:
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="recording_failed",
                translation_placeholders={"error": str(err)},
            ) from err
        finally:
            self._starting = False
        if self._stopped:  # the entry unloaded while the file was opened
            await self._hass.async_add_executor_job(recorder.close)
            raise HomeAssistantError(
                translation_domain=DOMAIN, translation_key="recording_interrupted"
            )
        self._recorder = recorder
        self._node.tap = recorder
        self._unsub_end = async_call_later(self._hass, minutes * 60, self._async_end)
        _LOGGER.info("Recording the RV-C bus to %s for %s min", recorder.path, minutes)
        return recorder.path

    async def _async_end(self, _now: datetime) -> None:
        self._unsub_end = None
        await self.async_stop_recording()

    async def async_stop_recording(self) -> None:
        """End the recording that runs, if any, and close its file."""
        if self._unsub_end is not None:
            self._unsub_end()
            self._unsub_end = None
        if (recorder := self._recorder) is None:
            return
        self._recorder = None
        self._node.tap = None
        await self._hass.async_add_executor_job(recorder.close)
        _LOGGER.info(
            "Recorded %s frames to %s (%s not written)",
            recorder.frames,
            recorder.path,
            recorder.dropped,
        )

    async def async_stop(self) -> None:
        """End any recording for good: the entry unloads."""
        self._stopped = True
        await self.async_stop_recording()
