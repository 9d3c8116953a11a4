#!/bin/bash
# hitpath.sh LIB — the string instructions (rep movs, rep stos, ...) in the
# functions a cached small read runs through: ds_read_virtual, the
# ds_read_common it calls (and gcc's clones of it; the buffer check is inlined) and
# ds_cache_read, disassembled from the built library (-O2). A `rep movs`
# there costs tens of cycles on Intel cores before it copies a byte
# (issue 15, item 19). The cache's miss path (read_lines and below) is
# left out: it makes a system call anyway.
#
# Prints "I hitpath_functions N" and "I hitpath_string_insns N" for
# report.py, and each string instruction found on stderr.
set -u
LIB=${1:?usage: hitpath.sh LIB}
command -v objdump >/dev/null || { echo "I hitpath_string_insns n/a"; exit 0; }
objdump -d --no-show-raw-insn "$LIB" 2>/dev/null | awk '
    /^[0-9a-f]+ <[^>]+>:$/ {
        name = $2; gsub(/[<>:]/, "", name)
        on = (name ~ /^(ds_read_virtual|ds_read_common(\..*)?|ds_cache_read)$/)
        if (on) funcs++
        next
    }
    on && /\trep[a-z]* / { bad++; print "hitpath: " name ": " $0 > "/dev/stderr" }
    END { printf "I hitpath_functions %d\nI hitpath_string_insns %d\n", funcs, bad }'
