/*
 * cmd_edit.c — cdb's commands that change memory: the e family (enter
 * values: eb ew ed eq ep, strings ea eza eu ezu, and a plain e that
 * repeats the last form) and f (fill a range with a pattern).
 *
 * Values are written one at a time, as cdb does: when one cannot be
 * written, those before it stay written and cdb's "Memory access error"
 * line quotes the rest of the command from the value that failed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memtext.h"

/* The numeric forms and their unit; 0 marks the pointer-sized ep. */
static int numeric_unit(const char *name, uint32_t *unit)
{
    static const struct {
        const char *name;
        uint32_t unit;
    } forms[] = {{"eb", 1}, {"ew", 2}, {"ed", 4}, {"eq", 8}, {"ep", 0}};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        if (strcmp(name, forms[i].name) == 0) {
            *unit = forms[i].unit;
            return 1;
        }
    }
    return 0;
}

/* eb/ew/ed/eq/ep ADDRESS VALUE...: each value written as it is parsed. */
static HRESULT enter_numbers(struct ds_session *s, ds_target *t, uint64_t address, uint32_t unit,
                             const char *p)
{
    if (!*p) /* cdb would prompt for values; a command line cannot answer */
        return cmd_syntax_error(s, E_INVALIDARG, p);
    while (*p) {
        if (cmd_interrupted(s))
            return E_ABORT;
        const char *value_text = p;
        uint64_t value;
        HRESULT hr = mem_parse_value(s, &p, unit, &value);
        if (FAILED(hr))
            return hr;
        uint8_t bytes[8];
        mem_store(bytes, value, unit, mem_big_endian(s, t));
        uint32_t written = 0;
        hr = ds_write_virtual(t, address, bytes, unit, &written);
        if (FAILED(hr) || written < unit)
            return cmd_memory_error(s, FAILED(hr) ? hr : HRESULT_FROM_WIN32(ERROR_WRITE_FAULT),
                                    value_text);
        address += unit;
    }
    return S_OK;
}

/* ea/eza/eu/ezu ADDRESS "STRING": ASCII or UTF-16, with or without NUL. */
static HRESULT enter_string(struct ds_session *s, ds_target *t, uint64_t address, int wide,
                            int terminate, const char *p)
{
    const char *string_at = p, *text;
    size_t length;
    HRESULT hr = mem_parse_string(s, &p, &text, &length);
    if (FAILED(hr))
        return hr;
    if (*p)
        return cmd_caret_error(s, E_INVALIDARG, "Extra character", p);
    size_t units = wide ? 2 * length + 1 : length + 1; /* UTF-16 needs at most 2 per byte */
    size_t unit = wide ? 2 : 1;
    if (units > UINT32_MAX / 2 / unit)
        return cmd_caret_error(s, E_INVALIDARG, "Range", string_at);
    uint8_t *bytes = malloc(units * unit);
    if (!bytes)
        return cmd_error(s, E_OUTOFMEMORY, "Out of memory for a string of %zu bytes\n", length);
    size_t size;
    if (wide) {
        size = mem_utf16_store(text, length, mem_big_endian(s, t), bytes);
        if (terminate) {
            mem_store(bytes + size, 0, 2, 0);
            size += 2;
        }
    } else {
        memcpy(bytes, text, length);
        size = length;
        if (terminate)
            bytes[size++] = 0;
    }
    uint32_t written = 0;
    hr = size ? ds_write_virtual(t, address, bytes, (uint32_t)size, &written) : S_OK;
    free(bytes);
    if (FAILED(hr) || written < size)
        return cmd_memory_error(s, FAILED(hr) ? hr : HRESULT_FROM_WIN32(ERROR_WRITE_FAULT),
                                string_at);
    return S_OK;
}

static HRESULT run_enter(struct ds_session *s, const char *name, const char *args)
{
    ds_target *t = cmd_need_target(s);
    if (!t)
        return E_UNEXPECTED;
    /* A plain e repeats the last form (eb before any other ran). */
    char form[sizeof s->last_enter];
    if (strcmp(name, "e") == 0)
        strcpy(form, s->last_enter[0] ? s->last_enter : "eb");
    else
        snprintf(form, sizeof form, "%s", name);

    const char *p = cmd_skip_blanks(args);
    if (!*p)
        return cmd_syntax_error(s, E_INVALIDARG, p);
    uint64_t address;
    HRESULT hr = cmd_eval(s, &p, &address);
    if (FAILED(hr))
        return hr;
    p = cmd_skip_blanks(p);
    snprintf(s->last_enter, sizeof s->last_enter, "%s", form);

    uint32_t unit;
    if (numeric_unit(form, &unit))
        return enter_numbers(s, t, address, unit ? unit : ds_pointer_size(t), p);
    int wide = form[strlen(form) - 1] == 'u';
    int terminate = form[1] == 'z';
    return enter_string(s, t, address, wide, terminate, p);
}

/* Fill chunks stay below 4 GiB (FillVirtual's size is 32 bits) and are a
 * whole number of patterns, so the pattern runs on unbroken across them. */
#define FILL_CHUNK 0x40000000u

/* f RANGE PATTERN...: the pattern's bytes repeated over the range. */
static HRESULT run_fill(struct ds_session *s, const char *name, const char *args)
{
    (void)name;
    ds_target *t = cmd_need_target(s);
    if (!t)
        return E_UNEXPECTED;
    const char *p = cmd_skip_blanks(args), *range_at = p;
    struct cmd_range range;
    HRESULT hr = cmd_parse_range(s, &p, 1, 0, &range);
    if (FAILED(hr))
        return hr;
    if (!range.given || range.count == 0)
        return cmd_syntax_error(s, E_INVALIDARG, p);
    p = cmd_skip_blanks(p);
    if (!*p) /* no pattern */
        return cmd_syntax_error(s, E_INVALIDARG, p);

    /* At most one byte for every character of the text left. */
    size_t most = strlen(p) + 1;
    uint8_t *pattern = malloc(most);
    if (!pattern)
        return cmd_error(s, E_OUTOFMEMORY, "Out of memory for a fill pattern\n");
    size_t n = 0;
    while (*p && n < most) {
        uint64_t value;
        hr = mem_parse_value(s, &p, 1, &value);
        if (FAILED(hr)) {
            free(pattern);
            return hr;
        }
        pattern[n++] = (uint8_t)value;
    }
    /* Values beyond the range's length are ignored, as in cdb. */
    if (n > range.count)
        n = (size_t)range.count;

    uint64_t chunk = FILL_CHUNK - FILL_CHUNK % n, done = 0;
    while (done < range.count) {
        if (cmd_interrupted(s)) {
            free(pattern);
            return E_ABORT;
        }
        uint64_t want = range.count - done < chunk ? range.count - done : chunk;
        uint32_t filled = 0;
        hr = ds_fill_virtual(t, range.start + done, (uint32_t)want, pattern, (uint32_t)n, &filled);
        done += filled;
        cmd_progress(s, done, range.count);
        if (FAILED(hr) || filled < want)
            break;
    }
    free(pattern);
    if (done == range.count)
        return S_OK;
    if (done == 0)
        return cmd_memory_error(s, FAILED(hr) ? hr : HRESULT_FROM_WIN32(ERROR_WRITE_FAULT),
                                range_at);
    char where[MEM_ADDR_TEXT];
    return cmd_error(s, HRESULT_FROM_WIN32(ERROR_PARTIAL_COPY),
                     "Fill stopped at %s after 0x%" PRIx64 " of 0x%" PRIx64 " bytes: %s\n",
                     mem_address_text(s, range.start + done, where), done, range.count,
                     ds_error_text(t));
}

const struct cmd_def cmd_edit_table[] = {
    {"e", run_enter, "e ADDR VALUES          enter values in the last e* form (eb at first)"},
    {"eb", run_enter, "eb ADDR VALUES         enter bytes"},
    {"ew", run_enter, "ew ADDR VALUES         enter words (2 bytes)"},
    {"ed", run_enter, "ed ADDR VALUES         enter double words (4 bytes)"},
    {"eq", run_enter, "eq ADDR VALUES         enter quad words (8 bytes)"},
    {"ep", run_enter, "ep ADDR VALUES         enter pointer-sized values"},
    {"ea", run_enter, "ea ADDR \"TEXT\"         enter an ASCII string (no NUL)"},
    {"eza", run_enter, "eza ADDR \"TEXT\"        enter a NUL-terminated ASCII string"},
    {"eu", run_enter, "eu ADDR \"TEXT\"         enter a UTF-16 string (no NUL)"},
    {"ezu", run_enter, "ezu ADDR \"TEXT\"        enter a NUL-terminated UTF-16 string"},
    {"f", run_fill, "f RANGE BYTES...       fill a range with a repeated pattern"},
    {NULL, NULL, NULL},
};
