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

/* A whole file into memory (malloc'd), or NULL; and back out. */
uint8_t *read_whole_file(const char *path, size_t *size);
void write_whole_file(const char *path, const void *data, size_t size);
/* rm -r */
void remove_tree(const char *dir);

/* IMAGE_FILE_MACHINE_* for an e_machine (the test's own table). */
uint32_t expected_machine(unsigned em, unsigned elf_class);

/* Every check of an opened core against its truth: identity (class,
   machine, threads, modules), each PT_LOAD (region, protection, every
   byte, the partial-read rule where the file stops), the sample and edge
   reads, neighbouring segments and gaps, readable runs, read-only writes.
   file is the core's bytes. */
void check_core_truth(ds_target *t, const struct truth *tr, const uint8_t *file,
                      size_t file_size);

/* Damaged copies of a core (named for messages; seed picks the random
   offsets): cut short at each interesting offset (each copy reads a prefix
   of the original's bytes, or is refused with a sentence), or with bytes
   changed near them (mutants copies: every answer keeps the API's rules).
   Prints how many opened and how many were refused. */
void check_truncated_copies(const char *name, const uint8_t *file, size_t size, uint64_t seed);
void check_corrupted_copies(const char *name, uint8_t *file, size_t size, uint64_t seed,
                            int mutants);

#endif /* DS_CORE_CHECKS_H */
