/*
 * test_core_images.c — a core lists the modules its process did: gcore of
 * a helper, opened as a core, gives the module list (base, size, name)
 * the live target gave, and the same MEM_IMAGE regions over each module
 * (type, allocation base, and the protection of the stretches gcore
 * leaves out of the core: code and the loader's PROT_NONE holes).
 *
 * The layouts that tell a grouping by file name alone from the ELF
 * program headers' rule (src/image_extent.c):
 *  - modules_target with libholes.so, whose segments the loader maps
 *    64 KiB apart with PROT_NONE stretches between them, and the same
 *    library's first two pages mapped as data right below its header
 *    (NT_FILE names that mapping like the image beside it);
 *  - split_image, whose data segment maps file page 0 a second time, 64
 *    KiB above its code (one image over both offset-0 mappings).
 */
#include "testlib.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct module {
    uint64_t base, size;
    char name[4096];
};

#define MAX_MODULES 256

static uint32_t list_modules(ds_target *t, struct module *m)
{
    uint32_t n = 0;
    assert_hr(S_OK, ds_get_number_modules(t, &n), t);
    assert_true(n <= MAX_MODULES);
    for (uint32_t i = 0; i < n; i++)
        assert_hr(S_OK, ds_get_module(t, i, &m[i].base, &m[i].size, m[i].name,
                                      sizeof m[i].name, NULL), t);
    return n;
}

static bool have_program(const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
    return system(cmd) == 0;
}

/* gcore of pid into dir (made here); the core's path in core. */
static void make_gcore(pid_t pid, char *dir, char *core, size_t cap)
{
    if (!have_program("gcore"))
        fail_msg("gcore is not installed (Debian package gdb; make check installs it)");
    char cmd[512];
    assert_non_null(mkdtemp(dir));
    snprintf(cmd, sizeof cmd, "gcore -o %s/core %d >%s/gcore.log 2>&1", dir, (int)pid, dir);
    int rc = system(cmd);
    snprintf(core, cap, "%s/core.%d", dir, (int)pid);
    if (rc != 0 || access(core, R_OK) != 0)
        fail_msg("gcore could not dump process %d (exit status %d; see %s/gcore.log: is "
                 "ptrace allowed here?)", (int)pid, rc, dir);
}

static void remove_gcore(const char *dir, const char *core)
{
    char log[256];
    snprintf(log, sizeof log, "%s/gcore.log", dir);
    unlink(core);
    unlink(log);
    rmdir(dir);
}

static const struct module *module_at(const struct module *m, uint32_t n, uint64_t base,
                                      const char *where)
{
    for (uint32_t i = 0; i < n; i++)
        if (m[i].base == base)
            return &m[i];
    fail_msg("%s lists no module at 0x%llx (it lists %u)", where, (unsigned long long)base, n);
    return NULL;
}

/* The live and the core answer at `at`: the same state, type and
   allocation base (the image extents of src/image_extent.c, live as in
   the core), and the same protection where the process could not write
   (gcore leaves those stretches out, so the core backend infers their
   protection from the image's program headers). */
static void compare_region(ds_target *live, ds_target *core, uint64_t at,
                           MEMORY_BASIC_INFORMATION64 *l)
{
    MEMORY_BASIC_INFORMATION64 c;
    assert_hr(S_OK, ds_query_virtual(live, at, l), live);
    assert_hr(S_OK, ds_query_virtual(core, at, &c), core);
    print_message("    0x%llx +0x%llx live type %#x base 0x%llx prot %#x, core type %#x "
                  "base 0x%llx prot %#x\n", (unsigned long long)at,
                  (unsigned long long)l->RegionSize, l->Type,
                  (unsigned long long)l->AllocationBase, l->Protect, c.Type,
                  (unsigned long long)c.AllocationBase, c.Protect);
    assert_int_equal(c.State, l->State);
    if (l->State == MEM_FREE)  /* the hole the kernel's loader unmapped */
        return;
    assert_int_equal(c.Type, l->Type);
    assert_int_equal(c.AllocationBase, l->AllocationBase);
    if (l->Protect == PAGE_NOACCESS || l->Protect == PAGE_EXECUTE_READ ||
        l->Protect == PAGE_READONLY)
        assert_int_equal(c.Protect, l->Protect);
}

/* Over the module, region by region of the live target: every file
   mapping inside it is the image's (MEM_IMAGE, allocation base the
   module's base), live as in the core; an anonymous page the program
   mapped in a hole the kernel's loader left is none of it (split_image
   has one). */
static void compare_regions(ds_target *live, ds_target *core, const struct module *mod)
{
    for (uint64_t at = mod->base; at < mod->base + mod->size;) {
        MEMORY_BASIC_INFORMATION64 l;
        compare_region(live, core, at, &l);
        if (l.State != MEM_FREE && l.Type != MEM_PRIVATE) {
            assert_int_equal(l.Type, MEM_IMAGE);
            assert_int_equal(l.AllocationBase, mod->base);
        }
        assert_true(l.RegionSize > 0 && at + l.RegionSize > at);
        at = l.BaseAddress + l.RegionSize;
    }
}

/* The live target's modules, then a gcore's: the same list, the module
   at each `keys` base (helper values) the same regions, and (when not 0)
   the same region at also_at. */
static void check_core_matches_live(struct helper *h, const char *const *keys, size_t nkeys,
                                    uint64_t also_at)
{
    static struct module live_m[MAX_MODULES], core_m[MAX_MODULES];
    ds_target *live = NULL, *core = NULL;
    assert_hr(S_OK, ds_attach(h->pid, DS_ATTACH_NONINVASIVE_NO_SUSPEND, &live), NULL);
    uint32_t nl = list_modules(live, live_m);

    char dir[64] = "/tmp/ds-core-images-XXXXXX", path[256];
    make_gcore(h->pid, dir, path, sizeof path);
    assert_hr(S_OK, ds_open_dump(path, 0, &core), NULL);
    uint32_t nc = list_modules(core, core_m);
    for (uint32_t i = 0; i < nc; i++)
        print_message("  core 0x%llx +0x%llx %s\n", (unsigned long long)core_m[i].base,
                      (unsigned long long)core_m[i].size, core_m[i].name);
    for (uint32_t i = 0; i < nl; i++) {
        const struct module *c = module_at(core_m, nc, live_m[i].base, "the core");
        assert_int_equal(c->size, live_m[i].size);
        assert_string_equal(c->name, live_m[i].name);
    }
    assert_int_equal(nc, nl);

    for (size_t k = 0; k < nkeys; k++) {
        const struct module *mod = module_at(live_m, nl, helper_value(h, keys[k]), "the process");
        print_message("  %s 0x%llx +0x%llx %s\n", keys[k], (unsigned long long)mod->base,
                      (unsigned long long)mod->size, mod->name);
        compare_regions(live, core, mod);
    }
    if (also_at) {  /* one more mapping, outside every module */
        MEMORY_BASIC_INFORMATION64 l;
        print_message("  mapping at 0x%llx\n", (unsigned long long)also_at);
        compare_region(live, core, also_at, &l);
        assert_int_equal(l.State, MEM_COMMIT);
    }
    ds_close(core);
    ds_close(live);
    remove_gcore(dir, path);
}

/* libholes.so: one module over its segments and the holes between them,
   in the core as in the process, though its first two pages are mapped
   again (as data) right below its header. */
static void test_core_of_library_with_holes(void **state)
{
    (void)state;
    char lib[4096], data[4200];
    assert_non_null(realpath(helper_path("libholes.so"), lib));
    const char *dir = getenv("DS_BUILD") && *getenv("DS_BUILD") ? getenv("DS_BUILD") : "/tmp";
    snprintf(data, sizeof data, "%s/core-images-data-%d", dir, (int)getpid());
    FILE *f = fopen(data, "w");
    assert_non_null(f);
    for (int i = 0; i < 3 * 4096; i++)
        fputc('d', f);
    fclose(f);
    struct helper h;
    helper_start(&h, "modules_target", lib, data, NULL);
    if (!helper_value(&h, "elfdata"))
        print_message("  (the library's pages could not be mapped right below it here)\n");
    /* The library's own extent, from its loader: base and last file page. */
    uint64_t base = helper_value(&h, "dl_base"), fend = helper_value(&h, "dl_fend");
    static const char *const keys[] = { "dl_base", "exe_base" };
    /* The library's first pages mapped again as data right below it: a
       mapping of its own, MEM_MAPPED, in the process as in the core. */
    check_core_matches_live(&h, keys, 2, helper_value(&h, "elfdata"));
    ds_target *live = NULL;
    static struct module m[MAX_MODULES];
    assert_hr(S_OK, ds_attach(h.pid, DS_ATTACH_NONINVASIVE_NO_SUSPEND, &live), NULL);
    const struct module *dl = module_at(m, list_modules(live, m), base, "the process");
    assert_int_equal(dl->size, fend - base);
    assert_string_equal(dl->name, lib);
    ds_close(live);
    helper_stop(&h);
    unlink(data);
}

/* split_image: file page 0 mapped twice, one module over both, in the
   core as in the process. */
static void test_core_of_image_mapping_its_first_page_twice(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "split_image", NULL);
    if (!helper_value(&h, "split"))
        print_message("  (the linker did not share file page 0 here)\n");
    static const char *const keys[] = { "exe_base" };
    check_core_matches_live(&h, keys, 1, 0);
    helper_stop(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_core_of_library_with_holes),
        cmocka_unit_test(test_core_of_image_mapping_its_first_page_twice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
