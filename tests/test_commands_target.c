/*
 * test_commands_target.c — the commands that describe the target
 * (vertarget, |, ~, lm, .cache) over a minidump the test builds and with
 * no target at all, golden output.
 */
#include "testlib.h"
#include "command_checks.h"

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

static void test_threads(void **state)
{
    struct command_dump *f = *state;
    expect_output(f->s, "~", S_OK,
                  ".  0  Id: 1a2c.3c54 Suspend: 0 Teb: 00000000`00000000 Unfrozen\n"
                  "   1  Id: 1a2c.1a2c Suspend: 0 Teb: 00000000`00000000 Unfrozen\n");
    expect_output(f->s, "~1", S_OK,
                  "   1  Id: 1a2c.1a2c Suspend: 0 Teb: 00000000`00000000 Unfrozen\n");
    expect_output(f->s, "~.", S_OK,
                  ".  0  Id: 1a2c.3c54 Suspend: 0 Teb: 00000000`00000000 Unfrozen\n");
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_target),
        cmocka_unit_test_setup_teardown(test_lm, command_dump_setup, command_dump_teardown),
        cmocka_unit_test_setup_teardown(test_threads, command_dump_setup, command_dump_teardown),
        cmocka_unit_test_setup_teardown(test_process, command_dump_setup, command_dump_teardown),
        cmocka_unit_test_setup_teardown(test_vertarget, command_dump_setup, command_dump_teardown),
        cmocka_unit_test_setup_teardown(test_cache, command_dump_setup, command_dump_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
