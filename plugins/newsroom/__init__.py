"""The newsroom site: one build on Pelican, its steps connected in `shell`, its data in
`model`. The other packages of `plugins` are the domain: they know nothing of Pelican's
signals."""

from .shell import register

__all__ = ["register"]
