/*
 * conf_elfcore.c — the ELF core backend against third-party cores (make
 * conformance): every core under $DS_TESTDATA/elfcore against its ground
 * truth (its *.truth.txt, written with readelf and gdb), cores of other
 * machines edited by hand (rizin's arm64 NT_FILE), hostile headers made
 * from lldb's x86-64 kernel core, and truncated or corrupted copies of
 * every core. tests/test_elfcore.c checks the same of cores made by the
 * tests themselves.
 */
#include "testlib.h"
#include "core_checks.h"

#include <ctype.h>
#include <dirent.h>
#include <elf.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "target.h" /* ds_elfcore_open, DS_OPEN_BORROWED_MAP, the backend ops */

#define READ_FAULT HRESULT_FROM_WIN32(ERROR_READ_FAULT)
#define WRITE_FAULT HRESULT_FROM_WIN32(ERROR_WRITE_FAULT)
#define MAX_CORES 64

static char *core_names[MAX_CORES];
static size_t ncores;

static const char *core_path(const char *name)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s", testdata_path("elfcore/"));
    strncat(path, name, sizeof path - strlen(path) - 1);
    return path;
}

/* ---- the ground truth ------------------------------------------------------ */

/* Up to 16 "hh" or "??" tokens; *known = the hh before the first ??. */
static int parse_bytes(const char *s, uint8_t out[16], int *known)
{
    int n = 0;
    *known = -1;
    for (; n < 16; n++, s += 2) {
        while (*s == ' ')
            s++;
        if (s[0] == '?' && s[1] == '?') {
            if (*known < 0)
                *known = n;
            continue;
        }
        unsigned v;
        if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1]) ||
            sscanf(s, "%2x", &v) != 1)
            break;
        out[n] = (uint8_t)v;
    }
    if (*known < 0)
        *known = n;
    return n;
}

static void parse_threads(const char *line, struct truth *tr)
{
    const char *p = strstr(line, "):");
    for (p = p ? p + 2 : line + strlen(line); *p && tr->nthreads < 16;) {
        char *end;
        unsigned long v = strtoul(p, &end, 10);
        if (end == p)
            break;
        tr->threads[tr->nthreads++] = (uint32_t)v;
        p = end;
    }
}

static bool load_truth(const char *path, struct truth *tr)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    memset(tr, 0, sizeof *tr);
    enum { OTHER, LOADS, READS, EDGES } section = OTHER;
    char line[8192];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '[') {
            section = strncmp(line, "[pt_load]", 9) == 0    ? LOADS
                      : strncmp(line, "[reads]", 7) == 0    ? READS
                      : strncmp(line, "[edge_reads]", 12) == 0 ? EDGES
                                                              : OTHER;
            if (strncmp(line, "[threads]", 9) == 0)
                parse_threads(line, tr);
            continue;
        }
        unsigned long long a, b, c, d;
        char flags[8];
        int at;
        if (strncmp(line, "elf: ", 5) == 0) {
            sscanf(line, "elf: class=ELF%u data=%*s machine=%u", &tr->elf_class, &tr->machine);
        } else if (section == LOADS && tr->nloads < 64 &&
                   sscanf(line, " %*u vaddr=%llx filesz=%llx memsz=%llx flags=%3s offset=%llx", &a,
                          &b, &c, flags, &d) == 5) {
            struct truth_load *l = &tr->loads[tr->nloads++];
            *l = (struct truth_load){ a, b, c, d, { 0 } };
            memcpy(l->flags, flags, 3);
        } else if (section == READS && tr->nreads < 8 && sscanf(line, " %llx: %n", &a, &at) == 1) {
            struct truth_read *r = &tr->reads[tr->nreads];
            r->addr = a;
            if (parse_bytes(line + at, r->bytes, &r->known) == 16)
                tr->nreads++;
        } else if (section == EDGES && tr->nedges < 8 && strstr(line, " file: ") &&
                   sscanf(line, " %llx:", &a) == 1) {
            struct truth_read *r = &tr->edges[tr->nedges];
            r->addr = a;
            if (parse_bytes(strstr(line, " file: ") + 7, r->bytes, &r->known) == 16)
                tr->nedges++;
        }
    }
    fclose(f);
    return tr->elf_class != 0;
}

static void check_core(void **state)
{
    const char *name = *state;
    char truth_path[4096];
    snprintf(truth_path, sizeof truth_path, "%s.truth.txt", core_path(name));
    struct truth *tr = calloc(1, sizeof *tr);
    assert_true(load_truth(truth_path, tr));
    size_t size;
    uint8_t *file = read_whole_file(core_path(name), &size);
    assert_non_null(file);
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(core_path(name), 0, &t), NULL);
    check_core_truth(t, tr, file, size);
    ds_close(t);
    free(file);
    free(tr);
}

/* A core the tests below need; fails the test when it is missing. */
static uint8_t *shared_core(const char *name, size_t *size)
{
    uint8_t *file = read_whole_file(core_path(name), size);
    if (!file)
        fail_msg("%s is not there (DS_TESTDATA is %s)", core_path(name), testdata_dir());
    return file;
}

/* ---- specific shared cores ------------------------------------------------- */

/* The hand-edited NT_FILE of the rizin arm64 core still yields every
   mapping, image and module. */
static void test_nt_file_hand_edited(void **state)
{
    (void)state;
    ds_target *t;
    size_t size;
    uint8_t *file = shared_core("rizin-core-linux-arm64.core", &size);
    free(file);
    char spec[4200];
    snprintf(spec, sizeof spec, "core:%s", core_path("rizin-core-linux-arm64.core"));
    assert_hr(S_OK, ds_open(spec, 0, &t), NULL);
    static const struct {
        uint64_t base, size;
        const char *name;
    } want[] = {
        { 0x558ce37000, 0x12000, "bins/elf/core/crash-linux-arm64" },
        { 0x7f8bd60000, 0x171000, "/usr/lib/libc-2.32.so" },
        { 0x7f8bef8000, 0x35000, "/usr/lib/ld-2.32.so" },
    };
    uint32_t n;
    assert_hr(S_OK, ds_get_number_modules(t, &n), t);
    assert_int_equal(n, 3);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t base, msize;
        char name[128];
        assert_hr(S_OK, ds_get_module(t, i, &base, &msize, name, sizeof name, NULL), t);
        assert_int_equal(base, want[i].base);
        assert_int_equal(msize, want[i].size);
        assert_string_equal(name, want[i].name);
    }
    /* libc's PROT_NONE gap: an image region, not readable. */
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, 0x7f8bebb000, &mbi), t);
    assert_int_equal(mbi.Type, MEM_IMAGE);
    assert_int_equal(mbi.Protect, PAGE_NOACCESS);
    assert_int_equal(mbi.AllocationBase, 0x7f8bd60000);
    assert_int_equal(mbi.AllocationProtect, PAGE_EXECUTE_READ);
    /* The stack: private. */
    assert_hr(S_OK, ds_query_virtual(t, 0x7ff5e96000, &mbi), t);
    assert_int_equal(mbi.Type, MEM_PRIVATE);
    assert_int_equal(ds_page_size(t), 4096);
    ds_close(t);
}

/* DS_OPEN_WRITABLE_COPY: writes land in the private mapping only, and only
   in bytes the core holds. */
static void test_writable_copy(void **state)
{
    (void)state;
    const char *name = "rizin-core-linux-arm64.core";
    size_t size;
    uint8_t *file = shared_core(name, &size);
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(core_path(name), DS_OPEN_WRITABLE_COPY, &t), NULL);
    uint8_t b[16];
    uint32_t n = 0;
    assert_hr(S_OK, ds_write_virtual(t, 0x7ff5eb47b5, "WXYZ", 4, &n), t);
    assert_int_equal(n, 4);
    assert_hr(S_OK, ds_read_virtual(t, 0x7ff5eb47b5, b, 4, &n), t);
    assert_memory_equal(b, "WXYZ", 4);
    /* The libc text segment holds its first page only: 8 of 16 bytes. */
    assert_hr(S_OK, ds_write_virtual(t, 0x7f8bd60ff8, "0123456789abcdef", 16, &n), t);
    assert_int_equal(n, 8);
    assert_hr(WRITE_FAULT, ds_write_virtual(t, 0x7f8bd61000, "x", 1, &n), t);
    assert_int_equal(n, 0);
    assert_hr(WRITE_FAULT, ds_write_virtual(t, 0x10, "x", 1, &n), t);
    ds_close(t);
    /* The file is untouched. */
    size_t size2;
    uint8_t *again = read_whole_file(core_path(name), &size2);
    assert_int_equal(size, size2);
    assert_memory_equal(file, again, size);
    free(again);
    free(file);
}

/* ---- hand-made hostile headers (from the x86-64 kernel core) --------------- */

struct elf64_copy {
    uint8_t *data;
    size_t size;
    Elf64_Ehdr *eh;
    Elf64_Phdr *ph;
};

static bool x86_64_copy(struct elf64_copy *c)
{
    c->data = shared_core("lldb-linux-x86_64.core", &c->size);
    if (!c->data)
        return false;
    c->eh = (Elf64_Ehdr *)c->data;
    c->ph = (Elf64_Phdr *)(c->data + c->eh->e_phoff);
    return true;
}

static HRESULT open_copy(const struct elf64_copy *c, ds_target **t)
{
    return ds_elfcore_open("hand-made copy", c->data, c->size, DS_OPEN_BORROWED_MAP, t);
}

/* Offset of the first note of the given type in the copy's PT_NOTE. */
static size_t find_note_desc(const struct elf64_copy *c, uint32_t type, uint32_t **descsz)
{
    size_t at = c->ph[0].p_offset, end = at + c->ph[0].p_filesz;
    while (at + 12 <= end) {
        uint32_t *h = (uint32_t *)(c->data + at);
        size_t desc = at + 12 + ((h[0] + 3) & ~3u);
        if (h[2] == type) {
            *descsz = &h[1];
            return desc;
        }
        at = desc + ((h[1] + 3) & ~3u);
    }
    fail_msg("note type 0x%x not found", type);
    return 0;
}

static void test_core_without_memory(void **state)
{
    (void)state;
    struct elf64_copy c;
    x86_64_copy(&c);
    for (int i = 0; i < c.eh->e_phnum; i++)
        if (c.ph[i].p_type == PT_LOAD)
            c.ph[i].p_type = PT_NULL;
    /* Through ds_open_dump, as a user would. */
    char dir[] = "/tmp/ds-elfcore-XXXXXX", path[4096];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/nomemory.core", dir);
    write_whole_file(path, c.data, c.size);
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    uint8_t b[8];
    uint32_t n = 99;
    uint64_t start, size;
    assert_hr(READ_FAULT, ds_read_virtual(t, 0x400000, b, sizeof b, &n), t);
    assert_int_equal(n, 0);
    assert_hr(READ_FAULT, ds_read_virtual(t, 0x7ffe0c027cf5, b, sizeof b, &n), t);
    assert_hr(READ_FAULT, ds_read_virtual(t, 0, b, sizeof b, &n), t);
    assert_int_equal(t->ops->next_readable(t, 0, &start, &size), S_FALSE);
    assert_int_equal(ds_process_id(t), 32259);
    ds_close(t);
    /* Without its notes too: no region at all. */
    c.ph[0].p_type = PT_NULL;
    assert_hr(S_OK, open_copy(&c, &t), NULL);
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(E_INVALIDARG, ds_query_virtual(t, 0, &mbi), t);
    assert_hr(READ_FAULT, ds_read_virtual(t, 0x400000, b, sizeof b, &n), t);
    ds_close(t);
    remove_tree(dir);
    free(c.data);
}

/* e_phnum = PN_XNUM with the real count in section 0's sh_info (what the
   kernel writes for more than 65534 mappings) opens as the original. */
static void test_pn_xnum(void **state)
{
    (void)state;
    struct elf64_copy c;
    x86_64_copy(&c);
    size_t shoff = (c.size + 7) & ~(size_t)7;
    uint8_t *bigger = calloc(1, shoff + sizeof(Elf64_Shdr));
    memcpy(bigger, c.data, c.size);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)bigger;
    Elf64_Shdr *sh = (Elf64_Shdr *)(bigger + shoff);
    sh->sh_info = eh->e_phnum;
    eh->e_phnum = PN_XNUM;
    eh->e_shoff = shoff;
    eh->e_shentsize = sizeof(Elf64_Shdr);
    eh->e_shnum = 1;
    ds_target *t;
    assert_hr(S_OK, ds_elfcore_open("PN_XNUM copy", bigger, shoff + sizeof *sh,
                                    DS_OPEN_BORROWED_MAP, &t), NULL);
    uint8_t b[16];
    uint32_t n;
    assert_hr(S_OK, ds_read_virtual(t, 0xffffffffff600ff0, b, 16, &n), t);
    assert_int_equal(n, 16);
    assert_memory_equal(b, "\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc", 16);
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, 0x7ffe0c16d000, &mbi), t);
    assert_int_equal(mbi.RegionSize, 0x2000);
    ds_close(t);
    /* The same with the section header cut off: a clean refusal. */
    assert_int_not_equal(ds_elfcore_open("PN_XNUM copy", bigger, shoff, DS_OPEN_BORROWED_MAP, &t),
                         S_OK);
    assert_non_null(strstr(ds_error_text(NULL), "PN_XNUM copy"));
    free(bigger);
    free(c.data);
}

static void test_hostile_segments(void **state)
{
    (void)state;
    struct elf64_copy c;
    x86_64_copy(&c);
    ds_target *t;
    uint8_t b[32];
    uint32_t n;
    MEMORY_BASIC_INFORMATION64 mbi;
    /* Segment 2 (stack, 0x7ffe0c026000) moved to overlap segment 1 (a.out,
       0x400000-0x401000) by half a page: clipped, not lost, not doubled. */
    Elf64_Phdr saved = c.ph[2];
    c.ph[2].p_vaddr = 0x400800;
    assert_hr(S_OK, open_copy(&c, &t), NULL);
    assert_hr(S_OK, ds_query_virtual(t, 0x400000, &mbi), t);
    assert_int_equal(mbi.RegionSize, 0x1000);
    assert_hr(S_OK, ds_query_virtual(t, 0x401000, &mbi), t);
    assert_int_equal(mbi.BaseAddress, 0x401000);
    assert_int_equal(mbi.RegionSize, 0x2800);
    assert_hr(S_OK, ds_read_virtual(t, 0x400ff0, b, 32, &n), t);
    assert_int_equal(n, 32);
    assert_memory_equal(b, c.data + c.ph[1].p_offset + 0xff0, 16);
    assert_memory_equal(b + 16, c.data + saved.p_offset + 0x800, 16);
    ds_close(t);
    /* Data past the end of the file: the region shows, nothing reads. */
    c.ph[2] = saved;
    c.ph[2].p_offset = c.size + 0x1000;
    assert_hr(S_OK, open_copy(&c, &t), NULL);
    assert_hr(S_OK, ds_query_virtual(t, saved.p_vaddr, &mbi), t);
    assert_int_equal(mbi.State, MEM_COMMIT);
    assert_hr(READ_FAULT, ds_read_virtual(t, saved.p_vaddr, b, 8, &n), t);
    ds_close(t);
    /* p_filesz > p_memsz, and a segment that wraps past 2^64. */
    c.ph[2] = saved;
    c.ph[2].p_filesz = saved.p_memsz + 0x1000;
    c.ph[5].p_memsz = 0x7fffffffffffffff;
    assert_hr(S_OK, open_copy(&c, &t), NULL);
    assert_hr(READ_FAULT, ds_read_virtual(t, saved.p_vaddr + saved.p_memsz, b, 8, &n), t);
    assert_hr(S_OK, ds_read_virtual(t, 0xffffffffff600ff0, b, 32, &n), t);
    assert_int_equal(n, 16);
    assert_hr(READ_FAULT, ds_read_virtual(t, 0xfffffffffffffff0, b, 32, &n), t);
    assert_hr(S_OK, ds_query_virtual(t, 0xffffffffff600000, &mbi), t);
    assert_int_equal(mbi.RegionSize, 0xffffffffffffffff - 0xffffffffff600000);
    ds_close(t);
    free(c.data);
}

static void test_hostile_headers(void **state)
{
    (void)state;
    struct elf64_copy c;
    x86_64_copy(&c);
    ds_target *t;
    /* Not a core. */
    c.eh->e_type = ET_EXEC;
    assert_int_equal(open_copy(&c, &t), E_INVALIDARG);
    assert_non_null(strstr(ds_error_text(NULL), "not a core file"));
    c.eh->e_type = ET_CORE;
    /* A program header table that runs past the end of the file. */
    c.eh->e_phnum = 60000;
    assert_int_equal(open_copy(&c, &t), E_INVALIDARG);
    assert_non_null(strstr(ds_error_text(NULL), "past the end"));
    c.eh->e_phnum = 6;
    /* A wrong program header size. */
    c.eh->e_phentsize = 48;
    assert_int_equal(open_copy(&c, &t), E_INVALIDARG);
    c.eh->e_phentsize = sizeof(Elf64_Phdr);
    /* NT_FILE claiming 2^64-1 entries: the entries that fit, no names. */
    uint32_t *descsz;
    size_t desc = find_note_desc(&c, NT_FILE, &descsz);
    uint64_t saved_count;
    memcpy(&saved_count, c.data + desc, 8);
    memset(c.data + desc, 0xff, 8);
    assert_hr(S_OK, open_copy(&c, &t), NULL);
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, 0x400000, &mbi), t);
    ds_close(t);
    memcpy(c.data + desc, &saved_count, 8);
    /* A page size of 0 in NT_FILE: offsets unknown, mappings still typed. */
    memset(c.data + desc + 8, 0, 8);
    assert_hr(S_OK, open_copy(&c, &t), NULL);
    assert_hr(S_OK, ds_query_virtual(t, 0x400000, &mbi), t);
    assert_int_equal(mbi.Type, MEM_IMAGE);
    ds_close(t);
    /* A note whose descsz runs past its segment ends the walk there. */
    uint32_t *prstatus_size;
    find_note_desc(&c, NT_PRSTATUS, &prstatus_size);
    *prstatus_size = 0xfffffff0;
    assert_hr(S_OK, open_copy(&c, &t), NULL);
    uint32_t threads = 99;
    assert_hr(S_OK, ds_get_number_threads(t, &threads), t);
    assert_int_equal(threads, 0);
    uint8_t b[4];
    uint32_t n;
    assert_hr(S_OK, ds_read_virtual(t, 0x400000, b, 4, &n), t);
    assert_memory_equal(b, "\177ELF", 4);
    ds_close(t);
    free(c.data);
}
static void test_open_notes_say_what_was_ignored(void **state)
{
    (void)state;
    size_t size;
    uint8_t *file = read_whole_file(core_path("lldb-linux-x86_64.core"), &size);
    assert_non_null(file);
    ds_target *t;
    assert_hr(S_OK, ds_elfcore_open("whole", file, size, DS_OPEN_BORROWED_MAP, &t), NULL);
    assert_string_equal(ds_open_notes(t), "");
    ds_close(t);
    /* The PT_NOTE segment spans 0x190..0xb24: cut after the first note. */
    assert_hr(S_OK, ds_elfcore_open("cut", file, 0x300, DS_OPEN_BORROWED_MAP, &t), NULL);
    print_message("notes: %s\n", ds_open_notes(t));
    assert_non_null(strstr(ds_open_notes(t), "PT_NOTE at file offset 0x190 is cut"));
    uint32_t n;
    assert_hr(S_OK, ds_get_number_threads(t, &n), t);
    assert_int_equal(n, 1); /* NT_PRSTATUS came before the cut */
    ds_close(t);
    free(file);
}

static void test_truncated_copies(void **state)
{
    (void)state;
    for (size_t k = 0; k < ncores; k++) {
        size_t size;
        uint8_t *file = shared_core(core_names[k], &size);
        check_truncated_copies(core_names[k], file, size, k);
        free(file);
    }
}

static void test_corrupted_copies(void **state)
{
    (void)state;
    for (size_t k = 0; k < ncores; k++) {
        size_t size;
        uint8_t *file = shared_core(core_names[k], &size);
        check_corrupted_copies(core_names[k], file, size, k, size < (1u << 20) ? 1500 : 200);
        free(file);
    }
}

/* ---- main ------------------------------------------------------------------ */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_cores(void)
{
    if (!testdata_dir())
        return;
    DIR *d = opendir(testdata_path("elfcore"));
    for (struct dirent *de; d && (de = readdir(d)) && ncores < MAX_CORES;) {
        size_t len = strlen(de->d_name);
        if (len > 5 && strcmp(de->d_name + len - 5, ".core") == 0)
            core_names[ncores++] = strdup(de->d_name);
    }
    if (d)
        closedir(d);
    qsort(core_names, ncores, sizeof *core_names, by_name);
}

int main(void)
{
    if (!testdata_required("conf_elfcore"))
        return 1;
    /* The tests set image paths themselves. */
    unsetenv("DS_IMAGE_PATH");
    list_cores();
    if (!ncores) {
        fprintf(stderr, "conf_elfcore: no *.core under %s\n", testdata_path("elfcore"));
        return 1;
    }
    struct CMUnitTest tests[MAX_CORES + 16];
    size_t n = 0;
    for (size_t i = 0; i < ncores; i++) {
        struct CMUnitTest u = cmocka_unit_test_prestate(check_core, core_names[i]);
        u.name = core_names[i];
        tests[n++] = u;
    }
    const struct CMUnitTest more[] = {
        cmocka_unit_test(test_nt_file_hand_edited),
        cmocka_unit_test(test_writable_copy),
        cmocka_unit_test(test_core_without_memory),
        cmocka_unit_test(test_pn_xnum),
        cmocka_unit_test(test_hostile_segments),
        cmocka_unit_test(test_hostile_headers),
        cmocka_unit_test(test_open_notes_say_what_was_ignored),
        cmocka_unit_test(test_truncated_copies),
        cmocka_unit_test(test_corrupted_copies),
    };
    for (size_t i = 0; i < sizeof more / sizeof *more; i++)
        tests[n++] = more[i];
    int failed = _cmocka_run_group_tests("conf_elfcore", tests, n, NULL, NULL);
    for (size_t i = 0; i < ncores; i++)
        free(core_names[i]);
    return failed;
}
