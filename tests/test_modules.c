/*
 * test_modules.c — the module list of live targets: the ELF images a
 * process maps (tests/helpers/modules_target.c), against the process's
 * own loader (dl_iterate_phdr, dladdr, AT_BASE) and /proc/PID/maps.
 */
#include "testlib.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct module {
    uint64_t base, size;
    char name[4096];
};

/* A library every glibc system has, which the helper does not link. */
static const char *libm_path(void)
{
    static char path[4096];
    void *h = dlopen("libm.so.6", RTLD_LAZY | RTLD_LOCAL);
    struct link_map *map = NULL;
    assert_non_null(h);
    assert_int_equal(dlinfo(h, RTLD_DI_LINKMAP, &map), 0);
    assert_non_null(realpath(map->l_name, path));
    dlclose(h);
    return path;
}

/* A scratch directory that allows executable mappings (the build tree's). */
static const char *scratch_dir(void)
{
    const char *d = getenv("DS_BUILD");
    return d && *d ? d : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
}

static void write_file(const char *path, const void *bytes, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, bytes, n), (ssize_t)n);
    close(fd);
}

static void copy_file(const char *from, const char *to)
{
    FILE *f = fopen(from, "rb");
    assert_non_null(f);
    static char buf[16 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    assert_true(n > 0 && n < sizeof buf);
    fclose(f);
    write_file(to, buf, n);
}

/* A data file of a few pages, no ELF header. */
static void make_data_file(const char *path)
{
    static char text[3 * 4096];
    memset(text, 'd', sizeof text);
    memcpy(text, "not an ELF image\n", 17);
    write_file(path, text, sizeof text);
}

static uint32_t list_modules(ds_target *t, struct module *m, uint32_t max)
{
    uint32_t n = 0;
    assert_hr(S_OK, ds_get_number_modules(t, &n), t);
    assert_true(n <= max);
    for (uint32_t i = 0; i < n; i++)
        assert_hr(S_OK, ds_get_module(t, i, &m[i].base, &m[i].size, m[i].name,
                                      sizeof m[i].name, NULL), t);
    return n;
}

static const struct module *module_at(const struct module *m, uint32_t n, uint64_t base)
{
    for (uint32_t i = 0; i < n; i++)
        if (m[i].base == base)
            return &m[i];
    fail_msg("no module at 0x%llx (the target lists %u)", (unsigned long long)base, n);
    return NULL;
}

/* What /proc/PID/maps says of the image whose header is mapped at base:
   the path on base's line, and the end of the run of lines of that file
   (same inode and path) that follows it, up to the file's next offset-0
   mapping or limit. */
static uint64_t maps_extent(pid_t pid, uint64_t base, uint64_t limit, char *path,
                            size_t path_size)
{
    char name[64], line[4352];
    snprintf(name, sizeof name, "/proc/%d/maps", (int)pid);
    FILE *f = fopen(name, "r");
    assert_non_null(f);
    uint64_t end = 0, inode0 = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long long s, e, off, inode;
        int at = 0;
        if (sscanf(line, "%llx-%llx %*s %llx %*s %llu %n", &s, &e, &off, &inode, &at) != 4)
            continue;
        char *p = line + at;
        p[strcspn(p, "\n")] = '\0';
        if (!end && s == base) {
            assert_int_equal(off, 0);
            snprintf(path, path_size, "%s", p);
            inode0 = inode;
            end = e;
        } else if (end && inode == inode0 && off != 0 && e <= limit && strcmp(p, path) == 0) {
            end = e;
        } else if (end) {
            break;
        }
    }
    fclose(f);
    assert_true(end > base);
    return end;
}

/* The image at <key>_base is a module with the base the loader gives, the
   size /proc/PID/maps gives (which is where the loader's last file page
   ends) and the path maps shows. Returns it. */
static const struct module *check_image(const struct helper *h, const struct module *m,
                                        uint32_t n, const char *key)
{
    char k[32], path[4096];
    snprintf(k, sizeof k, "%s_base", key);
    uint64_t base = helper_value(h, k);
    snprintf(k, sizeof k, "%s_fend", key);
    uint64_t fend = helper_value(h, k);
    uint64_t end = maps_extent(h->pid, base, fend, path, sizeof path);
    const struct module *mod = module_at(m, n, base);
    print_message("  %-5s 0x%llx +0x%llx %s\n", key, (unsigned long long)mod->base,
                  (unsigned long long)mod->size, mod->name);
    assert_int_equal(mod->size, end - base);
    assert_int_equal(end, fend);
    assert_string_equal(mod->name, path);
    return mod;
}

/* The modules are exactly the loader's objects (the vDSO aside): the
   mapped data file and the library mapped as data are not among them. */
static void check_exact(const struct helper *h, const struct module *m, uint32_t n)
{
    assert_int_equal(n, helper_value(h, "nobj"));
    for (uint32_t i = 0; i < n; i++) {
        char k[32];
        snprintf(k, sizeof k, "obj%u_base", i);
        module_at(m, n, helper_value(h, k));
    }
    for (uint32_t i = 0; i < n; i++) {
        assert_int_not_equal(m[i].base, helper_value(h, "data"));
        assert_int_not_equal(m[i].base, helper_value(h, "elfdata"));
    }
    if (!helper_value(h, "elfdata") || !helper_value(h, "exetail"))
        print_message("  (a mapping beside an image could not be placed here)\n");
}

static void check_attached(unsigned flags, const char *library)
{
    char lib[4200], data[4200];
    snprintf(lib, sizeof lib, "%s", library);
    snprintf(data, sizeof data, "%s/modules-data-%d", scratch_dir(), (int)getpid());
    make_data_file(data);
    struct helper h;
    helper_start(&h, "modules_target", lib, data, NULL);
    if (!helper_value(&h, "data_exec"))
        print_message("  (the data file could not be mapped executable here)\n");
    ds_target *t = NULL;
    assert_hr(S_OK, ds_attach(h.pid, flags, &t), NULL);
    static struct module m[256];
    uint32_t n = list_modules(t, m, 256);
    check_image(&h, m, n, "exe");
    check_image(&h, m, n, "libc");
    check_image(&h, m, n, "ldso");
    const struct module *dl = check_image(&h, m, n, "dl");
    assert_string_equal(dl->name, lib);
    check_exact(&h, m, n);
    /* The name rule of ds_get_module: a short buffer gets a prefix. */
    char small[4];
    uint32_t need = 0;
    assert_hr(S_FALSE, ds_get_module(t, 0, NULL, NULL, small, sizeof small, &need), t);
    assert_int_equal(need, strlen(m[0].name) + 1);
    ds_close(t);
    helper_stop(&h);
    unlink(data);
}

static void test_modules_of_stopped_process(void **state)
{
    (void)state;
    check_attached(0, libm_path());
}

/* A running target lists the same (read once at open). */
static void test_modules_of_running_process(void **state)
{
    (void)state;
    check_attached(DS_ATTACH_NONINVASIVE_NO_SUSPEND, libm_path());
}

/* A library whose segments the loader maps 64 KiB apart, with PROT_NONE
   stretches of the file between them (tests/helpers/lib/holes.c): one
   module over all of it. */
static void test_library_with_holes(void **state)
{
    (void)state;
    char lib[4096];
    assert_non_null(realpath(helper_path("libholes.so"), lib));
    check_attached(0, lib);
}

/* A library deleted on disk while loaded stays a module, named as the
   kernel names it in maps (and a core in NT_FILE): "PATH (deleted)". */
static void test_deleted_library_is_listed(void **state)
{
    (void)state;
    char lib[4200], data[4200], want[4300];
    snprintf(lib, sizeof lib, "%s/modules-lib-%d.so", scratch_dir(), (int)getpid());
    snprintf(data, sizeof data, "%s/modules-data2-%d", scratch_dir(), (int)getpid());
    copy_file(libm_path(), lib);
    make_data_file(data);
    struct helper h;
    helper_start(&h, "modules_target", lib, data, NULL);
    assert_int_equal(unlink(lib), 0);
    assert_int_equal(unlink(data), 0);
    ds_target *t = NULL;
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    static struct module m[256];
    uint32_t n = list_modules(t, m, 256);
    const struct module *dl = check_image(&h, m, n, "dl");
    /* maps shows the directory as resolved by the kernel. */
    const char *slash = strrchr(lib, '/');
    snprintf(want, sizeof want, "%s (deleted)", slash);
    size_t nl = strlen(dl->name), wl = strlen(want);
    assert_true(nl > wl);
    assert_string_equal(dl->name + nl - wl, want);
    check_exact(&h, m, n);
    ds_close(t);
    helper_stop(&h);
}

/* A launched program, stopped at its first instruction, has its own image
   and its interpreter's mapped: two modules, the first its executable. */
static void test_modules_of_launched_program(void **state)
{
    (void)state;
    char *argv[] = { (char *)helper_path("modules_target"), NULL };
    ds_target *t = NULL;
    assert_hr(S_OK, ds_launch(argv, 0, &t), NULL);
    static struct module m[8];
    uint32_t n = list_modules(t, m, 8);
    char exe[4096], link[64];
    snprintf(link, sizeof link, "/proc/%u/exe", ds_process_id(t));
    ssize_t len = readlink(link, exe, sizeof exe - 1);
    assert_true(len > 0);
    exe[len] = '\0';
    assert_int_equal(n, 2);
    int found = 0;
    for (uint32_t i = 0; i < n; i++) {
        char path[4096];
        uint64_t end = maps_extent((pid_t)ds_process_id(t), m[i].base, UINT64_MAX, path,
                                   sizeof path);
        assert_int_equal(m[i].size, end - m[i].base);
        found += strcmp(m[i].name, exe) == 0;
    }
    assert_int_equal(found, 1);
    ds_close(t);
}

/* An image whose file page 0 is mapped twice (its data segment shares it
   with its code, 64 KiB above, as in small arm64 programs) is one module
   over both, as its loader maps it: the second offset-0 mapping sits
   where the program headers put that page. An anonymous page mapped in
   the hole between them does not end it (a core's NT_FILE, which lists
   no anonymous mapping, would not either). */
static void test_image_mapping_its_first_page_twice(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "split_image", NULL);
    if (!helper_value(&h, "split") || !helper_value(&h, "filled"))
        print_message("  (the linker did not share file page 0 here, or the hole was taken)\n");
    uint64_t base = helper_value(&h, "exe_base"), fend = helper_value(&h, "exe_fend");
    ds_target *t = NULL;
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    static struct module m[64];
    uint32_t n = list_modules(t, m, 64);
    const struct module *exe = module_at(m, n, base);
    print_message("  exe 0x%llx +0x%llx %s\n", (unsigned long long)exe->base,
                  (unsigned long long)exe->size, exe->name);
    assert_int_equal(exe->size, fend - base);
    char real[4096];
    assert_non_null(realpath(helper_path("split_image"), real));
    assert_string_equal(exe->name, real);
    ds_close(t);
    helper_stop(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_modules_of_stopped_process),
        cmocka_unit_test(test_modules_of_running_process),
        cmocka_unit_test(test_library_with_holes),
        cmocka_unit_test(test_deleted_library_is_listed),
        cmocka_unit_test(test_modules_of_launched_program),
        cmocka_unit_test(test_image_mapping_its_first_page_twice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
