/*
 * test_elfcore.c — the ELF core backend on cores this test makes itself:
 * cores of thirteen machines built byte by byte (tests/lib/elfcore_builder.c:
 * both byte orders, both classes, each machine's NT_PRSTATUS), checked
 * against what the builder wrote; one laid out like lldb's x86-64 kernel
 * core, edited into hostile headers; truncated and corrupted copies of
 * them all; and cores written by gcore and by the kernel from a helper
 * with known memory (tests/helpers/elfcore_target.c), checked against the
 * helper's own memory and /proc/PID/maps. tests/conformance/conf_elfcore.c
 * does the same over third-party cores (make conformance).
 */
#include "testlib.h"
#include "core_checks.h"
#include "hostile_core_checks.h"
#include "elfcore_builder.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "target.h" /* the backend ops */

#define READ_FAULT HRESULT_FROM_WIN32(ERROR_READ_FAULT)

/* ---- cores built byte by byte ------------------------------------------------ */

/* What the builder wrote, as the truth the checks read. */
static void truth_of(const struct ecb *b, struct truth *tr)
{
    memset(tr, 0, sizeof *tr);
    tr->elf_class = b->arch->is64 ? 64 : 32;
    tr->machine = b->arch->machine;
    for (size_t i = 0; i < b->nthreads; i++)
        tr->threads[tr->nthreads++] = b->tids[i];
    for (size_t i = 0; i < b->nloads; i++) {
        const struct ecb_load *l = &b->loads[i];
        struct truth_load *t = &tr->loads[tr->nloads++];
        *t = (struct truth_load){ l->vaddr, l->filesz, l->memsz, l->offset, "---" };
        if (l->flags & PF_R)
            t->flags[0] = 'R';
        if (l->flags & PF_W)
            t->flags[1] = 'W';
        if (l->flags & PF_X)
            t->flags[2] = 'X';
        /* A sample inside what the core holds; an edge where it stops. */
        if (l->filesz >= 0x200 && tr->nreads < 8) {
            struct truth_read *r = &tr->reads[tr->nreads++];
            r->addr = l->vaddr + 0x1f0;
            r->known = 16;
            memcpy(r->bytes, l->data + 0x1f0, 16);
        }
        if (l->filesz >= 8 && l->filesz < l->memsz && tr->nedges < 8) {
            struct truth_read *e = &tr->edges[tr->nedges++];
            e->addr = l->vaddr + l->filesz - 8;
            e->known = 8;
            memcpy(e->bytes, l->data + l->filesz - 8, 8);
        }
    }
}

/* The standard process (elfcore_builder.h) as a core of the machine. */
static uint8_t *standard_core(const struct ecb_arch *arch, struct ecb *b, struct ecb_layout *L,
                              size_t *size)
{
    ecb_init(b, arch, 4242);
    ecb_standard_process(b, L);
    return ecb_build(b, size);
}

static void check_built_core(void **state)
{
    const struct ecb_arch *arch = *state;
    struct ecb b;
    struct ecb_layout L;
    size_t size;
    uint8_t *file = standard_core(arch, &b, &L, &size);
    struct truth *tr = malloc(sizeof *tr);
    truth_of(&b, tr);
    char dir[] = "/tmp/ds-elfcore-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/%s.core", dir, arch->name);
    write_whole_file(path, file, size);

    ds_target *t;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    check_core_truth(t, tr, file, size);
    assert_int_equal(ds_process_id(t), 4242);
    assert_int_equal(ds_pointer_size(t), arch->is64 ? 8 : 4);

    /* The modules NT_FILE names: base, size, name. */
    uint32_t n;
    assert_hr(S_OK, ds_get_number_modules(t, &n), t);
    assert_int_equal(n, 2);
    uint64_t base, msize;
    char name[128];
    assert_hr(S_OK, ds_get_module(t, 0, &base, &msize, name, sizeof name, NULL), t);
    assert_true(same_address(t, base, L.exe) && msize == 0x3000);
    assert_string_equal(name, "/usr/bin/made_by_test");
    assert_hr(S_OK, ds_get_module(t, 1, &base, &msize, name, sizeof name, NULL), t);
    assert_true(same_address(t, base, L.lib) && msize == 0x6000);
    assert_string_equal(name, "/usr/lib/libmade.so.1");

    /* The loader's gap: part of the library's image, no access. */
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, L.lib_hole, &mbi), t);
    assert_int_equal(mbi.Type, MEM_IMAGE);
    assert_int_equal(mbi.Protect, PAGE_NOACCESS);
    assert_true(same_address(t, mbi.AllocationBase, L.lib));
    assert_int_equal(mbi.AllocationProtect, PAGE_EXECUTE_READ);
    /* The heap and the stack: private. */
    assert_hr(S_OK, ds_query_virtual(t, L.heap + 0x1234, &mbi), t);
    assert_int_equal(mbi.Type, MEM_PRIVATE);
    assert_hr(S_OK, ds_query_virtual(t, L.stack, &mbi), t);
    assert_int_equal(mbi.Type, MEM_PRIVATE);
    assert_int_equal(ds_page_size(t), 4096);

    /* Pointers in the core's order and size; 4-byte ones sign-extended. */
    uint64_t ptrs[ECB_POINTERS];
    assert_hr(S_OK, ds_read_pointers_virtual(t, ECB_POINTERS, L.pointers, ptrs), t);
    for (unsigned i = 0; i < ECB_POINTERS; i++) {
        uint64_t want = L.pointer_values[i];
        if (!arch->is64 && (want & 0x80000000u))
            want |= 0xFFFFFFFF00000000ull;
        assert_true(ptrs[i] == want);
    }
    ds_close(t);
    remove_tree(dir);
    free(tr);
    free(file);
    ecb_free(&b);
}

/* DS_OPEN_WRITABLE_COPY: writes land in the private mapping only, and only
   in bytes the core holds (the stack; the library's text, which holds its
   first page only). */
static void test_writable_copy(void **state)
{
    (void)state;
    struct ecb b;
    struct ecb_layout L;
    size_t size;
    uint8_t *file = standard_core(ecb_arch("aarch64"), &b, &L, &size);
    char dir[] = "/tmp/ds-elfcore-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/writable.core", dir);
    write_whole_file(path, file, size);
    check_writable_copy(path, file, size, L.stack + 0x7b5, L.lib);
    free(file);
    remove_tree(dir);
    ecb_free(&b);
}

static void test_truncated_copies(void **state)
{
    (void)state;
    for (size_t k = 0; k < ecb_narches; k++) {
        struct ecb b;
        struct ecb_layout L;
        size_t size;
        uint8_t *file = standard_core(&ecb_arches[k], &b, &L, &size);
        check_truncated_copies(ecb_arches[k].name, file, size, k);
        free(file);
        ecb_free(&b);
    }
}

static void test_corrupted_copies(void **state)
{
    (void)state;
    for (size_t k = 0; k < ecb_narches; k++) {
        struct ecb b;
        struct ecb_layout L;
        size_t size;
        uint8_t *file = standard_core(&ecb_arches[k], &b, &L, &size);
        check_corrupted_copies(ecb_arches[k].name, file, size, k, 1000);
        free(file);
        ecb_free(&b);
    }
}

/* ---- hand-made hostile headers (from a core laid out as lldb's x86-64 one) --- */

/* Each test edits its own copy of the lldb-like core. */
DEFINE_HOSTILE_CORE_TESTS(ecb_lldb_like_x86_64)

/* ---- cores made here from a helper with known memory ----------------------- */

/* Same formula as tests/helpers/elfcore_target.c. */
static unsigned char known_byte(size_t i)
{
    return (unsigned char)(i * 131u + (i >> 9) + 7u);
}

#define MAX_MAPS 128

/* One line of the helper's /proc/PID/maps, and its first bytes then. */
struct map_line {
    uint64_t start, end, offset;
    char perms[5];
    char path[256];
    bool sampled;
    uint8_t first[64];
};

struct made_core {
    char dir[64];
    char core[4096];
    char exe[4096];
    struct helper h;
    uint64_t page, pid, tid, known, known_size, edge, hole, rodata, code;
    bool hole_is_free;
    uint8_t code_bytes[64];
    struct map_line maps[MAX_MAPS];
    size_t nmaps;
    uint32_t tids[16];
    size_t ntids;
};

/* The helper's mappings and threads before its core is written: what the
   core must show (the helper waits on its stdin meanwhile, so nothing
   but its clock pages and stack changes). */
static void snapshot_maps(struct made_core *mc)
{
    char path[64], line[4096];
    snprintf(path, sizeof path, "/proc/%d/maps", (int)mc->pid);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    while (mc->nmaps < MAX_MAPS && fgets(line, sizeof line, f)) {
        struct map_line *m = &mc->maps[mc->nmaps];
        unsigned long long s, e, off;
        int at = 0;
        memset(m, 0, sizeof *m);
        if (sscanf(line, "%llx-%llx %4s %llx %*s %*s %n", &s, &e, m->perms, &off, &at) < 4)
            continue;
        m->start = s, m->end = e, m->offset = off;
        if (at > 0)
            snprintf(m->path, sizeof m->path, "%.*s", (int)strcspn(line + at, "\n"), line + at);
        struct iovec local = { m->first, sizeof m->first };
        struct iovec remote = { (void *)(uintptr_t)m->start, sizeof m->first };
        m->sampled = m->perms[0] == 'r' &&
                     process_vm_readv((pid_t)mc->pid, &local, 1, &remote, 1, 0) ==
                         (ssize_t)sizeof m->first;
        mc->nmaps++;
    }
    fclose(f);
    snprintf(path, sizeof path, "/proc/%d/task", (int)mc->pid);
    DIR *d = opendir(path);
    assert_non_null(d);
    for (struct dirent *de; (de = readdir(d)) && mc->ntids < 16;)
        if (de->d_name[0] != '.')
            mc->tids[mc->ntids++] = (uint32_t)strtoul(de->d_name, NULL, 10);
    closedir(d);
}

/* PAGE_* for a maps line's "rwx" (the test's own table). */
static uint32_t protect_of(const char *perms)
{
    bool r = perms[0] == 'r', w = perms[1] == 'w', x = perms[2] == 'x';
    if (x)
        return w ? PAGE_EXECUTE_READWRITE : r ? PAGE_EXECUTE_READ : PAGE_EXECUTE;
    return w ? PAGE_READWRITE : r ? PAGE_READONLY : PAGE_NOACCESS;
}

/* The core against the helper's /proc/PID/maps as it was: every readable
   mapping a region of its protection and kind, starting where the mapping
   does; its first bytes the process's, or (only for a file mapping, whose
   bytes the file has) not in the core; every ELF file mapped from offset
   0 a module at that address; the same threads. */
static void check_against_maps(ds_target *t, const struct made_core *mc, const char *maker)
{
    size_t checked = 0, from_core = 0;
    for (size_t i = 0; i < mc->nmaps; i++) {
        const struct map_line *m = &mc->maps[i];
        /* Clock pages change by themselves; the stack is being used. */
        if (m->perms[0] != 'r' || strncmp(m->path, "[vvar", 5) == 0 ||
            strcmp(m->path, "[stack]") == 0 || strcmp(m->path, "[vsyscall]") == 0)
            continue;
        bool file = m->path[0] == '/';
        MEMORY_BASIC_INFORMATION64 mbi;
        assert_hr(S_OK, ds_query_virtual(t, m->start, &mbi), t);
        if (mbi.State != MEM_COMMIT)
            fail_msg("%s core: %llx-%llx %s %s is not a committed region", maker,
                     (unsigned long long)m->start, (unsigned long long)m->end, m->perms, m->path);
        assert_true(mbi.BaseAddress == m->start);
        /* A region may run on over touching mappings of the same file and
           protection (the core cannot tell them apart), no further. */
        uint64_t end = m->end;
        for (size_t k = i + 1; k < mc->nmaps && mc->maps[k].start == end &&
                               strcmp(mc->maps[k].perms, m->perms) == 0 &&
                               strcmp(mc->maps[k].path, m->path) == 0; k++)
            end = mc->maps[k].end;
        assert_true(mbi.BaseAddress + mbi.RegionSize <= end);
        assert_int_equal(mbi.Protect, protect_of(m->perms));
        if (file)
            assert_true(mbi.Type == MEM_IMAGE || mbi.Type == MEM_MAPPED);
        else if (m->path[0] == '\0' || strcmp(m->path, "[heap]") == 0)
            assert_int_equal(mbi.Type, MEM_PRIVATE);
        checked++;
        uint8_t b[64];
        uint32_t got = 0;
        HRESULT hr = ds_read_virtual(t, m->start, b, sizeof b, &got);
        if (hr == S_OK && got == sizeof b) {
            from_core++;
            /* Writable memory may have moved on (the rseq area, stdio). */
            if (m->sampled && m->perms[1] != 'w' && memcmp(b, m->first, sizeof b) != 0)
                fail_msg("%s core: the first bytes of %llx %s differ from the process's",
                         maker, (unsigned long long)m->start, m->path);
        } else if (!file) {
            fail_msg("%s core: anonymous %llx-%llx %s is not in the core: %s", maker,
                     (unsigned long long)m->start, (unsigned long long)m->end, m->perms,
                     ds_error_text(t));
        }
        if (file && m->offset == 0 && m->sampled && memcmp(m->first, "\177ELF", 4) == 0) {
            uint32_t n = 0;
            bool found = false;
            assert_hr(S_OK, ds_get_number_modules(t, &n), t);
            for (uint32_t k = 0; k < n && !found; k++) {
                uint64_t base, size;
                char name[4096];
                assert_hr(S_OK, ds_get_module(t, k, &base, &size, name, sizeof name, NULL), t);
                found = base == m->start && strcmp(name, m->path) == 0;
            }
            if (!found)
                fail_msg("%s core: no module %s at %llx", maker, m->path,
                         (unsigned long long)m->start);
        }
    }
    uint32_t n = 0, ids[16];
    assert_hr(S_OK, ds_get_number_threads(t, &n), t);
    assert_int_equal(n, mc->ntids);
    assert_hr(S_OK, ds_get_thread_ids(t, 0, n, ids), t);
    for (size_t i = 0; i < mc->ntids; i++) {
        bool found = false;
        for (uint32_t k = 0; k < n; k++)
            found |= ids[k] == mc->tids[i];
        assert_true(found);
    }
    print_message("%s core: %zu readable mappings checked against /proc/%d/maps, %zu with "
                  "their bytes in the core\n", maker, checked, (int)mc->pid, from_core);
}

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
    snapshot_maps(mc);
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
    uint8_t *exe = read_whole_file(mc->exe, &size);
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
    write_whole_file(path, exe, size);
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
        uint8_t *file = read_whole_file(name, &file_size);
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

/* gcore the (started) helper into mc->core, then stop it; fails the test
   when gcore is missing or cannot dump it. */
static void gcore_dump(struct made_core *mc)
{
    if (!have_program("gcore"))
        fail_msg("gcore is not installed (Debian package gdb; make check installs it)");
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "gcore -o %s/core %d >%s/gcore.log 2>&1", mc->dir,
             (int)mc->h.pid, mc->dir);
    int rc = system(cmd);
    helper_stop(&mc->h);
    snprintf(mc->core, sizeof mc->core, "%s/core.%d", mc->dir, (int)mc->pid);
    if (rc != 0 || access(mc->core, R_OK) != 0)
        fail_msg("gcore could not dump the helper (exit status %d; see %s/gcore.log: is ptrace "
                 "allowed here?)", rc, mc->dir);
}

static void check_made_core(struct made_core *mc, const char *maker)
{
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(mc->core, 0, &t), NULL);
    check_known_memory(t, mc);
    check_against_maps(t, mc, maker);
    check_image_reads(t, mc, maker);
    ds_close(t);
}

static void test_gcore(void **state)
{
    (void)state;
    struct made_core mc;
    memset(&mc, 0, sizeof mc);
    start_target(&mc, false);
    gcore_dump(&mc);
    check_made_core(&mc, "gcore");
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

/* The kernel's own core of the helper (it lifts RLIMIT_CORE and is
   dumpable). core_pattern is the machine's, not the test's to change:
   where it sends cores to a program (systemd-coredump, apport) or names
   them in a way this test cannot predict, the test says so and checks a
   gcore core of the same helper instead. */
static void test_kernel_core(void **state)
{
    (void)state;
    struct made_core mc;
    char why[600];
    memset(&mc, 0, sizeof mc);
    start_target(&mc, true);
    if (!expected_core_path(&mc, mc.core, sizeof mc.core, why, sizeof why)) {
        print_message("note: %s; checking a gcore core instead\n", why);
        gcore_dump(&mc);
        check_made_core(&mc, "gcore (for the kernel)");
        remove_tree(mc.dir);
        return;
    }
    fprintf(mc.h.to, "abort\n");
    fflush(mc.h.to);
    int status = 0;
    while (waitpid(mc.h.pid, &status, 0) < 0 && errno == EINTR)
        ;
    mc.h.pid = 0;  /* reaped: helper_stop only closes the pipes */
    helper_stop(&mc.h);
    if (!WIFSIGNALED(status) || !WCOREDUMP(status) || access(mc.core, R_OK) != 0)
        fail_msg("the kernel wrote no core at %s (wait status 0x%x), although core_pattern "
                 "names that file and the helper lifted RLIMIT_CORE", mc.core,
                 (unsigned)status);
    check_made_core(&mc, "kernel");
    unlink(mc.core);  /* an absolute core_pattern puts it outside mc.dir */
    remove_tree(mc.dir);
}

/* ---- main ------------------------------------------------------------------ */

int main(void)
{
    /* The tests set image paths themselves. */
    unsetenv("DS_IMAGE_PATH");
    struct CMUnitTest tests[64];
    size_t n = 0;
    static char names[32][64];
    for (size_t i = 0; i < ecb_narches && i < 32; i++) {
        struct CMUnitTest u = cmocka_unit_test_prestate(check_built_core,
                                                        (void *)&ecb_arches[i]);
        snprintf(names[i], sizeof names[i], "built_core_%s", ecb_arches[i].name);
        u.name = names[i];
        tests[n++] = u;
    }
    const struct CMUnitTest more[] = {
        cmocka_unit_test(test_writable_copy),
        HOSTILE_CORE_TESTS,
        cmocka_unit_test(test_truncated_copies),
        cmocka_unit_test(test_corrupted_copies),
        cmocka_unit_test(test_gcore),
        cmocka_unit_test(test_kernel_core),
    };
    for (size_t i = 0; i < sizeof more / sizeof *more; i++)
        tests[n++] = more[i];
    return _cmocka_run_group_tests("elfcore", tests, n, NULL, NULL);
}
