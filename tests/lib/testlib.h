/*
 * testlib.h — what the test programs share: cmocka, helper processes that
 * lay out memory on purpose and report where, and the shared test data.
 */
#ifndef DS_TESTLIB_H
#define DS_TESTLIB_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <cmocka.h>

#include "dataspaces/dataspaces.h"

#define HELPER_MAX_KEYS 64

/* A helper program from tests/helpers/, started with pipes on its stdin
   and stdout. It prints "key=0xvalue" lines, then "ready", then obeys
   one-line commands, answering each with "ok". */
struct helper {
    pid_t pid;
    FILE *to, *from;
    int nkeys;
    char keys[HELPER_MAX_KEYS][32];
    uint64_t values[HELPER_MAX_KEYS];
};

/* Start $DS_HELPERS/name with the given arguments (NULL-terminated); fails
   the test when it cannot. */
void helper_start(struct helper *h, const char *name, ...);
/* A value it reported; fails the test when the key is missing. */
uint64_t helper_value(const struct helper *h, const char *key);
/* Send one command line and wait for its "ok". */
void helper_command(struct helper *h, const char *cmd);
/* Kill it and reap it. */
void helper_stop(struct helper *h);
/* Path of a helper binary (static storage). */
const char *helper_path(const char *name);

/* Send a command and wait (at most timeout_ms) for its answer line; true
   when it is "ok": whether the process runs and obeys. Never blocks
   longer than that. */
bool helper_answers(struct helper *h, const char *cmd, int timeout_ms);

/* The fixture of the live tests that read the layout helper
   (tests/helpers/layout.c): it, a target attached to it, and where its
   page size and its "hello" lie. The setups attach with ds_attach's
   flags 0 (the process stopped) or DS_ATTACH_NONINVASIVE_NO_SUSPEND (it
   runs on); the teardown closes the target (which must not hang on a dead
   process either) and stops the helper. */
struct layout_fixture {
    struct helper h;
    ds_target *t;
    uint64_t page, hello;
};
int layout_setup_stopped(void **state);
int layout_setup_running(void **state);
int layout_teardown(void **state);

/* The state letter of a task of pid, or of the process ('t': stopped by a
   tracer, 'Z': zombie); '?' when it cannot be read. */
char task_state(pid_t pid, pid_t tid);
char process_state(pid_t pid);
/* The state letters of the threads of pid whose state reads, one a
   thread, as a string (malloc'd); NULL when /proc/PID/task does not
   open. */
char *task_states(pid_t pid);

/* fork() with a pipe from the child back to the parent: in the child 0,
   *fd the pipe's write end; in the parent the child's pid, *fd the read
   end (for child_answer). */
pid_t fork_with_answer_pipe(int *fd);
/* What a child wrote to the pipe fd before it exited: waits at most
   timeout_ms for the first byte, failing the test ("<what> did not
   return") and killing the child when none comes; then reads to the end
   (at most cap - 1 bytes, then a NUL), closes fd and reaps the child.
   How many bytes came. */
size_t child_answer(pid_t child, int fd, int timeout_ms, const char *what, char *buf,
                    size_t cap);

/* Sleep ms milliseconds, whatever signals come. */
void sleep_ms(long ms);

/* Directory of ../shared/testdata, or NULL when it is not there. */
const char *testdata_dir(void);
/* For the conformance programs (tests/conformance/), which read nothing
   else: testdata_dir(), or NULL after saying on stderr that the corpus is
   missing and how to point DS_TESTDATA at it (main then fails). */
const char *testdata_required(const char *program);
/* Path under testdata_dir() (static storage, overwritten by each call). */
const char *testdata_path(const char *relative);

/* A whole file into memory (malloc'd), or NULL; and back out. */
uint8_t *read_whole_file(const char *path, size_t *size);
void write_whole_file(const char *path, const void *data, size_t size);
/* rm -r */
void remove_tree(const char *dir);

/* Assert an HRESULT, printing the target's error sentence when it fails. */
#define assert_hr(expected, actual, target)                                          \
    do {                                                                             \
        HRESULT hr_ = (actual);                                                      \
        if (hr_ != (HRESULT)(expected))                                              \
            print_error("HRESULT 0x%08x, expected 0x%08x; error text: %s\n",         \
                        (unsigned)hr_, (unsigned)(expected), ds_error_text(target)); \
        assert_int_equal((uint32_t)hr_, (uint32_t)(expected));                       \
    } while (0)

/* Read /proc/PID/maps' line for addr: its perms (4 chars + NUL) and range. */
int proc_maps_lookup(pid_t pid, uint64_t addr, uint64_t *start, uint64_t *end, char perms[5]);

#endif /* DS_TESTLIB_H */
