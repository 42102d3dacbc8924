"""Processes that end with the process that started them."""

from __future__ import annotations

import ctypes
import signal
from collections.abc import Callable

PR_SET_PDEATHSIG = 1  # Linux prctl(2): the signal a process gets when its parent ends


def _find_prctl() -> Callable[..., int] | None:
    """Linux's prctl(2) in the C library; None elsewhere."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError, TypeError):
        return None
    prctl.argtypes = [ctypes.c_int, *[ctypes.c_ulong] * 4]
    prctl.restype = ctypes.c_int
    return prctl


# Found once, where this module is imported: the processes it forks or starts only call it
# (nothing is loaded between a fork and what the new process runs).
PRCTL = _find_prctl()


def end_with_parent(number: int = signal.SIGTERM) -> None:
    """Have the kernel send this process `number` when the process that started it ends,
    however that one ends (Linux's prctl; elsewhere nothing). Called in the new process;
    the caller checks that the parent did not end before."""
    if PRCTL is not None:
        PRCTL(PR_SET_PDEATHSIG, int(number), 0, 0, 0)
