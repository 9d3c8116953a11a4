/*
 * commands_harness.h — the command language under hostile typing: every
 * line of the input is run by ds_execute over no target and over a small
 * x64 minidump the harness lays out itself (three modules, 64 readable
 * bytes, two threads). The rules checked as it goes:
 *   - ds_execute returns (libFuzzer's -timeout catches a hang) and a
 *     command that fails says why: a failed line wrote something;
 *   - output is text: no NUL byte, no chunk longer than 1 MiB;
 *   - a command that writes more than 256 KiB is interrupted
 *     (ds_session_interrupt from the sink) and must then stop: what it
 *     writes after that is dropped, and ds_execute returns E_ABORT;
 *   - ds_session_evaluate and ds_session_parse_range on the line.
 * .writemem and .readmem are replaced by commands that only parse their
 * arguments: a fuzzer must not write files where its input says. .dump
 * stays whole (the dump writer is worth fuzzing), but every program built
 * with this harness links with -Wl,--wrap=ds_write_dump_progress, and the
 * wrapper below writes each dump to one private scratch file, removed
 * again: a fuzzed ".dump /o /etc/passwd" touches nothing.
 *
 * Included by fuzz/fuzz_commands.c (libFuzzer) and by tests/test_corpus.c
 * (the kept inputs under tests/corpus/commands, replayed by make check).
 */
#ifndef DS_FUZZ_COMMANDS_HARNESS_H
#define DS_FUZZ_COMMANDS_HARNESS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "dataspaces/commands.h"
#include "dataspaces/dataspaces.h"
#include "target.h"

HRESULT __real_ds_write_dump_progress(ds_target *t, const char *path, uint32_t format,
                                      uint32_t flags, const char *comment,
                                      ds_dump_progress_fn progress, void *ctx);
HRESULT __wrap_ds_write_dump_progress(ds_target *t, const char *path, uint32_t format,
                                      uint32_t flags, const char *comment,
                                      ds_dump_progress_fn progress, void *ctx);

HRESULT __wrap_ds_write_dump_progress(ds_target *t, const char *path, uint32_t format,
                                      uint32_t flags, const char *comment,
                                      ds_dump_progress_fn progress, void *ctx)
{
    (void)path; /* the input's name: never used */
    static char scratch[4096];
    if (!scratch[0]) {
        const char *dir = getenv("TMPDIR");
        snprintf(scratch, sizeof scratch, "%s/ds-fuzz-dump-%ld",
                 dir && *dir ? dir : "/tmp", (long)getpid());
    }
    unlink(scratch);
    HRESULT hr = __real_ds_write_dump_progress(t, scratch, format, flags, comment, progress, ctx);
    unlink(scratch);
    return hr;
}

#ifndef DS_FUZZ_FAIL
#define DS_FUZZ_FAIL(...)                                   \
    do {                                                    \
        fprintf(stderr, "fuzz rule broken: " __VA_ARGS__);  \
        fputc('\n', stderr);                                \
        abort();                                            \
    } while (0)
#endif
#define DS_FUZZ_CMD_CHECK(cond, ...)   \
    do {                               \
        if (!(cond))                   \
            DS_FUZZ_FAIL(__VA_ARGS__); \
    } while (0)

#define DS_FUZZ_CMD_MAX_OUTPUT (256u * 1024u) /* per line, then interrupted */
#define DS_FUZZ_CMD_MAX_LINES 256             /* lines run per input */

/* ---- the harness's own minidump ---------------------------------------- */

struct ds_fuzz_md {
    uint8_t bytes[2048];
    uint32_t used;
};

static uint32_t ds_fuzz_md_alloc(struct ds_fuzz_md *m, uint32_t n)
{
    uint32_t at = (m->used + 7u) & ~7u;
    if (at + n > sizeof m->bytes)
        DS_FUZZ_FAIL("the harness's minidump outgrew its buffer");
    m->used = at + n;
    return at;
}

static void ds_fuzz_md_u16(struct ds_fuzz_md *m, uint32_t at, uint16_t v)
{
    m->bytes[at] = (uint8_t)v;
    m->bytes[at + 1] = (uint8_t)(v >> 8);
}

static void ds_fuzz_md_u32(struct ds_fuzz_md *m, uint32_t at, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        m->bytes[at + (uint32_t)i] = (uint8_t)(v >> (8 * i));
}

static void ds_fuzz_md_u64(struct ds_fuzz_md *m, uint32_t at, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        m->bytes[at + (uint32_t)i] = (uint8_t)(v >> (8 * i));
}

/* A MINIDUMP_STRING (its length in bytes, UTF-16LE, a NUL); its RVA. */
static uint32_t ds_fuzz_md_string(struct ds_fuzz_md *m, const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    uint32_t at = ds_fuzz_md_alloc(m, 4 + 2 * n + 2);
    ds_fuzz_md_u32(m, at, 2 * n);
    for (uint32_t i = 0; i < n; i++)
        ds_fuzz_md_u16(m, at + 4 + 2 * i, (uint8_t)s[i]);
    return at;
}

/* Header, directory of four streams: system info (AMD64), threads,
 * modules, one memory range of 64 bytes at 0x10000. */
static void ds_fuzz_md_build(struct ds_fuzz_md *m)
{
    memset(m, 0, sizeof *m);
    uint32_t header = ds_fuzz_md_alloc(m, 32);
    uint32_t dir = ds_fuzz_md_alloc(m, 4 * 12);
    ds_fuzz_md_u32(m, header, 0x504d444d); /* "MDMP" */
    ds_fuzz_md_u32(m, header + 4, 0xa793);
    ds_fuzz_md_u32(m, header + 8, 4);
    ds_fuzz_md_u32(m, header + 12, dir);

    uint32_t sys = ds_fuzz_md_alloc(m, 56);
    ds_fuzz_md_u16(m, sys, 9); /* PROCESSOR_ARCHITECTURE_AMD64 */
    m->bytes[sys + 6] = 1;     /* one processor */
    ds_fuzz_md_u32(m, sys + 8, 10);
    ds_fuzz_md_u32(m, sys + 16, 19041);
    ds_fuzz_md_u32(m, sys + 20, 2); /* VER_PLATFORM_WIN32_NT */

    uint32_t threads = ds_fuzz_md_alloc(m, 4 + 2 * 48);
    ds_fuzz_md_u32(m, threads, 2);
    ds_fuzz_md_u32(m, threads + 4, 0x3c54);
    ds_fuzz_md_u32(m, threads + 4 + 48, 0x1a2c);

    static const char *const names[3] = { "C:\\app\\app.exe", "C:\\Windows\\System32\\ntdll.dll",
                                          "/usr/lib/libc.so.6" };
    static const uint64_t bases[3] = { 0x7ff600000000, 0x7ffb00000000, 0x7f0000000000 };
    uint32_t modules = ds_fuzz_md_alloc(m, 4 + 3 * 108);
    ds_fuzz_md_u32(m, modules, 3);
    for (uint32_t i = 0; i < 3; i++) {
        uint32_t at = modules + 4 + i * 108;
        ds_fuzz_md_u64(m, at, bases[i]);
        ds_fuzz_md_u32(m, at + 8, 0x10000);
        ds_fuzz_md_u32(m, at + 20, ds_fuzz_md_string(m, names[i]));
    }

    uint32_t data = ds_fuzz_md_alloc(m, 64);
    for (uint32_t i = 0; i < 64; i++)
        m->bytes[data + i] = (uint8_t)(i * 37u + 11u);
    ds_fuzz_md_u64(m, data + 8, 0x10000); /* a pointer to itself, for poi */
    uint32_t memory = ds_fuzz_md_alloc(m, 4 + 16);
    ds_fuzz_md_u32(m, memory, 1);
    ds_fuzz_md_u64(m, memory + 4, 0x10000);
    ds_fuzz_md_u32(m, memory + 12, 64);
    ds_fuzz_md_u32(m, memory + 16, data);

    static const uint32_t types[4] = { 7, 3, 4, 5 };
    const uint32_t rvas[4] = { sys, threads, modules, memory };
    const uint32_t sizes[4] = { 56, 4 + 2 * 48, 4 + 3 * 108, 4 + 16 };
    for (uint32_t i = 0; i < 4; i++) {
        ds_fuzz_md_u32(m, dir + 12 * i, types[i]);
        ds_fuzz_md_u32(m, dir + 12 * i + 4, sizes[i]);
        ds_fuzz_md_u32(m, dir + 12 * i + 8, rvas[i]);
    }
}

/* ---- running lines ------------------------------------------------------ */

struct ds_fuzz_sink {
    ds_session *s;
    size_t written;      /* bytes of this line's output */
    size_t after_stop;   /* bytes that arrived after the interrupt (must be 0) */
    int stopped;
};

static void ds_fuzz_sink_write(void *context, const char *text, size_t length)
{
    struct ds_fuzz_sink *k = context;
    DS_FUZZ_CMD_CHECK(length <= (1u << 20), "one output chunk of %zu bytes", length);
    DS_FUZZ_CMD_CHECK(memchr(text, '\0', length) == NULL, "a NUL byte in the output");
    if (k->stopped)
        k->after_stop += length;
    k->written += length;
    if (!k->stopped && k->written > DS_FUZZ_CMD_MAX_OUTPUT) {
        ds_session_interrupt(k->s);
        k->stopped = 1;
    }
}

/* .writemem / .readmem stand-ins: "FILE RANGE" parsed, nothing touched. */
static HRESULT ds_fuzz_memfile(ds_session *s, const char *args, void *context)
{
    (void)context;
    const char *p = args;
    while (*p && *p != ' ' && *p != '\t')
        p++;
    uint64_t start = 0, count = 0;
    HRESULT hr = ds_session_parse_range(s, p, 1, 0, &start, &count);
    if (SUCCEEDED(hr))
        ds_session_printf(s, "(fuzz) %llx L%llx\n", (unsigned long long)start,
                          (unsigned long long)count);
    return hr;
}

static ds_session *ds_fuzz_session(ds_target *t)
{
    ds_session *s = NULL;
    HRESULT hr = ds_session_create(t, &s);
    DS_FUZZ_CMD_CHECK(SUCCEEDED(hr) && s, "ds_session_create failed: 0x%08x", (unsigned)hr);
    ds_session_add_command(s, ".writemem", ds_fuzz_memfile, NULL, ".writemem (fuzz: parse only)");
    ds_session_add_command(s, ".readmem", ds_fuzz_memfile, NULL, ".readmem (fuzz: parse only)");
    return s;
}

static void ds_fuzz_run_line(ds_session **sp, ds_target *t, const char *line)
{
    if (ds_session_quit_requested(*sp) != DS_QUIT_NONE) { /* q ended it: a new one */
        ds_session_destroy(*sp);
        *sp = ds_fuzz_session(t);
    }
    struct ds_fuzz_sink k = { *sp, 0, 0, 0 };
    HRESULT hr = ds_execute(*sp, line, ds_fuzz_sink_write, &k);
    DS_FUZZ_CMD_CHECK(k.after_stop == 0, "%zu bytes written after the interrupt", k.after_stop);
    if (k.stopped)
        DS_FUZZ_CMD_CHECK(hr == E_ABORT, "an interrupted line returned 0x%08x", (unsigned)hr);
    else if (FAILED(hr))
        DS_FUZZ_CMD_CHECK(k.written > 0, "a line failed (0x%08x) without a word: %s",
                          (unsigned)hr, line);

    /* The same text through the two helpers a front end uses (outside a
     * ds_execute their error lines go nowhere). */
    uint64_t v = 0, start = 0, count = 0;
    (void)ds_session_evaluate(*sp, line, &v);
    (void)ds_session_parse_range(*sp, line, 4, 0x20, &start, &count);
}

static int ds_fuzz_commands(const uint8_t *data, size_t size)
{
    static struct ds_fuzz_md md;
    static int built;
    if (!built) {
        ds_fuzz_md_build(&md);
        built = 1;
    }
    uint8_t *copy = malloc(md.used);
    if (!copy)
        return 0;
    memcpy(copy, md.bytes, md.used);
    ds_target *t = NULL;
    HRESULT hr = ds_minidump_open(NULL, copy, md.used, DS_OPEN_BORROWED_MAP, &t);
    DS_FUZZ_CMD_CHECK(SUCCEEDED(hr), "the harness's minidump did not open: %s",
                      ds_error_text(NULL));

    char *text = malloc(size + 1);
    if (!text) {
        ds_close(t);
        free(copy);
        return 0;
    }
    for (size_t i = 0; i < size; i++) /* a NUL ends a line too */
        text[i] = data[i] ? (char)data[i] : '\n';
    text[size] = '\0';

    ds_session *bare = ds_fuzz_session(NULL);
    ds_session *over = ds_fuzz_session(t);
    char *line = text;
    for (int n = 0; line && n < DS_FUZZ_CMD_MAX_LINES; n++) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        ds_fuzz_run_line(&bare, NULL, line);
        ds_fuzz_run_line(&over, t, line);
        line = next;
    }
    ds_session_destroy(bare);
    ds_session_destroy(over);
    free(text);
    ds_close(t);
    free(copy);
    return 0;
}

#endif /* DS_FUZZ_COMMANDS_HARNESS_H */
