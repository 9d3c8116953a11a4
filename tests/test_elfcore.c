/*
 * test_elfcore.c — the ELF core backend: every shared core against its
 * ground truth (every *.truth.txt under ../shared/testdata/elfcore), cores made here
 * by gcore and by the kernel from a helper with known memory
 * (tests/helpers/elfcore_target.c), image-backed reads, writable copies,
 * hand-made hostile headers, and truncated or corrupted copies of the
 * real cores.
 */
#include "testlib.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "target.h" /* ds_elfcore_open, DS_OPEN_BORROWED_MAP, the backend ops */

#define READ_FAULT HRESULT_FROM_WIN32(ERROR_READ_FAULT)
#define WRITE_FAULT HRESULT_FROM_WIN32(ERROR_WRITE_FAULT)
#define MAX_CORES 64

static char *core_names[MAX_CORES];
static size_t ncores;

/* ---- files --------------------------------------------------------------- */

static uint8_t *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *size = (size_t)n;
    return buf;
}

static void spill(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, size, f), size);
    assert_int_equal(fclose(f), 0);
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    for (struct dirent *de; d && (de = readdir(d));) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(path);
        else
            unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

static const char *core_path(const char *name)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s", testdata_path("elfcore/"));
    strncat(path, name, sizeof path - strlen(path) - 1);
    return path;
}

/* ---- the ground truth ------------------------------------------------------ */

struct truth_load {
    uint64_t vaddr, filesz, memsz, offset;
    char flags[4];
};

struct truth_read {
    uint64_t addr;
    int known;  /* bytes given before the first ?? */
    uint8_t bytes[16];
};

struct truth {
    unsigned elf_class, machine;
    size_t nloads, nthreads, nreads, nedges;
    struct truth_load loads[64];
    uint32_t threads[16];
    struct truth_read reads[8], edges[8];
};

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

static uint32_t expected_machine(unsigned em, unsigned elf_class)
{
    switch (em) {
    case 62: return IMAGE_FILE_MACHINE_AMD64;
    case 3: return IMAGE_FILE_MACHINE_I386;
    case 183: return IMAGE_FILE_MACHINE_ARM64;
    case 40: return IMAGE_FILE_MACHINE_ARMNT;
    case 243: return elf_class == 64 ? IMAGE_FILE_MACHINE_RISCV64 : 0;
    case 20: return IMAGE_FILE_MACHINE_POWERPC;
    case 8: return IMAGE_FILE_MACHINE_R4000;
    default: return 0;
    }
}

/* PAGE_* for readelf-style flags "RWX" (the test's own table). */
static uint32_t expected_protect(const char *f)
{
    bool r = f[0] == 'R', w = f[1] == 'W', x = f[2] == 'X';
    if (x)
        return w ? PAGE_EXECUTE_READWRITE : r ? PAGE_EXECUTE_READ : PAGE_EXECUTE;
    if (w)
        return PAGE_READWRITE;
    return r ? PAGE_READONLY : PAGE_NOACCESS;
}

/* ---- checks of one shared core --------------------------------------------- */

static uint64_t bytes_in_file(const struct truth_load *l, size_t file_size)
{
    uint64_t n = l->filesz < l->memsz ? l->filesz : l->memsz;
    if (l->offset >= file_size)
        return 0;
    return n < file_size - l->offset ? n : file_size - l->offset;
}

/* An address as dbgeng hands it out: sign-extended on a 4-byte target. */
static uint64_t caller_address(ds_target *t, uint64_t a)
{
    return ds_pointer_size(t) == 4 ? (uint64_t)(int64_t)(int32_t)(uint32_t)a : a;
}

static void check_load(ds_target *t, const struct truth_load *l, const uint8_t *file,
                       size_t file_size)
{
    MEMORY_BASIC_INFORMATION64 mbi, next;
    assert_hr(S_OK, ds_query_virtual(t, l->vaddr, &mbi), t);
    assert_int_equal(mbi.BaseAddress, caller_address(t, l->vaddr));
    /* Longer only when the pages after it have the same attributes. */
    assert_true(mbi.RegionSize >= l->memsz);
    if (mbi.RegionSize > l->memsz) {
        assert_hr(S_OK, ds_query_virtual(t, l->vaddr + l->memsz, &next), t);
        assert_int_equal(next.Protect, mbi.Protect);
        assert_int_equal(next.AllocationBase, mbi.AllocationBase);
    }
    assert_int_equal(mbi.State, MEM_COMMIT);
    assert_int_equal(mbi.Protect, expected_protect(l->flags));
    assert_true(mbi.Type == MEM_IMAGE || mbi.Type == MEM_MAPPED || mbi.Type == MEM_PRIVATE);
    assert_true(mbi.AllocationBase <= mbi.BaseAddress);

    uint64_t n = bytes_in_file(l, file_size);
    uint8_t *buf = malloc(n ? n : 1);
    for (uint64_t done = 0; done < n;) {
        uint32_t want = n - done > (1u << 20) ? (1u << 20) : (uint32_t)(n - done), got = 0;
        assert_hr(S_OK, ds_read_virtual(t, l->vaddr + done, buf + done, want, &got), t);
        assert_int_equal(got, want);
        done += got;
    }
    assert_memory_equal(buf, file + l->offset, n);
    free(buf);
    if (l->memsz > n) {
        /* The partial-read rule at the end of what the file holds. */
        uint8_t b[16];
        uint32_t got = 99;
        assert_hr(READ_FAULT, ds_read_virtual(t, l->vaddr + n, b, 1, &got), t);
        assert_int_equal(got, 0);
        if (n >= 8) {
            assert_hr(S_OK, ds_read_virtual(t, l->vaddr + n - 8, b, 16, &got), t);
            assert_int_equal(got, 8);
            assert_memory_equal(b, file + l->offset + n - 8, 8);
        }
    }
}

static void check_samples(ds_target *t, const struct truth *tr)
{
    for (size_t i = 0; i < tr->nreads; i++) {
        uint8_t b[16];
        uint32_t got = 0;
        assert_hr(S_OK, ds_read_virtual(t, tr->reads[i].addr, b, 16, &got), t);
        assert_int_equal(got, 16);
        assert_memory_equal(b, tr->reads[i].bytes, 16);
        assert_int_equal(t->ops->virtual_source(t, tr->reads[i].addr), DEBUG_VSOURCE_DEBUGGEE);
        size_t avail = 0;
        const void *in_place = t->ops->peek(t, tr->reads[i].addr, &avail);
        assert_non_null(in_place);
        assert_true(avail >= 16);
        assert_memory_equal(in_place, tr->reads[i].bytes, 16);
    }
    for (size_t i = 0; i < tr->nedges; i++) {
        const struct truth_read *e = &tr->edges[i];
        uint8_t b[16];
        uint32_t got = 99;
        HRESULT hr = ds_read_virtual(t, e->addr, b, 16, &got);
        assert_hr(e->known ? S_OK : READ_FAULT, hr, t);
        assert_int_equal(got, (uint32_t)e->known);
        assert_memory_equal(b, e->bytes, (size_t)e->known);
        assert_hr(READ_FAULT, ds_read_virtual(t, e->addr + (uint64_t)e->known, b, 16, &got), t);
        assert_non_null(strstr(ds_error_text(t), "core file"));
        assert_int_equal(t->ops->virtual_source(t, e->addr + (uint64_t)e->known),
                         DEBUG_VSOURCE_INVALID);
        size_t avail = 99;
        assert_null(t->ops->peek(t, e->addr + (uint64_t)e->known, &avail));
        assert_int_equal(avail, 0);
        if (e->known) {
            const uint8_t *in_place = t->ops->peek(t, e->addr, &avail);
            assert_non_null(in_place);
            assert_int_equal(avail, (size_t)e->known);
        }
    }
}

/* Reads across adjacent segments are seamless; gaps between them are free. */
static void check_neighbours(ds_target *t, const struct truth *tr, const uint8_t *file,
                             size_t file_size)
{
    for (size_t i = 0; i + 1 < tr->nloads; i++) {
        const struct truth_load *a = &tr->loads[i], *b = &tr->loads[i + 1];
        uint64_t a_end = a->vaddr + a->memsz;
        MEMORY_BASIC_INFORMATION64 mbi;
        if (a_end == b->vaddr && bytes_in_file(a, file_size) == a->memsz && a->memsz >= 16 &&
            bytes_in_file(b, file_size) >= 16) {
            uint8_t buf[32];
            uint32_t got = 0;
            assert_hr(S_OK, ds_read_virtual(t, a_end - 16, buf, 32, &got), t);
            assert_int_equal(got, 32);
            assert_memory_equal(buf, file + a->offset + a->memsz - 16, 16);
            assert_memory_equal(buf + 16, file + b->offset, 16);
        } else if (a_end < b->vaddr) {
            assert_hr(S_OK, ds_query_virtual(t, a_end, &mbi), t);
            assert_int_equal(mbi.State, MEM_FREE);
            assert_int_equal(mbi.BaseAddress, caller_address(t, a_end));
            assert_int_equal(mbi.RegionSize, b->vaddr - a_end);
        }
    }
    const struct truth_load *last = &tr->loads[tr->nloads - 1];
    uint64_t top = last->vaddr + last->memsz;
    MEMORY_BASIC_INFORMATION64 mbi;
    if (top != 0 && (tr->elf_class == 64 || top <= 0xffffffffull))
        assert_hr(E_INVALIDARG, ds_query_virtual(t, top, &mbi), t);
}

/* next_readable enumerates exactly the bytes the segments hold. */
static void check_readable_runs(ds_target *t, const struct truth *tr, size_t file_size)
{
    uint64_t expected = 0, seen = 0, addr = 0, start, size;
    for (size_t i = 0; i < tr->nloads; i++)
        expected += bytes_in_file(&tr->loads[i], file_size);
    for (int guard = 0; guard < 4096 && t->ops->next_readable(t, addr, &start, &size) == S_OK;
         guard++) {
        assert_true(start >= addr && size > 0);
        /* Each run is the bytes of one segment or of several that touch. */
        for (uint64_t at = start; at < start + size;) {
            bool inside = false;
            for (size_t i = 0; i < tr->nloads && !inside; i++) {
                const struct truth_load *l = &tr->loads[i];
                uint64_t end = l->vaddr + bytes_in_file(l, file_size);
                if (at >= l->vaddr && at < end) {
                    inside = true;
                    at = end;
                }
            }
            assert_true(inside);
        }
        seen += size;
        addr = start + size;
        if (addr == 0)
            break;
    }
    assert_int_equal(seen, expected);
}

static void check_identity(ds_target *t, const struct truth *tr)
{
    assert_string_equal(ds_target_kind(t), "elfcore");
    assert_int_equal(ds_pointer_size(t), tr->elf_class / 8);
    assert_int_equal(ds_machine(t), expected_machine(tr->machine, tr->elf_class));
    uint32_t n = 0, ids[16];
    assert_hr(S_OK, ds_get_number_threads(t, &n), t);
    assert_int_equal(n, tr->nthreads);
    assert_hr(S_OK, ds_get_thread_ids(t, 0, n, ids), t);
    bool pid_is_a_thread = false;
    for (uint32_t i = 0; i < n; i++) {
        assert_int_equal(ids[i], tr->threads[i]);
        pid_is_a_thread |= ids[i] == ds_process_id(t);
    }
    assert_true(pid_is_a_thread);
    /* Every module is an image region that starts its own allocation. */
    assert_hr(S_OK, ds_get_number_modules(t, &n), t);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t base, size;
        MEMORY_BASIC_INFORMATION64 mbi;
        assert_hr(S_OK, ds_get_module(t, i, &base, &size, NULL, 0, NULL), t);
        assert_hr(S_OK, ds_query_virtual(t, base, &mbi), t);
        assert_int_equal(mbi.BaseAddress, caller_address(t, base));
        assert_int_equal(mbi.AllocationBase, caller_address(t, base));
        assert_int_equal(mbi.Type, MEM_IMAGE);
        assert_true(size >= mbi.RegionSize);
    }
}

static void check_read_only(ds_target *t, const struct truth *tr, size_t file_size)
{
    for (size_t i = 0; i < tr->nloads; i++) {
        if (!bytes_in_file(&tr->loads[i], file_size))
            continue;
        uint32_t written = 99;
        assert_hr(WRITE_FAULT, ds_write_virtual(t, tr->loads[i].vaddr, "x", 1, &written), t);
        assert_int_equal(written, 0);
        assert_non_null(strstr(ds_error_text(t), "read-only"));
        return;
    }
}

static void check_core(void **state)
{
    const char *name = *state;
    char truth_path[4096];
    snprintf(truth_path, sizeof truth_path, "%s.truth.txt", core_path(name));
    struct truth *tr = calloc(1, sizeof *tr);
    assert_true(load_truth(truth_path, tr));
    assert_true(tr->nloads > 0);
    size_t size;
    uint8_t *file = slurp(core_path(name), &size);
    assert_non_null(file);

    ds_target *t;
    assert_hr(S_OK, ds_open_dump(core_path(name), 0, &t), NULL);
    check_identity(t, tr);
    for (size_t i = 0; i < tr->nloads; i++)
        check_load(t, &tr->loads[i], file, size);
    check_samples(t, tr);
    check_neighbours(t, tr, file, size);
    check_readable_runs(t, tr, size);
    check_read_only(t, tr, size);
    ds_close(t);
    free(file);
    free(tr);
}

static void testdata_missing(void **state)
{
    (void)state;
    print_message("skipped: no ELF cores under %s (set DS_TESTDATA to ../shared/testdata)\n",
                  testdata_path("elfcore"));
    skip();
}

/* Skip the calling test when a shared core is missing. */
static uint8_t *shared_core(const char *name, size_t *size)
{
    uint8_t *file = slurp(core_path(name), size);
    if (!file)
        print_message("skipped: %s is not there (set DS_TESTDATA)\n", core_path(name));
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
    if (!file)
        skip();
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
    if (!file)
        skip();
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
    uint8_t *again = slurp(core_path(name), &size2);
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
    if (!x86_64_copy(&c))
        skip();
    for (int i = 0; i < c.eh->e_phnum; i++)
        if (c.ph[i].p_type == PT_LOAD)
            c.ph[i].p_type = PT_NULL;
    /* Through ds_open_dump, as a user would. */
    char dir[] = "/tmp/ds-elfcore-XXXXXX", path[4096];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/nomemory.core", dir);
    spill(path, c.data, c.size);
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
    if (!x86_64_copy(&c))
        skip();
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
    if (!x86_64_copy(&c))
        skip();
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
    if (!x86_64_copy(&c))
        skip();
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

/* ---- truncated and corrupted copies ---------------------------------------- */

static uint64_t rng_state;

static uint64_t rng(void)
{
    /* xorshift64*: deterministic, so a failure can be replayed. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

static void probe(ds_target *t, ds_target *orig, uint64_t addr, uint32_t size)
{
    static uint8_t buf[65536], ref[65536];
    uint32_t got = 99, got2 = 0;
    HRESULT hr = ds_read_virtual(t, addr, buf, size, &got);
    if (FAILED(hr)) {
        assert_hr(READ_FAULT, hr, t);
        assert_int_equal(got, 0);
        return;
    }
    assert_true(got > 0 && got <= size);
    if (orig) {
        /* A cut copy holds a prefix of the original's bytes, nothing else. */
        assert_hr(S_OK, ds_read_virtual(orig, addr, ref, got, &got2), orig);
        assert_int_equal(got2, got);
        assert_memory_equal(buf, ref, got);
    }
}

/* Walk everything a damaged target offers: regions, reads at both ends of
   each, readable runs, sources, modules. Bounded whatever the file says. */
static void exercise(ds_target *t, ds_target *orig)
{
    MEMORY_BASIC_INFORMATION64 mbi;
    uint64_t addr = 0, start, size;
    for (int k = 0; k < 512 && SUCCEEDED(ds_query_virtual(t, addr, &mbi)); k++) {
        if (mbi.State != MEM_FREE) {
            probe(t, orig, mbi.BaseAddress, mbi.RegionSize < 65536 ? (uint32_t)mbi.RegionSize : 65536);
            if (mbi.RegionSize > 4096)
                probe(t, orig, mbi.BaseAddress + mbi.RegionSize - 4096, 4096);
            (void)t->ops->virtual_source(t, mbi.BaseAddress);
            /* A peeked run lies inside the buffer (ASan checks both ends). */
            size_t avail;
            const volatile uint8_t *in_place = t->ops->peek(t, mbi.BaseAddress, &avail);
            if (in_place) {
                assert_true(avail > 0);
                (void)in_place[0];
                (void)in_place[avail - 1];
            }
        }
        uint64_t next = mbi.BaseAddress + mbi.RegionSize;
        if (next <= addr)
            break;
        addr = next;
    }
    addr = 0;
    for (int k = 0; k < 512 && t->ops->next_readable(t, addr, &start, &size) == S_OK; k++) {
        assert_true(size > 0 && start >= addr);
        probe(t, orig, start, size < 256 ? (uint32_t)size : 256);
        if (start + size <= addr)
            break;
        addr = start + size;
        if (!addr)
            break;
    }
    uint32_t n;
    assert_hr(S_OK, ds_get_number_modules(t, &n), t);
    assert_hr(S_OK, ds_get_number_threads(t, &n), t);
}

static unsigned copies_opened, copies_refused;

static void open_and_exercise(const char *name, const uint8_t *data, size_t size,
                              ds_target *orig)
{
    ds_target *t = NULL;
    HRESULT hr = ds_elfcore_open(name, data, size, DS_OPEN_BORROWED_MAP, &t);
    copies_opened += SUCCEEDED(hr);
    copies_refused += FAILED(hr);
    if (FAILED(hr)) {
        assert_null(t);
        assert_string_not_equal(ds_error_text(NULL), "no error");
        assert_non_null(strstr(ds_error_text(NULL), name));
        return;
    }
    exercise(t, orig);
    ds_close(t);
}

/* Each note's header, and the start, middle and end of its descriptor
   (NT_FILE's count, page size, table and names among them). */
static size_t note_offsets(Elf *e, const GElf_Phdr *ph, size_t *out, size_t n, size_t cap)
{
    Elf_Data *d = elf_getdata_rawchunk(e, (int64_t)ph->p_offset, ph->p_filesz, ELF_T_NHDR);
    GElf_Nhdr nh;
    size_t at = 0, next, name_at, desc_at;
    while (d && n + 6 < cap && (next = gelf_getnote(d, at, &nh, &name_at, &desc_at)) > at) {
        out[n++] = ph->p_offset + at + 4;
        out[n++] = ph->p_offset + desc_at;
        out[n++] = ph->p_offset + desc_at + 8;
        out[n++] = ph->p_offset + desc_at + 16;
        out[n++] = ph->p_offset + desc_at + nh.n_descsz / 2;
        out[n++] = ph->p_offset + desc_at + nh.n_descsz - 1;
        at = next;
    }
    return n;
}

/* Offsets where a cut or a flip says the most: header fields, program
   headers, notes, the edges of segment data. */
static size_t interesting_offsets(const uint8_t *data, size_t size, size_t *out, size_t cap)
{
    size_t n = 0;
    static const size_t fixed[] = { 1, 4, 5, 16, 18, 24, 28, 32, 42, 44, 52, 56, 60, 63, 64 };
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed && n < cap; i++)
        out[n++] = fixed[i];
    elf_version(EV_CURRENT);
    Elf *e = elf_memory((char *)data, size);
    size_t phnum = 0;
    GElf_Ehdr eh;
    if (e && gelf_getehdr(e, &eh) && elf_getphdrnum(e, &phnum) == 0) {
        size_t entsize = gelf_fsize(e, ELF_T_PHDR, 1, EV_CURRENT);
        for (size_t i = 0; i <= phnum && i < 12 && n + 2 < cap; i++) {
            out[n++] = eh.e_phoff + i * entsize;
            out[n++] = eh.e_phoff + i * entsize + entsize / 2;
        }
        for (size_t i = 0; i < phnum && n + 6 < cap; i++) {
            GElf_Phdr ph;
            if (!gelf_getphdr(e, (int)i, &ph) || (ph.p_type != PT_NOTE && i > 24))
                continue;
            out[n++] = ph.p_offset;
            out[n++] = ph.p_offset + 1;
            out[n++] = ph.p_offset + 12;
            out[n++] = ph.p_offset + ph.p_filesz / 3;
            out[n++] = ph.p_offset + ph.p_filesz / 2;
            out[n++] = ph.p_offset + ph.p_filesz - 1;
            if (ph.p_type == PT_NOTE)
                n = note_offsets(e, &ph, out, n, cap);
        }
    }
    elf_end(e);
    while (n < cap)
        out[n++] = rng() % size;
    return n;
}

/* A core cut inside its notes still opens, and says what it ignored. */
static void test_open_notes_say_what_was_ignored(void **state)
{
    (void)state;
    if (!ncores)
        skip();
    size_t size;
    uint8_t *file = slurp(core_path("lldb-linux-x86_64.core"), &size);
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
    if (!ncores)
        skip();
    copies_opened = copies_refused = 0;
    for (size_t k = 0; k < ncores; k++) {
        size_t size;
        uint8_t *file = slurp(core_path(core_names[k]), &size);
        assert_non_null(file);
        rng_state = 0x9E3779B97F4A7C15ull ^ k;
        ds_target *orig;
        assert_hr(S_OK, ds_elfcore_open(core_names[k], file, size, DS_OPEN_BORROWED_MAP, &orig),
                  NULL);
        size_t cuts[96];
        size_t ncuts = interesting_offsets(file, size, cuts, 64 + (size < (1u << 20) ? 32 : 0));
        for (size_t i = 0; i < ncuts; i++) {
            if (cuts[i] == 0 || cuts[i] >= size)
                continue;
            uint8_t *cut = malloc(cuts[i]); /* exactly: ASan sees any overread */
            memcpy(cut, file, cuts[i]);
            open_and_exercise(core_names[k], cut, cuts[i], orig);
            free(cut);
        }
        ds_close(orig);
        free(file);
    }
    print_message("%u truncated copies opened, %u refused with a sentence\n", copies_opened,
                  copies_refused);
}

static void test_corrupted_copies(void **state)
{
    (void)state;
    if (!ncores)
        skip();
    static const uint8_t specials[] = { 0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe };
    copies_opened = copies_refused = 0;
    for (size_t k = 0; k < ncores; k++) {
        size_t size;
        uint8_t *file = slurp(core_path(core_names[k]), &size);
        assert_non_null(file);
        rng_state = 0xD1B54A32D192ED03ull ^ (k * 0x100000001b3ull);
        size_t spots[160];
        size_t nspots = interesting_offsets(file, size, spots, 160);
        int mutants = size < (1u << 20) ? 1500 : 200;
        for (int m = 0; m < mutants; m++) {
            size_t pos[4];
            uint8_t old[4];
            int flips = 1 + (int)(rng() % 4);
            for (int f = 0; f < flips; f++) {
                /* Near an interesting offset, or anywhere in the first 4 KiB. */
                size_t p = rng() % 2 ? spots[rng() % nspots] + rng() % 8 : rng() % 4096;
                pos[f] = p < size ? p : size - 1;
                old[f] = file[pos[f]];
                uint64_t r = rng();
                file[pos[f]] = r % 3 == 0   ? specials[(r >> 8) % sizeof specials]
                               : r % 3 == 1 ? (uint8_t)(old[f] ^ (1u << ((r >> 8) % 8)))
                                            : (uint8_t)(r >> 16);
            }
            open_and_exercise(core_names[k], file, size, NULL);
            for (int f = flips - 1; f >= 0; f--)
                file[pos[f]] = old[f];
        }
        free(file);
    }
    print_message("%u corrupted copies opened, %u refused with a sentence\n", copies_opened,
                  copies_refused);
}

/* ---- cores made here from a helper with known memory ----------------------- */

/* Same formula as tests/helpers/elfcore_target.c. */
static unsigned char known_byte(size_t i)
{
    return (unsigned char)(i * 131u + (i >> 9) + 7u);
}

struct made_core {
    char dir[64];
    char core[4096];
    char exe[4096];
    struct helper h;
    uint64_t page, pid, tid, known, known_size, edge, hole, rodata, code;
    bool hole_is_free;
    uint8_t code_bytes[64];
};

/* Start the helper in a fresh directory; with for_kernel_core it dumps
   its core there when it aborts. */
static void start_target(struct made_core *mc, bool for_kernel_core)
{
    snprintf(mc->dir, sizeof mc->dir, "/tmp/ds-elfcore-XXXXXX");
    assert_non_null(mkdtemp(mc->dir));
    snprintf(mc->exe, sizeof mc->exe, "%s", helper_path("elfcore_target"));
    helper_start(&mc->h, "elfcore_target", for_kernel_core ? mc->dir : NULL, NULL);
    struct helper *h = &mc->h;
    mc->page = helper_value(h, "page");
    mc->pid = helper_value(h, "pid");
    mc->tid = helper_value(h, "tid");
    mc->known = helper_value(h, "known");
    mc->known_size = helper_value(h, "known_size");
    mc->edge = helper_value(h, "edge");
    mc->hole = helper_value(h, "hole");
    mc->rodata = helper_value(h, "rodata");
    mc->code = helper_value(h, "code");
    uint64_t s, e;
    char perms[5];
    mc->hole_is_free = proc_maps_lookup(h->pid, mc->hole, &s, &e, perms) != 0;
    /* The code bytes as the process sees them, to check image reads. */
    struct iovec local = { mc->code_bytes, sizeof mc->code_bytes };
    struct iovec remote = { (void *)(uintptr_t)mc->code, sizeof mc->code_bytes };
    assert_int_equal(process_vm_readv(h->pid, &local, 1, &remote, 1, 0),
                     (ssize_t)sizeof mc->code_bytes);
}

static void check_known_memory(ds_target *t, const struct made_core *mc)
{
    uint32_t n = 0, ids[8];
    struct stat st;
    if (stat(mc->core, &st) == 0)
        print_message("core of the helper: %s, %lld bytes\n", mc->core, (long long)st.st_size);
    assert_int_equal(ds_process_id(t), mc->pid);
    assert_hr(S_OK, ds_get_number_threads(t, &n), t);
    assert_int_equal(n, 2);
    assert_hr(S_OK, ds_get_thread_ids(t, 0, n, ids), t);
    assert_true((ids[0] == mc->pid && ids[1] == mc->tid) ||
                (ids[0] == mc->tid && ids[1] == mc->pid));

    /* Every byte of the known buffer. */
    uint8_t *buf = malloc(mc->known_size);
    assert_hr(S_OK, ds_read_virtual(t, mc->known, buf, (uint32_t)mc->known_size, &n), t);
    assert_int_equal(n, mc->known_size);
    for (size_t i = 0; i < mc->known_size; i++)
        if (buf[i] != known_byte(i))
            fail_msg("known+0x%zx: 0x%02x, expected 0x%02x", i, buf[i], known_byte(i));
    free(buf);
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, mc->known, &mbi), t);
    assert_int_equal(mbi.State, MEM_COMMIT);
    assert_int_equal(mbi.Protect, PAGE_READWRITE);
    assert_int_equal(mbi.Type, MEM_PRIVATE);

    uint8_t page[65536];
    assert_true(mc->page <= sizeof page / 2);
    assert_hr(S_OK, ds_read_virtual(t, mc->rodata, page, (uint32_t)mc->page, &n), t);
    assert_int_equal(n, mc->page);
    for (size_t i = 0; i < mc->page; i++)
        assert_int_equal(page[i], 0x5A);
    assert_hr(S_OK, ds_query_virtual(t, mc->rodata, &mbi), t);
    assert_int_equal(mbi.Protect, PAGE_READONLY);

    assert_hr(S_OK, ds_read_virtual(t, mc->edge, page, (uint32_t)(2 * mc->page), &n), t);
    assert_int_equal(n, 2 * mc->page);
    for (size_t i = 0; i < 2 * mc->page; i++)
        assert_int_equal(page[i], 0xC3);
    if (mc->hole_is_free) {
        /* The partial-read rule at the end of a region. */
        assert_hr(S_OK, ds_read_virtual(t, mc->hole - 16, page, 32, &n), t);
        assert_int_equal(n, 16);
        assert_hr(READ_FAULT, ds_read_virtual(t, mc->hole, page, 32, &n), t);
        assert_hr(S_OK, ds_query_virtual(t, mc->hole, &mbi), t);
        assert_int_equal(mbi.State, MEM_FREE);
    } else {
        print_message("note: something was mapped in the helper's hole; edge read not checked\n");
    }

    /* The helper's executable: a module, its text an image region. */
    assert_hr(S_OK, ds_get_number_modules(t, &n), t);
    bool found = false;
    for (uint32_t i = 0; i < n && !found; i++) {
        uint64_t base, size;
        char name[4096];
        assert_hr(S_OK, ds_get_module(t, i, &base, &size, name, sizeof name, NULL), t);
        size_t len = strlen(name);
        if (len < 15 || strcmp(name + len - 15, "/elfcore_target") != 0)
            continue;
        found = true;
        assert_true(base <= mc->code && mc->code < base + size);
        assert_hr(S_OK, ds_query_virtual(t, mc->code, &mbi), t);
        assert_int_equal(mbi.Type, MEM_IMAGE);
        assert_int_equal(mbi.Protect, PAGE_EXECUTE_READ);
        assert_int_equal(mbi.AllocationBase, base);
    }
    assert_true(found);
}

/* A copy of the helper with one byte of its build-id changed, in dir/bad. */
static bool make_mismatched_image(const struct made_core *mc, char *bad_dir, size_t cap)
{
    size_t size;
    uint8_t *exe = slurp(mc->exe, &size);
    assert_non_null(exe);
    static const uint8_t gnu_build_id[] = { 3, 0, 0, 0, 'G', 'N', 'U', 0 };
    uint8_t *p = memmem(exe, size, gnu_build_id, sizeof gnu_build_id);
    if (!p || p - exe < 8 || p + sizeof gnu_build_id >= exe + size) {
        free(exe);
        return false;
    }
    p[sizeof gnu_build_id] ^= 0xff;
    snprintf(bad_dir, cap, "%s/bad", mc->dir);
    assert_int_equal(mkdir(bad_dir, 0700), 0);
    char path[4200];
    snprintf(path, sizeof path, "%s/elfcore_target", bad_dir);
    spill(path, exe, size);
    free(exe);
    return true;
}

/* A library whose first mapping the core holds only the first page of
   (the kernel dumps ELF header pages of file mappings, not the rest): a
   read across that page's end is seamless, core bytes then image bytes. */
static void check_core_then_image(ds_target *t, const struct made_core *mc)
{
    uint32_t count = 0;
    assert_hr(S_OK, ds_get_number_modules(t, &count), t);
    for (uint32_t i = 0; i < count; i++) {
        uint64_t base, size;
        char name[4096], dir[4096];
        uint8_t b[32];
        uint32_t n;
        MEMORY_BASIC_INFORMATION64 mbi;
        assert_hr(S_OK, ds_get_module(t, i, &base, &size, name, sizeof name, NULL), t);
        if (name[0] != '/' || strstr(name, "elfcore_target") ||
            FAILED(ds_query_virtual(t, base, &mbi)) || mbi.RegionSize <= mc->page ||
            ds_read_virtual(t, base + mc->page, b, 1, &n) != READ_FAULT ||
            ds_read_virtual(t, base + mc->page - 16, b, 16, &n) != S_OK)
            continue;
        size_t file_size;
        uint8_t *file = slurp(name, &file_size);
        if (!file || file_size < mc->page + 16) {
            free(file);
            continue;
        }
        snprintf(dir, sizeof dir, "%s", name);
        *strrchr(dir, '/') = '\0';
        assert_hr(S_OK, ds_set_image_path(t, dir), t);
        assert_hr(S_OK, ds_read_virtual(t, base + mc->page - 16, b, 32, &n), t);
        assert_int_equal(n, 32);
        assert_memory_equal(b, file + mc->page - 16, 32);
        assert_int_equal(t->ops->virtual_source(t, base + mc->page - 1), DEBUG_VSOURCE_DEBUGGEE);
        assert_int_equal(t->ops->virtual_source(t, base + mc->page), DEBUG_VSOURCE_MAPPED_IMAGE);
        assert_hr(S_OK, ds_set_image_path(t, NULL), t);
        free(file);
        return;
    }
    print_message("note: no library with only its header page in the core; core-then-image "
                  "read not checked\n");
}

static void check_image_reads(ds_target *t, const struct made_core *mc, const char *maker)
{
    check_core_then_image(t, mc);
    uint8_t b[64];
    uint32_t n = 99;
    if (ds_read_virtual(t, mc->code, b, sizeof b, &n) == S_OK) {
        print_message("note: %s put the helper's text in the core; image reads not checked\n",
                      maker);
        return;
    }
    assert_int_equal(t->ops->virtual_source(t, mc->code), DEBUG_VSOURCE_INVALID);
    assert_non_null(strstr(ds_error_text(t), "image path"));

    char bad_dir[4096], helpers[4096], both[8300];
    snprintf(helpers, sizeof helpers, "%s", mc->exe);
    *strrchr(helpers, '/') = '\0';
    assert_true(make_mismatched_image(mc, bad_dir, sizeof bad_dir));

    /* A file of the same name with another build-id is refused. */
    assert_hr(S_OK, ds_set_image_path(t, bad_dir), t);
    assert_hr(READ_FAULT, ds_read_virtual(t, mc->code, b, sizeof b, &n), t);
    assert_non_null(strstr(ds_error_text(t), "build-id differs"));

    /* The right file supplies the bytes the core lacks. */
    snprintf(both, sizeof both, "%s:%s", bad_dir, helpers);
    assert_hr(S_OK, ds_set_image_path(t, both), t);
    assert_hr(S_OK, ds_read_virtual(t, mc->code, b, sizeof b, &n), t);
    assert_int_equal(n, sizeof b);
    assert_memory_equal(b, mc->code_bytes, sizeof b);
    assert_int_equal(t->ops->virtual_source(t, mc->code), DEBUG_VSOURCE_MAPPED_IMAGE);
    size_t avail;
    assert_null(t->ops->peek(t, mc->code, &avail)); /* image bytes are read, not peeked */
    uint64_t page_start = mc->code & ~(mc->page - 1), start, size;
    assert_int_equal(t->ops->next_readable(t, page_start, &start, &size), S_OK);
    assert_int_equal(start, page_start);
    assert_true(size >= mc->page);

    /* Cleared: unreadable again. */
    assert_hr(S_OK, ds_set_image_path(t, NULL), t);
    assert_hr(READ_FAULT, ds_read_virtual(t, mc->code, b, sizeof b, &n), t);

    /* DS_IMAGE_PATH at open does the same. */
    setenv("DS_IMAGE_PATH", both, 1);
    ds_target *t2;
    assert_hr(S_OK, ds_open_dump(mc->core, 0, &t2), NULL);
    unsetenv("DS_IMAGE_PATH");
    assert_hr(S_OK, ds_read_virtual(t2, mc->code, b, sizeof b, &n), t2);
    assert_memory_equal(b, mc->code_bytes, sizeof b);
    ds_close(t2);
}

static bool have_program(const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
    return system(cmd) == 0;
}

static void test_gcore(void **state)
{
    (void)state;
    if (!have_program("gcore")) {
        print_message("skipped: gcore (Debian package gdb) is not installed\n");
        skip();
    }
    struct made_core mc;
    memset(&mc, 0, sizeof mc);
    start_target(&mc, false);
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "gcore -o %s/core %d >%s/gcore.log 2>&1", mc.dir, (int)mc.h.pid,
             mc.dir);
    int rc = system(cmd);
    helper_stop(&mc.h);
    snprintf(mc.core, sizeof mc.core, "%s/core.%d", mc.dir, (int)mc.pid);
    if (rc != 0 || access(mc.core, R_OK) != 0) {
        print_message("skipped: gcore could not dump the helper (exit status %d; see %s/gcore.log "
                      "- is ptrace allowed here?)\n", rc, mc.dir);
        skip();
    }
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(mc.core, 0, &t), NULL);
    check_known_memory(t, &mc);
    check_image_reads(t, &mc, "gcore");
    ds_close(t);
    remove_tree(mc.dir);
}

/* The core file name core(5) says the kernel uses, or false (with the
   reason in why) when it is not a plain path this test can predict. */
static bool expected_core_path(const struct made_core *mc, char *out, size_t cap, char *why,
                               size_t why_cap)
{
    char pattern[512] = "", uses_pid[8] = "0";
    FILE *f = fopen("/proc/sys/kernel/core_pattern", "r");
    if (!f || !fgets(pattern, sizeof pattern, f)) {
        snprintf(why, why_cap, "cannot read /proc/sys/kernel/core_pattern");
        if (f)
            fclose(f);
        return false;
    }
    fclose(f);
    pattern[strcspn(pattern, "\n")] = '\0';
    if ((f = fopen("/proc/sys/kernel/core_uses_pid", "r"))) {
        if (!fgets(uses_pid, sizeof uses_pid, f))
            uses_pid[0] = '0';
        fclose(f);
    }
    if (pattern[0] == '|' || pattern[0] == '\0') {
        snprintf(why, why_cap, "core_pattern '%s' sends cores to a program", pattern);
        return false;
    }
    size_t n = 0;
    bool has_pid = false;
    if (pattern[0] != '/')
        n = (size_t)snprintf(out, cap, "%s/", mc->dir);
    for (const char *p = pattern; *p && n < cap; p++) {
        if (*p != '%') {
            out[n++] = *p;
            continue;
        }
        p++;
        int w = 0;
        switch (*p) {
        case '%': w = snprintf(out + n, cap - n, "%%"); break;
        case 'p': case 'P': case 'i': case 'I':
            has_pid = true;
            w = snprintf(out + n, cap - n, "%d", (int)mc->pid);
            break;
        case 'e': w = snprintf(out + n, cap - n, "elfcore_target"); break;
        case 's': w = snprintf(out + n, cap - n, "%d", SIGABRT); break;
        case 'u': w = snprintf(out + n, cap - n, "%d", (int)getuid()); break;
        case 'g': w = snprintf(out + n, cap - n, "%d", (int)getgid()); break;
        default:
            snprintf(why, why_cap, "core_pattern '%s' uses %%%c, which this test cannot predict",
                     pattern, *p ? *p : '?');
            return false;
        }
        n += (size_t)w;
    }
    if (n >= cap)
        return false;
    out[n] = '\0';
    if (uses_pid[0] == '1' && !has_pid)
        snprintf(out + n, cap - n, ".%d", (int)mc->pid);
    return true;
}

static void test_kernel_core(void **state)
{
    (void)state;
    struct made_core mc;
    char why[600];
    memset(&mc, 0, sizeof mc);
    start_target(&mc, true);
    if (!expected_core_path(&mc, mc.core, sizeof mc.core, why, sizeof why)) {
        helper_stop(&mc.h);
        remove_tree(mc.dir);
        print_message("skipped: %s\n", why);
        skip();
    }
    fprintf(mc.h.to, "abort\n");
    fflush(mc.h.to);
    int status = 0;
    while (waitpid(mc.h.pid, &status, 0) < 0 && errno == EINTR)
        ;
    mc.h.pid = 0;  /* reaped: helper_stop only closes the pipes */
    helper_stop(&mc.h);
    if (!WIFSIGNALED(status) || !WCOREDUMP(status) || access(mc.core, R_OK) != 0) {
        print_message("skipped: the kernel wrote no core at %s (status 0x%x; RLIMIT_CORE or "
                      "core_pattern may send it elsewhere)\n", mc.core, (unsigned)status);
        remove_tree(mc.dir);
        skip();
    }
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(mc.core, 0, &t), NULL);
    check_known_memory(t, &mc);
    check_image_reads(t, &mc, "the kernel");
    ds_close(t);
    unlink(mc.core);  /* an absolute core_pattern puts it outside mc.dir */
    remove_tree(mc.dir);
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
    /* The tests set image paths themselves. */
    unsetenv("DS_IMAGE_PATH");
    list_cores();
    struct CMUnitTest tests[MAX_CORES + 16];
    size_t n = 0;
    if (!ncores)
        tests[n++] = (struct CMUnitTest)cmocka_unit_test(testdata_missing);
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
        cmocka_unit_test(test_gcore),
        cmocka_unit_test(test_kernel_core),
        cmocka_unit_test(test_open_notes_say_what_was_ignored),
        cmocka_unit_test(test_truncated_copies),
        cmocka_unit_test(test_corrupted_copies),
    };
    for (size_t i = 0; i < sizeof more / sizeof *more; i++)
        tests[n++] = more[i];
    int failed = _cmocka_run_group_tests("elfcore", tests, n, NULL, NULL);
    for (size_t i = 0; i < ncores; i++)
        free(core_names[i]);
    return failed;
}
