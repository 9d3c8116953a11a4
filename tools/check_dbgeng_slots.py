#!/usr/bin/env python3
"""check_dbgeng_slots.py: every method of include/dataspaces/dbgeng.h sits
in the vtable slot Microsoft's dbgeng.h gives it.

The expected order comes from outside our header: mingw-w64's dbgeng.h
(Debian's mingw-w64-x86-64-dev, /usr/share/mingw-w64/include/dbgeng.h) for
every interface it declares, and for IDebugDataSpaces4, which that header
lacks, the list below, in the order of Microsoft's documentation of the
interface's vtable (IDebugDataSpaces4_Vtbl in Microsoft's Win32 metadata,
microsoft.github.io/windows-docs-rs). A newer interface our header adds
(IDebugClient5 ...) is checked on the slots it shares with the one it
extends.

It writes a C program of offsetof() checks over our C vtable structs,
compiles it against include/ with the C compiler, and runs it: one line per
failure and a count. With --self-test it also swaps two expected slots and
fails unless the program then reports the swap (the check can fail).

    python3 tools/check_dbgeng_slots.py [--self-test] BUILD_DIR
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MINGW = os.environ.get("DS_MINGW_DBGENG", "/usr/share/mingw-w64/include/dbgeng.h")

DATASPACES4_ADDED = [
    "GetOffsetInformation", "GetNextDifferentlyValidOffsetVirtual", "GetValidRegionVirtual",
    "SearchVirtual2", "ReadMultiByteStringVirtual", "ReadMultiByteStringVirtualWide",
    "ReadUnicodeStringVirtual", "ReadUnicodeStringVirtualWide", "ReadPhysical2",
    "WritePhysical2",
]
# Newer interfaces of our header and the mingw-w64 interface each begins with.
EXTENDS = {
    "IDebugClient5": "IDebugClient4",
    "IDebugControl4": "IDebugControl3",
    "IDebugSymbols3": "IDebugSymbols2",
}


def mingw_order(path):
    text = open(path).read()
    order = {}
    for name, body in re.findall(r"DECLARE_INTERFACE_\((\w+)\s*,\s*IUnknown\)\s*\{(.*?)\};", text, re.S):
        order[name] = re.findall(r"STDMETHODV?_?\((?:\w+\s*,\s*)?(\w+)\)", body)
    return order


def expectations(order):
    checks = []  # (interface, method, slot, whole): whole = the slot count is all
    for name, methods in sorted(order.items()):
        for i, m in enumerate(methods):
            checks.append((name, m, i))
    if "IDebugDataSpaces4" not in order and "IDebugDataSpaces3" in order:
        methods = order["IDebugDataSpaces3"] + DATASPACES4_ADDED
        for i, m in enumerate(methods):
            checks.append(("IDebugDataSpaces4", m, i))
        order = dict(order, IDebugDataSpaces4=methods)
    for newer, base in EXTENDS.items():
        if newer not in order and base in order:
            for i, m in enumerate(order[base]):
                checks.append((newer, m, i))
    sizes = {n: len(m) for n, m in order.items()}
    return checks, sizes


def program(checks, sizes):
    lines = ['#include <stddef.h>', '#include <stdio.h>', '#include "dataspaces/dbgeng.h"',
             'static int failed, checked;',
             'static void slot(const char *iface, const char *method, size_t offset, size_t want)',
             '{',
             '    checked++;',
             '    if (offset / sizeof(void *) != want) {',
             '        failed++;',
             '        printf("%s::%s is in slot %zu, Microsoft\'s is %zu\\n", iface, method,',
             '               offset / sizeof(void *), want);',
             '    }',
             '}',
             'int main(void)', '{']
    for iface, method, i in checks:
        lines.append('    slot("%s", "%s", offsetof(%sVtbl, %s), %d);' % (iface, method, iface, method, i))
    for iface, n in sorted(sizes.items()):
        lines.append('    slot("%s", "(end)", sizeof(%sVtbl), %d);' % (iface, iface, n))
    lines += ['    printf("%d slots of %d interfaces checked, %d wrong\\n", checked, ' + str(len(sizes)) + ', failed);',
              '    return failed != 0;', '}', '']
    return "\n".join(lines)


def run(build, name, source):
    os.makedirs(build, exist_ok=True)
    c = os.path.join(build, name + ".c")
    exe = os.path.join(build, name)
    open(c, "w").write(source)
    cc = os.environ.get("CC", "cc")
    subprocess.run([cc, "-std=c11", "-Wall", "-Wextra", "-Werror", "-I" + os.path.join(ROOT, "include"),
                    c, "-o", exe], check=True)
    return subprocess.run([exe], capture_output=True, text=True)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    build = args[0] if args else os.path.join(ROOT, "build")
    order = mingw_order(MINGW)
    if len(order) < 10:
        sys.exit("check_dbgeng_slots: %s declares %d interfaces: is mingw-w64-x86-64-dev installed?"
                 % (MINGW, len(order)))
    checks, sizes = expectations(order)
    # Only interfaces our header declares are compared (it declares all of
    # mingw-w64 10's); a missing one fails the compile, which fails the check.
    r = run(os.path.join(build, "slottest"), "slots", program(checks, sizes))
    sys.stdout.write(r.stdout)
    if r.returncode != 0:
        sys.exit("check_dbgeng_slots: slots differ from Microsoft's order")
    if "--self-test" in sys.argv:
        # Swap two expected slots: the same program must now fail.
        wrong = list(checks)
        k = next(i for i, c in enumerate(wrong) if c[0] == "IDebugDataSpaces4" and c[1] == "ReadVirtual")
        a, b = wrong[k], wrong[k + 1]
        wrong[k], wrong[k + 1] = (a[0], a[1], b[2]), (b[0], b[1], a[2])
        r = run(os.path.join(build, "slottest"), "slots_swapped", program(wrong, sizes))
        if r.returncode == 0 or "IDebugDataSpaces4::ReadVirtual is in slot 3, Microsoft's is 4" not in r.stdout:
            sys.exit("check_dbgeng_slots --self-test: a swapped slot went unnoticed")
        print("self-test: a swapped slot is reported")


if __name__ == "__main__":
    main()
