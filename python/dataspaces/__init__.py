"""dataspaces — the Windows debugger engine's data spaces (IDebugDataSpaces4)
for Linux processes, ELF cores and Windows minidumps, from Python.

    import dataspaces
    with dataspaces.open("core.1234") as t:
        print(hex(t.read_u64(0x7f0000001000)))

The work is done by the C library (libdataspaces) through the extension
module dataspaces._dataspaces; this file only re-exports it. The reference
is docs/python.md.
"""
from ._dataspaces import *  # noqa: F401,F403
from ._dataspaces import (Error, Module, ReadFault, Region, Target, WriteFault, attach,
                          connect, launch, open)

__all__ = [name for name in dir() if not name.startswith("_")]
__version__ = "0.1.0"
