/*
 * test_commands_dump.c — the .dump command: cdb's lines over a minidump
 * the test builds and over the live layout helper, each written file
 * opened again with ds_open_dump and its bytes checked; the refusal of an
 * existing file without /o, /o replacing it, a missing directory, the
 * options cdb would refuse, progress and the comment.
 */
#include "testlib.h"
#include "command_checks.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void temp_name(char *out, size_t size, const char *tag)
{
    snprintf(out, size, "/tmp/ds_cmddump_%s_%d.dmp", tag, (int)getpid());
    unlink(out);
}

/* Open the written file and check `n` bytes at `at` (or that they cannot
 * be read, when want is NULL). */
static void expect_dump_bytes(const char *file, uint64_t at, const void *want, uint32_t n)
{
    ds_target *t = NULL;
    HRESULT hr = ds_open_dump(file, 0, &t);
    if (FAILED(hr))
        fail_msg("ds_open_dump(%s): 0x%08x %s", file, (unsigned)hr, ds_error_text(NULL));
    uint8_t got[64];
    uint32_t read = 0;
    assert_true(n <= sizeof got);
    hr = ds_read_virtual(t, at, got, n, &read);
    if (want) {
        assert_hr(S_OK, hr, t);
        assert_int_equal(read, n);
        assert_memory_equal(got, want, n);
    } else {
        assert_true(FAILED(hr) || read == 0);
    }
    ds_close(t);
}

static char *expected_lines(const char *file, const char *kind)
{
    static char want[600];
    snprintf(want, sizeof want, "Creating %s - %s\nDump successfully written\n", file, kind);
    return want;
}

/* ---- a built minidump ---------------------------------------------------- */

static void test_dump_of_a_minidump(void **state)
{
    struct command_dump *d = *state;
    char file[128], line[256];
    temp_name(file, sizeof file, "md");
    snprintf(line, sizeof line, ".dump /ma %s", file);
    expect_output(d->s, line, S_OK, expected_lines(file, "mini user dump"));
    expect_dump_bytes(file, 0x10000, command_planted, sizeof command_planted);

    /* Without /o the file now there is refused with cdb's lines, and kept. */
    struct stat before, after;
    assert_int_equal(stat(file, &before), 0);
    char want[400];
    snprintf(want, sizeof want, "Unable to create file '%s' - Win32 error 0n80\n"
             "    \"The file exists.\"\n", file);
    expect_output(d->s, line, HRESULT_FROM_WIN32(80), want);
    assert_int_equal(stat(file, &after), 0);
    assert_int_equal(before.st_ino, after.st_ino);

    /* /o replaces it: an ELF core now, with the same bytes. */
    snprintf(line, sizeof line, ".dump /o /elf %s", file);
    expect_output(d->s, line, S_OK, expected_lines(file, "ELF core dump"));
    FILE *f = fopen(file, "rb");
    assert_non_null(f);
    uint8_t magic[4];
    assert_int_equal(fread(magic, 1, 4, f), 4);
    fclose(f);
    assert_memory_equal(magic, "\x7f" "ELF", 4);
    expect_dump_bytes(file, 0x10000, command_planted, sizeof command_planted);
    unlink(file);
}

static void test_dump_comment_and_quoted_name(void **state)
{
    struct command_dump *d = *state;
    char file[128], line[300];
    snprintf(file, sizeof file, "/tmp/ds cmddump %d.dmp", (int)getpid());
    unlink(file);
    snprintf(line, sizeof line, ".dump /mf /c \"made by test_commands_dump\" \"%s\"", file);
    expect_output(d->s, line, S_OK, expected_lines(file, "mini user dump"));
    /* The comment is in the file (CommentStreamA). */
    FILE *f = fopen(file, "rb");
    assert_non_null(f);
    static char buffer[1 << 20];
    size_t n = fread(buffer, 1, sizeof buffer, f);
    fclose(f);
    assert_non_null(memmem(buffer, n, "made by test_commands_dump", 26));
    expect_dump_bytes(file, 0x10000, command_planted, sizeof command_planted);
    unlink(file);
}

static void test_dump_bad_input(void **state)
{
    struct command_dump *d = *state;
    HRESULT hr;
    char *out = run_commands(d->s, ".dump /ma", &hr);
    assert_int_equal(hr, E_INVALIDARG);
    assert_non_null(strstr(out, "Usage: .dump [options] filename\n"));
    free(out);
    out = run_commands(d->s, ".dump /q /tmp/x.dmp", &hr);
    assert_int_equal(hr, E_INVALIDARG);
    assert_non_null(strstr(out, "Unknown option 'q'\n"));
    free(out);
    /* A directory that is not there: CreateFile's ERROR_PATH_NOT_FOUND. */
    expect_output(d->s, ".dump /ma /nonexistent-dir/x.dmp", HRESULT_FROM_WIN32(3),
                  "Unable to create file '/nonexistent-dir/x.dmp' - Win32 error 0n3\n"
                  "    \"The system cannot find the path specified.\"\n");
    /* No target: the session's line. */
    ds_session *none;
    assert_int_equal(ds_session_create(NULL, &none), S_OK);
    out = run_commands(none, ".dump /ma /tmp/x.dmp", &hr);
    assert_int_equal(hr, E_UNEXPECTED);
    assert_non_null(strstr(out, "No target"));
    free(out);
    ds_session_destroy(none);
    /* .help lists it. */
    out = run_commands(d->s, ".help", &hr);
    assert_non_null(strstr(out, ".dump"));
    free(out);
}

/* Ctrl+C while the dump is written: E_ABORT, no file and no temporary left. */
static void interrupt_on_progress(void *context, uint64_t done, uint64_t total)
{
    (void)done;
    (void)total;
    ds_session_interrupt((ds_session *)context);
}

static void test_dump_interrupted(void **state)
{
    struct command_dump *d = *state;
    char file[128], line[256];
    temp_name(file, sizeof file, "stop");
    ds_session_set_progress(d->s, interrupt_on_progress, d->s);
    snprintf(line, sizeof line, ".dump /ma %s", file);
    HRESULT hr;
    char *out = run_commands(d->s, line, &hr);
    free(out);
    assert_int_equal(hr, E_ABORT);
    assert_int_not_equal(access(file, F_OK), 0);
    char pattern[160];
    snprintf(pattern, sizeof pattern, "ls %s.dstmp.* >/dev/null 2>&1", file);
    assert_int_not_equal(system(pattern), 0);
    ds_session_set_progress(d->s, NULL, NULL);
}

/* ---- live ----------------------------------------------------------------- */

struct progress_count {
    int calls;
    uint64_t last_done, last_total;
};

static void count_progress(void *context, uint64_t done, uint64_t total)
{
    struct progress_count *p = context;
    p->calls++;
    p->last_done = done;
    p->last_total = total;
}

static void test_dump_of_a_live_process(void **state)
{
    struct layout_fixture *f = *state;
    ds_session *s;
    assert_int_equal(ds_session_create(f->t, &s), S_OK);
    struct progress_count progress = { 0 };
    ds_session_set_progress(s, count_progress, &progress);
    char file[128], line[256];
    static const char hello[] = "hello, dataspaces";

    /* /ma: all memory, the helper's string among it; progress reported
     * up to the whole. */
    temp_name(file, sizeof file, "live");
    snprintf(line, sizeof line, ".dump /ma %s", file);
    expect_output(s, line, S_OK, expected_lines(file, "mini user dump"));
    expect_dump_bytes(file, f->hello, hello, sizeof hello - 1);
    assert_true(progress.calls > 0);
    assert_true(progress.last_total > 0);
    assert_int_equal(progress.last_done, progress.last_total);

    /* /m: the stacks only, so not the image's string. */
    snprintf(line, sizeof line, ".dump /m /o %s", file);
    expect_output(s, line, S_OK, expected_lines(file, "mini user dump"));
    expect_dump_bytes(file, f->hello, NULL, sizeof hello - 1);

    /* /elf: an ELF core holding it again. */
    snprintf(line, sizeof line, ".dump /elf /o %s", file);
    expect_output(s, line, S_OK, expected_lines(file, "ELF core dump"));
    expect_dump_bytes(file, f->hello, hello, sizeof hello - 1);
    unlink(file);
    ds_session_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dump_of_a_minidump, command_dump_setup,
                                        command_dump_teardown),
        cmocka_unit_test_setup_teardown(test_dump_comment_and_quoted_name, command_dump_setup,
                                        command_dump_teardown),
        cmocka_unit_test_setup_teardown(test_dump_bad_input, command_dump_setup,
                                        command_dump_teardown),
        cmocka_unit_test_setup_teardown(test_dump_interrupted, command_dump_setup,
                                        command_dump_teardown),
        cmocka_unit_test_setup_teardown(test_dump_of_a_live_process, layout_setup_stopped,
                                        layout_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
