"""Sources converted ahead of Pelican's reading, in the build's processes.

Pelican reads the sources one by one. In a clean build, as the first is read, forked
processes start to check and convert every Markdown source the build will read
(`CheckedMarkdownReader.convert`, what reading makes of the file alone), in the order
Pelican reads them. The reader takes each conversion when Pelican reads its file (when it
has not come yet, the build converts the next source nobody has taken, as in
`plugins.newsroom.workers`), with the records logged while it was made, logged again at
that moment: the findings, the messages and their order are those of a build in one
process. A source whose conversion failed, or could not be sent, is converted again where
it is read, and reported there; so is a source reached through a link that leads outside
the content folder: it is not read, and the reader reports why.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Generator, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from plugins.checks.escapes import reached_through_a_bad_link
from plugins.checks.reader import CheckedMarkdownReader, Converted

from .workers import Outcome, log_again, outcomes

logger = logging.getLogger(__name__)


@dataclass
class Conversions:
    """The conversions made ahead, by the source's absolute path, until read.

    They are made in the order the sources are read, and taken as they come: the build
    reads one source while the processes convert the next.
    """

    sources: list[str] = field(default_factory=list)  # in the order they are converted
    coming: Generator[Outcome, None, None] | None = None  # from the processes, in order
    made: dict[str, tuple[list[logging.LogRecord], bytes | None]] = field(default_factory=dict)

    def take(self, path: Path) -> Converted | None:
        """A source's conversion, its records logged now; None if none was made ahead."""
        key = str(path)
        if key not in self.made and self.coming is not None:
            for outcome in self.coming:
                source = self.sources[outcome.index]
                self.made[source] = (outcome.records, outcome.value)
                if source == key:
                    break
        records, made = self.made.pop(key, ([], None))
        if made is None:  # not converted ahead, or failed: converted again, and reported
            return None
        log_again(records)
        converted: Converted = pickle.loads(made)
        return converted

    def close(self) -> None:
        """Stop the processes, once reading is over (the sources left are not read)."""
        if self.coming is not None:
            self.coming.close()
        self.made.clear()


def convert_ahead(
    reader: CheckedMarkdownReader, paths: Iterable[str], processes: int
) -> Conversions:
    """Convert every source at `paths` (absolute, in the order they will be read) with
    `reader` in `processes` processes, as they are read."""
    extensions = reader.file_extensions
    sources = [path for path in dict.fromkeys(paths) if Path(path).suffix[1:] in extensions]
    if not sources:
        return Conversions()
    logger.debug("Converting %d sources in %d processes", len(sources), processes)
    # Made here, as when the first source is read: what making it logs is logged once.
    reader.body  # noqa: B018 - made for its effect

    def convert(index: int) -> Outcome:
        path = Path(sources[index])
        if reached_through_a_bad_link(reader.content_folder, path):
            return Outcome(index)  # not read: the reader says why where it reads
        try:
            converted = reader.convert(path)
            return Outcome(index, value=pickle.dumps(converted))
        except Exception:  # converted again, and reported, where it is read
            reader.forget_converters()
            return Outcome(index)

    return Conversions(sources, outcomes(len(sources), processes, convert))
