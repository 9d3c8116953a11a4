/*
 * test_commands.c — the command language's core: ';' and the registry,
 * MASM expressions (numbers, operators, precedence, memory operators,
 * modules, pseudo-registers), ranges, and cdb's error lines, with no
 * target and over a minidump the test builds.
 */
#include "testlib.h"
#include "command_checks.h"

#include <stdlib.h>
#include <string.h>

#define READ_FAULT HRESULT_FROM_WIN32(ERROR_READ_FAULT)

/* ---- no target --------------------------------------------------------- */

static ds_session *bare_session(void)
{
    ds_session *s = NULL;
    assert_int_equal(ds_session_create(NULL, &s), S_OK);
    return s;
}

static void test_evaluate_numbers(void **state)
{
    (void)state;
    ds_session *s = bare_session();
    expect_output(s, "? 1000", S_OK, "Evaluate expression: 4096 = 00000000`00001000\n");
    expect_output(s, "?1000", S_OK, "Evaluate expression: 4096 = 00000000`00001000\n");
    expect_output(s, "? 0x10", S_OK, "Evaluate expression: 16 = 00000000`00000010\n");
    expect_output(s, "? 0n10", S_OK, "Evaluate expression: 10 = 00000000`0000000a\n");
    expect_output(s, "? 0t17", S_OK, "Evaluate expression: 15 = 00000000`0000000f\n");
    expect_output(s, "? 0y101", S_OK, "Evaluate expression: 5 = 00000000`00000005\n");
    expect_output(s, "? 4aB3h", S_OK, "Evaluate expression: 19123 = 00000000`00004ab3\n");
    expect_output(s, "? 0x", S_OK, "Evaluate expression: 0 = 00000000`00000000\n");
    expect_output(s, "? 00007ff6`12340000", S_OK,
                  "Evaluate expression: 140694844080128 = 00007ff6`12340000\n");
    expect_output(s, "? -1", S_OK, "Evaluate expression: -1 = ffffffff`ffffffff\n");
    ds_session_destroy(s);
}

static void test_evaluate_operators(void **state)
{
    (void)state;
    ds_session *s = bare_session();
    expect_output(s, "? 1+2*3", S_OK, "Evaluate expression: 7 = 00000000`00000007\n");
    expect_output(s, "? (1+2)*3", S_OK, "Evaluate expression: 9 = 00000000`00000009\n");
    expect_output(s, "? 10/3", S_OK, "Evaluate expression: 5 = 00000000`00000005\n");
    expect_output(s, "? 10%3", S_OK, "Evaluate expression: 1 = 00000000`00000001\n");
    expect_output(s, "? 10 mod 3", S_OK, "Evaluate expression: 1 = 00000000`00000001\n");
    expect_output(s, "? 1<<4", S_OK, "Evaluate expression: 16 = 00000000`00000010\n");
    expect_output(s, "? 1+1<<4", S_OK, "Evaluate expression: 32 = 00000000`00000020\n");
    expect_output(s, "? f0 & 3c | 1", S_OK, "Evaluate expression: 49 = 00000000`00000031\n");
    expect_output(s, "? f0 and 3c or 1", S_OK, "Evaluate expression: 49 = 00000000`00000031\n");
    expect_output(s, "? ff ^ f", S_OK, "Evaluate expression: 240 = 00000000`000000f0\n");
    expect_output(s, "? 3 == 3", S_OK, "Evaluate expression: 1 = 00000000`00000001\n");
    expect_output(s, "? 3 = 4", S_OK, "Evaluate expression: 0 = 00000000`00000000\n");
    expect_output(s, "? 3 != 4", S_OK, "Evaluate expression: 1 = 00000000`00000001\n");
    expect_output(s, "? 1+2 < 4", S_OK, "Evaluate expression: 1 = 00000000`00000001\n");
    expect_output(s, "? -1 < 0", S_OK, "Evaluate expression: 1 = 00000000`00000001\n");
    expect_output(s, "? ~0", S_OK, "Evaluate expression: -1 = ffffffff`ffffffff\n");
    expect_output(s, "? --1", S_OK, "Evaluate expression: 1 = 00000000`00000001\n");
    expect_output(s, "? +-1", S_OK, "Evaluate expression: -1 = ffffffff`ffffffff\n");
    expect_output(s, "? hi 12345678", S_OK, "Evaluate expression: 4660 = 00000000`00001234\n");
    expect_output(s, "? low 12345678", S_OK, "Evaluate expression: 22136 = 00000000`00005678\n");
    expect_output(s, "? 1`1", S_OK, "Evaluate expression: 17 = 00000000`00000011\n");
    expect_output(s, "? 1`", S_OK, "Evaluate expression: 1 = 00000000`00000001\n");
    expect_output(s, "? ah", S_OK, "Evaluate expression: 10 = 00000000`0000000a\n");
    expect_output(s, "? 1ah", S_OK, "Evaluate expression: 26 = 00000000`0000001a\n");
    expect_output(s, "? 2 and 6", S_OK, "Evaluate expression: 2 = 00000000`00000002\n");
    expect_output(s, "? 1 + 2 * 3 / 4", S_OK, "Evaluate expression: 2 = 00000000`00000002\n");
    expect_output(s, "? not 0", S_OK, "Evaluate expression: 1 = 00000000`00000001\n");
    expect_output(s, "? -8 >>> 1", S_OK, "Evaluate expression: -4 = ffffffff`fffffffc\n");
    expect_output(s, "? -8 >> 3c", S_OK, "Evaluate expression: 15 = 00000000`0000000f\n");
    expect_output(s, "? ffffffff`ffffffff + 2", S_OK,
                  "Evaluate expression: 1 = 00000000`00000001\n");
    expect_output(s, "? 100000000 * 100000000", S_OK,
                  "Evaluate expression: 0 = 00000000`00000000\n");
    ds_session_destroy(s);
}

static void test_evaluate_errors(void **state)
{
    (void)state;
    ds_session *s = bare_session();
    expect_output(s, "? foo+1", E_INVALIDARG, "Couldn't resolve error at 'foo+1'\n");
    expect_output(s, "? 1/0", E_INVALIDARG, "Divide by zero error at '0'\n");
    expect_output(s, "? 1 mod (2-2)", E_INVALIDARG, "Divide by zero error at '(2-2)'\n");
    expect_output(s, "? 1+", E_INVALIDARG, "Numeric expression missing from '<EOL>'\n");
    expect_output(s, "? 1*", E_INVALIDARG, "Numeric expression missing from '<EOL>'\n");
    expect_output(s, "? *1", E_INVALIDARG, "Numeric expression missing from '*1'\n");
    expect_output(s, "? 1 && 2", E_INVALIDARG, "Numeric expression missing from '& 2'\n");
    expect_output(s, "? (1+1", E_INVALIDARG, "Syntax error at '<EOL>'\n");
    expect_output(s, "? `1", E_INVALIDARG, "Syntax error at '`1'\n");
    /* '!' is MASM's symbol mark, not a logical not (use "not") */
    expect_output(s, "? !1", E_INVALIDARG, "Couldn't resolve error at '!1'\n");
    expect_output(s, "? 1 2", E_INVALIDARG, "           ^ Extra character error in '? 1 2'\n");
    expect_output(s, "? 1+1)", E_INVALIDARG, "            ^ Extra character error in '? 1+1)'\n");
    expect_output(s, "? @$nothing", E_INVALIDARG, "Bad register error at '@$nothing'\n");
    expect_output(s, "? @foo", E_INVALIDARG, "Bad register error at '@foo'\n");
    expect_output(s, "? 11111111111111111", E_INVALIDARG,
                  "Overflow error at '11111111111111111'\n");
    expect_output(s, "nosuchcommand 1", E_INVALIDARG,
                  "       ^ Syntax error in 'nosuchcommand 1'\n");
    /* a command after a ';': the caret under its place in the line, the
     * quote from the command's start to the end of the line, as cdb */
    expect_output(s, ".echo a; ? 1 2; .echo b", E_INVALIDARG,
                  "a\n                    ^ Extra character error in ' ? 1 2; .echo b'\n");
    expect_output(s, "? zz; .echo b", E_INVALIDARG, "Couldn't resolve error at 'zz; .echo b'\n");
    expect_output(s, ".echo a;nosuch", E_INVALIDARG, "a\n               ^ Syntax error in 'nosuch'\n");
    ds_session_destroy(s);
}

/* Deep nesting is refused, not followed: the parser's depth is bounded. */
static void test_evaluate_deep_nesting(void **state)
{
    (void)state;
    ds_session *s = bare_session();
    size_t depth = 100000;
    char *line = malloc(2 * depth + 8);
    assert_non_null(line);
    strcpy(line, "? ");
    memset(line + 2, '(', depth);
    line[2 + depth] = '1';
    memset(line + 3 + depth, ')', depth);
    line[3 + 2 * depth] = '\0';
    HRESULT hr;
    char *out = run_commands(s, line, &hr);
    assert_int_equal(hr, E_INVALIDARG);
    assert_non_null(strstr(out, "Syntax error"));
    free(out);
    memset(line + 2, '-', depth);
    line[2 + depth] = '1';
    line[3 + depth] = '\0';
    out = run_commands(s, line, &hr);
    assert_int_equal(hr, E_INVALIDARG);
    free(out);
    /* 30 levels are fine */
    expect_output(s, "? ((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))", S_OK,
                  "Evaluate expression: 1 = 00000000`00000001\n");
    free(line);
    ds_session_destroy(s);
}

static void test_echo_and_separators(void **state)
{
    (void)state;
    ds_session *s = bare_session();
    expect_output(s, ".echo hello world", S_OK, "hello world\n");
    expect_output(s, ".echo \"a;b\"; .echo c", S_OK, "a;b\nc\n");
    expect_output(s, ".echo a ; ? 1 ; .echo b", S_OK,
                  "a\nEvaluate expression: 1 = 00000000`00000001\nb\n");
    /* the first failure stops the line, as in cdb */
    expect_output(s, ".echo a; ? zz; .echo b", E_INVALIDARG,
                  "a\nCouldn't resolve error at 'zz; .echo b'\n");
    expect_output(s, "$$ a comment; .echo after", S_OK, "after\n");
    expect_output(s, "* a comment; .echo never", S_OK, "");
    expect_output(s, "", S_OK, "");
    expect_output(s, " ;; ", S_OK, "");
    ds_session_destroy(s);
}

static void test_quit(void **state)
{
    (void)state;
    ds_session *s = bare_session();
    assert_int_equal(ds_session_quit_requested(s), DS_QUIT_NONE);
    expect_output(s, "q; .echo not run", S_OK, "quit:\n");
    assert_int_equal(ds_session_quit_requested(s), DS_QUIT_END);
    ds_session_destroy(s);
    s = bare_session();
    expect_output(s, "qq", S_OK, "quit:\n");
    assert_int_equal(ds_session_quit_requested(s), DS_QUIT_END);
    ds_session_destroy(s);
    s = bare_session();
    expect_output(s, "qd", S_OK, "");
    assert_int_equal(ds_session_quit_requested(s), DS_QUIT_DETACH);
    ds_session_destroy(s);
}

static HRESULT added_hello(ds_session *s, const char *args, void *context)
{
    int *calls = context;
    (*calls)++;
    uint64_t v;
    HRESULT hr = ds_session_evaluate(s, args, &v);
    if (FAILED(hr))
        return hr;
    ds_session_printf(s, "hello %llx\n", (unsigned long long)v);
    return S_OK;
}

static void test_added_command(void **state)
{
    (void)state;
    ds_session *s = bare_session();
    int calls = 0;
    assert_int_equal(ds_session_add_command(s, "hello", added_hello, &calls, "hello EXPR  greet"),
                     S_OK);
    assert_int_equal(ds_session_add_command(s, "bad name", added_hello, &calls, ""), E_INVALIDARG);
    expect_output(s, "hello 1+1", S_OK, "hello 2\n");
    expect_output(s, "hello zz", E_INVALIDARG, "Couldn't resolve error at 'zz'\n");
    assert_int_equal(calls, 2);
    /* it replaces a built-in one of the same name */
    assert_int_equal(ds_session_add_command(s, ".echo", added_hello, &calls, ".echo replaced"),
                     S_OK);
    expect_output(s, ".echo 5", S_OK, "hello 5\n");
    char *help = run_commands(s, ".help", NULL);
    assert_non_null(strstr(help, "hello EXPR  greet"));
    assert_non_null(strstr(help, ".echo replaced"));
    assert_null(strstr(help, "print TEXT"));
    free(help);
    ds_session_destroy(s);
}

/* ---- over a minidump --------------------------------------------------- */

static void test_memory_operators(void **state)
{
    struct command_dump *f = *state;
    expect_output(f->s, "? poi(10000)", S_OK, "Evaluate expression: -81985529216486896 = fedcba98`76543210\n");
    expect_output(f->s, "? by(10000)", S_OK, "Evaluate expression: 16 = 00000000`00000010\n");
    expect_output(f->s, "? wo(10000)", S_OK, "Evaluate expression: 12816 = 00000000`00003210\n");
    expect_output(f->s, "? dwo(10000)", S_OK, "Evaluate expression: 1985229328 = 00000000`76543210\n");
    expect_output(f->s, "? qwo(10008)", S_OK, "Evaluate expression: 4096 = 00000000`00001000\n");
    expect_output(f->s, "? poi(poi(10008)+f000)", S_OK,
                  "Evaluate expression: -81985529216486896 = fedcba98`76543210\n");
    expect_output(f->s, "? poi(0)", READ_FAULT, "Memory access error at ')'\n");
    expect_output(f->s, "? poi(1000c)", READ_FAULT, "Memory access error at ')'\n");
    expect_output(f->s, "? poi 10000", S_OK,
                  "Evaluate expression: -81985529216486896 = fedcba98`76543210\n");
    expect_output(f->s, "? by 10000+1", S_OK, "Evaluate expression: 17 = 00000000`00000011\n");
    expect_output(f->s, "? poi 1", READ_FAULT, "Memory access error at '1'\n");
    expect_output(f->s, "? poi(poi(0)) + 1", READ_FAULT, "Memory access error at ')) + 1'\n");
    expect_output(f->s, "? @$ptrsize", S_OK, "Evaluate expression: 8 = 00000000`00000008\n");
    expect_output(f->s, "? $pagesize", S_OK, "Evaluate expression: 4096 = 00000000`00001000\n");
    expect_output(f->s, "? @$teb", S_OK, "Evaluate expression: 47308800 = 00000000`02d1e000\n");
    expect_output(f->s, "? @$peb", S_OK, "Evaluate expression: 47304704 = 00000000`02d1d000\n");
    expect_output(f->s, "? @$exentry", S_OK,
                  "Evaluate expression: 140694538686464 = 00007ff6`00001000\n");
    expect_output(f->s, "? @$tid", S_OK, "Evaluate expression: 15444 = 00000000`00003c54\n");
    expect_output(f->s, "? @$tpid", S_OK, "Evaluate expression: 6700 = 00000000`00001a2c\n");
}

static void test_module_names(void **state)
{
    struct command_dump *f = *state;
    expect_output(f->s, "? ntdll", S_OK, "Evaluate expression: 140716013518848 = 00007ffb`00000000\n");
    expect_output(f->s, "? NTDLL+0x10", S_OK,
                  "Evaluate expression: 140716013518864 = 00007ffb`00000010\n");
    expect_output(f->s, "? app+1000", S_OK,
                  "Evaluate expression: 140694538686464 = 00007ff6`00001000\n");
    expect_output(f->s, "? libc_so_6", S_OK,
                  "Evaluate expression: 139637976727552 = 00007f00`00000000\n");
    expect_output(f->s, "? ntdll!NtClose", E_INVALIDARG,
                  "Couldn't resolve error at 'ntdll!NtClose'\n");
    char buffer[64];
    assert_int_equal(ds_session_symbolize(f->s, 0x7ffb00000123, buffer, sizeof buffer), S_OK);
    assert_string_equal(buffer, "ntdll+0x123");
    assert_int_equal(ds_session_symbolize(f->s, 0x7ffb00000000, buffer, sizeof buffer), S_OK);
    assert_string_equal(buffer, "ntdll");
    assert_int_equal(ds_session_symbolize(f->s, 0x7ffb001f0000, buffer, sizeof buffer), S_FALSE);
    assert_string_equal(buffer, "");
    ds_session_format_address(f->s, 0x7ffb00000123, buffer, sizeof buffer);
    assert_string_equal(buffer, "00007ffb`00000123");
}

static void test_ranges(void **state)
{
    struct command_dump *f = *state;
    uint64_t start = 0x5555, count = 0;
    assert_int_equal(ds_session_parse_range(f->s, "1000 L20", 1, 0x80, &start, &count), S_OK);
    assert_int_equal(start, 0x1000);
    assert_int_equal(count, 0x20);
    assert_int_equal(ds_session_parse_range(f->s, "1000", 4, 0x20, &start, &count), S_OK);
    assert_int_equal(start, 0x1000);
    assert_int_equal(count, 0x20);
    assert_int_equal(ds_session_parse_range(f->s, "1000 1007", 4, 0x20, &start, &count), S_OK);
    assert_int_equal(count, 2);
    assert_int_equal(ds_session_parse_range(f->s, "80000000 L-20", 1, 0x20, &start, &count), S_OK);
    assert_int_equal(start, 0x7fffffe0);
    assert_int_equal(count, 0x20);
    assert_int_equal(ds_session_parse_range(f->s, "0 L?20000000", 1, 0x20, &start, &count), S_OK);
    assert_int_equal(count, 0x20000000);
    start = 0x4242;
    assert_int_equal(ds_session_parse_range(f->s, "", 1, 0x80, &start, &count), S_OK);
    assert_int_equal(start, 0x4242);
    assert_int_equal(count, 0x80);
    assert_int_equal(ds_session_parse_range(f->s, "ntdll libc_so_6", 1, 0x80, &start, &count),
                     E_INVALIDARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_evaluate_numbers),
        cmocka_unit_test(test_evaluate_operators),
        cmocka_unit_test(test_evaluate_errors),
        cmocka_unit_test(test_evaluate_deep_nesting),
        cmocka_unit_test(test_echo_and_separators),
        cmocka_unit_test(test_quit),
        cmocka_unit_test(test_added_command),
        cmocka_unit_test_setup_teardown(test_memory_operators, command_dump_setup, command_dump_teardown),
        cmocka_unit_test_setup_teardown(test_module_names, command_dump_setup, command_dump_teardown),
        cmocka_unit_test_setup_teardown(test_ranges, command_dump_setup, command_dump_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
