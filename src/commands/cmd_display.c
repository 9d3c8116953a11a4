/*
 * cmd_display.c — the memory display commands: db dw dd dq dp dc da du dyb
 * dds dqs dps, and a bare d (the last format again).
 *
 * Each takes a range (ADDR, ADDR L COUNT, ADDR L? COUNT, ADDR1 ADDR2, the
 * count in the command's elements) or nothing: then it continues where the
 * last display stopped, with its default count. The layouts are in
 * display_hex.c and display_string.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "display.h"

/* Formats by name. Default counts are Microsoft's (128 bytes for the
 * column formats, 32 bytes for dyb) and cdb's 384 characters for strings. */
static const struct display_format formats[] = {
    {"db", DISPLAY_HEX, 1, 16, 128},
    {"dw", DISPLAY_HEX, 2, 8, 64},
    {"dW", DISPLAY_CHARS, 2, 8, 64},
    {"dd", DISPLAY_HEX, 4, 4, 32},
    {"dq", DISPLAY_HEX, 8, 2, 16},
    {"dc", DISPLAY_CHARS, 4, 4, 32},
    {"da", DISPLAY_ASCII, 1, 32, 384},
    {"du", DISPLAY_UNICODE, 2, 32, 384},
    {"dyb", DISPLAY_BINARY, 1, 4, 32},
    {"dds", DISPLAY_SYMBOLS, 4, 1, 32},
    {"dqs", DISPLAY_SYMBOLS, 8, 1, 16},
};

/* The format a name stands for: dp and dps by the target's pointer size. */
static const struct display_format *format_named(const char *name, uint32_t pointer_size)
{
    if (strcmp(name, "dp") == 0)
        name = pointer_size == 4 ? "dd" : "dq";
    else if (strcmp(name, "dps") == 0)
        name = pointer_size == 4 ? "dds" : "dqs";
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].name, name) == 0)
            return &formats[i];
    return &formats[0];
}

/* The most elements of `unit` bytes from start before the end of the
 * address space: 2^32 on a 4-byte target, else 2^64. The display stops
 * there instead of wrapping around. */
static uint64_t elements_to_top(uint64_t start, uint32_t unit, uint32_t pointer_size)
{
    if (pointer_size == 4 && start <= 0xFFFFFFFFull)
        return (0x100000000ull - start) / unit;
    if (start == 0)
        return UINT64_MAX / unit; /* 2^64 bytes; one short for db, never reached */
    return (0 - start) / unit;
}

/* The most columns /c accepts (a line of 256 quad words is 4.6 KB). */
#define DISPLAY_MAX_COLUMNS 256

/* Display options before the range: /c Width, the elements a line (the
 * characters a line for da and du). The kernel's /p forms have no meaning
 * for a process, a core or a minidump: a syntax error, as any other. */
static HRESULT display_options(struct ds_session *s, const char **cursor,
                               struct display_format *f)
{
    const char *p = *cursor;
    while (*p == '/') {
        if (p[1] != 'c')
            return cmd_syntax_error(s, E_INVALIDARG, p);
        const char *value_at = cmd_skip_blanks(p + 2);
        const char *q = value_at;
        uint64_t columns = 0;
        HRESULT hr = cmd_eval(s, &q, &columns);
        if (FAILED(hr))
            return hr;
        /* dds dqs dps show one value a line whatever /c says (the symbol
         * follows it). */
        if (columns == 0 || columns > DISPLAY_MAX_COLUMNS)
            return cmd_caret_error(s, E_INVALIDARG, "Range", value_at);
        if (f->kind != DISPLAY_SYMBOLS)
            f->per_line = (uint32_t)columns;
        p = cmd_skip_blanks(q);
    }
    *cursor = p;
    return S_OK;
}

/* The command as typed, where its case matters: names are looked up
 * without case, but dW (words and ASCII) is not dw, and dD (doubles), dyB
 * are no command here. NULL for those; else the format's name. */
static const char *name_as_typed(const struct ds_session *s, const char *name)
{
    const char *typed = s->current_command;
    if (!typed)
        return name;
    if (strcmp(name, "dw") == 0 && typed[1] == 'W')
        return "dW";
    if ((strcmp(name, "dd") == 0 && typed[1] == 'D') ||
        (strcmp(name, "dyb") == 0 && typed[2] == 'B'))
        return NULL;
    return name;
}

static HRESULT display_run(struct ds_session *s, const char *name, const char *args)
{
    const char *typed = name_as_typed(s, name);
    if (!typed)
        return cmd_syntax_error(s, E_INVALIDARG, s->current_command);
    ds_target *t = cmd_need_target(s);
    if (!t)
        return E_UNEXPECTED;
    uint32_t pointer_size = ds_pointer_size(t);
    /* A bare d repeats the last format (db before any). */
    if (strcmp(name, "d") == 0)
        typed = s->display.valid && s->display.last[0] ? s->display.last : "db";
    const struct display_format *f = format_named(typed, pointer_size);

    struct display_format shown = *f;
    const char *p = cmd_skip_blanks(args);
    HRESULT hr = display_options(s, &p, &shown);
    if (FAILED(hr))
        return hr;
    f = &shown;
    /* Where the last display stopped; before any, address 0 (cdb starts
     * at the instruction pointer, which a dump of memory alone does not
     * give). */
    uint64_t start = s->display.valid ? s->display.next : 0, count = f->default_count;
    if (*p) {
        /* "db L20": a length alone continues there with that length (the
         * range is parsed with the continuation's address before it). */
        char *continued = NULL;
        if ((p[0] == 'L' || p[0] == 'l') &&
            (p[1] == '?' || p[1] == ' ' || (p[1] >= '0' && p[1] <= '9'))) {
            size_t size = strlen(p) + 24;
            continued = malloc(size);
            if (!continued)
                return cmd_error(s, E_OUTOFMEMORY, "%s: out of memory\n", name);
            snprintf(continued, size, "0x%llx %s", (unsigned long long)start, p);
            p = continued;
        }
        struct cmd_range range;
        hr = cmd_parse_range(s, &p, f->unit, f->default_count, &range);
        if (SUCCEEDED(hr)) {
            p = cmd_skip_blanks(p);
            if (*p)
                hr = cmd_caret_error(s, E_INVALIDARG, "Extra character", p);
        }
        free(continued);
        if (FAILED(hr))
            return hr;
        start = range.start;
        count = range.given ? range.count : f->default_count;
    }
    /* A 4-byte target's addresses are 32 bits (those above 2 GiB may come
     * sign-extended): the display shows and reads what it prints. */
    if (pointer_size == 4)
        start &= 0xFFFFFFFFull;
    /* A default length stops at the top of the address space (an explicit
     * one past it was refused by the range parser); not one element fits:
     * the range is wrong. */
    uint64_t room = elements_to_top(start, f->unit, pointer_size);
    if (count > room)
        count = room;
    if (count == 0 && room == 0)
        return cmd_caret_error(s, E_INVALIDARG, "Range", cmd_skip_blanks(args));

    uint64_t next = start;
    hr = (f->kind == DISPLAY_ASCII || f->kind == DISPLAY_UNICODE)
             ? display_string(s, f, start, count, &next)
             : display_hex(s, f, start, count, &next);
    if (FAILED(hr) && hr != E_ABORT)
        return hr; /* nothing shown (no memory): the line says so */
    if (pointer_size == 4)
        next &= 0xFFFFFFFFull;

    /* typed may be display.last itself (a bare d): copy through a local. */
    char last[sizeof s->display.last];
    snprintf(last, sizeof last, "%s", typed);
    memcpy(s->display.last, last, sizeof last);
    s->display.next = next;
    s->display.last_count = count;
    s->display.valid = 1;
    return hr; /* E_ABORT when interrupted: a bare display goes on from there */
}

const struct cmd_def cmd_display_table[] = {
    {"d", display_run, "d [range]: the last display format again (db at first)"},
    {"db", display_run, "db [range]: bytes and ASCII"},
    {"dw", display_run, "dw [range]: words (2 bytes); dW: and their ASCII"},
    {"dd", display_run, "dd [range]: double words (4 bytes)"},
    {"dq", display_run, "dq [range]: quad words (8 bytes)"},
    {"dp", display_run, "dp [range]: pointer-sized values"},
    {"dc", display_run, "dc [range]: double words and ASCII"},
    {"da", display_run, "da [range]: an ASCII string"},
    {"du", display_run, "du [range]: a UTF-16 string"},
    {"dyb", display_run, "dyb [range]: bytes in binary"},
    {"dds", display_run, "dds [range]: double words and the modules they point into"},
    {"dqs", display_run, "dqs [range]: quad words and the modules they point into"},
    {"dps", display_run, "dps [range]: pointers and the modules they point into"},
    {NULL, NULL, NULL},
};
