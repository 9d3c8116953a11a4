/*
 * minidump_checks.h — what the minidump tests check of any dump, whoever
 * made it: tests/test_minidump.c on dumps it builds (minidump_builder.h),
 * tests/conformance/conf_minidump.c on the third-party corpus.
 */
#ifndef DS_MINIDUMP_CHECKS_H
#define DS_MINIDUMP_CHECKS_H

#include <stddef.h>
#include <stdint.h>

#include "dataspaces/dataspaces.h"

/* next_readable walks exactly `present` bytes in all (the dump's ranges,
   nranges of them, never overlap), in at most 4 * nranges + 4 steps. */
void check_readable_walk(ds_target *t, size_t nranges, uint64_t present);
/* A dump opened without DS_OPEN_WRITABLE_COPY refuses to write the byte
   it holds at addr, saying it is read-only. */
void check_write_refused(ds_target *t, uint64_t addr);

/* Mutated copies of a dump must open with every answer keeping the API's
   rules, or be refused with a sentence; never crash. Truncations: every
   length through the header and directory, then 300 more. Field flips:
   1000 copies with 1 to 3 bits or 32-bit fields changed, mostly in the
   header, the directory and the start of each stream. The copies are
   deterministic (one xorshift stream for the whole program). */
void check_minidump_truncations(const uint8_t *dump, size_t size);
void check_minidump_field_flips(const uint8_t *dump, size_t size);

/* The handles of Breakpad's tiny-exe-with-cet-xsave dump (a
   HandleDataStream of 32-byte descriptors; minidump_scenes.c's info scene
   holds the same): handle 4 is a "File" with no object name, Attributes
   0, GrantedAccess 0x12019f, HandleCount 2, PointerCount 98303; handle
   0x40's HandleCount is 232; handle 0x14's type "WaitCompletionPacket"
   cut to 8 bytes; handle 0x2 is not listed. Through the backend's op. */
void check_cet_dump_handles(ds_target *t);

/* A full-memory dump of Wine's test program (MDB_MARKER_*): its buffer,
   the marker then the pattern, MDB_MARKER_SIZE bytes and no more. */
void check_marker_region(ds_target *t);
/* Full memory holds the PE headers of every module: "MZ", then
   "PE\0\0" at e_lfanew. */
void check_module_pe_headers(ds_target *t);

#endif /* DS_MINIDUMP_CHECKS_H */
