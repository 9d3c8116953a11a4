/*
 * serve_maps.c — the synthetic /proc/PID/maps that serve_vfile.c hands gdb
 * for `info proc mappings`: one line per committed region of QueryVirtual,
 * in the kernel's format, the module a region lies in as its path. Built
 * once per session, bounded by SERVE_DOC_CAP and SERVE_MAX_REGIONS.
 */
#include "serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A module name's bytes kept for the path column. */
#define NAME_CAP 1024u

uint32_t serve_pid(struct serve_session *s)
{
    uint32_t pid = ds_process_id(s->t);
    return pid ? pid : 1;
}

/* ---- the document --------------------------------------------------------- */

struct module {
    uint64_t base, size;
    uint32_t index;
};

static int by_base(const void *a, const void *b)
{
    const struct module *x = a, *y = b;
    return x->base < y->base ? -1 : x->base > y->base;
}

/* The target's modules sorted by base (NULL, 0 when it lists none). */
static struct module *load_modules(ds_target *t, uint32_t *count)
{
    uint32_t n = 0;
    *count = 0;
    if (FAILED(ds_get_number_modules(t, &n)) || n == 0)
        return NULL;
    if (n > SERVE_MAX_MODULES)
        n = SERVE_MAX_MODULES;
    struct module *m = calloc(n, sizeof *m);
    if (!m)
        return NULL;
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t need;
        if (SUCCEEDED(ds_get_module(t, i, &m[k].base, &m[k].size, NULL, 0, &need)) &&
            m[k].size) {
            m[k].index = i;
            k++;
        }
    }
    qsort(m, k, sizeof *m, by_base);
    *count = k;
    return m;
}

/* The name of the module holding addr, made safe for one line of the
   file (no control characters: a dump's names are untrusted); "" when
   none holds it. */
static void module_name(ds_target *t, const struct module *m, uint32_t count, uint64_t addr,
                        char *name, size_t cap)
{
    name[0] = '\0';
    uint32_t lo = 0, hi = count;
    while (lo < hi) { /* the last module with base <= addr */
        uint32_t mid = lo + (hi - lo) / 2;
        if (m[mid].base <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || addr - m[lo - 1].base >= m[lo - 1].size)
        return;
    uint32_t need;
    if (FAILED(ds_get_module(t, m[lo - 1].index, NULL, NULL, name, (uint32_t)cap, &need)))
        name[0] = '\0';
    for (char *c = name; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = '?';
}

/* One line per committed region of QueryVirtual, in the kernel's format:
   "start-end perms offset dev inode path". The offset, device and inode
   are not known to every target and are written as zeros; perms come
   from the region's protection, 'p' (private) always. */
static void build_maps(struct serve_session *s, struct serve_text *b)
{
    uint32_t nmod = 0;
    struct module *mods = load_modules(s->t, &nmod);
    uint64_t at = 0;
    for (uint32_t i = 0; i < SERVE_MAX_REGIONS && !b->full; i++) {
        MEMORY_BASIC_INFORMATION64 mbi;
        if (FAILED(ds_query_virtual(s->t, at, &mbi)) || mbi.RegionSize == 0)
            break;
        uint64_t end = mbi.BaseAddress + mbi.RegionSize;
        if (mbi.State == MEM_COMMIT) {
            bool r, w, x;
            serve_protect_rwx(mbi.Protect, &r, &w, &x);
            char name[NAME_CAP];
            module_name(s->t, mods, nmod, mbi.BaseAddress, name, sizeof name);
            serve_text_printf(b, "%08llx-%08llx %c%c%cp 00000000 00:00 0%s%s\n",
                     (unsigned long long)mbi.BaseAddress, (unsigned long long)end,
                     r ? 'r' : '-', w ? 'w' : '-', x ? 'x' : '-', name[0] ? "    " : "",
                     name);
        }
        if (end <= at || end < mbi.BaseAddress) /* no progress or wrapped: the top */
            break;
        at = end;
    }
    free(mods);
    if (b->full && s->note)
        s->note(s->note_ctx, "the synthetic /proc/PID/maps was cut short at its size limit");
}

const struct serve_doc *serve_maps_doc(struct serve_session *s)
{
    if (!s->proc_maps.built) {
        struct serve_text b = {0};
        build_maps(s, &b);
        s->proc_maps.text = b.text;
        s->proc_maps.len = b.text ? b.len : 0;
        s->proc_maps.built = true;
    }
    return &s->proc_maps;
}
