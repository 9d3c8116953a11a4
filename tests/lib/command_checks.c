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

const uint8_t command_planted[16] = { 0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe,
                                      0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };

int command_dump_setup(void **state)
{
    struct command_dump *f = calloc(1, sizeof *f);
    assert_non_null(f);
    mdb_init(&f->m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    f->m.pid = 0x1a2c;
    struct mdb_module *app = mdb_module(&f->m, 0x7ff600000000, 0x10000, "C:\\app\\app.exe");
    mdb_module(&f->m, 0x7ffb00000000, 0x1f0000, "C:\\Windows\\System32\\ntdll.dll");
    mdb_module(&f->m, 0x7f0000000000, 0x200000, "/usr/lib/x86_64-linux-gnu/libc.so.6");
    mdb_memory(&f->m, 0x10000, sizeof command_planted, command_planted, MDB_IN_LIST32);
    /* the first thread's TEB, its PEB pointer at 0x60 */
    uint8_t *teb = mdb_memory(&f->m, 0x2d1e000, 0x100, NULL, MDB_IN_LIST32);
    teb[0x60] = 0x00, teb[0x61] = 0xd0, teb[0x62] = 0xd1, teb[0x63] = 0x02;
    mdb_pe_image(&f->m, app, 0x1000, MDB_IN_LIST32); /* entry point at +0x1000 */
    struct mdb_thread *main_thread = mdb_thread(&f->m, 0x3c54, 0, 0);
    main_thread->teb = 0x2d1e000;
    main_thread->suspend_count = 1;
    struct mdb_thread *worker = mdb_thread(&f->m, 0x1a2c, 0, 0);
    worker->teb = 0x2d20000;
    worker->suspend_count = 2;
    f->t = mdb_open(&f->m, 0);
    assert_int_equal(ds_session_create(f->t, &f->s), S_OK);
    *state = f;
    return 0;
}

int command_dump_teardown(void **state)
{
    struct command_dump *f = *state;
    ds_session_destroy(f->s);
    ds_close(f->t);
    mdb_free(&f->m);
    free(f);
    return 0;
}
