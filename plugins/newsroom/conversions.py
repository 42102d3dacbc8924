"""Sources converted ahead of Pelican's reading, in the build's processes.

Pelican reads the sources one by one. In a clean build, before the first is read, every
Markdown source the build will read is checked and converted (`CheckedMarkdownReader.convert`,
what reading makes of the file alone) in forked processes; the reader then takes each
conversion when Pelican reads its file, with the records logged while it was made, logged
again at that moment: the findings, the messages and their order are those of a build in one
process. A source whose conversion failed, or could not be sent, is converted again where it
is read, and reported there.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from plugins.checks.escapes import reached_through_a_bad_link
from plugins.checks.reader import CheckedMarkdownReader, Converted

from .workers import Outcome, log_again, run_in_processes

logger = logging.getLogger(__name__)


@dataclass
class Conversions:
    """The conversions made ahead, by the source's absolute path, until read."""

    made: dict[str, tuple[list[logging.LogRecord], bytes]] = field(default_factory=dict)

    def take(self, path: Path) -> Converted | None:
        """A source's conversion, its records logged now; None if none was made ahead."""
        found = self.made.pop(str(path), None)
        if found is None:
            return None
        records, made = found
        log_again(records)
        converted: Converted = pickle.loads(made)
        return converted


def convert_ahead(
    reader: CheckedMarkdownReader, paths: Iterable[str], processes: int
) -> Conversions:
    """Convert every source at `paths` (absolute) with `reader` in `processes` processes."""
    sources = sorted({path for path in paths if reached_by(reader, path)})
    conversions = Conversions()
    if sources:
        logger.debug("Converting %d sources in %d processes", len(sources), processes)
        # Made here, as when the first source is read: what making it logs is logged once.
        reader.body  # noqa: B018 - made for its effect

    def convert(index: int) -> Outcome:
        try:
            converted = reader.convert(Path(sources[index]))
            return Outcome(index, value=pickle.dumps(converted))
        except Exception:  # converted again, and reported, where it is read
            reader.forget_converters()
            return Outcome(index)

    def take(outcome: Outcome) -> None:
        if outcome.value is not None:
            conversions.made[sources[outcome.index]] = (outcome.records, outcome.value)

    run_in_processes(len(sources), processes, convert, take)
    return conversions


def reached_by(reader: CheckedMarkdownReader, path: str) -> bool:
    """Whether the reader reads a source: one of its extensions, inside the content folder
    (nothing outside it is read)."""
    extension = Path(path).suffix.lstrip(".")
    return extension in reader.file_extensions and not reached_through_a_bad_link(
        reader.content_folder, Path(path)
    )
