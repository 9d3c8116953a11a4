/*
 * test_minidump.c — the minidump backend over dumps built here, byte by
 * byte (tests/lib/minidump_builder.h): one of each kind met in the wild
 * (the scenes), checked against the truth their model knows; particular
 * cases (a dump without a buffer, full memory, handles, a writable copy);
 * small hand-made files for the quirks and damage a reader must survive;
 * and mutated copies (truncations, field flips) that must never crash.
 * The third-party corpus is tests/conformance/conf_minidump.c.
 */
#include "testlib.h"
#include "minidump_builder.h"
#include "minidump_checks.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/minidump_internal.h"
#include "target.h"

#define E_READ_FAULT ((HRESULT)0x8007001E)
#define E_WRITE_FAULT ((HRESULT)0x8007001D)

/* ---- a scene against its model ------------------------------------------------ */

/* An address as a 4-byte target answers it (32 bits). */
static uint64_t folded(const struct mdb *m, uint64_t addr)
{
    return mdb_pointer_size(m) == 4 ? addr & 0xFFFFFFFFull : addr;
}

static uint32_t expected_pid(const struct mdb *m)
{
    if (m->pid)
        return m->pid;
    const char *p = m->linux_status ? strstr(m->linux_status, "\nPid:") : NULL;
    return p ? (uint32_t)strtoul(p + 5, NULL, 10) : 0;
}

static void check_facts(ds_target *t, const struct mdb *m)
{
    assert_string_equal(ds_target_kind(t), "minidump");
    assert_int_equal(ds_machine(t), mdb_machine(m));
    assert_int_equal(ds_pointer_size(t), mdb_pointer_size(m));
    assert_int_equal(ds_process_id(t), expected_pid(m));
    assert_int_equal(t->default_vsource, m->nmeminfo ? DEBUG_VSOURCE_DEBUGGEE
                                                     : DEBUG_VSOURCE_DUMP_WITHOUT_MEMINFO);
}

static void check_modules_and_threads(ds_target *t, const struct mdb *m)
{
    uint32_t n;
    assert_hr(S_OK, ds_get_number_modules(t, &n), t);
    assert_int_equal(n, m->nmodules);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t base, size;
        char name[512];
        assert_hr(S_OK, ds_get_module(t, i, &base, &size, name, sizeof name, NULL), t);
        assert_int_equal(base, m->modules[i].base);
        assert_int_equal(size, m->modules[i].size);
        assert_string_equal(name, m->modules[i].name ? m->modules[i].name : "");
    }
    assert_hr(S_OK, ds_get_number_threads(t, &n), t);
    assert_int_equal(n, m->nthreads);
    uint32_t ids[MDB_MAX_THREADS + 1];
    if (n)
        assert_hr(S_OK, ds_get_thread_ids(t, 0, n, ids), t);
    for (uint32_t i = 0; i < n; i++)
        assert_int_equal(ids[i], m->threads[i].tid);
}

/* A read of `size` at addr answers what the model says, to the byte. */
static void expect_read(ds_target *t, const struct mdb *m, uint64_t addr, uint32_t size)
{
    uint8_t want[64], got_bytes[64];
    assert_true(size <= sizeof want);
    size_t n = mdb_truth_read(m, addr, want, size);
    uint32_t got = 99;
    HRESULT hr = ds_read_virtual(t, addr, got_bytes, size, &got);
    if (n == 0) {
        assert_hr(E_READ_FAULT, hr, t);
        assert_int_equal(got, 0);
        return;
    }
    assert_hr(S_OK, hr, t);
    assert_int_equal(got, n);
    assert_memory_equal(got_bytes, want, n);
}

/* Every byte a range has in the file reads back as the model holds it;
   the first byte it lacks does not read, and says why; reads across its
   edges stop where the model's bytes stop. */
static void check_ranges(ds_target *t, const struct mdb *m)
{
    uint64_t present_total = 0;
    for (size_t i = 0; i < m->nranges; i++) {
        const struct mdb_range *r = &m->ranges[i];
        uint64_t present = mdb_present(m, r);
        present_total += present;
        if (present) {
            uint8_t *buf = malloc(present);
            assert_non_null(buf);
            uint32_t got = 0;
            assert_hr(S_OK, ds_read_virtual_uncached(t, r->start, buf, (uint32_t)present, &got),
                      t);
            assert_int_equal(got, present);
            assert_memory_equal(buf, r->data, present);
            free(buf);
        }
        if (present < r->size) {
            uint8_t b[16];
            uint32_t got = 1;
            assert_hr(E_READ_FAULT, ds_read_virtual(t, r->start + present, b, 16, &got), t);
            assert_int_equal(got, 0);
            assert_non_null(strstr(ds_error_text(t), "end of the file"));
        }
        /* The last bytes and past them; the byte below the start. */
        expect_read(t, m, r->start + r->size - (r->size < 8 ? r->size : 8), 16);
        expect_read(t, m, r->start - 1, 16);
        if (!mdb_range_at(m, r->start - 1)) {
            uint8_t b[4];
            assert_hr(E_READ_FAULT, ds_read_virtual(t, r->start - 1, b, 4, NULL), t);
            assert_non_null(strstr(ds_error_text(t), "no memory range"));
        }
    }
    /* next_readable walks exactly the bytes present. */
    check_readable_walk(t, m->nranges, present_total);
}

/* The answer at addr lies in the region [base, end) with these
   attributes. Whether BaseAddress is the region's start or the page of
   addr, the region's end is the same. */
static void expect_region(ds_target *t, const struct mdb *m, uint64_t addr, uint64_t end,
                          uint64_t allocation_base, uint32_t state, uint32_t protect,
                          uint32_t type)
{
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, addr, &mbi), t);
    uint64_t base = folded(m, mbi.BaseAddress);
    assert_true(base <= folded(m, addr) && folded(m, addr) - base < mbi.RegionSize);
    assert_int_equal(base + mbi.RegionSize, end);
    assert_int_equal(mbi.State, state);
    assert_int_equal(mbi.Protect, protect);
    if (state != MEM_FREE) {
        assert_int_equal(folded(m, mbi.AllocationBase), allocation_base);
        assert_int_equal(mbi.Type, type);
    }
}

/* QueryVirtual gives back each MemoryInfoList entry, free ones included:
   exactly at its base, and the same region from inside it. */
static void check_memory_info(ds_target *t, const struct mdb *m)
{
    for (size_t i = 0; i < m->nmeminfo; i++) {
        const struct mdb_meminfo *e = &m->meminfo[i];
        MEMORY_BASIC_INFORMATION64 mbi;
        assert_hr(S_OK, ds_query_virtual(t, e->base, &mbi), t);
        assert_int_equal(mbi.BaseAddress, e->base);
        assert_int_equal(mbi.RegionSize, e->size);
        assert_int_equal(mbi.State, e->state);
        assert_int_equal(mbi.Protect, e->protect);
        if (e->state != MEM_FREE) {
            assert_int_equal(mbi.AllocationBase, e->allocation_base);
            assert_int_equal(mbi.AllocationProtect, e->allocation_protect);
            assert_int_equal(mbi.Type, e->type);
        }
        uint64_t end = e->base + e->size;
        expect_region(t, m, e->base + e->size / 2, end, e->allocation_base, e->state,
                      e->protect, e->type);
        expect_region(t, m, end - 1, end, e->allocation_base, e->state, e->protect, e->type);
    }
}

static const struct mdb_module *module_holding(const struct mdb *m, uint64_t addr)
{
    for (size_t k = 0; k < m->nmodules; k++)
        if (addr - m->modules[k].base < m->modules[k].size)
            return &m->modules[k];
    return NULL;
}

/* Without MemoryInfoList: every range lies in a committed region; from
   the modules and ranges alone, a range inside a module is in that
   module's MEM_IMAGE span, the others in MEM_PRIVATE runs. With Linux
   maps, the maps say. */
static void check_derived_regions(ds_target *t, const struct mdb *m)
{
    for (size_t i = 0; i < m->nranges; i++) {
        const struct mdb_range *r = &m->ranges[i];
        MEMORY_BASIC_INFORMATION64 mbi;
        assert_hr(S_OK, ds_query_virtual(t, r->start, &mbi), t);
        uint64_t base = folded(m, mbi.BaseAddress), at = folded(m, r->start);
        assert_true(base <= at && at - base < mbi.RegionSize);
        assert_int_equal(mbi.State, MEM_COMMIT);
        if (m->linux_maps)
            continue;
        const struct mdb_module *in = module_holding(m, r->start);
        if (in) {
            expect_region(t, m, r->start, in->base + in->size, in->base, MEM_COMMIT,
                          PAGE_EXECUTE_READ, MEM_IMAGE);
        } else {
            assert_int_equal(mbi.Type, MEM_PRIVATE);
            assert_int_equal(mbi.Protect, PAGE_READWRITE);
        }
    }
}

/* The first range with bytes in the file refuses a write. */
static void check_first_write_refused(ds_target *t, const struct mdb *m)
{
    for (size_t i = 0; i < m->nranges; i++)
        if (mdb_present(m, &m->ranges[i])) {
            check_write_refused(t, m->ranges[i].start);
            return;
        }
}

static ds_target *open_scene(const struct mdb_scene *s, struct mdb *m, unsigned flags)
{
    s->make(m);
    return s->built ? mdb_open_as_is(m, flags) : mdb_open(m, flags);
}

static void test_scene(void **state)
{
    const struct mdb_scene *s = *state;
    struct mdb m;
    ds_target *t = open_scene(s, &m, 0);
    check_facts(t, &m);
    check_modules_and_threads(t, &m);
    check_ranges(t, &m);
    if (m.nmeminfo)
        check_memory_info(t, &m);
    else
        check_derived_regions(t, &m);
    check_first_write_refused(t, &m);
    if (ds_open_notes(t)[0])
        print_message("%s: notes: %s\n", s->name, ds_open_notes(t));
    ds_close(t);
    mdb_free(&m);
}

/* The same dump over the caller's buffer (no file) answers alike. */
static void test_scene_in_memory(void **state)
{
    (void)state;
    struct mdb m;
    mdb_scene_windows_x64_info(&m);
    mdb_build(&m);
    ds_target *t = b_open(&m.out);
    check_facts(t, &m);
    check_modules_and_threads(t, &m);
    check_ranges(t, &m);
    check_memory_info(t, &m);
    ds_close(t);
    mdb_free(&m);
}

/* Cut short: what lies past the end is refused, with the reason, and the
   damaged module name is noted, not kept; the rest opens. */
static void test_cut_short_notes(void **state)
{
    (void)state;
    struct mdb m;
    mdb_scene_cut_short(&m);
    ds_target *t = mdb_open_as_is(&m, 0);
    assert_non_null(strstr(ds_open_notes(t), "cut by the end of the file"));
    assert_non_null(strstr(ds_open_notes(t), "name of module 1"));
    const struct mdb_range *lost = &m.ranges[8];
    assert_int_equal(mdb_present(&m, lost), 0);
    uint8_t b[8];
    uint32_t got = 3;
    assert_hr(E_READ_FAULT, ds_read_virtual(t, lost->start, b, sizeof b, &got), t);
    assert_int_equal(got, 0);
    assert_non_null(strstr(ds_error_text(t), "cut by the end of the file"));
    ds_close(t);
    mdb_free(&m);
}

/* ---- particular cases --------------------------------------------------------------- */

static void test_normal_lacks_the_buffer(void **state)
{
    (void)state;
    struct mdb m;
    mdb_scene_windows_x64_normal(&m);
    ds_target *t = mdb_open(&m, 0);
    /* The program's buffer is not in a MiniDumpNormal dump. */
    uint8_t buf[64];
    uint32_t got = 5;
    assert_hr(E_READ_FAULT, ds_read_virtual(t, MDB_MARKER_REGION, buf, sizeof buf, &got), t);
    assert_int_equal(got, 0);
    assert_non_null(strstr(ds_error_text(t), "0x20000000"));
    assert_non_null(strstr(ds_error_text(t), "no memory range"));
    /* One read across 1499 joins of touching ranges. */
    const uint64_t run = 0x170082000;
    uint32_t total = 0;
    for (const struct mdb_range *r = mdb_range_at(&m, run); r && r->start == run + total; r++)
        total += r->size;
    assert_true(total > 1500 * 4);
    uint8_t *all = malloc(total + 64), *want = malloc(total + 64);
    assert_non_null(all);
    assert_non_null(want);
    assert_int_equal(mdb_truth_read(&m, run, want, total + 64), total);
    assert_hr(S_OK, ds_read_virtual_uncached(t, run, all, total + 64, &got), t);
    assert_int_equal(got, total);
    assert_memory_equal(all, want, total);
    uint64_t start, size;
    assert_hr(S_OK, t->ops->next_readable(t, run + 0x98, &start, &size), t);
    assert_int_equal(start, run + 0x98);
    free(all);
    free(want);
    ds_close(t);
    mdb_free(&m);
}

static void test_full_memory_known_region(void **state)
{
    (void)state;
    struct mdb m;
    mdb_scene_windows_x64_full(&m);
    ds_target *t = mdb_open(&m, 0);
    check_marker_region(t);
    /* The thread's Stack descriptor has Rva 0: its bytes come from the
       Memory64 list. */
    uint8_t buf[0x270];
    uint32_t got = 0;
    assert_hr(S_OK, ds_read_virtual(t, MDB_MARKER_COPY, buf, 0x270, &got), t);
    assert_int_equal(got, 0x270);
    assert_memory_equal(buf, MDB_MARKER, sizeof MDB_MARKER - 1);
    uint32_t n;
    assert_hr(S_OK, ds_get_number_modules(t, &n), t);
    assert_int_equal(n, 4);
    check_module_pe_headers(t);
    ds_close(t);
    mdb_free(&m);
}

/* A HandleDataStream of 32-byte MINIDUMP_HANDLE_DESCRIPTORs. */
static void test_handle_data(void **state)
{
    (void)state;
    struct mdb m;
    mdb_scene_windows_x64_info(&m);
    ds_target *t = mdb_open(&m, 0);
    check_cet_dump_handles(t);
    char name[64];
    uint32_t size = 0;
    assert_hr(S_OK, t->ops->read_handle_data(t, 0x48, DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME, name,
                                             sizeof name, &size), t);
    assert_string_equal(name, "\\REGISTRY\\MACHINE");
    ds_close(t);
    mdb_free(&m);

    /* A dump without a HandleDataStream. */
    mdb_scene_windows_x86(&m);
    t = mdb_open(&m, 0);
    DEBUG_HANDLE_DATA_BASIC basic;
    assert_hr(E_NOTIMPL, t->ops->read_handle_data(t, 4, DEBUG_HANDLE_DATA_TYPE_BASIC, &basic,
                                                  sizeof basic, &size), t);
    ds_close(t);
    mdb_free(&m);
}

static void test_writable_copy(void **state)
{
    (void)state;
    struct mdb m;
    mdb_scene_windows_x64_normal(&m);
    ds_target *t = mdb_open(&m, DS_OPEN_WRITABLE_COPY);
    /* 0x7b0a6024 crosses two touching ranges. */
    uint8_t before[16], pattern[16], after[16];
    uint32_t n;
    assert_hr(S_OK, ds_read_virtual(t, 0x7b0a6024, before, 16, &n), t);
    assert_int_equal(n, 16);
    for (int i = 0; i < 16; i++)
        pattern[i] = (uint8_t)(0xa0 + i);
    assert_hr(S_OK, ds_write_virtual(t, 0x7b0a6024, pattern, 16, &n), t);
    assert_int_equal(n, 16);
    assert_hr(S_OK, ds_read_virtual_uncached(t, 0x7b0a6024, after, 16, &n), t);
    assert_memory_equal(after, pattern, 16);
    /* A write running off the end of a range stops there. */
    const struct mdb_range *last = mdb_range_at(&m, 0x22fd00);
    assert_hr(S_OK, ds_write_virtual(t, last->start + last->size - 4, pattern, 16, &n), t);
    assert_int_equal(n, 4);
    /* Nothing is written where the dump holds no byte. */
    assert_hr(E_WRITE_FAULT, ds_write_virtual(t, MDB_MARKER_REGION, pattern, 16, &n), t);
    assert_int_equal(n, 0);
    ds_close(t);
    /* The file itself never changes. */
    size_t size;
    uint8_t *file = read_whole_file(m.path, &size);
    assert_non_null(file);
    assert_int_equal(size, m.file_size);
    assert_memory_equal(file, m.out.p, size);
    free(file);
    assert_hr(S_OK, ds_open_dump(m.path, 0, &t), NULL);
    assert_hr(S_OK, ds_read_virtual(t, 0x7b0a6024, after, 16, &n), t);
    assert_memory_equal(after, before, 16);
    ds_close(t);
    mdb_free(&m);
}

/* Malformed files met in the wild, refused with a sentence naming them:
   a directory past the end of the file (rust-minidump's invalid-range),
   and a Memory64 list whose one descriptor lies past its stream and the
   file (radare2's trunc_memory64). */
static void test_malformed_files_refused(void **state)
{
    (void)state;
    struct mdb m;
    mdb_init(&m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    b_start(&m.out, 4);
    b_u32(&m.out, 12, 2);  /* the directory at RVA 2 */
    m.file_size = m.out.n;
    const char *path = mdb_write_file(&m);
    ds_target *t = NULL;
    assert_true(FAILED(ds_open_dump(path, 0, &t)));
    assert_null(t);
    assert_non_null(strstr(ds_error_text(NULL), path));
    free(m.out.p);

    b_start(&m.out, 1);
    uint32_t list = b_alloc(&m.out, 16);
    b_u64(&m.out, list, 1);
    b_u64(&m.out, list + 8, 0xdeadbeefcafeull);
    b_stream(&m.out, MDB_MEMORY64_LIST, list, 16);
    m.file_size = m.out.n;
    path = mdb_write_file(&m);
    assert_true(FAILED(ds_open_dump(path, 0, &t)));
    assert_null(t);
    assert_non_null(strstr(ds_error_text(NULL), path));
    assert_non_null(strstr(ds_error_text(NULL), "nothing this reader can use"));
    mdb_free(&m);
}

/* ---- small dumps made by hand ---------------------------------------------------------- */

static void test_built_padding_overlap_and_cut(void **state)
{
    (void)state;
    /* Padded list; ranges overlapping; the last range cut by the file end. */
    static const struct mem_desc d[] = {
        { 0x1000, 0x100, 'A' },
        { 0x1080, 0x100, 'B' },  /* overlaps the first: its upper half counts */
        { 0x1180, 0x10, 'C' },   /* touches the second */
        { 0x1000, 0x20, 'D' },   /* same start as the first: the first wins */
        { 0x9000, 0x40, 'E' },
    };
    struct builder b;
    b_start(&b, 2);
    b_system_info(&b, 0);
    b_memory_list(&b, d, 5, true);
    b.n -= 0x30;  /* cut 'E' after 0x10 bytes */
    ds_target *t = b_open(&b);
    assert_int_equal(ds_pointer_size(t), 4);
    assert_int_equal(ds_machine(t), IMAGE_FILE_MACHINE_I386);
    uint8_t buf[0x200];
    uint32_t got;
    assert_hr(S_OK, ds_read_virtual(t, 0x1000, buf, sizeof buf, &got), t);
    assert_int_equal(got, 0x190);
    for (uint32_t i = 0; i < got; i++)
        assert_int_equal(buf[i], i < 0x100 ? 'A' : i < 0x180 ? 'B' : 'C');
    assert_hr(S_OK, ds_read_virtual(t, 0x9000, buf, 0x40, &got), t);
    assert_int_equal(got, 0x10);
    assert_hr(E_READ_FAULT, ds_read_virtual(t, 0x9010, buf, 1, &got), t);
    assert_non_null(strstr(ds_open_notes(t), "overlap"));
    assert_non_null(strstr(ds_open_notes(t), "cut by the end of the file"));
    /* Derived regions: one private run 0x1000..0x1190, a gap, 0x9000.. */
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, 0x1100, &mbi), t);
    assert_int_equal(mbi.BaseAddress, 0x1000);
    assert_int_equal(mbi.RegionSize, 0x190);
    assert_int_equal(mbi.Type, MEM_PRIVATE);
    assert_hr(S_OK, ds_query_virtual(t, 0x2000, &mbi), t);
    assert_int_equal(mbi.State, MEM_FREE);
    assert_int_equal(mbi.BaseAddress, 0x2000);
    assert_int_equal(mbi.RegionSize, 0x9000 - 0x2000);
    assert_hr(S_OK, ds_query_virtual(t, 0x1190, &mbi), t);
    assert_int_equal(mbi.BaseAddress, 0x1190);  /* the gap's start, in the page before */
    ds_close(t);
    free(b.p);
}

static void test_built_sign_extended_x86(void **state)
{
    (void)state;
    /* A 32-bit dump whose writer sign-extended an address above 2 GiB. */
    static const struct mem_desc d[] = { { 0xFFFFFFFF80001000ull, 0x20, 'S' } };
    struct builder b;
    b_start(&b, 2);
    b_system_info(&b, 0);
    b_memory_list(&b, d, 1, false);
    ds_target *t = b_open(&b);
    uint8_t buf[0x20];
    uint32_t got;
    assert_hr(S_OK, ds_read_virtual(t, 0x80001000, buf, sizeof buf, &got), t);
    assert_int_equal(got, 0x20);
    assert_int_equal(buf[0x1f], 'S');
    assert_hr(S_OK, ds_read_virtual(t, 0xFFFFFFFF80001010ull, buf, 8, &got), t);
    assert_int_equal(got, 8);
    ds_close(t);
    free(b.p);
}

static void test_built_modules_and_regions(void **state)
{
    (void)state;
    struct builder b;
    b_start(&b, 3);
    b_system_info(&b, 12);
    uint32_t list = b_alloc(&b, 4 + 3 * 108);
    b_u32(&b, list, 3);
    uint32_t names[3];
    names[0] = b_string(&b, "C:\\app\\été.exe");
    names[1] = b_alloc(&b, 8);
    names[2] = b_string(&b, "b.dll");
    b_u32(&b, names[1], 0xdeadbeef);  /* an absurd length: the name is dropped */
    static const uint64_t bases[3] = { 0x400000, 0x500000, 0x10000000 };
    for (uint32_t i = 0; i < 3; i++) {
        b_u64(&b, list + 4 + 108 * i, bases[i]);
        b_u32(&b, list + 4 + 108 * i + 8, 0x10000);
        b_u32(&b, list + 4 + 108 * i + 20, names[i]);
    }
    b_stream(&b, MDB_MODULE_LIST, list, 4 + 3 * 108);
    static const struct mem_desc d[] = {
        { 0x3ff000, 0x2000, 1 },  /* straddles the start of the first module */
        { 0x10000000, 0x100, 2 },
    };
    b_memory_list(&b, d, 2, false);
    ds_target *t = b_open(&b);
    assert_int_equal(ds_pointer_size(t), 8);
    assert_int_equal(ds_machine(t), IMAGE_FILE_MACHINE_ARM64);
    char name[64];
    uint64_t base;
    assert_hr(S_OK, ds_get_module(t, 0, &base, NULL, name, sizeof name, NULL), t);
    assert_string_equal(name, "C:\\app\\\xc3\xa9t\xc3\xa9.exe");
    assert_hr(S_OK, ds_get_module(t, 1, &base, NULL, name, sizeof name, NULL), t);
    assert_int_equal(base, 0x500000);
    assert_string_equal(name, "");
    assert_non_null(strstr(ds_open_notes(t), "name of module 1"));
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, 0x3ff800, &mbi), t);
    assert_int_equal(mbi.BaseAddress, 0x3ff000);
    assert_int_equal(mbi.RegionSize, 0x1000);
    assert_int_equal(mbi.Type, MEM_PRIVATE);
    assert_hr(S_OK, ds_query_virtual(t, 0x400800, &mbi), t);
    assert_int_equal(mbi.BaseAddress, 0x400000);
    assert_int_equal(mbi.AllocationBase, 0x400000);
    assert_int_equal(mbi.RegionSize, 0x10000);
    assert_int_equal(mbi.Type, MEM_IMAGE);
    assert_int_equal(mbi.Protect, PAGE_EXECUTE_READ);
    /* A module with no memory in the dump is still an image region. */
    assert_hr(S_OK, ds_query_virtual(t, 0x500000, &mbi), t);
    assert_int_equal(mbi.Type, MEM_IMAGE);
    uint8_t buf[8];
    uint32_t got;
    assert_hr(E_READ_FAULT, ds_read_virtual(t, 0x500000, buf, 8, &got), t);
    /* The gap between the second module and the third. */
    assert_hr(S_OK, ds_query_virtual(t, 0x600000, &mbi), t);
    assert_int_equal(mbi.State, MEM_FREE);
    assert_int_equal(mbi.BaseAddress, 0x600000);
    assert_int_equal(mbi.RegionSize, 0x10000000 - 0x600000);
    MEMORY_BASIC_INFORMATION64 top;
    assert_hr(E_INVALIDARG, ds_query_virtual(t, 0x10010000, &top), t);
    ds_close(t);
    free(b.p);
}

static void test_built_memory_info_entry_size(void **state)
{
    (void)state;
    /* SizeOfHeader 24 and SizeOfEntry 64: later versions may grow both. */
    struct builder b;
    b_start(&b, 1);
    uint32_t s = b_alloc(&b, 24 + 3 * 64);
    b_u32(&b, s, 24);
    b_u32(&b, s + 4, 64);
    b_u64(&b, s + 8, 3);
    static const struct { uint64_t base, size; uint32_t state, protect, type; } e[] = {
        { 0x10000, 0x1000, MEM_COMMIT, PAGE_READONLY, MEM_MAPPED },
        { 0x11000, 0xf000, MEM_FREE, PAGE_NOACCESS, 0 },
        { 0x20000, 0x2000, MEM_RESERVE, 0, MEM_PRIVATE },
    };
    for (uint32_t i = 0; i < 3; i++) {
        uint32_t at = s + 24 + 64 * i;
        b_u64(&b, at, e[i].base);
        b_u64(&b, at + 8, e[i].state == MEM_FREE ? 0 : e[i].base);
        b_u32(&b, at + 16, e[i].protect);
        b_u64(&b, at + 24, e[i].size);
        b_u32(&b, at + 32, e[i].state);
        b_u32(&b, at + 36, e[i].protect);
        b_u32(&b, at + 40, e[i].type);
    }
    b_stream(&b, MDB_MEMORY_INFO_LIST, s, 24 + 3 * 64);
    ds_target *t = b_open(&b);
    assert_int_equal(t->default_vsource, DEBUG_VSOURCE_DEBUGGEE);
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, 0x12345, &mbi), t);
    assert_int_equal(mbi.BaseAddress, 0x12000);
    assert_int_equal(mbi.RegionSize, 0xe000);
    assert_int_equal(mbi.State, MEM_FREE);
    assert_hr(S_OK, ds_query_virtual(t, 0x21fff, &mbi), t);
    assert_int_equal(mbi.BaseAddress, 0x21000);
    assert_int_equal(mbi.AllocationBase, 0x20000);
    assert_int_equal(mbi.State, MEM_RESERVE);
    assert_int_equal(mbi.Type, MEM_PRIVATE);
    assert_hr(S_OK, ds_query_virtual(t, 0, &mbi), t);
    assert_int_equal(mbi.State, MEM_FREE);
    assert_int_equal(mbi.BaseAddress, 0);
    assert_int_equal(mbi.RegionSize, 0x10000);
    ds_close(t);
    free(b.p);
}

static void test_built_linux_maps_and_pid(void **state)
{
    (void)state;
    static const char maps[] =
        "00400000-00401000 r-xp 00000000 08:01 1234   /usr/bin/app\n"
        "00600000-00601000 rw-p 00000000 08:01 1234   /usr/bin/app\n"
        "7ffc0000-7ffc2000 rw-p 00000000 00:00 0      [stack]\n"
        "this line does not parse\n";
    static const char status[] = "Name:\tapp\nUmask:\t0022\nPid:\t4321\nPPid:\t1\n";
    struct builder b;
    b_start(&b, 3);
    b_system_info(&b, 9);
    b_stream(&b, MDB_LINUX_MAPS, b_bytes(&b, maps, sizeof maps - 1), sizeof maps - 1);
    b_stream(&b, MDB_LINUX_PROC_STATUS, b_bytes(&b, status, sizeof status - 1),
             sizeof status - 1);
    ds_target *t = b_open(&b);
    assert_int_equal(ds_process_id(t), 4321);
    assert_int_equal(t->default_vsource, DEBUG_VSOURCE_DUMP_WITHOUT_MEMINFO);
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, 0x7ffc1000, &mbi), t);
    assert_int_equal(mbi.BaseAddress, 0x7ffc1000);
    assert_int_equal(mbi.AllocationBase, 0x7ffc0000);
    assert_int_equal(mbi.Protect, PAGE_READWRITE);
    assert_int_equal(mbi.Type, MEM_PRIVATE);
    assert_hr(S_OK, ds_query_virtual(t, 0x400000, &mbi), t);
    assert_int_equal(mbi.Type, MEM_IMAGE);
    assert_int_equal(mbi.Protect, PAGE_EXECUTE_READ);
    assert_non_null(strstr(ds_open_notes(t), "do not parse"));
    ds_close(t);
    free(b.p);
}

/* A HandleDataStream with MINIDUMP_HANDLE_DESCRIPTOR_2 (40 bytes), named
   objects and a damaged name. */
static void test_built_handles(void **state)
{
    (void)state;
    struct builder b;
    b_start(&b, 2);
    b_system_info(&b, 9);
    uint32_t type = b_string(&b, "Mutant");
    uint32_t object = b_string(&b, "\\Sessions\\1\\BaseNamedObjects\\caf\xc3\xa9");
    uint32_t broken = b_alloc(&b, 4);
    b_u32(&b, broken, 0x7ffffff0);
    uint32_t s = b_alloc(&b, 16 + 2 * 40);
    b_u32(&b, s, 16);
    b_u32(&b, s + 4, 40);
    b_u32(&b, s + 8, 2);
    b_u64(&b, s + 16, 0x44);
    b_u32(&b, s + 16 + 8, type);
    b_u32(&b, s + 16 + 12, object);
    b_u32(&b, s + 16 + 16, 2);
    b_u32(&b, s + 16 + 20, 0x1f0001);
    b_u32(&b, s + 16 + 24, 3);
    b_u32(&b, s + 16 + 28, 7);
    b_u64(&b, s + 56, 0x48);
    b_u32(&b, s + 56 + 8, broken);
    b_stream(&b, MDB_HANDLE_DATA, s, 16 + 2 * 40);
    ds_target *t = b_open(&b);

    DEBUG_HANDLE_DATA_BASIC basic;
    uint32_t size;
    assert_hr(S_OK, t->ops->read_handle_data(t, 0x44, DEBUG_HANDLE_DATA_TYPE_BASIC, &basic,
                                             sizeof basic, &size), t);
    assert_int_equal(basic.TypeNameSize, 7);
    static const char object_utf8[] = "\\Sessions\\1\\BaseNamedObjects\\caf\xc3\xa9";
    assert_int_equal(basic.ObjectNameSize, sizeof object_utf8);
    assert_int_equal(basic.Attributes, 2);
    assert_int_equal(basic.HandleCount, 3);
    assert_int_equal(basic.PointerCount, 7);
    /* Too small a buffer for the fixed-size answer; NULL asks for the size. */
    assert_hr(E_INVALIDARG, t->ops->read_handle_data(t, 0x44, DEBUG_HANDLE_DATA_TYPE_BASIC,
                                                     &basic, 8, &size), t);
    assert_int_equal(size, sizeof basic);
    assert_hr(S_OK, t->ops->read_handle_data(t, 0x44, DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME, NULL,
                                             0, &size), t);
    assert_int_equal(size, basic.ObjectNameSize);
    char name[64];
    assert_hr(S_OK, t->ops->read_handle_data(t, 0x44, DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME, name,
                                             sizeof name, &size), t);
    assert_string_equal(name, object_utf8);
    WCHAR wide[64];
    assert_hr(S_OK, t->ops->read_handle_data(t, 0x44, DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME_WIDE,
                                             wide, sizeof wide, &size), t);
    assert_int_equal(size, 2 * (strlen("\\Sessions\\1\\BaseNamedObjects\\caf") + 2));
    assert_int_equal(wide[size / 2 - 2], 0xe9);
    assert_int_equal(wide[size / 2 - 1], 0);
    /* A wide answer cut to 3 units: 2 characters and the terminator. */
    assert_hr(S_FALSE, t->ops->read_handle_data(t, 0x44, DEBUG_HANDLE_DATA_TYPE_TYPE_NAME_WIDE,
                                                wide, 6, &size), t);
    assert_int_equal(size, 14);
    assert_int_equal(wide[0], 'M');
    assert_int_equal(wide[1], 'u');
    assert_int_equal(wide[2], 0);
    assert_hr(E_FAIL, t->ops->read_handle_data(t, 0x48, DEBUG_HANDLE_DATA_TYPE_TYPE_NAME, name,
                                               sizeof name, &size), t);
    assert_non_null(strstr(ds_error_text(t), "0x48"));
    assert_hr(E_NOTIMPL, t->ops->read_handle_data(t, 0x44, DEBUG_HANDLE_DATA_TYPE_MINI_MUTANT_1,
                                                  name, sizeof name, &size), t);
    assert_hr(E_INVALIDARG, t->ops->read_handle_data(t, 0x44, 99, name, sizeof name, &size), t);
    ds_close(t);
    free(b.p);
}

static void test_built_malformed(void **state)
{
    (void)state;
    ds_target *t = NULL;
    struct builder b;
    /* A header shorter than MINIDUMP_HEADER. */
    b_start(&b, 0);
    assert_true(FAILED(ds_minidump_open("short.dmp", b.p, 20, DS_OPEN_BORROWED_MAP, &t)));
    assert_non_null(strstr(ds_error_text(NULL), "short.dmp"));
    /* A version that is not MINIDUMP_VERSION. */
    b_u32(&b, 4, 0x1234);
    assert_true(FAILED(ds_minidump_open("ver.dmp", b.p, b.n, DS_OPEN_BORROWED_MAP, &t)));
    assert_non_null(strstr(ds_error_text(NULL), "version"));
    free(b.p);
    /* A directory that runs past the end of the file. */
    b_start(&b, 1);
    b_u32(&b, 8, 1000);
    assert_true(FAILED(ds_minidump_open("dir.dmp", b.p, b.n, DS_OPEN_BORROWED_MAP, &t)));
    assert_non_null(strstr(ds_error_text(NULL), "past the end"));
    free(b.p);
    /* Counts far beyond their streams: no allocation from them, and what
       the streams hold still opens. */
    b_start(&b, 3);
    b_system_info(&b, 9);
    uint32_t mem = b_alloc(&b, 4 + 16);
    b_u32(&b, mem, 0xffffffff);
    b_stream(&b, MD_MEMORY_LIST, mem, 4 + 16);
    uint32_t m64 = b_alloc(&b, 16);
    b_u64(&b, m64, UINT64_MAX);
    b_u64(&b, m64 + 8, UINT64_MAX);
    b_stream(&b, MDB_MEMORY64_LIST, m64, 16);
    t = b_open(&b);
    assert_non_null(strstr(ds_open_notes(t), "declares 4294967295 entries"));
    ds_close(t);
    free(b.p);
    assert_null(NULL);
}

/* ---- mutated copies ---------------------------------------------------------------- */

/* Every scene but the full-memory one (megabytes: each mutant is a copy),
   built as the scene says; the caller frees *size bytes. */
static uint8_t *scene_bytes(size_t k, size_t *size)
{
    struct mdb m;
    mdb_scenes[k].make(&m);
    if (!mdb_scenes[k].built)
        mdb_build(&m);
    *size = m.file_size;
    uint8_t *data = malloc(*size);
    assert_non_null(data);
    memcpy(data, m.out.p, *size);
    mdb_free(&m);
    return data;
}

static bool mutated(size_t k)
{
    return mdb_scenes[k].make != mdb_scene_windows_x64_full;
}

static void test_truncations(void **state)
{
    (void)state;
    for (size_t k = 0; k < mdb_nscenes; k++) {
        if (!mutated(k))
            continue;
        size_t size;
        uint8_t *data = scene_bytes(k, &size);
        check_minidump_truncations(data, size);
        free(data);
    }
}

static void test_field_flips(void **state)
{
    (void)state;
    for (size_t k = 0; k < mdb_nscenes; k++) {
        if (!mutated(k))
            continue;
        size_t size;
        uint8_t *data = scene_bytes(k, &size);
        check_minidump_field_flips(data, size);
        free(data);
    }
}

int main(void)
{
    struct CMUnitTest tests[64];
    size_t n = 0;
    for (size_t i = 0; i < mdb_nscenes; i++) {
        struct CMUnitTest u = cmocka_unit_test_prestate(test_scene, (void *)&mdb_scenes[i]);
        u.name = mdb_scenes[i].name;
        tests[n++] = u;
    }
    const struct CMUnitTest more[] = {
        cmocka_unit_test(test_scene_in_memory),
        cmocka_unit_test(test_cut_short_notes),
        cmocka_unit_test(test_normal_lacks_the_buffer),
        cmocka_unit_test(test_full_memory_known_region),
        cmocka_unit_test(test_handle_data),
        cmocka_unit_test(test_writable_copy),
        cmocka_unit_test(test_malformed_files_refused),
        cmocka_unit_test(test_built_padding_overlap_and_cut),
        cmocka_unit_test(test_built_sign_extended_x86),
        cmocka_unit_test(test_built_modules_and_regions),
        cmocka_unit_test(test_built_memory_info_entry_size),
        cmocka_unit_test(test_built_linux_maps_and_pid),
        cmocka_unit_test(test_built_handles),
        cmocka_unit_test(test_built_malformed),
        cmocka_unit_test(test_truncations),
        cmocka_unit_test(test_field_flips),
    };
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
        tests[n++] = more[i];
    return _cmocka_run_group_tests("minidump", tests, n, NULL, NULL);
}
