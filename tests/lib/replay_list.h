/*
 * replay_list.h — the list of one cmocka test per file that the corpus
 * replays build (tests/test_corpus.c: the kept fuzzer inputs;
 * tests/conformance/conf_corpus.c: the third-party dumps), each test
 * replaying one file, or one dump made in memory, through the fuzz
 * harness.
 */
#ifndef DS_REPLAY_LIST_H
#define DS_REPLAY_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "testlib.h"

#define REPLAY_MAX 4096

struct ecb_arch;
struct mdb_scene;

/* What one test replays: the file at path, or a dump made in memory. */
struct replay {
    char path[4096];
    bool elf;                       /* an ELF core, else a minidump */
    const struct ecb_arch *arch;    /* a built core instead of a file */
    const struct mdb_scene *scene;  /* a built minidump instead of a file */
};

/* The tests, for _cmocka_run_group_tests(name, tests, n, ...); each
   test's state is its struct replay. */
struct replay_list {
    struct CMUnitTest tests[REPLAY_MAX];
    struct replay replays[REPLAY_MAX];
    char names[REPLAY_MAX][300];
    size_t n;
};

/* A new test named name running fn, its replay zeroed for the caller to
   fill; NULL when the list is full. */
struct replay *replay_add(struct replay_list *l, const char *name, CMUnitTestFunction fn);
/* A test for every regular file of dir whose name ends in suffix ("" for
   any), in name order, named label/FILE; how many were added. */
size_t replay_add_dir(struct replay_list *l, const char *dir, bool elf, const char *suffix,
                      const char *label, CMUnitTestFunction fn);
/* A replay's file, whole (malloc'd); fails the test when it cannot. */
uint8_t *replay_slurp(const char *path, size_t *size);

#endif /* DS_REPLAY_LIST_H */
