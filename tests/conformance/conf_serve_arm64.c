/*
 * conf_serve_arm64.c — the stub's AArch64 registers against gdb's own
 * reading of real aarch64 kernel cores (make conformance): gdb-multiarch
 * opens each core itself (`core FILE`), then reads the same core served by
 * ds_serve (`target remote`); every general register, sp, pc, cpsr, fpsr,
 * fpcr and the first and last V register must show the same value both
 * ways; and lldb (`--core` against `gdb-remote`) likewise for a sample of
 * them. tests/test_serve_arm64.c checks the same of cores and minidumps the
 * test builds with planted registers.
 */
#include "testlib.h"
#include "serve_client.h"

#include <dataspaces/serve.h>

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct core {
    const char *path;
    bool lldb_opens;  /* lldb 14 refuses rizin's hand-edited notes ("Unable to parse note
                         segment"): there lldb through the stub is held against gdb only */
};
static const struct core cores[] = {
    {"elfcore/rizin-core-linux-arm64.core", false},
    {"elfcore/elfutils-testfile_aarch64_core.core", true},
};

#define REGS                                                                              \
    "x0 x1 x2 x3 x4 x5 x6 x7 x8 x9 x10 x11 x12 x13 x14 x15 x16 x17 x18 x19 x20 x21 x22 " \
    "x23 x24 x25 x26 x27 x28 x29 x30 sp pc cpsr fpsr fpcr"

static char *gdb_registers(const char *target)
{
    char cmd[2048]; /* run_debugger's line holds 2048 */
    snprintf(cmd, sizeof cmd,
             "gdb-multiarch -batch -nx -ex 'set architecture aarch64' -ex '%s' "
             "-ex 'info registers " REGS "' -ex 'p/x $v0.q.u[0]' -ex 'p/x $v31.q.u[0]'",
             target);
    return run_debugger(cmd);
}

/* The hex value on the line gdb's `info registers` printed for name, or
   NULL. */
static const char *value_of(const char *out, const char *name, char *hex, size_t cap)
{
    size_t k = strlen(name);
    for (const char *p = out; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        if (strncmp(p, name, k) != 0 || p[k] != ' ')
            continue;
        const char *q = p + k;
        while (*q == ' ')
            q++;
        size_t n = strspn(q, "0123456789abcdefx");
        if (n < 3 || n >= cap || strncmp(q, "0x", 2) != 0)
            return NULL;
        memcpy(hex, q, n);
        hex[n] = '\0';
        return hex;
    }
    return NULL;
}

/* The value of gdb's nth `$N = ...` line. */
static const char *printed(const char *out, int nth, char *text, size_t cap)
{
    char head[16];
    snprintf(head, sizeof head, "$%d = ", nth);
    const char *p = strstr(out, head);
    if (!p)
        return NULL;
    p += strlen(head);
    size_t n = strcspn(p, "\n");
    if (n >= cap)
        return NULL;
    memcpy(text, p, n);
    text[n] = '\0';
    return text;
}

/* lldb: the values `register read` prints (lines "NAME = 0x..."), in the
   order asked, into vals; their count. */
#define LLDB_REGS "pc sp x0 x1 x2 x7 x8 x18 x19 x28 x29 x30 cpsr fpsr fpcr"
#define LLDB_NREGS 15
static size_t lldb_values(const char *out, uint64_t vals[LLDB_NREGS])
{
    const char *p = strstr(out, "register read");
    size_t n = 0;
    while (p && n < LLDB_NREGS && (p = strstr(p, " = 0x")) != NULL) {
        vals[n++] = strtoull(p + 3, NULL, 16);
        p += 5;
    }
    return n;
}

/* lldb through the stub against gdb's own reading of the core (gdb_direct),
   and against lldb's own where it opens the core. */
static void lldb_compare(const struct core *c, const char *path, const char *served_addr,
                         const char *gdb_direct)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "lldb -b -o 'gdb-remote %s' -o 'register read " LLDB_REGS "'",
             served_addr);
    char *served = run_debugger(cmd);
    uint64_t b[LLDB_NREGS];
    if (lldb_values(served, b) != LLDB_NREGS)
        fail_msg("%s: lldb did not read %d registers through the stub:\n%s", path, LLDB_NREGS,
                 served);
    char names[] = LLDB_REGS, hex[40];
    size_t i = 0;
    for (char *name = strtok(names, " "); name; name = strtok(NULL, " "), i++)
        if (!value_of(gdb_direct, name, hex, sizeof hex) || strtoull(hex, NULL, 16) != b[i])
            fail_msg("%s: lldb's %s through the stub is 0x%llx, gdb's own reading %s:\n%s", path,
                     name, (unsigned long long)b[i], hex, served);
    snprintf(cmd, sizeof cmd, "lldb -b --core '%s' -o 'register read " LLDB_REGS "'", path);
    char *direct = run_debugger(cmd);
    uint64_t a[LLDB_NREGS];
    size_t n = lldb_values(direct, a);
    if (c->lldb_opens && n != LLDB_NREGS)
        fail_msg("lldb did not read %d registers of %s itself:\n%s", LLDB_NREGS, path, direct);
    if (n == LLDB_NREGS && memcmp(a, b, sizeof a) != 0)
        fail_msg("%s: lldb's registers through the stub differ from its own reading:\n%s\n---\n%s",
                 path, direct, served);
    free(direct);
    free(served);
}

static void check_core(void **state)
{
    const struct core *c = *state;
    const char *path = testdata_path(c->path);
    char target[1024];
    if ((size_t)snprintf(target, sizeof target, "core %s", path) >= sizeof target)
        fail_msg("the corpus path %s is too long for a gdb command line", path);
    char *direct = gdb_registers(target);

    ds_target *t;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    assert_int_equal(ds_machine(t), IMAGE_FILE_MACHINE_ARM64);
    struct served v;
    serve_start(&v, t);
    snprintf(target, sizeof target, "target remote %s", v.addr);
    char *served = gdb_registers(target);
    lldb_compare(c, path, v.addr, direct);
    serve_stop(&v);
    ds_close(t);

    char names[] = REGS;
    unsigned compared = 0;
    for (char *name = strtok(names, " "); name; name = strtok(NULL, " ")) {
        char a[40], b[40];
        if (!value_of(direct, name, a, sizeof a))
            fail_msg("gdb shows no %s reading %s itself:\n%s", name, path, direct);
        if (!value_of(served, name, b, sizeof b) || strcmp(a, b) != 0)
            fail_msg("%s: %s is %s in gdb's own reading, %s through the stub:\n%s", path, name,
                     a, value_of(served, name, b, sizeof b) ? b : "missing", served);
        compared++;
    }
    for (int i = 1; i <= 2; i++) {
        char a[80], b[80];
        if (!printed(direct, i, a, sizeof a) || !printed(served, i, b, sizeof b) ||
            strcmp(a, b) != 0)
            fail_msg("%s: v%d differs:\n%s\n---\n%s", path, i == 1 ? 0 : 31, direct, served);
        compared++;
    }
    assert_int_equal(compared, 36 + 2);
    free(direct);
    free(served);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    if (!testdata_required("conf_serve_arm64"))
        return 1;
    struct CMUnitTest tests[sizeof cores / sizeof cores[0]];
    for (size_t i = 0; i < sizeof cores / sizeof cores[0]; i++) {
        tests[i] = (struct CMUnitTest)cmocka_unit_test_prestate(check_core, (void *)&cores[i]);
        tests[i].name = cores[i].path;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
