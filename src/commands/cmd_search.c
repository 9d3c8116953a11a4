/*
 * cmd_search.c — cdb's s (search memory):
 *   s [-[FLAGS]TYPE] RANGE PATTERN
 * TYPE b (bytes, the default), w, d, q (values of 2, 4, 8 bytes, found
 * only at addresses that are a multiple of their size), a (an ASCII
 * string), u (a UTF-16 string); FLAGS w (writable memory only, through
 * SearchVirtual2's DEBUG_VSEARCH_WRITABLE_ONLY) and 1 (print only the
 * addresses). RANGE counts bytes; above 256 MiB it needs L?.
 *
 * Each hit prints as cdb prints it: the address, then the 16 bytes there
 * in the layout of the type (db for b and a, dc for d, dq for q, words
 * with their characters for w and u). Overlapping hits are all found.
 *
 * The range is walked region by region (QueryVirtual): free and reserved
 * gaps are stepped over in one query, and committed runs are searched in
 * chunks so that a search over gigabytes reports progress as it goes.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memtext.h"

#define SEARCH_CHUNK 0x4000000u   /* 64 MiB searched per call, between progress reports */
#define SEARCH_MAX_REGIONS 1000000 /* a bound on the region walk, whatever the target says */
#define NO_MORE HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES)

struct search {
    struct ds_session *s;
    ds_target *t;
    char type;          /* b w d q a u */
    uint32_t flags;     /* DEBUG_VSEARCH_* */
    int addresses_only; /* the [1] flag */
    uint8_t *pattern;
    uint32_t pattern_size, granularity;
    uint64_t start, count; /* the range, for progress */
    uint64_t hits;
};

/* ---- what a hit prints ---------------------------------------------------- */

static char printable(const uint8_t *bytes, uint32_t got, uint32_t i)
{
    if (i >= got)
        return '?';
    return bytes[i] >= 0x20 && bytes[i] < 0x7f ? (char)bytes[i] : '.';
}

/* The 16 bytes at the hit in the type's layout; "??" where unreadable. */
static void print_hit(struct search *x, uint64_t hit)
{
    char where[MEM_ADDR_TEXT], line[160];
    mem_address_text(x->s, hit, where);
    if (x->addresses_only) {
        cmd_printf(x->s, "%s\n", where);
        return;
    }
    uint8_t bytes[16];
    uint32_t got = 0;
    if (FAILED(ds_read_virtual(x->t, hit, bytes, sizeof bytes, &got)))
        got = 0;
    size_t n = 0;
    int big = mem_big_endian(x->s, x->t);
    uint32_t unit = x->type == 'w' || x->type == 'u' ? 2 : x->type == 'd' ? 4 : x->type == 'q' ? 8 : 1;
    for (uint32_t i = 0; i < 16; i += unit) {
        char sep = i == 0 ? ' ' : (unit == 1 && i == 8) ? '-' : ' ';
        if (i)
            line[n++] = sep;
        if (i + unit > got) {
            const char *unknown = unit == 8 ? "????????`????????" : "????????";
            n += (size_t)snprintf(line + n, sizeof line - n, "%.*s", unit == 8 ? 17 : (int)(2 * unit),
                                  unknown);
        } else if (unit == 8) {
            uint64_t v = mem_load(bytes + i, 8, big);
            n += (size_t)snprintf(line + n, sizeof line - n, "%08" PRIx32 "`%08" PRIx32,
                                  (uint32_t)(v >> 32), (uint32_t)v);
        } else {
            n += (size_t)snprintf(line + n, sizeof line - n, "%0*" PRIx64, (int)(2 * unit),
                                  mem_load(bytes + i, unit, big));
        }
    }
    if (unit != 8) { /* dq has no character column */
        line[n++] = ' ';
        line[n++] = ' ';
        for (uint32_t i = 0; i < 16; i++)
            line[n++] = printable(bytes, got, i);
    }
    line[n] = '\0';
    cmd_printf(x->s, "%s  %s\n", where, line);
}

/* ---- the walk ------------------------------------------------------------- */

static uint64_t align_up(uint64_t v, uint32_t granularity, int *overflow)
{
    uint64_t r = (v + granularity - 1) & ~(uint64_t)(granularity - 1);
    *overflow = r < v;
    return r;
}

/* Every hit that starts in [first, last] and ends by last (inclusive
 * bounds: a range may end at the top of the address space). */
static HRESULT search_run(struct search *x, uint64_t first, uint64_t last)
{
    int overflow;
    uint64_t pos = align_up(first, x->granularity, &overflow);
    if (overflow)
        return S_OK;
    while (pos <= last && last - pos + 1 >= x->pattern_size) {
        if (cmd_interrupted(x->s))
            return E_ABORT;
        /* The window holds every match starting in the next chunk. */
        uint64_t span = (uint64_t)SEARCH_CHUNK + x->pattern_size - 1;
        uint64_t length = last - pos < span ? last - pos + 1 : span;
        uint64_t hit;
        HRESULT hr = ds_search_virtual2(x->t, pos, length, x->flags, x->pattern, x->pattern_size,
                                        x->granularity, &hit);
        if (hr == NO_MORE) {
            if (length != span)
                return S_OK; /* the window reached `last` */
            pos += SEARCH_CHUNK;
        } else if (FAILED(hr)) {
            char where[MEM_ADDR_TEXT];
            return cmd_error(x->s, hr, "Search failed at %s: %s\n",
                             mem_address_text(x->s, pos, where), ds_error_text(x->t));
        } else {
            hit = mem_flat(x->t, hit);
            print_hit(x, hit);
            x->hits++;
            if (hit > UINT64_MAX - x->granularity)
                return S_OK;
            pos = hit + x->granularity; /* overlapping hits count too */
        }
        cmd_progress(x->s, pos - x->start < x->count ? pos - x->start : x->count, x->count);
    }
    return S_OK;
}

/* Committed runs of the range, each searched on its own: a match cannot
 * span a gap, and the gaps cost one query each instead of a read. */
static HRESULT search_range(struct search *x)
{
    /* Addresses compare flat (mem_flat): a 4-byte target's space ends at
     * ffffffff whichever way its addresses are written. */
    uint64_t top = mem_top(x->t);
    x->start = mem_flat(x->t, x->start);
    uint64_t last = x->start + (x->count - 1); /* count >= 1 */
    if (last < x->start || last > top)
        last = top;
    uint64_t addr = x->start, run_first = 0, run_last = 0;
    int in_run = 0;
    HRESULT hr = S_OK;
    for (int regions = 0; regions < SEARCH_MAX_REGIONS; regions++) {
        if (cmd_interrupted(x->s))
            return E_ABORT;
        MEMORY_BASIC_INFORMATION64 mbi;
        if (FAILED(ds_query_virtual(x->t, addr, &mbi)) || mbi.RegionSize == 0) {
            if (addr == x->start) /* no region list at all: one plain search */
                return search_run(x, x->start, last);
            break; /* above the last region: nothing readable is left */
        }
        uint64_t region = mem_flat(x->t, mbi.BaseAddress);
        uint64_t base = region > addr ? region : addr;
        uint64_t end = region + (mbi.RegionSize - 1);
        if (end < region || end > top)
            end = top;
        if (base > last || end < base)
            break; /* past the range, or an answer that would not move on */
        if (mbi.State == MEM_COMMIT) {
            if (in_run && run_last + 1 == base) {
                run_last = end;
            } else {
                if (in_run && FAILED(hr = search_run(x, run_first, run_last < last ? run_last : last)))
                    return hr;
                run_first = base, run_last = end, in_run = 1;
            }
        } else if (in_run) {
            in_run = 0;
            if (FAILED(hr = search_run(x, run_first, run_last < last ? run_last : last)))
                return hr;
        }
        if (end >= last || end == top)
            break;
        addr = end + 1;
    }
    if (in_run)
        hr = search_run(x, run_first, run_last < last ? run_last : last);
    if (SUCCEEDED(hr))
        cmd_progress(x->s, x->count, x->count);
    return hr;
}

/* ---- the command ---------------------------------------------------------- */

/* "-[w1]d", "-a", "-b": the options before the range. */
static HRESULT parse_options(struct search *x, const char **cursor)
{
    const char *p = *cursor;
    x->type = 'b';
    if (*p != '-')
        return S_OK;
    const char *option = p++;
    int bracketed = 0;
    if (*p == '[') {
        bracketed = 1;
        for (p++; *p && *p != ']'; p++) {
            if (*p == 'w')
                x->flags |= DEBUG_VSEARCH_WRITABLE_ONLY;
            else if (*p == '1')
                x->addresses_only = 1;
            else /* s, r, n, l (saved searches, string lengths) are not supported */
                return cmd_syntax_error(x->s, E_INVALIDARG, p);
        }
        if (*p != ']')
            return cmd_syntax_error(x->s, E_INVALIDARG, option);
        p++;
    }
    if (!strchr("bwdqau", *p) || *p == '\0' || (p[1] && p[1] != ' ' && p[1] != '\t'))
        return cmd_syntax_error(x->s, E_INVALIDARG, bracketed && !*p ? option : p);
    x->type = *p++;
    *cursor = cmd_skip_blanks(p);
    return S_OK;
}

/* The pattern: a quoted string for a and u, values of the type otherwise. */
static HRESULT parse_pattern(struct search *x, const char *p)
{
    if (!*p)
        return cmd_syntax_error(x->s, E_INVALIDARG, p);
    if (x->type == 'a' || x->type == 'u') {
        const char *text;
        size_t length;
        HRESULT hr = mem_parse_string(x->s, &p, &text, &length);
        if (FAILED(hr))
            return hr;
        if (*p)
            return cmd_caret_error(x->s, E_INVALIDARG, "Extra character", p);
        if (length == 0 || length > 0x10000)
            return cmd_caret_error(x->s, E_INVALIDARG, "Range", text - 1);
        x->pattern = malloc(x->type == 'u' ? 2 * length : length);
        if (!x->pattern)
            return cmd_error(x->s, E_OUTOFMEMORY, "Out of memory for a search pattern\n");
        if (x->type == 'a') {
            memcpy(x->pattern, text, length);
            x->pattern_size = (uint32_t)length;
        } else {
            x->pattern_size = (uint32_t)mem_utf16_store(text, length, mem_big_endian(x->s, x->t),
                                                        x->pattern);
        }
        return S_OK;
    }
    uint32_t unit = x->granularity;
    size_t most = strlen(p) + 1; /* at most one value a character */
    if (most > 0x10000)
        return cmd_caret_error(x->s, E_INVALIDARG, "Range", p);
    x->pattern = malloc(most * unit);
    if (!x->pattern)
        return cmd_error(x->s, E_OUTOFMEMORY, "Out of memory for a search pattern\n");
    size_t n = 0;
    while (*p && n < most) {
        uint64_t value;
        HRESULT hr = mem_parse_value(x->s, &p, unit, &value);
        if (FAILED(hr))
            return hr;
        mem_store(x->pattern + n * unit, value, unit, mem_big_endian(x->s, x->t));
        n++;
    }
    x->pattern_size = (uint32_t)(n * unit);
    return S_OK;
}

static HRESULT run_search(struct ds_session *s, const char *name, const char *args)
{
    (void)name;
    ds_target *t = cmd_need_target(s);
    if (!t)
        return E_UNEXPECTED;
    struct search x = {.s = s, .t = t};
    const char *p = cmd_skip_blanks(args);
    HRESULT hr = parse_options(&x, &p);
    if (FAILED(hr))
        return hr;
    /* Values are found only at multiples of their size; strings anywhere
     * (a UTF-16 string at even addresses, as its words). */
    x.granularity = x.type == 'w' || x.type == 'u' ? 2 : x.type == 'd' ? 4 : x.type == 'q' ? 8 : 1;

    struct cmd_range range;
    const char *range_at = p;
    hr = cmd_parse_range(s, &p, 1, 0, &range);
    if (FAILED(hr))
        return hr;
    if (!range.given || range.count == 0)
        return cmd_syntax_error(s, E_INVALIDARG, range.given ? range_at : p);
    x.start = range.start;
    x.count = range.count;
    hr = parse_pattern(&x, cmd_skip_blanks(p));
    if (SUCCEEDED(hr))
        hr = search_range(&x);
    free(x.pattern);
    return hr;
}

const struct cmd_def cmd_search_table[] = {
    {"s", run_search,
     "s [-[w1]{b|w|d|q|a|u}] RANGE PATTERN  search memory ([w] writable only, [1] addresses only)"},
    {NULL, NULL, NULL},
};
