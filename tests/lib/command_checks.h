/*
 * command_checks.h — running command lines in the tests: a session whose
 * output is kept in a string, and golden comparisons of it.
 */
#ifndef DS_COMMAND_CHECKS_H
#define DS_COMMAND_CHECKS_H

#include <dataspaces/commands.h>

/* What a session wrote, growing as commands run. */
struct captured {
    char *text;
    size_t length, capacity;
};

/* The ds_output_fn that appends to a struct captured. */
void captured_append(void *context, const char *text, size_t length);
/* Empty it (keeps the buffer). */
void captured_clear(struct captured *c);
void captured_free(struct captured *c);

/* Run `line` on s, its output into a fresh string; *hr gets ds_execute's
 * result (when hr is not NULL). The string is the caller's to free. */
char *run_commands(ds_session *s, const char *line, HRESULT *hr);

/* Run `line` and fail the test unless the output is exactly `want`
 * (printed side by side when it is not) and the result is `want_hr`. */
void expect_output(ds_session *s, const char *line, HRESULT want_hr, const char *want);

/* The core's dump (an x64 Windows minidump the test builds): modules
 * app.exe at 0x7ff600000000 (0x10000), ntdll.dll at 0x7ffb00000000
 * (0x1f0000), /usr/lib/x86_64-linux-gnu/libc.so.6 at 0x7f0000000000
 * (0x200000); 16 planted bytes at 0x10000 (command_planted); app.exe's
 * PE headers (entry point at +0x1000); threads 0x3c54 (TEB 0x2d1e000,
 * suspend count 1; its TEB's 0x100 bytes are in the dump and point at a
 * PEB at 0x2d1d000) and 0x1a2c (TEB 0x2d20000, suspend count 2);
 * process id 0x1a2c. */
#include "minidump_builder.h"
struct command_dump {
    struct mdb m;
    ds_target *t;
    ds_session *s;
};
extern const uint8_t command_planted[16];
/* cmocka setup and teardown: *state becomes a struct command_dump. */
int command_dump_setup(void **state);
int command_dump_teardown(void **state);

#endif
