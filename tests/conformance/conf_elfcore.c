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
#include "hostile_core_checks.h"

#include <ctype.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


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
   in bytes the core holds (the stack; libc's text, which holds its first
   page only). */
static void test_writable_copy(void **state)
{
    (void)state;
    const char *name = "rizin-core-linux-arm64.core";
    size_t size;
    uint8_t *file = shared_core(name, &size);
    check_writable_copy(core_path(name), file, size, 0x7ff5eb47b5, 0x7f8bd60000);
    free(file);
}

/* ---- hand-made hostile headers (from the x86-64 kernel core) --------------- */

/* Each test edits its own copy of lldb's x86-64 core. */
static uint8_t *lldb_core(size_t *size)
{
    return shared_core("lldb-linux-x86_64.core", size);
}
DEFINE_HOSTILE_CORE_TESTS(lldb_core)

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
        HOSTILE_CORE_TESTS,
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
