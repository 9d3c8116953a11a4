/*
 * range.c — cdb's address ranges: "ADDR", "ADDR L COUNT", "ADDR L? COUNT"
 * (no size limit), "ADDR L- COUNT" (the COUNT units that end at ADDR) and
 * "ADDR1 ADDR2" (inclusive). Without L? a range over 256 MiB is refused
 * with cdb's "Range error": larger ranges are usually typing mistakes.
 */
#include <ctype.h>
#include <string.h>

#include "commands_internal.h"

#define RANGE_LIMIT (256ull << 20)

/* Whether the word at p (up to a blank) names a module: "db 1000 libc_so_6"
 * is a second address, not "L" and a count. */
static int word_is_module(struct ds_session *s, const char *p)
{
    size_t n = 0;
    while (isalnum((unsigned char)p[n]) || p[n] == '_')
        n++;
    uint64_t base, size;
    return n > 1 && cmd_module_by_name(s, p, n, &base, &size) == S_OK;
}

HRESULT cmd_parse_range(struct ds_session *s, const char **cursor, uint32_t unit_size,
                        uint64_t default_count, struct cmd_range *out)
{
    const char *p = cmd_skip_blanks(*cursor);
    if (unit_size == 0)
        unit_size = 1;
    out->count = default_count;
    if (!*p) { /* the caller continues where it stopped */
        out->given = 0;
        *cursor = p;
        return S_OK;
    }
    uint64_t start;
    HRESULT hr = cmd_eval(s, &p, &start);
    if (FAILED(hr))
        return hr;
    out->start = start;
    out->given = 1;
    p = cmd_skip_blanks(p);

    if ((*p == 'L' || *p == 'l') && !word_is_module(s, p)) {
        const char *l_at = p;
        int unlimited = 0, backwards = 0;
        p++;
        if (*p == '?') {
            unlimited = 1;
            p++;
        } else if (*p == '-') {
            backwards = 1;
            p++;
        }
        uint64_t count;
        hr = cmd_eval(s, &p, &count);
        if (FAILED(hr))
            return hr;
        uint64_t bytes = count * unit_size;
        int overflow = count && bytes / count != unit_size;
        if (overflow || (!unlimited && bytes > RANGE_LIMIT))
            return cmd_caret_error(s, E_INVALIDARG, "Range", l_at);
        if (backwards) {
            if (bytes > start)
                return cmd_caret_error(s, E_INVALIDARG, "Range", l_at);
            out->start = start - bytes;
        } else if (bytes && start + (bytes - 1) < start) {
            return cmd_caret_error(s, E_INVALIDARG, "Range", l_at);
        }
        out->count = count;
    } else if (*p) {
        /* A second address, if what follows is an expression. */
        const char *end_at = p;
        uint64_t end;
        hr = cmd_eval(s, &p, &end);
        if (FAILED(hr))
            return hr;
        if (end < start)
            return cmd_caret_error(s, E_INVALIDARG, "Range", end_at);
        uint64_t bytes = end - start + 1; /* 0 for the whole 2^64 */
        if (bytes == 0 || bytes > RANGE_LIMIT)
            return cmd_caret_error(s, E_INVALIDARG, "Range", end_at);
        out->count = (bytes + unit_size - 1) / unit_size;
    }
    *cursor = cmd_skip_blanks(p);
    return S_OK;
}

HRESULT ds_session_parse_range(ds_session *s, const char *text, uint32_t unit_size,
                               uint64_t default_count, uint64_t *start, uint64_t *count)
{
    if (!s || !text || !start || !count)
        return E_INVALIDARG;
    const char *saved = s->current_command;
    if (!s->current_command)
        s->current_command = text;
    struct cmd_range r = { *start, default_count, 0 };
    const char *p = text;
    HRESULT hr = cmd_parse_range(s, &p, unit_size, default_count, &r);
    if (SUCCEEDED(hr) && *p)
        hr = cmd_caret_error(s, E_INVALIDARG, "Extra character", p);
    if (SUCCEEDED(hr)) {
        *start = r.given ? r.start : *start;
        *count = r.count;
    }
    s->current_command = saved;
    return hr;
}
