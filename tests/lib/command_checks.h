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

#endif
