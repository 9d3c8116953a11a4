/*
 * api_checks.h — what the API-on-dumps tests check of any dump, whoever
 * made it: tests/test_api_dumps.c on dumps and a core it builds,
 * tests/conformance/conf_api_dumps.c on the third-party corpus. The
 * searches, strings, pointers, valid regions, offset information and
 * handle data of the public API.
 */
#ifndef DS_API_CHECKS_H
#define DS_API_CHECKS_H

#include <stdint.h>

#include "dataspaces/dataspaces.h"

/* 16 bytes the dump holds at addr. */
struct api_sample {
    uint64_t addr;
    uint8_t bytes[16];
};

/* The sample through every method that reads: SearchVirtual finds it in
   place, it is one valid region with a virtual source, its pointers (in
   the target's size, little-endian, sign-extended on 4-byte targets) and
   its string (or E_INVALIDARG without a 0 byte) read alike. */
void check_api_sample(ds_target *t, const struct api_sample *s);

/* A full-memory dump of Wine's test program (MDB_MARKER_*, after
   wine8-x64-fullmem.dmp): the marker found on the stack below the region
   (at copy_at; 0: anywhere below it) and at the region, nowhere after; a
   match ending at the region's last byte; one straddling two touching
   ranges; the search granularity counted from Offset. */
void check_marker_search(ds_target *t, uint64_t copy_at);
/* The same dump: the marker as a string running into the pattern; the
   image path (MDB_IMAGE_PATH) as UTF-16 (at path_at; 0: anywhere); valid
   regions and their stretches around 0x12000..0x231000; no source at
   0x12000. */
void check_marker_strings_and_regions(ds_target *t, uint64_t path_at);

/* ReadHandleData on the handles of Breakpad's tiny-exe-with-cet-xsave
   dump (as minidump_checks.h's check_cet_dump_handles), through the
   public API, with its argument checks. */
void check_cet_dump_handle_data(ds_target *t);
/* A target without a HandleDataStream: E_NOTIMPL. */
void check_no_handle_data(ds_target *t);

/* A dump refuses FillVirtual and WritePointersVirtual at `at` (a byte it
   holds) with a sentence; it has no physical memory, no MSRs, no tags. */
void check_dump_refuses_writes(ds_target *t, uint64_t at);

#endif /* DS_API_CHECKS_H */
