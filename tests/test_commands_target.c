/*
 * test_commands_target.c — the commands that describe the target
 * (vertarget, |, ~, lm, .cache) over a minidump the test builds and with
 * no target at all, golden output.
 */
#include "testlib.h"
#include "command_checks.h"
#include "elfcore_builder.h"

#include <unistd.h>

#include <stdlib.h>
#include <string.h>

#define NO_TARGET "No target: open a process, a core or a dump first (-p, -z, or a program)\n"

static void test_no_target(void **state)
{
    (void)state;
    ds_session *s = NULL;
    assert_int_equal(ds_session_create(NULL, &s), S_OK);
    expect_output(s, "lm", E_UNEXPECTED, NO_TARGET);
    expect_output(s, "~", E_UNEXPECTED, NO_TARGET);
    expect_output(s, "|", E_UNEXPECTED, NO_TARGET);
    expect_output(s, "vertarget", E_UNEXPECTED, NO_TARGET);
    expect_output(s, ".cache", E_UNEXPECTED, NO_TARGET);
    ds_session_destroy(s);
}

static void test_lm(void **state)
{
    struct command_dump *f = *state;
    expect_output(f->s, "lm", S_OK,
                  "start             end                 module name\n"
                  "00007ff6`00000000 00007ff6`00010000   app        (deferred)             \n"
                  "00007ffb`00000000 00007ffb`001f0000   ntdll      (deferred)             \n"
                  "00007f00`00000000 00007f00`00200000   libc_so_6  (deferred)             \n");
}

static void test_lm_options(void **state)
{
    struct command_dump *f = *state;
    expect_output(f->s, "lm m nt*", S_OK,
                  "start             end                 module name\n"
                  "00007ffb`00000000 00007ffb`001f0000   ntdll      (deferred)             \n");
    expect_output(f->s, "lmm LIBC*", S_OK,
                  "start             end                 module name\n"
                  "00007f00`00000000 00007f00`00200000   libc_so_6  (deferred)             \n");
    expect_output(f->s, "lm M *.exe", S_OK,
                  "start             end                 module name\n"
                  "00007ff6`00000000 00007ff6`00010000   app        (deferred)             \n");
    expect_output(f->s, "lmvm ntdll", S_OK,
                  "start             end                 module name\n"
                  "00007ffb`00000000 00007ffb`001f0000   ntdll      (deferred)             \n"
                  "    Image path: C:\\Windows\\System32\\ntdll.dll\n"
                  "    Image name: ntdll.dll\n");
    expect_output(f->s, "lm f m app", S_OK,
                  "start             end                 module name\n"
                  "00007ff6`00000000 00007ff6`00010000   app        C:\\app\\app.exe\n");
    expect_output(f->s, "lm m zz*", S_OK, "start             end                 module name\n");
    expect_output(f->s, "lm q", E_INVALIDARG, "          ^ Syntax error in 'lm q'\n");
    expect_output(f->s, "lm m", E_INVALIDARG, "           ^ Syntax error in 'lm m'\n");
    expect_output(f->s, "lmx", E_INVALIDARG, "       ^ Syntax error in 'lmx'\n");
    char *help = run_commands(f->s, ".help", NULL);
    assert_null(strstr(help, "lmvm"));
    free(help);
}

static void test_threads(void **state)
{
    struct command_dump *f = *state;
    expect_output(f->s, "~", S_OK,
                  ".  0  Id: 1a2c.3c54 Suspend: 1 Teb: 00000000`02d1e000 Unfrozen\n"
                  "   1  Id: 1a2c.1a2c Suspend: 2 Teb: 00000000`02d20000 Unfrozen\n");
    expect_output(f->s, "~1", S_OK,
                  "   1  Id: 1a2c.1a2c Suspend: 2 Teb: 00000000`02d20000 Unfrozen\n");
    expect_output(f->s, "~.", S_OK,
                  ".  0  Id: 1a2c.3c54 Suspend: 1 Teb: 00000000`02d1e000 Unfrozen\n");
    expect_output(f->s, "~5", E_INVALIDARG, "Illegal thread error in '~5'\n");
}

static void test_process(void **state)
{
    struct command_dump *f = *state;
    expect_output(f->s, "|", S_OK, ".  0\tid: 1a2c\texamine\tname: C:\\app\\app.exe\n");
}

static void test_vertarget(void **state)
{
    struct command_dump *f = *state;
    expect_output(f->s, "vertarget", S_OK,
                  "Target: minidump (a Windows minidump), user mode, x64 (machine 0x8664), "
                  "64-bit pointers, 4096-byte pages\n"
                  "Process: id 6700 (0x1a2c), 2 threads, 3 modules\n"
                  "Cache: 0 KB\n");
}

static void test_cache(void **state)
{
    struct command_dump *f = *state;
    /* a dump's cache is off: its bytes are mapped already */
    expect_output(f->s, ".cache", S_OK, "Max cache size is       : 0 bytes (0x0 KB)\n");
    expect_output(f->s, ".cache 0n2048", S_OK, "Max cache size is       : 2097152 bytes (0x800 KB)\n");
    assert_int_equal(ds_cache_get_size(f->t), 2048 * 1024);
    expect_output(f->s, ".cache 0", S_OK, "Max cache size is       : 0 bytes (0x0 KB)\n");
    expect_output(f->s, ".cache flushall", S_OK, "");
    expect_output(f->s, ".cache flushu", S_OK, "");
    expect_output(f->s, ".cache zz", E_INVALIDARG, "Couldn't resolve error at 'zz'\n");
}

/* A Linux core: no TEB nor suspend count (ds_get_thread_data says
 * E_NOTIMPL), so ~ prints zeros as cdb does for a Linux dump and @$teb is
 * not a register the target has. */
static void test_linux_core(void **state)
{
    (void)state;
    struct ecb b;
    struct ecb_layout L;
    ecb_init(&b, ecb_arch("x86_64"), 4242);
    ecb_standard_process(&b, &L);
    char path[] = "/tmp/ds-commands-core-XXXXXX";
    ecb_write_temp(&b, path);
    ecb_free(&b);
    ds_target *t = NULL;
    assert_int_equal(ds_open_dump(path, 0, &t), S_OK);
    unlink(path);
    uint64_t teb = 1;
    uint32_t suspend = 1;
    assert_int_equal(ds_get_thread_data(t, 0, &teb, &suspend), E_NOTIMPL);
    assert_int_equal(teb, 0);
    assert_int_equal(suspend, 0);
    assert_int_equal(ds_get_thread_data(t, 99, &teb, &suspend), E_INVALIDARG);
    ds_session *s = NULL;
    assert_int_equal(ds_session_create(t, &s), S_OK);
    expect_output(s, "~", S_OK,
                  ".  0  Id: 1092.1092 Suspend: 0 Teb: 00000000`00000000 Unfrozen\n"
                  "   1  Id: 1092.1093 Suspend: 0 Teb: 00000000`00000000 Unfrozen\n"
                  "   2  Id: 1092.1094 Suspend: 0 Teb: 00000000`00000000 Unfrozen\n");
    expect_output(s, "? @$teb", E_INVALIDARG, "Bad register error at '@$teb'\n");
    expect_output(s, "? @$peb", E_INVALIDARG, "Bad register error at '@$peb'\n");
    expect_output(s, "|", S_OK, ".  0\tid: 1092\texamine\tname: /usr/bin/made_by_test\n");
    char *lm = run_commands(s, "lm", NULL);
    assert_non_null(strstr(lm, "   made_by_test (deferred)"));
    assert_non_null(strstr(lm, "   libmade_so_1 (deferred)"));
    free(lm);
    char want[128];
    snprintf(want, sizeof want, "Evaluate expression: %lld = %08x`%08x\n", (long long)L.exe,
             (unsigned)(L.exe >> 32), (unsigned)L.exe);
    expect_output(s, "? made_by_test", S_OK, want);
    ds_session_destroy(s);
    ds_close(t);
}

/* A 32-bit Windows minidump (dbghelp on XP): cdb's 32-bit columns for
 * lm and ~, ? in 8 hex digits when the value fits, poi reads 4 bytes. */
static void test_x86_dump(void **state)
{
    (void)state;
    struct mdb m;
    mdb_scene_windows_x86(&m);
    m.threads[0].teb = 0x7ffdf000;
    m.threads[1].teb = 0x7ffde000;
    ds_target *t = mdb_open(&m, 0);
    ds_session *s = NULL;
    assert_int_equal(ds_session_create(t, &s), S_OK);
    expect_output(s, "lm", S_OK,
                  "start    end        module name\n"
                  "00400000 0042d000   test_app   (deferred)             \n"
                  "7c800000 7c8f6000   kernel32   (deferred)             \n"
                  "7c900000 7c9b0000   ntdll      (deferred)             \n");
    expect_output(s, "~", S_OK,
                  ".  0  Id: f5c.f5c Suspend: 0 Teb: 7ffdf000 Unfrozen\n"
                  "   1  Id: f5c.9a0 Suspend: 1 Teb: 7ffde000 Unfrozen\n");
    expect_output(s, "? -1", S_OK, "Evaluate expression: -1 = ffffffff\n");
    expect_output(s, "? 80000000", S_OK, "Evaluate expression: 2147483648 = 80000000\n");
    expect_output(s, "? 100000000", S_OK, "Evaluate expression: 4294967296 = 00000001`00000000\n");
    expect_output(s, "? @$ptrsize", S_OK, "Evaluate expression: 4 = 00000004\n");
    expect_output(s, "? @$exentry", S_OK, "Evaluate expression: 4198400 = 00401000\n");
    expect_output(s, "? kernel32+10", S_OK, "Evaluate expression: 2088763408 = 7c800010\n");
    uint32_t want = 0;
    for (int i = 3; i >= 0; i--)
        want = want << 8 | mdb_pattern(0x12f000 + (uint64_t)i, 1);
    char line[128];
    snprintf(line, sizeof line, "Evaluate expression: %u = %08x\n", want, want);
    expect_output(s, "? poi(12f000)", S_OK, line);
    expect_output(s, "|", S_OK, ".  0\tid: f5c\texamine\tname: c:\\test_app.exe\n");
    ds_session_destroy(s);
    ds_close(t);
    mdb_free(&m);
}

/* ds_get_thread_data reads a ThreadExListStream's entries too (a
 * MINIDUMP_THREAD at the start of each 64 bytes). */
static void test_thread_ex_list(void **state)
{
    (void)state;
    struct mdb m;
    mdb_init(&m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    m.thread_ex = true;
    mdb_thread(&m, 0x10, 0, 0)->teb = 0x1000;
    struct mdb_thread *second = mdb_thread(&m, 0x20, 0, 0);
    second->teb = 0x3000;
    second->suspend_count = 3;
    ds_target *t = mdb_open(&m, 0);
    uint64_t teb = 0;
    uint32_t suspend = 0;
    assert_int_equal(ds_get_thread_data(t, 1, &teb, &suspend), S_OK);
    assert_int_equal(teb, 0x3000);
    assert_int_equal(suspend, 3);
    assert_int_equal(ds_get_thread_data(t, 0, &teb, NULL), S_OK);
    assert_int_equal(teb, 0x1000);
    assert_int_equal(ds_get_thread_data(t, 2, &teb, &suspend), E_INVALIDARG);
    ds_close(t);
    mdb_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_target),
        cmocka_unit_test(test_linux_core),
        cmocka_unit_test(test_x86_dump),
        cmocka_unit_test(test_thread_ex_list),
        cmocka_unit_test_setup_teardown(test_lm, command_dump_setup, command_dump_teardown),
        cmocka_unit_test_setup_teardown(test_lm_options, command_dump_setup, command_dump_teardown),
        cmocka_unit_test_setup_teardown(test_threads, command_dump_setup, command_dump_teardown),
        cmocka_unit_test_setup_teardown(test_process, command_dump_setup, command_dump_teardown),
        cmocka_unit_test_setup_teardown(test_vertarget, command_dump_setup, command_dump_teardown),
        cmocka_unit_test_setup_teardown(test_cache, command_dump_setup, command_dump_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
