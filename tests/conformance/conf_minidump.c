/*
 * conf_minidump.c — conformance: the minidump backend against the
 * third-party corpus (DS_TESTDATA/minidump/X.dmp and X.dmp.truth.txt,
 * the truth written by an independent reader and cross-checked with LLDB
 * and Breakpad; see PROVENANCE.md beside them), and mutated copies of it
 * (truncations, field flips) that must never crash. `make conformance`
 * runs it; `make check` covers the same ground with dumps it builds
 * (tests/test_minidump.c).
 */
#include "testlib.h"
#include "minidump_checks.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/minidump_internal.h"
#include "target.h"

#define E_READ_FAULT ((HRESULT)0x8007001E)
#define E_WRITE_FAULT ((HRESULT)0x8007001D)

/* ---- the truth files --------------------------------------------------------- */

struct truth_range {
    uint64_t start, size, rva, present;
};

struct truth_meminfo {
    uint64_t base, size, alloc_base;
    uint32_t alloc_protect, state, protect, type;
};

struct truth_module {
    uint64_t base, size;
    char *name;
    bool damaged;  /* the truth marks its declared length as absurd */
};

struct truth_read {
    uint64_t addr;
    uint8_t bytes[16];
    int known;  /* bytes before the first "??" */
};

struct truth {
    bool has_system_info, has_linux_maps;
    uint32_t arch;
    struct truth_range *ranges;
    size_t nranges;
    struct truth_meminfo *meminfo;
    size_t nmeminfo;
    struct truth_module *modules;
    size_t nmodules;
    uint32_t *threads;
    size_t nthreads;
    struct truth_read *reads;
    size_t nreads;
};

#define PUSH(arr, n, value)                                             \
    do {                                                                \
        (arr) = realloc((arr), ((n) + 1) * sizeof *(arr));              \
        assert_non_null(arr);                                           \
        (arr)[(n)++] = (value);                                         \
    } while (0)

/* Module names in the truth escape what is not printable as \uXXXX. */
static char *decode_name(const char *s)
{
    char *out = malloc(strlen(s) * 3 + 1), *o = out;
    assert_non_null(out);
    while (*s) {
        unsigned cp;
        if (s[0] == '\\' && s[1] == 'u' && isxdigit((unsigned char)s[2]) &&
            isxdigit((unsigned char)s[3]) && isxdigit((unsigned char)s[4]) &&
            isxdigit((unsigned char)s[5]) && sscanf(s + 2, "%4x", &cp) == 1) {
            if (cp < 0x80) {
                *o++ = (char)cp;
            } else if (cp < 0x800) {
                *o++ = (char)(0xc0 | cp >> 6);
                *o++ = (char)(0x80 | (cp & 0x3f));
            } else {
                *o++ = (char)(0xe0 | cp >> 12);
                *o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
                *o++ = (char)(0x80 | (cp & 0x3f));
            }
            s += 6;
        } else {
            *o++ = *s++;
        }
    }
    *o = '\0';
    return out;
}

static bool parse_bytes_line(const char *line, struct truth_read *r)
{
    unsigned long long addr;
    int used;
    if (sscanf(line, " 0x%llx:%n", &addr, &used) != 1)
        return false;
    memset(r, 0, sizeof *r);
    r->addr = addr;
    r->known = -1;
    const char *p = line + used;
    for (int i = 0; i < 16; i++) {
        while (*p == ' ')
            p++;
        if (p[0] == '?' && p[1] == '?') {
            if (r->known < 0)
                r->known = i;
        } else {
            unsigned v;
            if (sscanf(p, "%2x", &v) != 1)
                return false;
            r->bytes[i] = (uint8_t)v;
        }
        p += 2;
    }
    if (r->known < 0)
        r->known = 16;
    return true;
}

static void parse_line(struct truth *t, const char *section, const char *line)
{
    unsigned long long a, b, c, d, e;
    unsigned w, x, y, z;
    int n;
    if (strcmp(section, "streams") == 0) {
        if (sscanf(line, " %*u type=0x%x", &w) == 1 && w == 0x47670009)
            t->has_linux_maps = true;
    } else if (strcmp(section, "system_info") == 0) {
        if (sscanf(line, " processor_architecture=%u", &w) == 1) {
            t->has_system_info = true;
            t->arch = w;
        }
    } else if (strcmp(section, "memory_list") == 0 || strcmp(section, "memory64_list") == 0) {
        n = sscanf(line, " %*u start=0x%llx size=0x%llx end=0x%llx rva=0x%llx IN_FILE=0x%llx", &a,
                   &b, &c, &d, &e);
        if (n >= 4) {
            struct truth_range r = { a, b, d, n == 5 ? e : b };
            PUSH(t->ranges, t->nranges, r);
        }
    } else if (strcmp(section, "memory_info_list") == 0) {
        if (sscanf(line, " base=0x%llx size=0x%llx alloc_base=0x%llx alloc_protect=0x%x "
                         "state=0x%x protect=0x%x type=0x%x", &a, &b, &c, &w, &x, &y, &z) == 7) {
            struct truth_meminfo m = { a, b, c, w, x, y, z };
            PUSH(t->meminfo, t->nmeminfo, m);
        }
    } else if (strcmp(section, "modules") == 0) {
        const char *name = strstr(line, " name=");
        if (sscanf(line, " base=0x%llx size=0x%llx", &a, &b) == 2 && name) {
            struct truth_module m = { a, b, decode_name(name + 6), false };
            m.damaged = strstr(name, "<declared length") != NULL;
            PUSH(t->modules, t->nmodules, m);
        }
    } else if (strcmp(section, "threads") == 0) {
        if (sscanf(line, " tid=%u", &w) == 1)
            PUSH(t->threads, t->nthreads, w);
    } else if (strcmp(section, "reads") == 0 || strcmp(section, "span_reads") == 0 ||
               strcmp(section, "edge_reads") == 0 || strcmp(section, "known_content") == 0) {
        struct truth_read r;
        if (parse_bytes_line(line, &r))
            PUSH(t->reads, t->nreads, r);
    }
}

static void load_truth(const char *dump_path, struct truth *t)
{
    char path[4400];
    snprintf(path, sizeof path, "%s.truth.txt", dump_path);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    memset(t, 0, sizeof *t);
    char section[64] = "", *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '[') {
            size_t len = strcspn(line + 1, "]");
            snprintf(section, sizeof section, "%.*s", (int)len, line + 1);
            continue;
        }
        parse_line(t, section, line);
    }
    free(line);
    fclose(f);
}

static void free_truth(struct truth *t)
{
    for (size_t i = 0; i < t->nmodules; i++)
        free(t->modules[i].name);
    free(t->ranges);
    free(t->meminfo);
    free(t->modules);
    free(t->threads);
    free(t->reads);
}

/* ---- helpers ------------------------------------------------------------------- */

/* A file of the corpus, whole (malloc'd). */
static uint8_t *load_file(const char *path, size_t *size)
{
    uint8_t *p = read_whole_file(path, size);
    assert_non_null(p);
    return p;
}

/* Path of a corpus dump; the corpus is what this program tests, so a
   missing one fails it. */
static const char *dump_path(const char *name)
{
    char rel[512];
    snprintf(rel, sizeof rel, "minidump/%s", name);
    const char *p = testdata_dir() ? testdata_path(rel) : NULL;
    if (!p || access(p, R_OK) != 0)
        fail_msg("%s is not there: set DS_TESTDATA to the corpus (../shared/testdata)",
                 p ? p : rel);
    return p;
}

struct expectation {
    const char *name;
    bool fails;    /* malformed: opening must fail with a sentence */
    uint32_t pid;  /* MiscInfoStream.ProcessId, or "Pid:" of LinuxProcStatus */
};

static const struct expectation dumps[] = {
    { "breakpad-linux_null_read_av.dmp", false, 11506 },
    { "breakpad-minidump2.dmp", false, 3932 },
    { "breakpad-minidump_crashpad_annotation.dmp", false, 54806 },
    { "breakpad-stack_exhaustion.dmp", false, 5416 },
    { "breakpad-thread_name_list.dmp", false, 6040 },
    { "breakpad-tiny-exe-with-cet-xsave.dmp", false, 15444 },
    { "lldb-fizzbuzz_no_heap.dmp", false, 4440 },
    { "lldb-linux-x86_64.dmp", false, 29917 },
    { "lldb-regions-memlist64.dmp", false, 123 },
    { "node-minidump-windows.dmp", false, 10148 },
    { "radare2-trunc_memory64.dmp", true, 0 },
    { "rizin-fuzzed-crash-71087187-win7-x64-fullmem-truncated.dmp", false, 5584 },
    { "rust-minidump-invalid-range.dmp", true, 0 },
    { "rust-minidump-linux-mini.dmp", false, 1304 },
    { "rust-minidump-simple-crashpad.dmp", false, 56685 },
    { "sentry-native-minidump.dmp", false, 33180 },
    { "symbolic-crash_macos.dmp", false, 38786 },
    { "wine8-x64-fullmem.dmp", false, 256 },
    { "wine8-x64-normal.dmp", false, 296 },
};

/* ---- checks of one shared dump against its truth ------------------------------- */

static void check_machine(ds_target *t, const struct truth *tr)
{
    if (!tr->has_system_info)
        return;
    static const struct { uint32_t arch, machine, pointer_size; } map[] = {
        { 0, IMAGE_FILE_MACHINE_I386, 4 },   { 9, IMAGE_FILE_MACHINE_AMD64, 8 },
        { 5, IMAGE_FILE_MACHINE_ARMNT, 4 },  { 12, IMAGE_FILE_MACHINE_ARM64, 8 },
        { 0x8003, IMAGE_FILE_MACHINE_ARM64, 8 },
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].arch == tr->arch) {
            assert_int_equal(ds_machine(t), map[i].machine);
            assert_int_equal(ds_pointer_size(t), map[i].pointer_size);
            return;
        }
    fail_msg("truth names architecture %u, which this test does not know", tr->arch);
}

static void check_modules_and_threads(ds_target *t, const struct truth *tr)
{
    uint32_t n;
    assert_hr(S_OK, ds_get_number_modules(t, &n), t);
    assert_int_equal(n, tr->nmodules);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t base, size;
        char name[8192];
        assert_hr(S_OK, ds_get_module(t, i, &base, &size, name, sizeof name, NULL), t);
        assert_int_equal(base, tr->modules[i].base);
        assert_int_equal(size, tr->modules[i].size);
        /* A name whose declared length is absurd is not kept. */
        assert_string_equal(name, tr->modules[i].damaged ? "" : tr->modules[i].name);
    }
    assert_hr(S_OK, ds_get_number_threads(t, &n), t);
    assert_int_equal(n, tr->nthreads);
    uint32_t *ids = calloc(n + 1, sizeof *ids);
    assert_non_null(ids);
    assert_hr(S_OK, ds_get_thread_ids(t, 0, n, ids), t);
    for (uint32_t i = 0; i < n; i++)
        assert_int_equal(ids[i], tr->threads[i]);
    free(ids);
}

/* Every byte a range has in the file reads back as the file holds it; the
   first byte it lacks (cut by the end of the file) does not read. */
static void check_ranges(ds_target *t, const struct truth *tr, const uint8_t *file,
                         size_t file_size)
{
    enum { CHUNK = 1 << 20 };
    uint8_t *buf = malloc(CHUNK);
    assert_non_null(buf);
    uint64_t present_total = 0;
    for (size_t i = 0; i < tr->nranges; i++) {
        const struct truth_range *r = &tr->ranges[i];
        present_total += r->present;
        for (uint64_t done = 0; done < r->present;) {
            uint32_t want = r->present - done < CHUNK ? (uint32_t)(r->present - done) : CHUNK;
            uint32_t got = 0;
            assert_hr(S_OK, ds_read_virtual_uncached(t, r->start + done, buf, want, &got), t);
            assert_int_equal(got, want);
            assert_true(r->rva + done + want <= file_size);
            assert_memory_equal(buf, file + r->rva + done, want);
            done += want;
        }
        if (r->present < r->size) {
            uint32_t got = 1;
            assert_hr(E_READ_FAULT, ds_read_virtual(t, r->start + r->present, buf, 16, &got), t);
            assert_int_equal(got, 0);
            assert_non_null(strstr(ds_error_text(t), "end of the file"));
        }
    }
    /* next_readable walks exactly the bytes present (the truth's ranges
       never overlap). */
    check_readable_walk(t, tr->nranges, present_total);
    free(buf);
}

static void check_reads(ds_target *t, const struct truth *tr)
{
    for (size_t i = 0; i < tr->nreads; i++) {
        const struct truth_read *r = &tr->reads[i];
        uint8_t buf[16];
        uint32_t got = 99;
        HRESULT hr = ds_read_virtual(t, r->addr, buf, sizeof buf, &got);
        if (r->known == 0) {
            assert_hr(E_READ_FAULT, hr, t);
            assert_int_equal(got, 0);
            continue;
        }
        assert_hr(S_OK, hr, t);
        assert_int_equal(got, (uint32_t)r->known);
        assert_memory_equal(buf, r->bytes, (size_t)r->known);
    }
}

/* An address as the caller must receive it: a 4-byte target's addresses
   at or above 2 GiB sign-extended, below it zero-extended (dbgeng hands
   out every 32-bit address so; issue 15). Written out here, not taken from
   the library, so that the check does not follow the code it checks. */
static uint64_t as_caller(ds_target *t, uint64_t addr)
{
    if (ds_pointer_size(t) != 4)
        return addr;
    addr &= 0xFFFFFFFFull;
    return addr >= 0x80000000ull ? addr | 0xFFFFFFFF00000000ull : addr;
}

/* Where a region ends, in 32 bits on a 4-byte target: an end is a sum
   (BaseAddress + RegionSize), not an address the API hands out, so it may
   carry out of the sign-extended form (a region ending at 2^32). */
static uint64_t end_bits(ds_target *t, uint64_t end)
{
    return ds_pointer_size(t) == 4 ? end & 0xFFFFFFFFull : end;
}

/* The answer at addr is entry m: the region holding addr and ending where
   m ends, with m's attributes. (Whether BaseAddress is m's start or the
   page of addr, as VirtualQuery answers, the end is the same.) At m's
   own base the answer is m exactly. */
static void expect_entry(ds_target *t, const struct truth_meminfo *m, uint64_t addr)
{
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, addr, &mbi), t);
    uint64_t base = mbi.BaseAddress, at = as_caller(t, addr);
    assert_true(base <= at && at - base < mbi.RegionSize);
    assert_int_equal(end_bits(t, base + mbi.RegionSize), end_bits(t, m->base + m->size));
    if (addr == m->base)
        assert_int_equal(base, as_caller(t, m->base));
    assert_int_equal(mbi.AllocationBase, as_caller(t, m->alloc_base));
    assert_int_equal(mbi.AllocationProtect, m->alloc_protect);
    assert_int_equal(mbi.State, m->state);
    assert_int_equal(mbi.Protect, m->protect);
    assert_int_equal(mbi.Type, m->type);
}

/* QueryVirtual gives back each MemoryInfoList entry, free ones included
   (as gaps, or as themselves at the very top). */
static void check_memory_info(ds_target *t, const struct truth *tr)
{
    for (size_t i = 0; i < tr->nmeminfo; i++) {
        const struct truth_meminfo *m = &tr->meminfo[i];
        expect_entry(t, m, m->base);
        expect_entry(t, m, m->base + m->size - 1);
        expect_entry(t, m, m->base + m->size / 2);
    }
}

/* Without MemoryInfoList: every range lies in a committed region; on a
   Windows dump a range inside a module is in that module's MEM_IMAGE span. */
static void check_derived_query(ds_target *t, const struct truth *tr)
{
    for (size_t i = 0; i < tr->nranges; i++) {
        const struct truth_range *r = &tr->ranges[i];
        MEMORY_BASIC_INFORMATION64 mbi;
        assert_hr(S_OK, ds_query_virtual(t, r->start, &mbi), t);
        uint64_t base = mbi.BaseAddress, at = as_caller(t, r->start);
        assert_true(base <= at && at - base < mbi.RegionSize);
        assert_int_equal(mbi.State, MEM_COMMIT);
        if (tr->has_linux_maps)
            continue;
        const struct truth_module *in = NULL;
        for (size_t k = 0; k < tr->nmodules && !in; k++)
            if (r->start - tr->modules[k].base < tr->modules[k].size)
                in = &tr->modules[k];
        assert_int_equal(mbi.Type, in ? MEM_IMAGE : MEM_PRIVATE);
        assert_int_equal(mbi.Protect, in ? PAGE_EXECUTE_READ : PAGE_READWRITE);
        if (in) {
            assert_int_equal(mbi.AllocationBase, as_caller(t, in->base));
            assert_int_equal(end_bits(t, base + mbi.RegionSize), end_bits(t, in->base + in->size));
        }
    }
}

static void check_dump(void **state)
{
    const struct expectation *e = *state;
    const char *path = dump_path(e->name);
    char saved[4200];
    snprintf(saved, sizeof saved, "%s", path);
    ds_target *t = NULL;
    HRESULT hr = ds_open_dump(saved, 0, &t);
    if (e->fails) {
        assert_true(FAILED(hr));
        assert_null(t);
        /* The sentence names the file and says what is wrong with it. */
        assert_non_null(strstr(ds_error_text(NULL), e->name));
        print_message("%s: %s\n", e->name, ds_error_text(NULL));
        return;
    }
    assert_hr(S_OK, hr, NULL);
    assert_string_equal(ds_target_kind(t), "minidump");
    struct truth tr;
    load_truth(saved, &tr);
    size_t file_size;
    uint8_t *file = load_file(saved, &file_size);

    check_machine(t, &tr);
    check_modules_and_threads(t, &tr);
    check_ranges(t, &tr, file, file_size);
    check_reads(t, &tr);
    if (tr.nmeminfo) {
        assert_int_equal(t->default_vsource, DEBUG_VSOURCE_DEBUGGEE);
        check_memory_info(t, &tr);
    } else {
        assert_int_equal(t->default_vsource, DEBUG_VSOURCE_DUMP_WITHOUT_MEMINFO);
        check_derived_query(t, &tr);
    }
    assert_int_equal(ds_process_id(t), e->pid);

    /* Dumps are read-only unless opened as a writable copy. */
    if (tr.nranges)
        check_write_refused(t, tr.ranges[0].start);
    if (ds_open_notes(t)[0])
        print_message("%s: notes: %s\n", e->name, ds_open_notes(t));
    free(file);
    free_truth(&tr);
    ds_close(t);
}

/* ---- particular shared dumps ----------------------------------------------------- */

static void test_wine_normal_lacks_the_buffer(void **state)
{
    (void)state;
    const char *path = dump_path("wine8-x64-normal.dmp");
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    /* The program's 128 KiB buffer is not in a MiniDumpNormal dump. */
    uint8_t buf[64];
    uint32_t got = 5;
    assert_hr(E_READ_FAULT, ds_read_virtual(t, 0x20000000, buf, sizeof buf, &got), t);
    assert_int_equal(got, 0);
    assert_non_null(strstr(ds_error_text(t), "0x20000000"));
    assert_non_null(strstr(ds_error_text(t), "no memory range"));
    /* One read across 1480 joins: 0x170082000.. is a stretch of touching ranges. */
    uint64_t start, size;
    assert_hr(S_OK, t->ops->next_readable(t, 0x170082098, &start, &size), t);
    assert_int_equal(start, 0x170082098);
    ds_close(t);
}

static void test_wine_fullmem_known_region(void **state)
{
    (void)state;
    const char *path = dump_path("wine8-x64-fullmem.dmp");
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    /* The program's buffer: a marker, then byte i = (i*7 + (i >> 8)) & 0xff. */
    check_marker_region(t);
    /* The thread's Stack descriptor has Rva 0: its bytes come from the
       Memory64 list. */
    uint8_t buf[0x270];
    uint32_t got = 0;
    assert_hr(S_OK, ds_read_virtual(t, 0x11fd90, buf, 0x270, &got), t);
    assert_int_equal(got, 0x270);
    /* Full memory holds the PE headers of every module (ReadImageNtHeaders
       reads them). */
    check_module_pe_headers(t);
    ds_close(t);
}

static void test_handle_data(void **state)
{
    (void)state;
    const char *path = dump_path("breakpad-tiny-exe-with-cet-xsave.dmp");
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    /* Its HandleDataStream, read off the file by hand. */
    check_cet_dump_handles(t);
    ds_close(t);

    /* A dump without a HandleDataStream. */
    path = dump_path("breakpad-minidump2.dmp");
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    DEBUG_HANDLE_DATA_BASIC basic;
    uint32_t size = 0;
    assert_hr(E_NOTIMPL, t->ops->read_handle_data(t, 4, DEBUG_HANDLE_DATA_TYPE_BASIC, &basic,
                                                  sizeof basic, &size), t);
    ds_close(t);
}

static void test_writable_copy(void **state)
{
    (void)state;
    const char *found = dump_path("wine8-x64-normal.dmp");
    char path[4200];
    snprintf(path, sizeof path, "%s", found);
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(path, DS_OPEN_WRITABLE_COPY, &t), NULL);
    /* [span_reads] 0x7b0a6024 crosses two touching ranges. */
    uint8_t before[16], pattern[16], after[16];
    uint32_t n;
    assert_hr(S_OK, ds_read_virtual(t, 0x7b0a6024, before, 16, &n), t);
    for (int i = 0; i < 16; i++)
        pattern[i] = (uint8_t)(0xa0 + i);
    assert_hr(S_OK, ds_write_virtual(t, 0x7b0a6024, pattern, 16, &n), t);
    assert_int_equal(n, 16);
    assert_hr(S_OK, ds_read_virtual_uncached(t, 0x7b0a6024, after, 16, &n), t);
    assert_memory_equal(after, pattern, 16);
    /* Nothing is written where the dump holds no byte. */
    assert_hr(E_WRITE_FAULT, ds_write_virtual(t, 0x20000000, pattern, 16, &n), t);
    assert_int_equal(n, 0);
    ds_close(t);
    /* The file itself never changes. */
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    assert_hr(S_OK, ds_read_virtual(t, 0x7b0a6024, after, 16, &n), t);
    assert_memory_equal(after, before, 16);
    ds_close(t);
}

/* ---- mutated copies ---------------------------------------------------------------- */

static const char *const mutation_dumps[] = {
    "breakpad-minidump2.dmp", "lldb-fizzbuzz_no_heap.dmp", "lldb-regions-memlist64.dmp",
    "breakpad-linux_null_read_av.dmp", "symbolic-crash_macos.dmp",
    "breakpad-tiny-exe-with-cet-xsave.dmp", "wine8-x64-normal.dmp", "sentry-native-minidump.dmp",
    "rizin-fuzzed-crash-71087187-win7-x64-fullmem-truncated.dmp",
};

static void test_truncations(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof mutation_dumps / sizeof mutation_dumps[0]; k++) {
        size_t size;
        uint8_t *data = load_file(dump_path(mutation_dumps[k]), &size);
        check_minidump_truncations(data, size);
        free(data);
    }
}

static void test_field_flips(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof mutation_dumps / sizeof mutation_dumps[0]; k++) {
        size_t size;
        uint8_t *data = load_file(dump_path(mutation_dumps[k]), &size);
        check_minidump_field_flips(data, size);
        free(data);
    }
}

int main(void)
{
    if (!testdata_required("conf_minidump"))
        return 1;
    struct CMUnitTest tests[64];
    size_t n = 0;
    for (size_t i = 0; i < sizeof dumps / sizeof dumps[0]; i++) {
        struct CMUnitTest u = cmocka_unit_test_prestate(check_dump, (void *)&dumps[i]);
        u.name = dumps[i].name;
        tests[n++] = u;
    }
    const struct CMUnitTest more[] = {
        cmocka_unit_test(test_wine_normal_lacks_the_buffer),
        cmocka_unit_test(test_wine_fullmem_known_region),
        cmocka_unit_test(test_handle_data),
        cmocka_unit_test(test_writable_copy),
        cmocka_unit_test(test_truncations),
        cmocka_unit_test(test_field_flips),
    };
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
        tests[n++] = more[i];
    return _cmocka_run_group_tests("conformance: minidump", tests, n, NULL, NULL);
}
