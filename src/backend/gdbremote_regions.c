/*
 * gdbremote_regions.c — QueryVirtual over the GDB remote protocol, which
 * has no one packet for it. The first source the server has, looked for
 * on the first query and kept (the target is stopped):
 *
 *   1. qMemoryRegionInfo (lldb-server, debugserver): walked once from 0;
 *      a reply without "permissions:" is a gap;
 *   2. qXfer:memory-map:read (OpenOCD with flash banks, some embedded
 *      stubs): <memory type="ram|rom|flash" start=".." length=".."/>;
 *      what the map leaves out is a gap here (GDB takes it as RAM);
 *   3. /proc/PID/maps read through vFile:open / vFile:pread (gdbserver and
 *      lldb-server on Linux) when the process id is known;
 *   4. probing reads (QEMU's stubs, which describe nothing): one committed
 *      region per readable range found around the address asked about,
 *      page by page, at most GR_PROBE_SPAN pages each way per answer; an
 *      unreadable address looks at most GR_PROBE_GAP pages above it for
 *      the next readable one (docs/remote.md says what that misses).
 *
 * ds_open_notes says which source was used.
 */
#include "gdbremote_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GR_MAX_REGIONS 65536u
#define GR_MAX_MAPS_TEXT ((size_t)16 << 20)
/* Probing: pages looked at each way from the address asked about, and
   unreadable pages crossed looking for the next readable one. */
#define GR_PROBE_SPAN 1024u
#define GR_PROBE_GAP 256u

const char *gr_region_source_name(enum gr_region_source s)
{
    switch (s) {
    case GR_REGIONS_LLDB: return "qMemoryRegionInfo";
    case GR_REGIONS_MEMORY_MAP: return "qXfer:memory-map";
    case GR_REGIONS_PROC_MAPS: return "/proc/PID/maps through vFile";
    case GR_REGIONS_NONE: return "probing reads (the server describes none)";
    default: return "not looked for yet";
    }
}

void gr_regions_free(struct gr_target *g)
{
    ds_maps_free(&g->maps);
    for (size_t i = 0; i < g->regn; i++)
        free(g->reg_names ? g->reg_names[i] : NULL);
    free(g->reg_names);
    free(g->regv);
    g->reg_names = NULL;
    g->regv = NULL;
    g->regn = 0;
}

static HRESULT add_region(struct gr_target *g, uint64_t base, uint64_t size, uint32_t protect,
                          const char *name, size_t name_len, size_t *cap)
{
    if (g->regn == GR_MAX_REGIONS)
        return S_FALSE;
    if (g->regn == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        struct ds_region *v = realloc(g->regv, ncap * sizeof *v);
        if (!v)
            return E_OUTOFMEMORY;
        g->regv = v;
        char **names = realloc(g->reg_names, ncap * sizeof *names);
        if (!names)
            return E_OUTOFMEMORY;
        g->reg_names = names;
        *cap = ncap;
    }
    struct ds_region *r = &g->regv[g->regn];
    memset(r, 0, sizeof *r);
    r->base = base;
    r->size = size;
    r->allocation_base = base;
    r->allocation_protect = r->protect = protect;
    r->state = MEM_COMMIT;
    r->type = name_len && name[0] == '/' ? MEM_MAPPED : MEM_PRIVATE;
    g->reg_names[g->regn] = name_len ? strndup(name, name_len) : NULL;
    g->regn++;
    return S_OK;
}

/* ---- lldb: qMemoryRegionInfo ---------------------------------------------- */

struct region_info {
    uint64_t start, size;
    bool has_perms;
    bool r, w, x;
    char name[256];
    size_t name_len;
};

static bool parse_region_info(const char *s, size_t n, struct region_info *ri)
{
    memset(ri, 0, sizeof *ri);
    bool start = false, size = false;
    const char *end = s + n;
    for (const char *p = s; p < end;) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        const char *stop = semi ? semi : end;
        const char *colon = memchr(p, ':', (size_t)(stop - p));
        if (colon) {
            size_t k = (size_t)(colon - p);
            const char *v = colon + 1;
            size_t vl = (size_t)(stop - v);
            if (k == 5 && memcmp(p, "start", 5) == 0)
                start = rsp_parse_hex_u64(v, vl, &ri->start);
            else if (k == 4 && memcmp(p, "size", 4) == 0)
                size = rsp_parse_hex_u64(v, vl, &ri->size);
            else if (k == 11 && memcmp(p, "permissions", 11) == 0) {
                ri->has_perms = vl > 0;
                for (size_t i = 0; i < vl; i++) {
                    ri->r |= v[i] == 'r';
                    ri->w |= v[i] == 'w';
                    ri->x |= v[i] == 'x';
                }
            } else if (k == 4 && memcmp(p, "name", 4) == 0 && vl % 2 == 0 &&
                       vl / 2 < sizeof ri->name && rsp_hex_decode(v, vl, ri->name)) {
                ri->name_len = vl / 2;
            }
        }
        p = stop + 1;
    }
    return start && size;
}

static HRESULT walk_region_info(struct gr_target *g)
{
    size_t cap = 0;
    uint64_t addr = 0;
    for (unsigned step = 0; step < 4 * GR_MAX_REGIONS; step++) {
        char req[48];
        snprintf(req, sizeof req, "qMemoryRegionInfo:%" PRIx64, addr);
        const char *r;
        size_t n;
        HRESULT hr = gr_request(g, req, &r, &n);
        if (FAILED(hr))
            return hr;
        struct region_info ri;
        if (n == 0 || rsp_is_error(r, n) || !parse_region_info(r, n, &ri) || ri.size == 0)
            break;
        /* The region's last byte, not its end: a region that ends at the
           top of the address space has an end that wraps to 0. */
        uint64_t last = ri.start + (ri.size - 1);
        if (last < ri.start)
            break; /* a size past the top of the address space */
        if (ri.start > addr || last < addr)
            break; /* an answer about some other address: stop believing it */
        if (ri.has_perms) {
            uint32_t protect = ri.r || ri.w || ri.x
                                   ? ds_protect_from_perms(ri.r, ri.w, ri.x, false)
                                   : PAGE_NOACCESS;
            hr = add_region(g, ri.start, ri.size, protect, ri.name, ri.name_len, &cap);
            if (FAILED(hr))
                return hr;
            if (hr == S_FALSE)
                break; /* GR_MAX_REGIONS: the rest stays undescribed */
        }
        if (last == UINT64_MAX)
            break; /* the top of the address space */
        addr = last + 1;
    }
    return S_OK;
}

/* ---- qXfer:memory-map ------------------------------------------------------ */

/* The value of attribute `key` in the element [s, end): a number. */
static bool xml_number(const char *s, const char *end, const char *key, uint64_t *v)
{
    size_t klen = strlen(key);
    for (const char *p = s; p + klen + 2 < end; p++) {
        if (memcmp(p, key, klen) != 0 || p[klen] != '=' || (p[klen + 1] != '"' &&
                                                             p[klen + 1] != '\''))
            continue;
        const char *v0 = p + klen + 2;
        const char *q = memchr(v0, p[klen + 1], (size_t)(end - v0));
        if (!q)
            return false;
        char num[40];
        size_t len = (size_t)(q - v0);
        if (len == 0 || len >= sizeof num)
            return false;
        memcpy(num, v0, len);
        num[len] = '\0';
        char *stop;
        unsigned long long x = strtoull(num, &stop, 0);
        if (*stop || num[0] == '-')
            return false;
        *v = x;
        return true;
    }
    return false;
}

static int cmp_region(const void *a, const void *b)
{
    const struct ds_region *x = a, *y = b;
    return x->base < y->base ? -1 : x->base > y->base;
}

static HRESULT load_memory_map(struct gr_target *g, bool *found)
{
    char *xml;
    size_t len;
    *found = false;
    HRESULT hr = gr_xfer_read(g, "memory-map", "", 1 << 20, &xml, &len);
    if (hr != S_OK)
        return FAILED(hr) ? hr : S_OK;
    size_t cap = 0;
    const char *end = xml + len;
    for (const char *p = xml; (p = strstr(p, "<memory")) != NULL && p < end;) {
        const char *close = strchr(p, '>');
        if (!close)
            break;
        uint64_t start, length;
        if (p[7] == ' ' && xml_number(p, close, "start", &start) &&
            xml_number(p, close, "length", &length) && length &&
            start + (length - 1) >= start) {
            /* Only this element's own text: a search to the document's
               end would make a hostile map of many elements quadratic. */
            static const char ram[] = "type=\"ram\"";
            uint32_t protect = memmem(p, (size_t)(close - p), ram, sizeof ram - 1)
                                   ? PAGE_READWRITE : PAGE_READONLY;
            hr = add_region(g, start, length, protect, NULL, 0, &cap);
            if (FAILED(hr))
                break;
        }
        p = close + 1;
    }
    free(xml);
    if (FAILED(hr))
        return hr;
    if (g->regn)
        qsort(g->regv, g->regn, sizeof *g->regv, cmp_region);
    /* Overlapping entries break the map's rule: keep the first of each.
       (Measured from the kept one's base: its end wraps to 0 at the top.) */
    size_t k = 0;
    for (size_t i = 0; i < g->regn; i++) {
        if (k && g->regv[i].base - g->regv[k - 1].base < g->regv[k - 1].size)
            continue;
        g->regv[k] = g->regv[i];
        g->reg_names[k++] = NULL;
    }
    g->regn = k;
    *found = k > 0;
    return S_OK;
}

/* ---- /proc/PID/maps through vFile ------------------------------------------ */

/* "F<hex>" or "F-1,errno" (vFile replies): the number, false on -1. */
static bool vfile_result(const char *r, size_t n, int64_t *v, const char **rest)
{
    if (n < 2 || r[0] != 'F' || r[1] == '-')
        return false;
    const char *p = r + 1, *end = r + n;
    uint64_t x;
    if (!rsp_scan_hex_u64(&p, end, &x) || x > INT64_MAX)
        return false;
    *v = (int64_t)x;
    *rest = p;
    return true;
}

static HRESULT load_proc_maps(struct gr_target *g, bool *found)
{
    *found = false;
    const char *r;
    size_t n;
    HRESULT hr = gr_request(g, "vFile:setfs:0", &r, &n);
    if (FAILED(hr))
        return hr;
    char path[64], hex[130], req[200];
    snprintf(path, sizeof path, "/proc/%u/maps", g->base.pid);
    rsp_hex_encode(path, strlen(path), hex);
    hex[2 * strlen(path)] = '\0';
    snprintf(req, sizeof req, "vFile:open:%s,0,0", hex);
    hr = gr_request(g, req, &r, &n);
    if (FAILED(hr))
        return hr;
    int64_t fd;
    const char *rest;
    if (!vfile_result(r, n, &fd, &rest))
        return S_OK; /* no vFile, or the file cannot be opened there */
    size_t cap = 64 * 1024, have = 0;
    char *text = malloc(cap);
    if (!text)
        hr = ds_fail(&g->base, E_OUTOFMEMORY, "reading /proc/%u/maps through vFile on the GDB "
                     "server %s: out of memory for %zu bytes", g->base.pid, g->conn.where, cap);
    /* A reply carries at most PacketSize escaped bytes: ask for half. */
    size_t ask = (size_t)g->packet_size / 2 - 16;
    while (SUCCEEDED(hr)) {
        snprintf(req, sizeof req, "vFile:pread:%" PRIx64 ",%zx,%zx", (uint64_t)fd, ask, have);
        hr = gr_request(g, req, &r, &n);
        if (FAILED(hr))
            break;
        int64_t got;
        if (!vfile_result(r, n, &got, &rest) || (got && (rest == r + n || *rest != ';'))) {
            hr = ds_fail(&g->base, E_FAIL, "reading /proc/%u/maps through vFile on the GDB "
                         "server %s: a malformed reply", g->base.pid, g->conn.where);
            break;
        }
        if (got == 0)
            break;
        if (have + (size_t)got > GR_MAX_MAPS_TEXT || (size_t)got > ask) {
            hr = ds_fail(&g->base, E_FAIL, "reading /proc/%u/maps through vFile on the GDB "
                         "server %s: more than %zu bytes", g->base.pid, g->conn.where,
                         GR_MAX_MAPS_TEXT);
            break;
        }
        while (cap < have + (size_t)got) {
            char *t = realloc(text, cap * 2);
            if (!t)
                break;
            text = t;
            cap *= 2;
        }
        if (cap < have + (size_t)got) {
            hr = ds_fail(&g->base, E_OUTOFMEMORY, "reading /proc/%u/maps through vFile on the "
                         "GDB server %s: out of memory for %zu bytes", g->base.pid,
                         g->conn.where, cap * 2);
            break;
        }
        size_t out;
        rest++;
        if (!rsp_unescape(rest, (size_t)(r + n - rest), text + have, (size_t)got, &out) ||
            out != (size_t)got) {
            hr = ds_fail(&g->base, E_FAIL, "reading /proc/%u/maps through vFile on the GDB "
                         "server %s: the reply's data is not the %" PRId64 " bytes it says",
                         g->base.pid, g->conn.where, got);
            break;
        }
        have += out;
    }
    snprintf(req, sizeof req, "vFile:close:%" PRIx64, (uint64_t)fd);
    if (SUCCEEDED(hr))
        hr = gr_request(g, req, &r, &n);
    else if (!g->conn.broken)
        (void)rsp_requests(&g->conn, req, &r, &n);
    if (SUCCEEDED(hr) && have) {
        size_t skipped = 0;
        hr = ds_maps_parse(text, have, &g->maps, &skipped);
        *found = SUCCEEDED(hr) && g->maps.n > 0;
    }
    free(text);
    return hr;
}

/* ---- the source ------------------------------------------------------------ */

static HRESULT load_regions(struct gr_target *g)
{
    if (g->regions != GR_REGIONS_UNKNOWN)
        return S_OK;
    bool found = false;
    HRESULT hr;
    /* The kernel's own map first, where the server can read it: it tells
       a PROT_NONE mapping from a hole and a private file mapping from
       anonymous memory, as for a live process (lldb-server's
       qMemoryRegionInfo does neither). pid 1 is what QEMU's user-mode stub
       calls every process: its /proc/1/maps would describe the host's
       init. */
    if (g->base.pid > 1) {
        hr = load_proc_maps(g, &found);
        if (FAILED(hr))
            return hr;
        if (found)
            g->regions = GR_REGIONS_PROC_MAPS;
    }
    if (!found) {
        const char *r;
        size_t n;
        hr = gr_request(g, "qMemoryRegionInfo:0", &r, &n);
        if (FAILED(hr))
            return hr;
        if (n > 0 && !rsp_is_error(r, n)) {
            hr = walk_region_info(g);
            if (FAILED(hr))
                return hr;
            found = g->regn > 0;
            if (found)
                g->regions = GR_REGIONS_LLDB;
        }
    }
    if (!found && g->memory_map) {
        hr = load_memory_map(g, &found);
        if (FAILED(hr))
            return hr;
        if (found)
            g->regions = GR_REGIONS_MEMORY_MAP;
    }
    if (!found)
        g->regions = GR_REGIONS_NONE;
    ds_target_note(&g->base, "regions from %s", gr_region_source_name(g->regions));
    return S_OK;
}

HRESULT gr_readable_extent(struct gr_target *g, uint64_t addr, size_t size, size_t *avail)
{
    *avail = size;
    HRESULT hr = load_regions(g);
    if (FAILED(hr))
        return hr;
    if (g->regions != GR_REGIONS_PROC_MAPS && g->regions != GR_REGIONS_LLDB)
        return S_FALSE; /* a map that may leave readable memory out, or none */
    uint64_t last = size - 1 > UINT64_MAX - addr ? UINT64_MAX : addr + (size - 1);
    uint64_t have = 0; /* bytes readable from addr, known so far */
    /* Bounded: each step moves past one region (the maps are finite). */
    for (uint64_t at = addr;;) {
        uint64_t start, len;
        hr = gr_next_readable(&g->base, at, &start, &len);
        if (FAILED(hr))
            return hr;
        if (hr != S_OK || start != at)
            break;
        uint64_t end_last = len - 1 > UINT64_MAX - start ? UINT64_MAX : start + (len - 1);
        have = end_last - addr + 1;
        if (end_last >= last || end_last == UINT64_MAX)
            return S_OK;
        at = end_last + 1;
    }
    *avail = (size_t)have;
    return S_OK;
}

/* The region list's query: the region holding addr or the lowest above. */
static HRESULT list_query(struct gr_target *g, uint64_t addr, struct ds_region *out)
{
    size_t lo = 0, hi = g->regn;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct ds_region *m = &g->regv[mid];
        if (m->base + (m->size - 1) < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == g->regn)
        return S_FALSE;
    *out = g->regv[lo];
    out->name = g->reg_names[lo];
    if (addr < out->base) {
        const struct ds_region *below = lo ? &g->regv[lo - 1] : NULL;
        out->gap_base = below ? below->base + below->size : 0;
    }
    return S_OK;
}

/* ---- probing ---------------------------------------------------------------- */

/* Whether the first byte of the page at p can be read: S_OK yes, S_FALSE
   no, else the connection failed. */
static HRESULT page_readable(struct gr_target *g, uint64_t p)
{
    char req[40];
    snprintf(req, sizeof req, "m%" PRIx64 ",1", p);
    const char *r;
    size_t n;
    HRESULT hr = gr_request(g, req, &r, &n);
    if (FAILED(hr))
        return hr;
    return n == 2 && rsp_hex_value((unsigned char)r[0]) >= 0 &&
                   rsp_hex_value((unsigned char)r[1]) >= 0
               ? S_OK
               : S_FALSE;
}

/* The readable range around addr found by reading a byte of each page. */
static HRESULT probe_query(struct gr_target *g, uint64_t addr, struct ds_region *out)
{
    uint64_t page = g->base.page_size ? g->base.page_size : 4096;
    uint64_t at = addr & ~(page - 1), gap_base = 0;
    bool in_gap = false;
    HRESULT hr;
    for (unsigned i = 0;; i++) {
        hr = page_readable(g, at);
        if (FAILED(hr))
            return hr;
        if (hr == S_OK)
            break;
        if (!in_gap)
            gap_base = at;
        in_gap = true;
        if (i == GR_PROBE_GAP || at > UINT64_MAX - page)
            return S_FALSE; /* nothing readable near above: as far as we can tell */
        at += page;
    }
    uint64_t lo = at, hi = at + page; /* hi 0: the top of the address space */
    for (unsigned i = 0; i < GR_PROBE_SPAN && !in_gap && lo >= page; i++) {
        hr = page_readable(g, lo - page);
        if (FAILED(hr))
            return hr;
        if (hr != S_OK)
            break;
        lo -= page;
    }
    for (unsigned i = 0; i < GR_PROBE_SPAN && hi != 0; i++) {
        hr = page_readable(g, hi);
        if (FAILED(hr))
            return hr;
        if (hr != S_OK)
            break;
        hi += page;
    }
    memset(out, 0, sizeof *out);
    out->base = lo;
    out->size = hi - lo; /* wraps to the right size when hi is 0 */
    out->allocation_base = lo;
    /* Readable is known; writable is not: say what a process's data has. */
    out->allocation_protect = out->protect = PAGE_READWRITE;
    out->state = MEM_COMMIT;
    out->type = MEM_PRIVATE;
    if (in_gap)
        out->gap_base = gap_base;
    return S_OK;
}

HRESULT gr_query(ds_target *t, uint64_t addr, struct ds_region *out)
{
    struct gr_target *g = gr(t);
    HRESULT hr = load_regions(g);
    if (FAILED(hr))
        return hr;
    switch (g->regions) {
    case GR_REGIONS_PROC_MAPS:
        return ds_maps_query(&g->maps, addr, out);
    case GR_REGIONS_LLDB:
    case GR_REGIONS_MEMORY_MAP:
        return list_query(g, addr, out);
    default:
        return probe_query(g, addr, out);
    }
}

HRESULT gr_next_readable(ds_target *t, uint64_t addr, uint64_t *start, uint64_t *size)
{
    struct gr_target *g = gr(t);
    HRESULT hr = load_regions(g);
    if (FAILED(hr))
        return hr;
    /* Probing costs a round trip per page: the cache's readahead must not
       pay it on every miss (it reads aligned clusters instead); walks get
       the runs from query (readable.c). */
    if (g->regions == GR_REGIONS_NONE)
        return ds_fail(t, E_NOTIMPL, "the GDB server %s describes no regions: readable runs "
                       "are found by probing (QueryVirtual)", g->conn.where);
    for (unsigned step = 0; step < 4 * GR_MAX_REGIONS; step++) {
        struct ds_region r;
        hr = gr_query(t, addr, &r);
        if (hr != S_OK)
            return hr;
        uint64_t last = r.base + (r.size - 1);
        if (r.state == MEM_COMMIT && ds_protect_readable(r.protect)) {
            *start = r.base > addr ? r.base : addr;
            *size = last - *start + 1;
            return S_OK;
        }
        if (last == UINT64_MAX)
            return S_FALSE;
        addr = last + 1;
    }
    return S_FALSE;
}
