/*
 * harness.h — what the fuzz harnesses share with tests/test_corpus.c: open
 * a dump from a memory buffer through the internal openers (no temp file),
 * then use it as a debugger user would, checking the rules of the API as
 * it goes. A broken rule calls DS_FUZZ_FAIL (abort by default), so the
 * fuzzer reports it like a crash.
 *
 * Everything here is static: each harness .c (and the corpus test)
 * includes it once. The library's newer methods (search, strings, valid
 * regions, pointers, fill, handle data) are referenced weakly: they are
 * called when the library linked in has them.
 */
#ifndef DS_FUZZ_HARNESS_H
#define DS_FUZZ_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataspaces/dataspaces.h"
#include "target.h"

#ifndef DS_FUZZ_FAIL
#define DS_FUZZ_FAIL(...)                                   \
    do {                                                    \
        fprintf(stderr, "dataspaces fuzz: " __VA_ARGS__);   \
        fputc('\n', stderr);                                \
        abort();                                            \
    } while (0)
#endif

#define DS_FUZZ_CHECK(cond, ...)       \
    do {                               \
        if (!(cond))                   \
            DS_FUZZ_FAIL(__VA_ARGS__); \
    } while (0)

/* Methods other files of the library add over time. When the file that
   defines one is in this checkout, the library has it and the reference is
   an ordinary one (so a static archive yields it); otherwise it is weak
   and the method is skipped. */
#define DS_FUZZ_WEAK(fn) extern __typeof__(fn) fn __attribute__((weak))
#if __has_include("../src/search.c")
#define DS_FUZZ_HAVE_SEARCH 1
#else
DS_FUZZ_WEAK(ds_search_virtual);
DS_FUZZ_WEAK(ds_search_virtual2);
#define DS_FUZZ_HAVE_SEARCH (ds_search_virtual != 0 && ds_search_virtual2 != 0)
#endif
#if __has_include("../src/strings.c")
#define DS_FUZZ_HAVE_STRINGS 1
#else
DS_FUZZ_WEAK(ds_read_multi_byte_string_virtual);
DS_FUZZ_WEAK(ds_read_multi_byte_string_virtual_wide);
DS_FUZZ_WEAK(ds_read_unicode_string_virtual);
DS_FUZZ_WEAK(ds_read_unicode_string_virtual_wide);
#define DS_FUZZ_HAVE_STRINGS                                                          \
    (ds_read_multi_byte_string_virtual != 0 && ds_read_multi_byte_string_virtual_wide && \
     ds_read_unicode_string_virtual != 0 && ds_read_unicode_string_virtual_wide != 0)
#endif
#if __has_include("../src/regions.c")
#define DS_FUZZ_HAVE_REGIONS 1
#else
DS_FUZZ_WEAK(ds_get_valid_region_virtual);
DS_FUZZ_WEAK(ds_get_next_differently_valid_offset_virtual);
DS_FUZZ_WEAK(ds_get_offset_information);
#define DS_FUZZ_HAVE_REGIONS                                                        \
    (ds_get_valid_region_virtual != 0 && ds_get_next_differently_valid_offset_virtual && \
     ds_get_offset_information != 0)
#endif
#if __has_include("../src/pointers.c")
#define DS_FUZZ_HAVE_POINTERS 1
#else
DS_FUZZ_WEAK(ds_read_pointers_virtual);
DS_FUZZ_WEAK(ds_fill_virtual);
#define DS_FUZZ_HAVE_POINTERS (ds_read_pointers_virtual != 0 && ds_fill_virtual != 0)
#endif
#if __has_include("../src/handles.c")
#define DS_FUZZ_HAVE_HANDLES 1
#else
DS_FUZZ_WEAK(ds_read_handle_data);
#define DS_FUZZ_HAVE_HANDLES (ds_read_handle_data != 0)
#endif
#if __has_include("../src/ntheaders.c")
#define DS_FUZZ_HAVE_NTHEADERS 1
#else
DS_FUZZ_WEAK(ds_read_image_nt_headers);
#define DS_FUZZ_HAVE_NTHEADERS (ds_read_image_nt_headers != 0)
#endif

#define DS_FUZZ_MAX_REGIONS 256  /* QueryVirtual walk steps */
#define DS_FUZZ_MAX_PROBES 48    /* reads at addresses taken from the input */
#define DS_FUZZ_BIG_READ (96u * 1024u)  /* above DS_CACHE_BYPASS_SIZE */

struct ds_fuzz_input {
    const uint8_t *data;
    size_t size;
};

/* The i-th 8-byte little-endian word of the input (0 past its end). */
static uint64_t ds_fuzz_word(const struct ds_fuzz_input *in, size_t i)
{
    uint64_t v = 0;
    if (in->size >= 8 && i < in->size / 8)
        for (int k = 7; k >= 0; k--)
            v = v << 8 | in->data[i * 8 + (size_t)k];
    return v;
}

/* An address as the target means it: a 4-byte target folds sign-extended
   addresses (0xFFFFFFFF8xxxxxxx) to 32 bits and hands them out
   sign-extended, as dbgeng does. */
static uint64_t ds_fuzz_canon(ds_target *t, uint64_t addr)
{
    if (ds_pointer_size(t) == 4 && (addr >> 31) == 0x1FFFFFFFFull)
        return addr & 0xFFFFFFFFull;
    return addr;
}

static void ds_fuzz_check_error_text(ds_target *t)
{
    const char *e = ds_error_text(t);
    DS_FUZZ_CHECK(e && e[0], "a failure left no error sentence");
    DS_FUZZ_CHECK(strlen(e) < sizeof t->error, "error sentence not terminated");
}

/* ReadVirtual at addr, cached and uncached: the two paths must agree on
   the result, the count and every byte (a dump does not change). */
static void ds_fuzz_read(ds_target *t, uint64_t addr, uint32_t size)
{
    static uint8_t a[DS_FUZZ_BIG_READ], b[DS_FUZZ_BIG_READ];
    if (size > DS_FUZZ_BIG_READ)
        size = DS_FUZZ_BIG_READ;
    uint32_t na = 0xdeadbeef, nb = 0xdeadbeef;
    HRESULT ha = ds_read_virtual(t, addr, a, size, &na);
    HRESULT hb = ds_read_virtual_uncached(t, addr, b, size, &nb);
    DS_FUZZ_CHECK(na <= size && nb <= size, "read of %u at 0x%llx claims %u / %u bytes", size,
                  (unsigned long long)addr, na, nb);
    DS_FUZZ_CHECK(SUCCEEDED(ha) == SUCCEEDED(hb) && na == nb,
                  "cached read at 0x%llx+%u gives 0x%x/%u, uncached 0x%x/%u",
                  (unsigned long long)addr, size, (unsigned)ha, na, (unsigned)hb, nb);
    DS_FUZZ_CHECK(FAILED(ha) ? na == 0 : (na > 0 || size == 0),
                  "read at 0x%llx: HRESULT 0x%x with %u bytes", (unsigned long long)addr,
                  (unsigned)ha, na);
    DS_FUZZ_CHECK(memcmp(a, b, na) == 0, "cached and uncached bytes differ at 0x%llx",
                  (unsigned long long)addr);
    if (FAILED(ha))
        ds_fuzz_check_error_text(t);
}

/* WriteVirtual on a writable copy, then both read paths must show the
   same bytes there (the cache stays coherent). */
static void ds_fuzz_write(ds_target *t, uint64_t addr, uint32_t size, uint8_t fill)
{
    uint8_t w[256], a[256], b[256];
    if (size > sizeof w)
        size = sizeof w;
    memset(w, fill, size);
    uint32_t nw = 0, na = 0, nb = 0;
    /* Cache the lines first, so that the write has something to update. */
    ds_read_virtual(t, addr, a, size, &na);
    HRESULT hw = ds_write_virtual(t, addr, w, size, &nw);
    DS_FUZZ_CHECK(nw <= size && (FAILED(hw) ? nw == 0 : (nw > 0 || size == 0)),
                  "write at 0x%llx: HRESULT 0x%x with %u bytes", (unsigned long long)addr,
                  (unsigned)hw, nw);
    if (FAILED(hw)) {
        ds_fuzz_check_error_text(t);
        return;
    }
    HRESULT ha = ds_read_virtual(t, addr, a, nw, &na);
    HRESULT hb = ds_read_virtual_uncached(t, addr, b, nw, &nb);
    DS_FUZZ_CHECK(SUCCEEDED(ha) && SUCCEEDED(hb) && na == nw && nb == nw,
                  "bytes written at 0x%llx (%u) cannot be read back: 0x%x/%u 0x%x/%u",
                  (unsigned long long)addr, nw, (unsigned)ha, na, (unsigned)hb, nb);
    DS_FUZZ_CHECK(memcmp(a, b, nw) == 0, "cache incoherent after a write at 0x%llx",
                  (unsigned long long)addr);
    if (DS_FUZZ_HAVE_POINTERS) {
        static const uint8_t pattern[] = { 0x11, 0x22, 0x33 };
        uint32_t filled = 0;
        HRESULT hf = ds_fill_virtual(t, addr, size, pattern, sizeof pattern, &filled);
        DS_FUZZ_CHECK(filled <= size, "fill of %u claims %u bytes", size, filled);
        if (SUCCEEDED(hf) && filled) {
            ha = ds_read_virtual(t, addr, a, filled, &na);
            hb = ds_read_virtual_uncached(t, addr, b, filled, &nb);
            DS_FUZZ_CHECK(SUCCEEDED(ha) && SUCCEEDED(hb) && na == nb && !memcmp(a, b, na),
                          "cache incoherent after a fill at 0x%llx", (unsigned long long)addr);
        }
    }
}

/* The newer methods, where present, at one address. */
static void ds_fuzz_methods_at(ds_target *t, uint64_t addr, uint64_t len, const uint8_t *pat,
                               uint32_t patlen)
{
    addr = ds_fuzz_canon(t, addr);
    if (DS_FUZZ_HAVE_SEARCH) {
        uint64_t match = 0;
        HRESULT hr = ds_search_virtual(t, addr, len, pat, patlen, 1, &match);
        match = ds_fuzz_canon(t, match);
        if (hr == S_OK)
            DS_FUZZ_CHECK(match >= addr && match - addr < len, "search match 0x%llx outside "
                          "0x%llx+0x%llx", (unsigned long long)match,
                          (unsigned long long)addr, (unsigned long long)len);
        else if (FAILED(hr))
            ds_fuzz_check_error_text(t);
    }
    if (DS_FUZZ_HAVE_SEARCH) {
        uint64_t match = 0;
        ds_search_virtual2(t, addr, len, 1 /* DEBUG_VSEARCH_WRITABLE_ONLY */, pat, patlen,
                           patlen > 1 ? 2 : 1, &match);
    }
    if (DS_FUZZ_HAVE_STRINGS) {
        char s[300];
        uint32_t n = 0;
        HRESULT hr = ds_read_multi_byte_string_virtual(t, addr, 4096, s, sizeof s, &n);
        if (SUCCEEDED(hr))
            DS_FUZZ_CHECK(memchr(s, 0, sizeof s) != NULL, "string read left no NUL");
    }
    if (DS_FUZZ_HAVE_STRINGS) {
        WCHAR w[150];
        uint32_t n = 0;
        HRESULT hr = ds_read_unicode_string_virtual_wide(t, addr, 4096, w,
                                                         sizeof w / sizeof w[0], &n);
        if (SUCCEEDED(hr)) {
            bool nul = false;
            for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
                nul |= w[i] == 0;
            DS_FUZZ_CHECK(nul, "wide string read left no NUL");
        }
        /* The converting forms: UTF-8 (65001) and a Windows code page. */
        char m[100];
        ds_read_unicode_string_virtual(t, addr, 2048, 65001, m, sizeof m, &n);
        ds_read_multi_byte_string_virtual_wide(t, addr, 2048, 65001, w, sizeof w / sizeof w[0],
                                               &n);
        ds_read_multi_byte_string_virtual_wide(t, addr, 2048, 1252, w, 7, &n);
    }
    if (DS_FUZZ_HAVE_REGIONS) {
        uint64_t vb = 0;
        uint32_t vs = 0;
        uint32_t size = len > 0x7fffffff ? 0x7fffffff : (uint32_t)len;
        HRESULT hr = ds_get_valid_region_virtual(t, addr, size, &vb, &vs);
        vb = ds_fuzz_canon(t, vb);
        if (hr == S_OK && vs) {
            DS_FUZZ_CHECK(vb >= addr && vb - addr < size, "valid region 0x%llx outside "
                          "0x%llx+0x%x", (unsigned long long)vb, (unsigned long long)addr, size);
            ds_fuzz_read(t, vb, 16);
        }
    }
    if (DS_FUZZ_HAVE_REGIONS) {
        uint64_t next = 0;
        HRESULT hr = ds_get_next_differently_valid_offset_virtual(t, addr, &next);
        next = ds_fuzz_canon(t, next);
        uint32_t source = 0, need = 0;
        ds_get_offset_information(t, 0 /* DEBUG_DATA_SPACE_VIRTUAL */,
                                  1 /* DEBUG_OFFSINFO_VIRTUAL_SOURCE */, addr, &source,
                                  sizeof source, &need);
        if (hr == S_OK)
            DS_FUZZ_CHECK(next > addr, "next differently valid offset 0x%llx is not above "
                          "0x%llx", (unsigned long long)next, (unsigned long long)addr);
    }
    if (DS_FUZZ_HAVE_POINTERS) {
        uint64_t p[8];
        ds_read_pointers_virtual(t, 8, addr, p);
    }
}

/* QueryVirtual from 0 up, as `!address` does: every answer must contain
   the address asked about (a region or a MEM_FREE gap) and the walk must
   move up. Reads at each region's start and end. */
static void ds_fuzz_walk(ds_target *t, bool writable, int max_regions)
{
    uint64_t addr = 0;
    for (int i = 0; i < max_regions; i++) {
        MEMORY_BASIC_INFORMATION64 mbi;
        memset(&mbi, 0xcc, sizeof mbi);
        HRESULT hr = ds_query_virtual(t, addr, &mbi);
        if (FAILED(hr)) {
            ds_fuzz_check_error_text(t);
            return;
        }
        /* The address the target means: 4-byte targets fold sign-extended
           addresses (0xFFFFFFFF8xxxxxxx) to 32 bits, as dbgeng does, and
           hand them out sign-extended (BaseAddress too). */
        uint64_t base = ds_fuzz_canon(t, mbi.BaseAddress), size = mbi.RegionSize;
        uint64_t asked = addr;
        addr = ds_fuzz_canon(t, addr);
        DS_FUZZ_CHECK(size > 0, "QueryVirtual(0x%llx): region of size 0",
                      (unsigned long long)addr);
        DS_FUZZ_CHECK(size - 1 <= UINT64_MAX - base,
                      "QueryVirtual(0x%llx) answers 0x%llx+0x%llx, past 2^64",
                      (unsigned long long)asked, (unsigned long long)base,
                      (unsigned long long)size);
        DS_FUZZ_CHECK(base <= addr && addr - base < size,
                      "QueryVirtual(0x%llx) answers 0x%llx+0x%llx, which does not hold it",
                      (unsigned long long)asked, (unsigned long long)base,
                      (unsigned long long)size);
        if (mbi.State != MEM_FREE && max_regions < DS_FUZZ_MAX_REGIONS) {
            /* After the writes: no cached line may hold stale bytes. */
            ds_fuzz_read(t, base, 16);
            ds_fuzz_read(t, base + size / 2, 24);
        } else if (mbi.State != MEM_FREE) {
            ds_fuzz_read(t, base, 16);
            ds_fuzz_read(t, base + size - 1, 2);  /* across the end */
            if (i < 32)
                ds_fuzz_read(t, base + size - (size < 4096 ? size : 4096), 4096);
            if (i < 2) {
                ds_fuzz_read(t, base, DS_FUZZ_BIG_READ);
                static const uint8_t pat[] = { 0x7f, 'E', 'L', 'F' };
                ds_fuzz_methods_at(t, base, size, pat, sizeof pat);
            }
            if (writable && i < 8)
                ds_fuzz_write(t, base + size / 2, 24, (uint8_t)i);
        }
        if (base + size <= addr || base + size == 0)
            return;  /* the top of the address space */
        addr = base + size;
    }
}

static void ds_fuzz_facts(ds_target *t)
{
    (void)ds_pointer_size(t);
    (void)ds_machine(t);
    (void)ds_page_size(t);
    (void)ds_process_id(t);
    DS_FUZZ_CHECK(ds_target_kind(t) != NULL, "no target kind");
    uint32_t n = 0;
    if (SUCCEEDED(ds_get_number_threads(t, &n)) && n) {
        uint32_t *ids = malloc((size_t)n * sizeof *ids);
        if (ids) {
            DS_FUZZ_CHECK(ds_get_thread_ids(t, 0, n, ids) == S_OK, "thread ids 0..%u refused",
                          n);
            /* Each thread's CONTEXT (a minidump's record copied or
               converted, a core's register notes): a buffer of exactly
               the machine's size, so ASan sees any write past it. */
            uint32_t size = ds_thread_context_size(t);
            uint8_t *ctx = size ? malloc(size) : NULL;
            for (uint32_t i = 0; ctx && i < n && i < 8; i++)
                (void)ds_get_thread_context(t, ids[i], ctx, size);
            free(ctx);
            DS_FUZZ_CHECK(ds_get_thread_ids(t, n, 1, ids) == E_INVALIDARG,
                          "thread id past the end accepted");
            free(ids);
        }
    }
    if (SUCCEEDED(ds_get_number_modules(t, &n))) {
        for (uint32_t i = 0; i < n && i < 64; i++) {
            uint64_t base = 0, size = 0;
            char name[24];
            uint32_t need = 0;
            HRESULT hr = ds_get_module(t, i, &base, &size, name, sizeof name, &need);
            DS_FUZZ_CHECK(SUCCEEDED(hr) && need > 0 && memchr(name, 0, sizeof name),
                          "module %u: 0x%x", i, (unsigned)hr);
            ds_get_module(t, i, NULL, NULL, NULL, 0, &need);
            ds_fuzz_read(t, base, 64);
            if (DS_FUZZ_HAVE_NTHEADERS) {
                IMAGE_NT_HEADERS64 nt;
                ds_read_image_nt_headers(t, base, &nt);
            }
            if (size)
                ds_fuzz_read(t, base + size - 1, 8);
        }
        DS_FUZZ_CHECK(ds_get_module(t, n, NULL, NULL, NULL, 0, NULL) == E_INVALIDARG,
                      "module past the end accepted");
    }
    if (DS_FUZZ_HAVE_HANDLES) {
        uint8_t buf[64];
        uint32_t need = 0;
        for (uint32_t type = 0; type < 10; type++)
            ds_read_handle_data(t, type == 0 ? 0 : 4 * type, type, buf, sizeof buf, &need);
    }
}

/* Everything a user might do with an open dump. */
static void ds_fuzz_exercise(ds_target *t, const struct ds_fuzz_input *in, bool writable)
{
    /* A small cache for half of the inputs, so that eviction runs too. */
    bool cache = in->size && (in->data[in->size - 1] & 1);
    if (cache)
        DS_FUZZ_CHECK(ds_cache_set_size(t, 8 * 4096) == S_OK, "cache refused");
    ds_fuzz_facts(t);
    ds_fuzz_walk(t, writable, DS_FUZZ_MAX_REGIONS);
    if (writable)
        ds_fuzz_walk(t, false, 16);
    /* Addresses the input names: a dump's pointers point into itself. */
    for (size_t i = 0; i < DS_FUZZ_MAX_PROBES; i++) {
        size_t w = (i * 37) % (in->size / 8 + 1);
        uint64_t addr = ds_fuzz_word(in, w);
        ds_fuzz_read(t, addr, 1 + (uint32_t)(ds_fuzz_word(in, w + 1) & 0x1fff));
        if (i < 2)
            ds_fuzz_methods_at(t, addr, 0x10000, in->data + (in->size > 16 ? 8 : 0),
                               in->size > 16 ? 3 : 1);
    }
    ds_fuzz_read(t, UINT64_MAX - 7, 16);  /* the top of the address space */
    if (DS_FUZZ_HAVE_SEARCH && in->size % 4 == 0) {
        /* `s 0 L?ffffffffffffffff`: the whole space, walked by region.
           (For a quarter of the inputs: a scan of every byte costs more
           than all the rest together.) */
        uint64_t match;
        static const uint8_t never[] = { 0xd5, 0x3a, 0x9e, 0x01, 0x77, 0xc2 };
        ds_search_virtual(t, 0, UINT64_MAX, never, sizeof never, 1, &match);
    }
    if (cache) {
        DS_FUZZ_CHECK(t->cache.used <= t->cache.nlines, "cache grew past its size");
        ds_cache_flush(t);
    }
}

/* Open an ELF core from the input and exercise it. libelf's elf_memory
   wants a char *, and writes land in the map with DS_OPEN_WRITABLE_COPY,
   so the target gets a private copy that outlives it. */
static int ds_fuzz_one(const uint8_t *data, size_t size, bool elf)
{
    static bool once, verbose;
    if (!once) {
        unsetenv("DS_IMAGE_PATH");
        verbose = getenv("DS_FUZZ_VERBOSE") != NULL;
        once = true;
    }
    if (size == 0)
        return 0;
    uint8_t *copy = malloc(size);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    bool writable = size > 8 && (data[size / 2] & 1);
    unsigned flags = DS_OPEN_BORROWED_MAP | (writable ? DS_OPEN_WRITABLE_COPY : 0);
    ds_target *t = NULL;
    HRESULT hr = elf ? ds_elfcore_open(NULL, copy, size, flags, &t)
                     : ds_minidump_open(NULL, copy, size, flags, &t);
    if (verbose)
        fprintf(stderr, "open %zu bytes: 0x%08x %s\n", size, (unsigned)hr,
                FAILED(hr) ? ds_error_text(NULL) : ds_target_kind(t));
    if (FAILED(hr)) {
        DS_FUZZ_CHECK(t == NULL, "a failed open returned a target");
        const char *e = ds_error_text(NULL);
        DS_FUZZ_CHECK(e && e[0], "a failed open left no sentence");
    } else {
        DS_FUZZ_CHECK(t != NULL, "open succeeded without a target");
        struct ds_fuzz_input in = { data, size };
        if (elf)
            ds_set_image_path(t, "/nonexistent/ds-fuzz-images");
        ds_fuzz_exercise(t, &in, writable);
        ds_close(t);
    }
    free(copy);
    return 0;
}

static inline int ds_fuzz_minidump(const uint8_t *data, size_t size)
{
    return ds_fuzz_one(data, size, false);
}

static inline int ds_fuzz_elfcore(const uint8_t *data, size_t size)
{
    return ds_fuzz_one(data, size, true);
}

#endif /* DS_FUZZ_HARNESS_H */
