#!/bin/sh
# Install into a scratch prefix and build a program against it with
# pkg-config alone, as a user of the installed library would.
set -e
BUILD=${BUILD:-build}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
# SANITIZE follows the build under test (LDSAN is set for the sanitized
# one), not what `make check SANITIZE=1` left in MAKEFLAGS for every make
# below it: a sanitized library linked without the sanitizer fails.
sanitize=; [ -n "$LDSAN" ] && sanitize=1
make --no-print-directory -s install BUILD="$BUILD" SANITIZE="$sanitize" PREFIX="$prefix" >/dev/null
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
cat > "$prefix/use.c" <<'C'
#include <dataspaces/dataspaces.h>
#include <stdio.h>
int main(void)
{
    ds_target *t;
    HRESULT hr = ds_open("/nonexistent.core", 0, &t);
    printf("%s\n", ds_error_text(NULL));
    return hr == S_OK;
}
C
${CC:-cc} -std=c11 -Wall -Werror "$prefix/use.c" -o "$prefix/use-static" \
    $(pkg-config --cflags dataspaces) "$prefix/lib/libdataspaces.a" $(pkg-config --libs-only-l --static dataspaces | sed 's/-ldataspaces//') $LDSAN
"$prefix/use-static" | grep -q "/nonexistent.core"
${CC:-cc} -std=c11 -Wall -Werror "$prefix/use.c" -o "$prefix/use-shared" \
    $(pkg-config --cflags --libs dataspaces) $LDSAN
LD_LIBRARY_PATH="$prefix/lib" "$prefix/use-shared" | grep -q "/nonexistent.core"
# The command line and its man page.
"$prefix/bin/dataspaces" -h | grep -q "^usage: dataspaces"
grep -q "^.TH DATASPACES 1" "$prefix/share/man/man1/dataspaces.1"
# make uninstall takes back exactly what install put there.
echo keep > "$prefix/lib/other-file"
make --no-print-directory -s uninstall BUILD="$BUILD" PREFIX="$prefix" >/dev/null
left=$(cd "$prefix" && find . -path ./use.c -prune -o -name 'use-*' -prune -o \( -type f -o -type l \) -print)
[ "$left" = "./lib/other-file" ] || { echo "uninstall left: $left"; exit 1; }
echo "install: headers, libraries and dataspaces.pc work from $prefix; uninstall removes them"
