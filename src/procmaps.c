/*
 * procmaps.c — parse /proc/PID/maps text (proc(5)):
 *   start-end perms offset major:minor inode   path
 * The text may come from a hostile minidump, so every field is checked and
 * nothing is trusted to be sorted, terminated or short.
 */
#include "procmaps.h"

#include <stdlib.h>
#include <string.h>

static bool hex_field(const char **p, const char *end, uint64_t *out)
{
    const char *s = *p;
    uint64_t v = 0;
    int digits = 0;
    while (s < end && digits < 17) {
        char c = *s;
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            break;
        v = (v << 4) | d;
        s++;
        digits++;
    }
    if (digits == 0 || digits > 16)
        return false;
    *p = s;
    *out = v;
    return true;
}

static bool dec_field(const char **p, const char *end, uint64_t *out)
{
    const char *s = *p;
    uint64_t v = 0;
    int digits = 0;
    while (s < end && *s >= '0' && *s <= '9' && digits < 20) {
        v = v * 10 + (uint64_t)(*s - '0');
        s++;
        digits++;
    }
    if (digits == 0 || digits >= 20)
        return false;
    *p = s;
    *out = v;
    return true;
}

static bool expect(const char **p, const char *end, char c)
{
    if (*p >= end || **p != c)
        return false;
    (*p)++;
    return true;
}

static void skip_spaces(const char **p, const char *end)
{
    while (*p < end && (**p == ' ' || **p == '\t'))
        (*p)++;
}

/* Parse one line [s, end) into e; the path is NUL-terminated in place. */
static bool parse_line(char *s, char *end, struct ds_map_entry *e)
{
    const char *p = s;
    uint64_t maj, min;
    memset(e, 0, sizeof *e);
    if (!hex_field(&p, end, &e->start) || !expect(&p, end, '-') ||
        !hex_field(&p, end, &e->end) || !expect(&p, end, ' '))
        return false;
    if (end - p < 4)
        return false;
    e->r = p[0] == 'r';
    e->w = p[1] == 'w';
    e->x = p[2] == 'x';
    e->shared = p[3] == 's';
    p += 4;
    skip_spaces(&p, end);
    if (!hex_field(&p, end, &e->offset))
        return false;
    skip_spaces(&p, end);
    if (!hex_field(&p, end, &maj) || !expect(&p, end, ':') || !hex_field(&p, end, &min))
        return false;
    skip_spaces(&p, end);
    if (!dec_field(&p, end, &e->inode))
        return false;
    skip_spaces(&p, end);
    e->dev_major = (uint32_t)maj;
    e->dev_minor = (uint32_t)min;
    *end = '\0';
    e->path = p;
    return e->start < e->end;
}

static bool same_file(const struct ds_map_entry *a, const struct ds_map_entry *b)
{
    return a->inode == b->inode && a->dev_major == b->dev_major &&
           a->dev_minor == b->dev_minor && strcmp(a->path, b->path) == 0;
}

/* An image is a file one of whose mappings may execute: the loader maps
   its segments side by side, so each run of consecutive mappings of one
   file is one image, MEM_IMAGE throughout, its lowest mapping the
   allocation base. One linear pass: hostile maps text stays cheap. The
   rule of a minidump's LinuxMaps, which may hold no header bytes; a live
   process's map then gets image_extent.c's rule, which reads the headers
   (backend/live_images.c). */
static void mark_images(struct ds_maps *m)
{
    size_t i = 0;
    while (i < m->n) {
        size_t j = i + 1;
        bool file = m->v[i].inode != 0 && m->v[i].path[0] == '/';
        bool exec = m->v[i].x;
        while (file && j < m->n && same_file(&m->v[j], &m->v[i])) {
            exec |= m->v[j].x;
            j++;
        }
        for (size_t k = i; k < j; k++) {
            m->v[k].image = file && exec;
            m->v[k].alloc_base = file && exec ? m->v[i].start : m->v[k].start;
        }
        i = j;
    }
    for (i = 0; i < m->n; i++)
        if (strcmp(m->v[i].path, "[vdso]") == 0)
            m->v[i].image = true;
}

HRESULT ds_maps_parse(const char *text, size_t len, struct ds_maps *out, size_t *skipped)
{
    memset(out, 0, sizeof *out);
    if (skipped)
        *skipped = 0;
    out->text = malloc(len + 1);
    if (!out->text)
        return E_OUTOFMEMORY;
    memcpy(out->text, text, len);
    out->text[len] = '\0';
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += out->text[i] == '\n';
    out->v = calloc(lines, sizeof *out->v);  /* bounded by len, not a field */
    if (!out->v) {
        ds_maps_free(out);
        return E_OUTOFMEMORY;
    }
    char *s = out->text, *stop = out->text + len;
    while (s < stop) {
        char *nl = memchr(s, '\n', (size_t)(stop - s));
        char *end = nl ? nl : stop;
        struct ds_map_entry e;
        if (end > s) {
            bool ok = parse_line(s, end, &e) &&
                      (out->n == 0 || e.start >= out->v[out->n - 1].end);
            if (ok)
                out->v[out->n++] = e;
            else if (skipped)
                (*skipped)++;
        }
        s = end + 1;
    }
    mark_images(out);
    return S_OK;
}

void ds_maps_free(struct ds_maps *m)
{
    free(m->v);
    free(m->text);
    memset(m, 0, sizeof *m);
}

size_t ds_maps_lookup(const struct ds_maps *m, uint64_t addr)
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->v[mid].end <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void ds_maps_region(const struct ds_maps *m, size_t i, struct ds_region *r)
{
    const struct ds_map_entry *e = &m->v[i];
    memset(r, 0, sizeof *r);
    r->base = e->start;
    r->size = e->end - e->start;
    r->state = MEM_COMMIT;
    bool file = e->path[0] == '/';
    r->protect = ds_protect_from_perms(e->r, e->w, e->x, file && !e->shared);
    r->type = e->image ? MEM_IMAGE : (file || e->shared) ? MEM_MAPPED : MEM_PRIVATE;
    r->allocation_base = e->alloc_base;
    r->allocation_protect = r->protect;
    if (e->alloc_base != e->start) {
        size_t k = ds_maps_lookup(m, e->alloc_base);
        const struct ds_map_entry *b = &m->v[k];
        r->allocation_protect = ds_protect_from_perms(b->r, b->w, b->x, !b->shared);
    }
    r->name = e->path[0] ? e->path : NULL;
}

HRESULT ds_maps_query(const struct ds_maps *m, uint64_t addr, struct ds_region *r)
{
    size_t i = ds_maps_lookup(m, addr);
    if (i == m->n)
        return S_FALSE;
    ds_maps_region(m, i, r);
    if (addr < r->base)
        r->gap_base = i ? m->v[i - 1].end : 0;
    return S_OK;
}
