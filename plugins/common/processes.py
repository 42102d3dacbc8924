"""Processes that end with the process that started them."""

from __future__ import annotations

import contextlib
import ctypes
import signal

PR_SET_PDEATHSIG = 1  # Linux prctl(2): the signal a process gets when its parent ends


def end_with_parent(number: int = signal.SIGTERM) -> None:
    """Have the kernel send this process `number` when the process that started it ends,
    however that one ends (Linux's prctl; elsewhere nothing). Called in the new process;
    the caller checks that the parent did not end before."""
    with contextlib.suppress(OSError, AttributeError):
        prctl = ctypes.CDLL(None, use_errno=True).prctl
        prctl.argtypes = [ctypes.c_int, *[ctypes.c_ulong] * 4]
        prctl.restype = ctypes.c_int
        prctl(PR_SET_PDEATHSIG, int(number), 0, 0, 0)
