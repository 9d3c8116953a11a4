/*
 * command_checks.c — see command_checks.h.
 */
#include "testlib.h"
#include "command_checks.h"

#include <stdlib.h>
#include <string.h>

void captured_append(void *context, const char *text, size_t length)
{
    struct captured *c = context;
    if (c->length + length + 1 > c->capacity) {
        size_t capacity = c->capacity ? c->capacity : 256;
        while (capacity < c->length + length + 1)
            capacity *= 2;
        char *grown = realloc(c->text, capacity);
        assert_non_null(grown);
        c->text = grown;
        c->capacity = capacity;
    }
    memcpy(c->text + c->length, text, length);
    c->length += length;
    c->text[c->length] = '\0';
}

void captured_clear(struct captured *c)
{
    c->length = 0;
    if (c->text)
        c->text[0] = '\0';
}

void captured_free(struct captured *c)
{
    free(c->text);
    memset(c, 0, sizeof *c);
}

char *run_commands(ds_session *s, const char *line, HRESULT *hr)
{
    struct captured c = { 0 };
    captured_append(&c, "", 0);
    HRESULT result = ds_execute(s, line, captured_append, &c);
    if (hr)
        *hr = result;
    return c.text;
}

void expect_output(ds_session *s, const char *line, HRESULT want_hr, const char *want)
{
    HRESULT hr;
    char *got = run_commands(s, line, &hr);
    if (strcmp(got, want) != 0 || hr != want_hr) {
        print_error("command: %s\n--- want (hr 0x%08x) ---\n%s--- got (hr 0x%08x) ---\n%s---\n",
                    line, (unsigned)want_hr, want, (unsigned)hr, got);
        free(got);
        fail();
    }
    free(got);
}
