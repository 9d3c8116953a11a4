/*
 * core_checks.h — what the ELF core tests check of any core, whoever made
 * it: a core the test built or dumped (make check), or a third-party core
 * with its .truth.txt (make conformance). The truth says what the core
 * holds; the checks hold the library's answers against it. Then damaged
 * copies of a core: cut at, or bytes changed near, every offset where a
 * header field, program header or note lies.
 */
#ifndef DS_CORE_CHECKS_H
#define DS_CORE_CHECKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dataspaces/dataspaces.h"

struct truth_load {
    uint64_t vaddr, filesz, memsz, offset;
    char flags[4];  /* readelf's "RWX" */
};

struct truth_read {
    uint64_t addr;
    int known;  /* bytes known before the first unreadable one */
    uint8_t bytes[16];
};

struct truth {
    unsigned elf_class, machine;
    size_t nloads, nthreads, nreads, nedges;
    struct truth_load loads[64];
    uint32_t threads[16];
    struct truth_read reads[8], edges[8];
};

/* Whether an address the library answered is want: on a 4-byte target
   dbgeng sign-extends addresses (0xf7700000 is 0xfffffffff7700000); both
   forms are taken here, the exact rule being test_query's to check. */
bool same_address(ds_target *t, uint64_t got, uint64_t want);

/* IMAGE_FILE_MACHINE_* for an e_machine (the test's own table). */
uint32_t expected_machine(unsigned em, unsigned elf_class);

/* Every check of an opened core against its truth: identity (class,
   machine, threads, modules), each PT_LOAD (region, protection, every
   byte, the partial-read rule where the file stops), the sample and edge
   reads, neighbouring segments and gaps, readable runs, read-only writes.
   file is the core's bytes. */
void check_core_truth(ds_target *t, const struct truth *tr, const uint8_t *file,
                      size_t file_size);

/* DS_OPEN_WRITABLE_COPY of the core at path (file: its bytes): writes
   land in the private mapping only, and only in bytes the core holds:
   all 4 at stack_byte; 8 of 16 over the end of the first page of the
   segment at text, which holds that page only; none past it, none at
   0x10. The file is untouched. */
void check_writable_copy(const char *path, const uint8_t *file, size_t size, uint64_t stack_byte,
                         uint64_t text);

/* Damaged copies of a core (named for messages; seed picks the random
   offsets): cut short at each interesting offset (each copy reads a prefix
   of the original's bytes, or is refused with a sentence), or with bytes
   changed near them (mutants copies: every answer keeps the API's rules).
   Prints how many opened and how many were refused. */
void check_truncated_copies(const char *name, const uint8_t *file, size_t size, uint64_t seed);
void check_corrupted_copies(const char *name, uint8_t *file, size_t size, uint64_t seed,
                            int mutants);

#endif /* DS_CORE_CHECKS_H */
