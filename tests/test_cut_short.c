/*
 * test_cut_short.c — a dump file that another program cuts short while it
 * is open (src/mapguard.c). Reads, writes to a writable copy and searches
 * that reach the lost part fail with HRESULT_FROM_NT(STATUS_IN_PAGE_ERROR)
 * and a sentence, the program lives on, and so does every later call, all
 * failing the same way; closing works. A SIGBUS that is not ours still does
 * what it did: kills the program, or reaches the program's own handler.
 * Each case runs in a fresh copy of this program (re-executed with
 * --scenario): cmocka puts its own SIGBUS handler in place around every
 * test, over ours, as any program may (docs/api.md), and one case needs
 * the program's handler to come before ours. The dumps are made here: ELF
 * cores by tests/lib/elfcore_builder.c, a minidump below.
 */
#include "testlib.h"
#include "elfcore_builder.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define IN_PAGE_ERROR HRESULT_FROM_NT(STATUS_IN_PAGE_ERROR)

/* A full-memory minidump with two 8 KiB ranges (0x10000 and 0x40000) in a
   Memory64ListStream, their bytes from file offset 0x1000 to the end
   (0x5000): header, directory and list in the first page, memory after. */
static uint8_t *small_minidump(size_t *size)
{
    enum { DATA_RVA = 0x1000, RANGE = 0x2000 };
    uint8_t *d = calloc(1, DATA_RVA + 2 * RANGE);
    assert_non_null(d);
    uint32_t header[8] = { 0x504d444d /* MDMP */, 0xa793, 1, 32, 0, 0, 2, 0 };
    memcpy(d, header, sizeof header);  /* the host is little-endian, as minidumps are */
    uint32_t dir[3] = { 9 /* Memory64ListStream */, 16 + 2 * 16, 44 };
    memcpy(d + 32, dir, sizeof dir);
    uint64_t list[6] = { 2, DATA_RVA, 0x10000, RANGE, 0x40000, RANGE };
    memcpy(d + 44, list, sizeof list);
    for (size_t i = 0; i < 2 * RANGE; i++)
        d[DATA_RVA + i] = (uint8_t)(i * 7 + 1);
    *size = DATA_RVA + 2 * RANGE;
    return d;
}

/* A dump of the given kind ("minidump", "core-x86_64": laid out as lldb's
   linux-x86_64.core, "core-ppc32": the builder's standard process) in a
   temporary file, path into out. */
static void make_dump(const char *kind, char *out, size_t cap)
{
    size_t size = 0;
    uint8_t *data = NULL;
    if (strcmp(kind, "minidump") == 0) {
        data = small_minidump(&size);
    } else if (strcmp(kind, "core-x86_64") == 0) {
        data = ecb_lldb_like_x86_64(&size);
    } else {
        struct ecb b;
        struct ecb_layout L;
        ecb_init(&b, ecb_arch("ppc32"), 99);
        ecb_standard_process(&b, &L);
        data = ecb_build(&b, &size);
        ecb_free(&b);
    }
    snprintf(out, cap, "/tmp/ds-cut-short-XXXXXX");
    int fd = mkstemp(out);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, size), (ssize_t)size);
    close(fd);
    free(data);
}

/* ---- the child's side: plain checks, a message and exit status 10 ------ */

#define CHECK(cond, ...)                                      \
    do {                                                      \
        if (!(cond)) {                                        \
            fprintf(stderr, "test_cut_short: " __VA_ARGS__);  \
            fputc('\n', stderr);                              \
            exit(10);                                         \
        }                                                     \
    } while (0)

static void check_cut_short(ds_target *t, HRESULT hr, const char *what)
{
    CHECK(hr == IN_PAGE_ERROR, "%s: HRESULT 0x%08x, not STATUS_IN_PAGE_ERROR (%s)", what,
          (unsigned)hr, ds_error_text(t));
    CHECK(strstr(ds_error_text(t), "cut short"), "%s: the sentence is \"%s\"", what,
          ds_error_text(t));
}

/* The committed regions' starts, up to max. */
static int region_starts(ds_target *t, uint64_t *starts, int max)
{
    int n = 0;
    uint64_t at = 0;
    MEMORY_BASIC_INFORMATION64 info;
    while (n < max && ds_query_virtual(t, at, &info) == S_OK) {
        if (info.State == MEM_COMMIT)
            starts[n++] = info.BaseAddress;
        if (info.BaseAddress + info.RegionSize <= at)
            break;
        at = info.BaseAddress + info.RegionSize;
    }
    return n;
}

/* Open dump, read every region, cut the file to keep bytes, then: the
   reads reach the lost part and fail, every later call fails alike, and
   closing works. */
static int cut_while_open(const char *dump, off_t keep, unsigned flags)
{
    ds_target *t = NULL;
    CHECK(ds_open_dump(dump, flags, &t) == S_OK, "open: %s", ds_error_text(NULL));
    uint64_t starts[256];
    int n = region_starts(t, starts, 256);
    CHECK(n > 0, "no committed region");
    uint8_t before[64], after[64];
    uint32_t got = 0;
    /* Dumps are not cached unless asked: ask, so that the cached lines
       of these reads must not answer after the cut either. */
    CHECK(ds_cache_set_size(t, 1u << 20) == S_OK, "cache: %s", ds_error_text(t));
    for (int i = 0; i < n; i++)
        ds_read_virtual(t, starts[i], before, sizeof before, &got);

    CHECK(truncate(dump, keep) == 0, "truncate: %s", strerror(errno));
    /* The first read that reaches a lost page fails; from then on every
       read does, even of bytes that were not lost. */
    int first_failure = -1;
    for (int i = 0; i < n; i++) {
        HRESULT hr = ds_read_virtual_uncached(t, starts[i], after, sizeof after, &got);
        if (first_failure < 0 && FAILED(hr))
            first_failure = i;
        if (first_failure >= 0) {
            check_cut_short(t, hr, "ReadVirtualUncached");
            CHECK(got == 0, "a failed read claims %u bytes", got);
        }
    }
    CHECK(first_failure >= 0, "no read failed after the cut");
    for (int i = 0; i < n; i++)  /* the cached copies of sound bytes too */
        check_cut_short(t, ds_read_virtual(t, starts[i], after, sizeof after, &got),
                        "ReadVirtual");
    uint64_t match = 0;
    static const uint8_t pattern[4] = { 0xfe, 0xed, 0xfa, 0xce };
    check_cut_short(t, ds_search_virtual(t, 0, ~0ull, pattern, sizeof pattern, 1, &match),
                    "SearchVirtual");
    if (flags & DS_OPEN_WRITABLE_COPY)
        check_cut_short(t, ds_write_virtual(t, starts[n - 1], before, 8, &got), "WriteVirtual");
    ds_close(t);
    return 0;
}

/* Cut while open, closed, opened again: a sound (shorter) file, with no
   trace of the earlier trouble. The lldb-like core: 0x400000 lies at
   file offset 0x1000 (kept), 0x7ffe0c16b000 at 0x5000 (lost). */
static int reopen_after_cut(const char *dump)
{
    ds_target *t = NULL;
    CHECK(ds_open_dump(dump, 0, &t) == S_OK, "open: %s", ds_error_text(NULL));
    CHECK(truncate(dump, 0x3000) == 0, "truncate: %s", strerror(errno));
    uint8_t b[16];
    uint32_t got;
    check_cut_short(t, ds_read_virtual(t, 0x7ffe0c16b000, b, sizeof b, &got), "ReadVirtual");
    ds_close(t);
    CHECK(ds_open_dump(dump, 0, &t) == S_OK, "reopen: %s", ds_error_text(NULL));
    CHECK(ds_read_virtual(t, 0x400000, b, sizeof b, &got) == S_OK && memcmp(b, "\177ELF", 4) == 0,
          "the kept bytes cannot be read after reopening: %s", ds_error_text(t));
    CHECK(ds_read_virtual(t, 0x7ffe0c16b000, b, sizeof b, &got) ==
              HRESULT_FROM_WIN32(ERROR_READ_FAULT),
          "the lost bytes do not read as absent after reopening: %s", ds_error_text(t));
    ds_close(t);
    return 0;
}

/* ---- SIGBUS that is not ours, in a fresh copy of this program ---------- */

static void host_handler(int sig)
{
    (void)sig;
    _exit(42);
}

/* Touch a page of a file mapping that its file no longer covers. */
static void touch_foreign_lost_page(void)
{
    char path[] = "/tmp/ds-cut-short-foreign-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || ftruncate(fd, 8192) != 0)
        _exit(3);
    volatile uint8_t *p = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (p == MAP_FAILED || truncate(path, 0) != 0)
        _exit(3);
    unlink(path);
    (void)p[4096];
}

/* "foreign": with our handler in place, a SIGBUS in a mapping that is not
   a dump's must still kill. "host": the program's own handler, installed
   before ours, must still get it, and our guard must work as well in that
   program. */
static int foreign_sigbus(const char *which, const char *dump)
{
    if (strcmp(which, "host") == 0) {
        struct sigaction sa = { .sa_handler = host_handler };
        sigemptyset(&sa.sa_mask);
        sigaction(SIGBUS, &sa, NULL);
    }
    ds_target *t = NULL;
    CHECK(ds_open_dump(dump, 0, &t) == S_OK, "open: %s", ds_error_text(NULL));
    if (strcmp(which, "host") == 0) {
        CHECK(truncate(dump, 0) == 0, "truncate: %s", strerror(errno));
        uint8_t b[16];
        uint32_t got;
        check_cut_short(t, ds_read_virtual(t, 0x400000, b, sizeof b, &got), "ReadVirtual");
    }
    touch_foreign_lost_page();
    CHECK(0, "the SIGBUS of a mapping not ours went nowhere");
    return 0;
}

/* With the last dump closed, the handler that was there before is back
   (so the library may be unloaded). */
static int handler_restored(const char *dump)
{
    struct sigaction sa = { .sa_handler = host_handler }, now;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, NULL);
    ds_target *t = NULL, *u = NULL;
    CHECK(ds_open_dump(dump, 0, &t) == S_OK, "open: %s", ds_error_text(NULL));
    CHECK(ds_open_dump(dump, 0, &u) == S_OK, "open: %s", ds_error_text(NULL));
    sigaction(SIGBUS, NULL, &now);
    CHECK(now.sa_handler != host_handler, "no handler of ours while dumps are open");
    ds_close(t);
    sigaction(SIGBUS, NULL, &now);
    CHECK(now.sa_handler != host_handler, "no handler of ours while a dump is open");
    ds_close(u);
    sigaction(SIGBUS, NULL, &now);
    CHECK(now.sa_handler == host_handler, "the program's handler is not back");
    return 0;
}

static int scenario(const char *which, const char *dump)
{
    if (strcmp(which, "restored") == 0)
        return handler_restored(dump);
    if (strcmp(which, "minidump") == 0)
        return cut_while_open(dump, 4096, 0);
    if (strcmp(which, "minidump-copy") == 0)
        return cut_while_open(dump, 4096, DS_OPEN_WRITABLE_COPY);
    if (strcmp(which, "core") == 0)
        return cut_while_open(dump, 4096, 0);
    if (strcmp(which, "core-to-nothing") == 0)
        return cut_while_open(dump, 0, 0);
    if (strcmp(which, "reopen") == 0)
        return reopen_after_cut(dump);
    return foreign_sigbus(which, dump);
}

/* Run a scenario on a fresh dump of the kind; the child's wait status. */
static int run_scenario(const char *which, const char *relative)
{
    char path[64];
    make_dump(relative, path, sizeof path);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        execl("/proc/self/exe", "test_cut_short", "--scenario", which, path, (char *)NULL);
        _exit(127);
    }
    int status;
    assert_int_equal(waitpid(child, &status, 0), child);
    unlink(path);
    return status;
}

static void expect_success(const char *which, const char *relative)
{
    int status = run_scenario(which, relative);
    if (WIFSIGNALED(status))
        fail_msg("scenario %s on %s: killed by signal %d (%s)", which, relative,
                 WTERMSIG(status), strsignal(WTERMSIG(status)));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail_msg("scenario %s on %s: wait status 0x%x (its message is above)", which, relative,
                 status);
}

static void test_minidump_cut_short(void **s)
{
    (void)s;
    expect_success("minidump", "minidump");
}

static void test_minidump_copy_cut_short(void **s)
{
    (void)s;
    expect_success("minidump-copy", "minidump");
}

static void test_core_cut_short(void **s)
{
    (void)s;
    expect_success("core", "core-x86_64");
}

static void test_core_cut_to_nothing(void **s)
{
    (void)s;
    expect_success("core-to-nothing", "core-ppc32");
}

static void test_reopen_after_cut(void **s)
{
    (void)s;
    expect_success("reopen", "core-x86_64");
}

static void test_foreign_sigbus_still_kills(void **s)
{
    (void)s;
    print_message("(a SIGBUS report from AddressSanitizer below, if any, is expected)\n");
    int status = run_scenario("foreign", "core-x86_64");
    /* Killed by SIGBUS, or, under AddressSanitizer, by its own SIGBUS
       report (exit status 1). */
    if (WIFSIGNALED(status))
        assert_int_equal(WTERMSIG(status), SIGBUS);
    else if (!WIFEXITED(status) || WEXITSTATUS(status) != 1)
        fail_msg("a SIGBUS not ours did not kill the program (wait status 0x%x)", status);
}

static void test_host_sigbus_handler_still_called(void **s)
{
    (void)s;
    int status = run_scenario("host", "core-x86_64");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 42)
        fail_msg("the program's own SIGBUS handler was not called (wait status 0x%x)", status);
}

static void test_handler_restored_after_last_close(void **s)
{
    (void)s;
    expect_success("restored", "minidump");
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--scenario") == 0)
        return scenario(argv[2], argv[3]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minidump_cut_short),
        cmocka_unit_test(test_minidump_copy_cut_short),
        cmocka_unit_test(test_core_cut_short),
        cmocka_unit_test(test_core_cut_to_nothing),
        cmocka_unit_test(test_reopen_after_cut),
        cmocka_unit_test(test_foreign_sigbus_still_kills),
        cmocka_unit_test(test_host_sigbus_handler_still_called),
        cmocka_unit_test(test_handler_restored_after_last_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
