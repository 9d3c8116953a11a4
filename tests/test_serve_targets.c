/*
 * test_serve_targets — ds_serve over each kind of target, gdb and lldb as
 * clients (an ELF core, a live process, lldb on a minidump), and
 * `dataspaces serve` itself: it says where it listens, serves gdb, and
 * with --once exits after it.
 */
#include "testlib.h"
#include "elfcore_builder.h"
#include "minidump_builder.h"
#include "serve_client.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- an ELF core and a live process --------------------------------------- */

static void test_gdb_reads_an_elf_core(void **state)
{
    (void)state;
    struct ecb b;
    struct ecb_layout L;
    ecb_init(&b, ecb_arch("x86_64"), 4321);
    ecb_standard_process(&b, &L);
    char path[] = "/tmp/ds_serve_core_XXXXXX";
    ecb_write_temp(&b, path);
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    struct served v;
    serve_start(&v, t);
    uint8_t truth[16];
    for (unsigned i = 0; i < 16; i++)
        truth[i] = ecb_pattern(L.heap + 0x1000 - 8 + i);
    expect_gdb_reads(&v, L.heap + 0x1000 - 8, truth, 16);
    serve_stop(&v);
    ds_close(t);
    ecb_free(&b);
    unlink(path);
}

static uint8_t planted[4096] __attribute__((aligned(4096)));

static void test_gdb_reads_a_live_process(void **state)
{
    (void)state;
    for (unsigned i = 0; i < sizeof planted; i++)
        planted[i] = (uint8_t)(i * 7 + 3);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        for (;;)
            pause();
    }
    ds_target *t;
    assert_hr(S_OK, ds_attach(child, 0, &t), NULL);
    struct served v;
    serve_start(&v, t);
    expect_gdb_reads(&v, (uint64_t)(uintptr_t)planted + 100, planted + 100, 16);
    /* Registers of a live thread: rip is somewhere, never the zeros of
       a missing context. */
    char *out = gdb(&v, "-ex 'info registers rip'");
    if (!strstr(out, "rip            0x") || strstr(out, "rip            0x0 "))
        fail_msg("gdb shows no rip of the live thread:\n%s", out);
    free(out);
    serve_stop(&v);
    ds_close(t);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
}

/* ---- lldb ----------------------------------------------------------------- */

static void test_lldb_reads_a_minidump(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = amd64_dump(&m);
    struct served v;
    serve_start(&v, t);
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "lldb -b -o 'gdb-remote %s' -o 'memory read 0x%llx -c 16' -o 'register read rip' "
             "-o 'memory region 0x%llx'",
             v.addr, MD_BASE + 0x800, MD_BASE + 0x800);
    char *out = run_debugger(cmd);
    char want[128];
    int n = snprintf(want, sizeof want, "0x%llx:", MD_BASE + 0x800);
    for (unsigned i = 0; i < 16; i++)
        n += snprintf(want + n, sizeof want - (size_t)n, " %02x", mdb_pattern(MD_BASE + 0x800 + i, 7));
    if (!strstr(out, want))
        fail_msg("lldb did not read \"%s\":\n%s", want, out);
    snprintf(want, sizeof want, "rip = 0x%016llx", MD_PC);
    if (!strstr(out, want))
        fail_msg("lldb's rip is not 0x%llx:\n%s", MD_PC, out);
    snprintf(want, sizeof want, "[0x%016llx-0x%016llx) rw", MD_BASE, MD_BASE + MD_SIZE);
    if (!strstr(out, want))
        fail_msg("lldb's region is not [0x%llx, 0x%llx) rw:\n%s", MD_BASE, MD_BASE + MD_SIZE,
                 out);
    free(out);
    serve_stop(&v);
    ds_close(t);
    mdb_free(&m);
}

/* ---- dataspaces serve ---------------------------------------------------- */

static void test_cli_serve_once(void **state)
{
    (void)state;
    const char *helpers = getenv("DS_HELPERS");
    char build[PATH_MAX];
    if (!helpers || !realpath(helpers, build))
        fail_msg("DS_HELPERS must name the build's helpers directory");
    *strrchr(build, '/') = '\0';
    char program[PATH_MAX + 16];
    snprintf(program, sizeof program, "%s/dataspaces", build);

    struct mdb m;
    ds_target *t = amd64_dump(&m); /* builds and writes the file */
    ds_close(t);
    int out[2];
    assert_int_equal(pipe(out), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        dup2(out[1], 1);
        dup2(out[1], 2);
        close(out[0]);
        execl(program, "dataspaces", "serve", "--once", "-z", m.path, (char *)NULL);
        _exit(127);
    }
    close(out[1]);
    FILE *f = fdopen(out[0], "r");
    char line[512] = "";
    assert_non_null(fgets(line, sizeof line, f));
    const char *at = strstr(line, " on 127.0.0.1:");
    if (!at || !strstr(line, "(loopback only)"))
        fail_msg("dataspaces serve did not say where it listens: %s", line);
    struct served v = {0};
    snprintf(v.addr, sizeof v.addr, "%s", at + 4);
    *strchr(v.addr, ' ') = '\0';
    uint8_t truth[16];
    for (unsigned i = 0; i < 16; i++)
        truth[i] = mdb_pattern(MD_BASE + 0x200 + i, 7);
    expect_gdb_reads(&v, MD_BASE + 0x200, truth, 16);
    /* --once: it exits by itself after gdb detaches, status 0. */
    int status;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    fclose(f);
    mdb_free(&m);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gdb_reads_an_elf_core),
        cmocka_unit_test(test_gdb_reads_a_live_process),
        cmocka_unit_test(test_lldb_reads_a_minidump),
        cmocka_unit_test(test_cli_serve_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
