"""Signal glue of the strict plugin."""

from __future__ import annotations

import logging
from typing import Any

from pelican import signals

from plugins.common.errors import StopBuild

from .counter import ProblemCounter
from .settings import StrictSettings


def register() -> None:
    """Connect the strict plugin's handlers."""
    signals.initialized.connect(start_counting_problems)
    signals.finalized.connect(fail_build_on_problems)


def start_counting_problems(pelican: Any) -> None:
    """Validate `STRICT` and, in a strict build, count every problem logged from now on."""
    settings = StrictSettings.from_settings(pelican.settings)
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, ProblemCounter)]:
        root.removeHandler(handler)  # left by an earlier build that crashed
    pelican.strict_settings = settings
    pelican.strict_counter = None
    if settings.level is not None:
        pelican.strict_counter = ProblemCounter()
        root.addHandler(pelican.strict_counter)


def fail_build_on_problems(pelican: Any) -> None:
    """Stop a strict build with exit code 1 once it has reported every problem."""
    counter: ProblemCounter | None = getattr(pelican, "strict_counter", None)
    settings: StrictSettings | None = getattr(pelican, "strict_settings", None)
    if counter is None or settings is None or settings.level is None:
        return
    logging.getLogger().removeHandler(counter)
    pelican.strict_counter = None
    if counter.count(settings.level):
        raise StopBuild(
            f"Build failed: {counter.describe()} reported above, and this build is strict "
            f"(STRICT fails on {settings.fail_on}s) — fix them and build again."
        )
