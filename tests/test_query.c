/*
 * test_query.c — QueryVirtual and the validity methods, on a live process,
 * on cores gcore writes of it, and on cores built here byte by byte:
 *
 *  - QueryVirtual answers from the page asked about (VirtualQueryEx's
 *    "begins at the specified page"), in mappings and in gaps, with the
 *    mapping's start as AllocationBase; a walk still visits every region;
 *  - on a 32-bit target its addresses come back sign-extended;
 *  - a failed QueryVirtual leaves *Info zeroed;
 *  - GetNextDifferentlyValidOffsetVirtual is the next page on a live
 *    process and exact on a core;
 *  - the loader's PROT_NONE alignment holes, which gcore leaves out of a
 *    core, are PAGE_NOACCESS;
 *  - a core of 131,070 touching PT_LOADs is one run of valid memory.
 */
#include "testlib.h"

#include <elf.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "target.h" /* ds_elfcore_open, DS_OPEN_BORROWED_MAP, the backend ops */

static uint64_t sext32(uint64_t a)
{
    return (uint64_t)(int64_t)(int32_t)(uint32_t)a;
}

static bool have_program(const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
    return system(cmd) == 0;
}

/* gcore of pid into a fresh directory; the core's path in core (the
   directory is core's dirname). Skips the test when gcore cannot. */
static void make_gcore(pid_t pid, char *core, size_t cap)
{
    if (!have_program("gcore")) {
        print_message("skipped: gcore (Debian package gdb) is not installed\n");
        skip();
    }
    char dir[64] = "/tmp/ds-query-XXXXXX", cmd[512];
    assert_non_null(mkdtemp(dir));
    snprintf(cmd, sizeof cmd, "gcore -o %s/core %d >%s/gcore.log 2>&1", dir, (int)pid, dir);
    int rc = system(cmd);
    snprintf(core, cap, "%s/core.%d", dir, (int)pid);
    if (rc != 0 || access(core, R_OK) != 0) {
        print_message("skipped: gcore could not dump process %d (exit status %d; see "
                      "%s/gcore.log - is ptrace allowed here?)\n", (int)pid, rc, dir);
        skip();
    }
}

static void remove_core(const char *core)
{
    char dir[4096], log[4200];
    snprintf(dir, sizeof dir, "%s", core);
    char *slash = strrchr(dir, '/');
    assert_non_null(slash);
    *slash = 0;
    snprintf(log, sizeof log, "%s/gcore.log", dir);
    unlink(core);
    unlink(log);
    rmdir(dir);
}

/* The [stack] line of /proc/PID/maps. */
static void stack_of(pid_t pid, uint64_t *start, uint64_t *end)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    *start = *end = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long long s, e;
        if (strstr(line, "[stack]") && sscanf(line, "%llx-%llx", &s, &e) == 2) {
            *start = s;
            *end = e;
        }
    }
    fclose(f);
    assert_true(*end > *start);
}

static void expect_query(ds_target *t, uint64_t addr, uint64_t base, uint64_t size,
                         uint64_t allocation_base, uint32_t state)
{
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, addr, &mbi), t);
    assert_int_equal(mbi.BaseAddress, base);
    assert_int_equal(mbi.RegionSize, size);
    assert_int_equal(mbi.AllocationBase, allocation_base);
    assert_int_equal(mbi.State, state);
}

/* ---- the layout of query_target, live and in its core --------------------- */

struct layout {
    uint64_t page, two, gap, hole, hole_end;
};

static struct layout layout_of(const struct helper *h)
{
    return (struct layout){ helper_value(h, "page"), helper_value(h, "two"),
                            helper_value(h, "gap"), helper_value(h, "hole"),
                            helper_value(h, "hole_end") };
}

/* What a live process and a core of it answer alike. */
static void check_pages(ds_target *t, const struct layout *l)
{
    uint64_t P = l->page;
    /* The second page of a two-page mapping: that page only. */
    expect_query(t, l->two + P + 0x10, l->two + P, P, l->two, MEM_COMMIT);
    expect_query(t, l->two + 0x10, l->two, 2 * P, l->two, MEM_COMMIT);
    /* The middle page of a three-page gap: from it to the next mapping. */
    expect_query(t, l->gap + P + 0x10, l->gap + P, 2 * P, 0, MEM_FREE);
    expect_query(t, l->gap, l->gap, 3 * P, 0, MEM_FREE);
    /* The walk next = BaseAddress + RegionSize, started inside regions,
       meets every region start on its way. */
    MEMORY_BASIC_INFORMATION64 mbi;
    uint64_t at = l->two + P + 1;
    for (int k = 0; k < 4; k++) {
        assert_hr(S_OK, ds_query_virtual(t, at, &mbi), t);
        assert_true(mbi.BaseAddress <= at && at - mbi.BaseAddress < P);
        at = mbi.BaseAddress + mbi.RegionSize;
    }
    assert_true(at > l->two + 2 * P);
}

static void test_live_query_from_page(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "query_target", NULL);
    struct layout l = layout_of(&h);
    ds_target *t;
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    check_pages(t, &l);
    ds_close(t);
    helper_stop(&h);
}

/* Two touching read-only mappings of one image are one answer, as
   VirtualQuery merges an image's sections with the same protection. */
static void test_live_same_attribute_pages_merge(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "query_target", NULL);
    uint64_t img3 = helper_value(&h, "img3"), P = helper_value(&h, "page");
    ds_target *t;
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, img3 + 0x10, &mbi), t);
    assert_int_equal(mbi.BaseAddress, img3);
    assert_int_equal(mbi.RegionSize, P);
    assert_int_equal(mbi.Protect, PAGE_EXECUTE_READ);
    assert_int_equal(mbi.Type, MEM_IMAGE);
    assert_hr(S_OK, ds_query_virtual(t, img3 + P + 0x10, &mbi), t);
    assert_int_equal(mbi.BaseAddress, img3 + P);
    assert_int_equal(mbi.RegionSize, 2 * P);
    assert_int_equal(mbi.AllocationBase, img3);
    assert_int_equal(mbi.Protect, PAGE_READONLY);
    assert_int_equal(mbi.Type, MEM_IMAGE);
    ds_close(t);
    helper_stop(&h);
}

static void test_live_next_differently_valid_is_next_page(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "query_target", NULL);
    struct layout l = layout_of(&h);
    ds_target *t;
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    uint64_t next = 0;
    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(t, l.two + 5, &next), t);
    assert_int_equal(next, l.two + l.page);
    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(t, l.gap + 5, &next), t);
    assert_int_equal(next, l.gap + l.page);
    assert_hr(E_NOINTERFACE, ds_get_next_differently_valid_offset_virtual(t, UINT64_MAX - 5,
                                                                          &next), t);
    ds_close(t);
    helper_stop(&h);
}

/* A gcore core of query_target, opened; the layout in *l. */
static ds_target *open_gcore_of_query_target(struct layout *l, char *core, size_t cap)
{
    struct helper h;
    helper_start(&h, "query_target", NULL);
    *l = layout_of(&h);
    make_gcore(h.pid, core, cap);
    helper_stop(&h);
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(core, 0, &t), NULL);
    return t;
}

static void test_core_query_from_page(void **state)
{
    (void)state;
    struct layout l;
    char core[4096];
    ds_target *t = open_gcore_of_query_target(&l, core, sizeof core);
    check_pages(t, &l);
    /* A core: exact, the end of the gap (not the next page, as live). */
    uint64_t next = 0;
    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(t, l.gap + l.page + 5, &next),
              t);
    assert_int_equal(next, l.gap + 3 * l.page);
    ds_close(t);
    remove_core(core);
}

static void test_core_loader_hole_is_noaccess(void **state)
{
    (void)state;
    struct layout l;
    char core[4096];
    ds_target *t = open_gcore_of_query_target(&l, core, sizeof core);
    /* ld.so's PROT_NONE hole between the image's segments: no PT_LOAD
       (gcore leaves it out), but NT_FILE names it. */
    assert_true(l.hole != 0);
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, l.hole, &mbi), t);
    assert_int_equal(mbi.BaseAddress, l.hole);
    assert_int_equal(mbi.RegionSize, l.hole_end - l.hole);
    assert_int_equal(mbi.State, MEM_COMMIT);
    assert_int_equal(mbi.Protect, PAGE_NOACCESS);
    assert_int_equal(mbi.Type, MEM_IMAGE);
    uint8_t b;
    assert_hr(HRESULT_FROM_WIN32(ERROR_READ_FAULT), ds_read_virtual(t, l.hole, &b, 1, NULL), t);
    uint64_t vb;
    uint32_t vs;
    assert_hr(E_NOINTERFACE, ds_get_valid_region_virtual(t, l.hole, (uint32_t)l.page, &vb, &vs),
              t);
    ds_close(t);
    remove_core(core);
}

/* ---- 32-bit targets: addresses sign-extended ----------------------------- */

static void check_stack_query(ds_target *t, uint64_t s, uint64_t e, uint64_t page)
{
    assert_true(s >= 0x80000000u && e - s >= 2 * page);
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, s + page + 0x10, &mbi), t);
    assert_int_equal(mbi.BaseAddress, sext32(s + page));
    assert_int_equal(mbi.AllocationBase, sext32(s));
    assert_int_equal(mbi.RegionSize, e - s - page);
    /* The sign-extended form of the address asks the same. */
    MEMORY_BASIC_INFORMATION64 again;
    assert_hr(S_OK, ds_query_virtual(t, sext32(s + page + 0x10), &again), t);
    assert_memory_equal(&mbi, &again, sizeof mbi);
    /* "Is this pointer inside the region" holds with what dbgeng hands out. */
    uint64_t vb = 0;
    uint32_t vs = 0;
    assert_hr(S_OK, ds_get_valid_region_virtual(t, s + page + 0x10, 16, &vb, &vs), t);
    assert_true(vb >= mbi.BaseAddress && vb - mbi.BaseAddress < mbi.RegionSize);
}

static void test_32bit_query_sign_extended(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "tiny_m32", NULL);
    uint64_t s, e, page = (uint64_t)sysconf(_SC_PAGESIZE);
    stack_of(h.pid, &s, &e);
    char core[4096];
    make_gcore(h.pid, core, sizeof core);
    ds_target *t;
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    assert_int_equal(ds_pointer_size(t), 4);
    check_stack_query(t, s, e, page);
    ds_close(t);
    helper_stop(&h);

    assert_hr(S_OK, ds_open_dump(core, 0, &t), NULL);
    assert_int_equal(ds_pointer_size(t), 4);
    check_stack_query(t, s, e, page);
    ds_close(t);
    remove_core(core);
}

/* ---- failures leave *Info zeroed --------------------------------------- */

static void test_failed_query_zeroes_info(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "query_target", NULL);
    ds_target *t;
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    MEMORY_BASIC_INFORMATION64 mbi, zero;
    memset(&zero, 0, sizeof zero);
    memset(&mbi, 0xA5, sizeof mbi);
    /* Above the last region (x86-64's vsyscall page is the last there is). */
    assert_hr(E_INVALIDARG, ds_query_virtual(t, UINT64_MAX - 5, &mbi), t);
    assert_memory_equal(&mbi, &zero, sizeof mbi);
    memset(&mbi, 0xA5, sizeof mbi);
    assert_hr(E_INVALIDARG, ds_query_virtual(NULL, 0x1000, &mbi), NULL);
    assert_memory_equal(&mbi, &zero, sizeof mbi);
    ds_close(t);
    helper_stop(&h);
}

/* ---- 131,070 touching PT_LOADs ------------------------------------------ */

#define MANY_LOADS 131070u  /* more than e_phnum holds: PN_XNUM */
#define LOAD_BYTES 32u
#define MANY_BASE 0x10000000ull
#define BREAK_AT 70000u     /* one load left out: two runs of valid memory */

static uint64_t load_vaddr(uint32_t i)
{
    return MANY_BASE + (uint64_t)i * LOAD_BYTES;
}

static unsigned char many_byte(uint64_t addr)
{
    return (unsigned char)(addr * 7 + (addr >> 8));
}

/* An x86-64 core: ELF header, section 0 (its sh_info the PT_LOAD count),
   MANY_LOADS - 1 program headers for touching 32-byte segments (the one
   at BREAK_AT left out), then their bytes. */
static uint8_t *build_many_loads(size_t *size)
{
    uint32_t n = MANY_LOADS - 1;
    size_t shoff = sizeof(Elf64_Ehdr), phoff = shoff + sizeof(Elf64_Shdr);
    size_t data = phoff + (size_t)n * sizeof(Elf64_Phdr);
    *size = data + (size_t)n * LOAD_BYTES;
    uint8_t *f = calloc(1, *size);
    assert_non_null(f);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)f;
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS64;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = ET_CORE;
    eh->e_machine = EM_X86_64;
    eh->e_version = EV_CURRENT;
    eh->e_phoff = phoff;
    eh->e_shoff = shoff;
    eh->e_ehsize = sizeof(Elf64_Ehdr);
    eh->e_phentsize = sizeof(Elf64_Phdr);
    eh->e_phnum = PN_XNUM;
    eh->e_shentsize = sizeof(Elf64_Shdr);
    eh->e_shnum = 1;
    ((Elf64_Shdr *)(f + shoff))->sh_info = n;
    Elf64_Phdr *ph = (Elf64_Phdr *)(f + phoff);
    for (uint32_t i = 0, k = 0; i < MANY_LOADS; i++) {
        if (i == BREAK_AT)
            continue;
        uint64_t off = data + (uint64_t)k * LOAD_BYTES;
        ph[k] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W, .p_offset = off,
                              .p_vaddr = load_vaddr(i), .p_filesz = LOAD_BYTES,
                              .p_memsz = LOAD_BYTES, .p_align = 1 };
        for (uint32_t j = 0; j < LOAD_BYTES; j++)
            f[off + j] = many_byte(load_vaddr(i) + j);
        k++;
    }
    return f;
}

static void test_many_touching_loads(void **state)
{
    (void)state;
    size_t size;
    uint8_t *f = build_many_loads(&size);
    ds_target *t;
    assert_hr(S_OK, ds_elfcore_open("many touching loads", f, size, DS_OPEN_BORROWED_MAP, &t),
              NULL);
    uint64_t first_end = load_vaddr(BREAK_AT), second = load_vaddr(BREAK_AT + 1);
    uint64_t second_end = load_vaddr(MANY_LOADS);

    /* The backend reports each stretch of touching segments as one run. */
    uint64_t start = 0, run = 0;
    assert_int_equal(t->ops->next_readable(t, MANY_BASE + 5, &start, &run), S_OK);
    assert_int_equal(start, MANY_BASE + 5);
    assert_int_equal(run, first_end - start);
    assert_int_equal(t->ops->next_readable(t, first_end, &start, &run), S_OK);
    assert_int_equal(start, second);
    assert_int_equal(run, second_end - second);

    uint64_t next = 0, vb = 0;
    uint32_t vs = 0;
    for (uint32_t i = 0; i < MANY_LOADS; i += 997) {
        uint64_t a = load_vaddr(i) + 3;
        if (i == BREAK_AT) {
            assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(t, a, &next), t);
            assert_int_equal(next, second);
            continue;
        }
        assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(t, a, &next), t);
        assert_int_equal(next, i < BREAK_AT ? first_end : second_end);
        /* A range across many segments: valid to its end (or the break). */
        assert_hr(S_OK, ds_get_valid_region_virtual(t, a, 100 * LOAD_BYTES, &vb, &vs), t);
        assert_int_equal(vb, a);
        uint64_t stop = i < BREAK_AT ? first_end : second_end;
        assert_int_equal(vs, a + 100 * LOAD_BYTES <= stop ? 100 * LOAD_BYTES : stop - a);
    }
    /* Bytes read across segment boundaries are the segments' bytes. */
    uint8_t buf[4 * LOAD_BYTES];
    uint32_t got = 0;
    uint64_t a = load_vaddr(1234) + 17;
    assert_hr(S_OK, ds_read_virtual(t, a, buf, sizeof buf, &got), t);
    assert_int_equal(got, sizeof buf);
    for (uint32_t j = 0; j < sizeof buf; j++)
        assert_int_equal(buf[j], many_byte(a + j));
    /* Above the last segment nothing is valid. */
    assert_hr(E_NOINTERFACE, ds_get_next_differently_valid_offset_virtual(t, second_end, &next),
              t);
    ds_close(t);
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_live_query_from_page),
        cmocka_unit_test(test_live_same_attribute_pages_merge),
        cmocka_unit_test(test_live_next_differently_valid_is_next_page),
        cmocka_unit_test(test_core_query_from_page),
        cmocka_unit_test(test_core_loader_hole_is_noaccess),
        cmocka_unit_test(test_32bit_query_sign_extended),
        cmocka_unit_test(test_failed_query_zeroes_info),
        cmocka_unit_test(test_many_touching_loads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
