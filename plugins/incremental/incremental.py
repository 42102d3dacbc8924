"""Signal glue of the incremental plugin: which signal calls which handler."""

from __future__ import annotations

import logging
from typing import Any

from pelican import signals
from pelican.generators import Generator

from plugins.common.perbuild import context_publisher

from .settings import IncrementalSettings
from .state import CONTEXT_KEY, IncrementalState

logger = logging.getLogger(__name__)


def register() -> None:
    """Connect the incremental plugin's handlers."""
    signals.initialized.connect(validate_settings)
    signals.get_generators.connect(start_incremental_build)
    signals.finalized.connect(finish_incremental_build)


def validate_settings(pelican: Any) -> None:
    """Stop the build with one clear message when `INCREMENTAL` is invalid."""
    IncrementalSettings.from_settings(pelican.settings)


def start_incremental_build(pelican: Any) -> type[Generator] | None:
    """Load the previous build's fingerprints and hand them to the context."""
    pelican.incremental_state = None
    if not IncrementalSettings.from_settings(pelican.settings).enabled:
        return None
    state = IncrementalState.start(pelican.settings)
    if state.readers_changed and pelican.settings.get("LOAD_CONTENT_CACHE"):
        # Read every file again: generators take this setting when they are made, next
        # (it is put back when the build ends, for the next build of the same process).
        pelican.settings["LOAD_CONTENT_CACHE"] = False
        state.restore_cache_loading = True
    pelican.incremental_state = state
    return context_publisher(CONTEXT_KEY, state)


def finish_incremental_build(pelican: Any) -> None:
    """Save the fingerprints and remove the pages and feeds this build no longer has."""
    state: IncrementalState | None = getattr(pelican, "incremental_state", None)
    if state is None:
        return
    pelican.incremental_state = None
    if state.restore_cache_loading:
        pelican.settings["LOAD_CONTENT_CACHE"] = True
    removed = state.finish()
    logger.info(
        "%d pages kept from the previous build, %d stale files removed", state.kept, removed
    )
