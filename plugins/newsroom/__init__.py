"""The newsroom site: one build on Pelican, its steps connected in `shell`, its data in
`model`. The other packages of `plugins` are the domain: they know nothing of Pelican's
signals."""

import gc

# What Python has imported so far lives as long as the process: out of the collector's
# reach, the full collection that importing the plugins sets off does not walk it (about
# 20 ms). The build gives it back as it starts (`shell.take_back_an_earlier_build`).
gc.freeze()

from .shell import register  # noqa: E402

__all__ = ["register"]
