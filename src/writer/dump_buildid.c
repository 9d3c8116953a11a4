/*
 * dump_buildid.c — the GNU build-id of an ELF image in the target's
 * memory (its NT_GNU_BUILD_ID note), for the CodeView records of a
 * written minidump's modules. Read through the backend: the ELF header at
 * the module's base, its program headers, the PT_NOTE segments at their
 * file offsets from the base (where the first, offset-0 mapping puts
 * them, as in every image the loader maps). Every field is bounded: the
 * bytes come from the target, not from us.
 */
#include <elf.h>
#include <string.h>

#include "writer.h"

#define MAX_PHNUM 64u
#define MAX_NOTE_SEGMENT 65536u

static uint64_t get(const uint8_t *p, unsigned size, bool big)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = big ? v << 8 | p[i] : v | (uint64_t)p[i] << (8 * i);
    return v;
}

static bool read_at(ds_target *t, uint64_t base, uint64_t off, void *buf, size_t size)
{
    size_t done = 0;
    if (off > UINT64_MAX - base || size > UINT64_MAX - (base + off))
        return false;
    ds_backend_read(t, base + off, buf, size, &done);
    return done == size;
}

/* The build-id in one PT_NOTE segment's bytes, 0 when none. */
static uint32_t find_in_notes(const uint8_t *p, size_t n, bool big, uint8_t *id, uint32_t cap)
{
    size_t at = 0;
    while (n - at >= 12) {
        uint64_t namesz = get(p + at, 4, big), descsz = get(p + at + 4, 4, big);
        uint64_t type = get(p + at + 8, 4, big);
        uint64_t name_at = at + 12, desc_at = name_at + ((namesz + 3) & ~3ull);
        if (namesz > n || descsz > n || desc_at > n || descsz > n - desc_at)
            return 0;
        if (type == NT_GNU_BUILD_ID && namesz == 4 && memcmp(p + name_at, "GNU", 4) == 0) {
            uint32_t k = descsz < cap ? (uint32_t)descsz : cap;
            memcpy(id, p + desc_at, k);
            return k;
        }
        at = desc_at + ((descsz + 3) & ~3ull);
    }
    return 0;
}

uint32_t dump_build_id(ds_target *t, uint64_t base, uint8_t *id, uint32_t cap)
{
    uint8_t eh[64];
    if (!read_at(t, base, 0, eh, 52) || memcmp(eh, ELFMAG, SELFMAG) != 0)
        goto none;
    bool is64 = eh[EI_CLASS] == ELFCLASS64, big = eh[EI_DATA] == ELFDATA2MSB;
    if (is64 && !read_at(t, base, 0, eh, 64))
        goto none;
    uint64_t phoff = is64 ? get(eh + 32, 8, big) : get(eh + 28, 4, big);
    uint64_t phentsize = get(eh + (is64 ? 54 : 42), 2, big);
    uint64_t phnum = get(eh + (is64 ? 56 : 44), 2, big);
    size_t need = is64 ? 56 : 32;
    if (phentsize < need)
        goto none;
    for (uint64_t i = 0; i < phnum && i < MAX_PHNUM; i++) {
        uint8_t ph[56];
        if (phoff > UINT64_MAX - i * phentsize || !read_at(t, base, phoff + i * phentsize, ph, need))
            break;
        if (get(ph, 4, big) != PT_NOTE)
            continue;
        uint64_t off = is64 ? get(ph + 8, 8, big) : get(ph + 4, 4, big);
        uint64_t size = is64 ? get(ph + 32, 8, big) : get(ph + 16, 4, big);
        uint8_t notes[MAX_NOTE_SEGMENT];
        if (size > sizeof notes)
            size = sizeof notes;
        if (!read_at(t, base, off, notes, (size_t)size))
            continue;
        uint32_t n = find_in_notes(notes, (size_t)size, big, id, cap);
        if (n) {
            ds_clear_error(t);
            return n;
        }
    }
none:
    ds_clear_error(t);
    return 0;
}
