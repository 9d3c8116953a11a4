/*
 * test_thread_context.c — ds_get_thread_context (GetThreadContext) on
 * every kind of target: a live helper whose thread holds known registers
 * (tests/helpers/regs_target.c), a core of it written by gdb's gcore
 * (checked against gdb's own reading of that core), and minidumps built
 * with known CONTEXT records for x86-64, x86 and ARM64; then the refusals:
 * unknown thread ids, short buffers, a machine without a CONTEXT layout,
 * a live target whose threads run.
 */
#include "testlib.h"
#include "minidump_builder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAUSE_SYSCALL_NR 34

static void check_known_registers(ds_target *t, const struct helper *h, uint64_t *rsp_out)
{
    uint32_t tid = (uint32_t)helper_value(h, "regs_tid");
    assert_int_equal(ds_thread_context_size(t), DS_CONTEXT_AMD64_SIZE);
    DS_AMD64_CONTEXT c;
    memset(&c, 0xcc, sizeof c);
    assert_hr(S_OK, ds_get_thread_context(t, tid, &c, sizeof c), t);
    assert_int_equal(c.ContextFlags & DS_CONTEXT_AMD64_FULL, DS_CONTEXT_AMD64_FULL);
    assert_int_equal(c.Rbx, 0x1111111111111111ull);
    assert_int_equal(c.R12, 0x1212121212121212ull);
    assert_int_equal(c.R13, 0x1313131313131313ull);
    assert_int_equal(c.R14, 0x1414141414141414ull);
    assert_int_equal(c.R15, 0x1515151515151515ull);
    assert_int_equal(c.Rip, helper_value(h, "after_syscall"));
    assert_int_equal(c.FltSave.XmmRegisters[1].Low, 0x1313131313131313ull);
    assert_int_equal(c.MxCsr, c.FltSave.MxCsr);
    assert_int_equal(c.SegCs, 0x33);  /* the kernel's 64-bit user code selector */
    assert_true(c.Rsp != 0 && (c.Rsp & 7) == 0);
    assert_int_equal(c.P1Home, 0);     /* zeroed, not left as the caller's 0xcc */
    assert_int_equal(c.LastExceptionFromRip, 0);
    *rsp_out = c.Rsp;

    /* Every thread has registers. */
    uint32_t n = 0, ids[16];
    assert_hr(S_OK, ds_get_number_threads(t, &n), t);
    assert_true(n >= 2 && n <= 16);
    assert_hr(S_OK, ds_get_thread_ids(t, 0, n, ids), t);
    for (uint32_t i = 0; i < n; i++) {
        assert_hr(S_OK, ds_get_thread_context(t, ids[i], &c, sizeof c), t);
        assert_true(c.Rip != 0 && c.Rsp != 0);
    }

    /* A thread the target does not have; a buffer one byte short. */
    assert_hr(E_INVALIDARG, ds_get_thread_context(t, 0x7ffffff0u, &c, sizeof c), t);
    assert_non_null(strstr(ds_error_text(t), "no thread"));
    assert_hr(E_INVALIDARG, ds_get_thread_context(t, tid, &c, sizeof c - 1), t);
    assert_non_null(strstr(ds_error_text(t), "too small"));
    assert_hr(E_INVALIDARG, ds_get_thread_context(t, tid, NULL, sizeof c), t);
}

static void test_live_registers(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "regs_target", NULL);
    ds_target *t;
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    uint64_t rsp;
    check_known_registers(t, &h, &rsp);
    ds_close(t);

    /* Running threads have no registers to read. */
    assert_hr(S_OK, ds_attach(h.pid, DS_ATTACH_NONINVASIVE_NO_SUSPEND, &t), NULL);
    DS_AMD64_CONTEXT c;
    uint32_t tid = (uint32_t)helper_value(&h, "regs_tid");
    assert_hr(E_UNEXPECTED, ds_get_thread_context(t, tid, &c, sizeof c), t);
    assert_non_null(strstr(ds_error_text(t), "running"));
    ds_close(t);
    helper_stop(&h);
}

/* gdb's value of $rsp in each thread of the core, as "p/x $rsp" prints it. */
static size_t gdb_rsps(const char *core, uint64_t *out, size_t cap)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "gdb -nx -batch -ex 'core-file %s' -ex 'thread apply all p/x $rsp' "
             "2>/dev/null", core);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[512];
    size_t n = 0;
    while (fgets(line, sizeof line, p)) {
        const char *eq = strstr(line, "= 0x");
        if (eq && n < cap && line[0] == '$')
            out[n++] = strtoull(eq + 2, NULL, 16);
    }
    pclose(p);
    return n;
}

static void test_gcore_registers(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "regs_target", NULL);
    char dir[] = "/tmp/ds_ctx_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cmd[512], core[300];
    snprintf(cmd, sizeof cmd, "gcore -o %s/core %d >%s/gcore.log 2>&1", dir, (int)h.pid, dir);
    int rc = system(cmd);
    snprintf(core, sizeof core, "%s/core.%d", dir, (int)h.pid);
    if (rc != 0 || access(core, R_OK) != 0) {
        helper_stop(&h);
        fail_msg("gcore could not dump the helper (status %d, see %s/gcore.log)", rc, dir);
    }
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(core, 0, &t), NULL);
    uint64_t rsp;
    check_known_registers(t, &h, &rsp);

    /* gdb reads the same stack pointers out of the same notes. */
    uint64_t theirs[16];
    size_t n = gdb_rsps(core, theirs, 16);
    uint32_t count = 0, ids[16];
    assert_hr(S_OK, ds_get_number_threads(t, &count), t);
    assert_int_equal(n, count);
    assert_hr(S_OK, ds_get_thread_ids(t, 0, count, ids), t);
    for (uint32_t i = 0; i < count; i++) {
        DS_AMD64_CONTEXT c;
        assert_hr(S_OK, ds_get_thread_context(t, ids[i], &c, sizeof c), t);
        bool found = false;
        for (size_t k = 0; k < n; k++)
            found |= theirs[k] == c.Rsp;
        if (!found)
            fail_msg("thread %u: our rsp 0x%llx is not among gdb's", ids[i],
                     (unsigned long long)c.Rsp);
    }
    ds_close(t);
    helper_stop(&h);
    remove_tree(dir);
}

/* A minidump of one thread with pc and sp, of the given architecture. */
static ds_target *one_thread_dump(struct mdb *m, uint16_t arch, uint64_t pc, uint64_t sp)
{
    mdb_init(m, arch, 2 /* VER_PLATFORM_WIN32_NT */);
    mdb_memory_pattern(m, sp & ~0xfffull, 0x1000, 7, MDB_IN_LIST32);
    struct mdb_thread *th = mdb_thread(m, 0x1234, sp & ~0xfffull, 0x1000);
    th->pc = pc;
    th->sp = sp;
    return mdb_open(m, 0);
}

static void test_minidump_contexts(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = one_thread_dump(&m, MDB_ARCH_AMD64, 0x7ff612345678ull, 0x7ffd0000ff00ull);
    DS_AMD64_CONTEXT a;
    assert_hr(S_OK, ds_get_thread_context(t, 0x1234, &a, sizeof a), t);
    assert_int_equal(a.ContextFlags, 0x10003f);
    assert_int_equal(a.Rip, 0x7ff612345678ull);
    assert_int_equal(a.Rsp, 0x7ffd0000ff00ull);
    assert_hr(E_INVALIDARG, ds_get_thread_context(t, 0x1235, &a, sizeof a), t);
    assert_hr(E_INVALIDARG, ds_get_thread_context(t, 0x1234, &a, DS_CONTEXT_X86_SIZE), t);
    ds_close(t);
    mdb_free(&m);

    t = one_thread_dump(&m, MDB_ARCH_X86, 0x401000, 0x12ff00);
    DS_X86_CONTEXT x;
    assert_int_equal(ds_thread_context_size(t), DS_CONTEXT_X86_SIZE);
    assert_hr(S_OK, ds_get_thread_context(t, 0x1234, &x, sizeof x), t);
    assert_int_equal(x.ContextFlags, 0x1003f);
    assert_int_equal(x.Eip, 0x401000);
    assert_int_equal(x.Esp, 0x12ff00);
    ds_close(t);
    mdb_free(&m);

    t = one_thread_dump(&m, MDB_ARCH_ARM64, 0x7ff700001000ull, 0x7ff8000fff0ull);
    DS_ARM64_CONTEXT r;
    assert_int_equal(ds_thread_context_size(t), DS_CONTEXT_ARM64_SIZE);
    assert_hr(S_OK, ds_get_thread_context(t, 0x1234, &r, sizeof r), t);
    assert_int_equal(r.ContextFlags, 0x400007);
    assert_int_equal(r.Pc, 0x7ff700001000ull);
    assert_int_equal(r.Sp, 0x7ff8000fff0ull);
    ds_close(t);
    mdb_free(&m);

    /* 32-bit ARM: no CONTEXT layout here, said so. */
    t = one_thread_dump(&m, MDB_ARCH_ARM, 0x1000, 0x2ff0);
    uint8_t buf[2048];
    assert_int_equal(ds_thread_context_size(t), 0);
    assert_hr(E_NOTIMPL, ds_get_thread_context(t, 0x1234, buf, sizeof buf), t);
    assert_non_null(strstr(ds_error_text(t), "CONTEXT layout"));
    ds_close(t);
    mdb_free(&m);
}

/* A 32-bit process (tiny_m32): the x86 CONTEXT from the compat register
   sets, with the FPU's power-on state (FNINIT's control word 0x37f,
   MXCSR 0x1f80) in both FloatSave and the FXSAVE image; then the process
   written as a 32-bit ELF core by ds_write_dump, which gdb reads and whose
   registers read back the same. */
static void test_live_x86_registers(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "tiny_m32", NULL);
    ds_target *t;
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    assert_int_equal(ds_machine(t), IMAGE_FILE_MACHINE_I386);
    assert_int_equal(ds_thread_context_size(t), DS_CONTEXT_X86_SIZE);
    uint32_t tid = (uint32_t)h.pid;
    uint64_t hello_at = helper_value(&h, "hello");
    DS_X86_CONTEXT c, back;
    assert_hr(S_OK, ds_get_thread_context(t, tid, &c, sizeof c), t);
    uint32_t want = DS_CONTEXT_X86_FULL | DS_CONTEXT_X86_SEGMENTS |
                    DS_CONTEXT_X86_FLOATING_POINT | DS_CONTEXT_X86_EXTENDED_REGISTERS;
    assert_int_equal(c.ContextFlags & want, want);
    assert_int_equal(c.SegCs, 0x23);  /* the kernel's 32-bit user code selector */
    assert_int_equal(c.SegSs, 0x2b);
    assert_true(c.Eip != 0 && c.Esp != 0);
    assert_int_equal(c.FloatSave.ControlWord & 0xffff, 0x37f);
    assert_int_equal(c.ExtendedRegisters[0] | c.ExtendedRegisters[1] << 8, 0x37f);
    uint32_t mxcsr;
    memcpy(&mxcsr, c.ExtendedRegisters + 24, 4);
    assert_int_equal(mxcsr & 0xffc0, 0x1f80);
    assert_hr(E_INVALIDARG, ds_get_thread_context(t, tid, &c, DS_CONTEXT_X86_SIZE - 1), t);

    char dir[] = "/tmp/ds_ctx32_XXXXXX", core[64], cmd[256];
    assert_non_null(mkdtemp(dir));
    snprintf(core, sizeof core, "%s/m32.core", dir);
    assert_hr(S_OK, ds_write_dump(t, core, DS_DUMP_ELF_CORE, 0, NULL), t);
    ds_close(t);
    helper_stop(&h);

    ds_target *d;
    assert_hr(S_OK, ds_open_dump(core, 0, &d), NULL);
    assert_int_equal(ds_pointer_size(d), 4);
    assert_hr(S_OK, ds_get_thread_context(d, tid, &back, sizeof back), d);
    assert_int_equal(back.Eip, c.Eip);
    assert_int_equal(back.Esp, c.Esp);
    assert_int_equal(back.Ebp, c.Ebp);
    assert_int_equal(back.Eax, c.Eax);
    assert_int_equal(back.SegCs, c.SegCs);
    assert_memory_equal(&back.FloatSave, &c.FloatSave, 108);
    assert_memory_equal(back.ExtendedRegisters, c.ExtendedRegisters, 512);
    char hello[18];
    uint32_t got;
    assert_hr(S_OK, ds_read_virtual(d, hello_at, hello, sizeof hello, &got), d);
    assert_string_equal(hello, "hello, dataspaces");
    ds_close(d);

    /* gdb finds the string and the stack pointer in the core. */
    snprintf(cmd, sizeof cmd, "gdb -nx -batch -ex 'core-file %s' -ex 'x/s 0x%llx' "
             "-ex 'p/x $esp' 2>&1", core, (unsigned long long)hello_at);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[512];
    bool saw_hello = false, saw_esp = false;
    char esp[32];
    snprintf(esp, sizeof esp, "= 0x%x", c.Esp);
    while (fgets(line, sizeof line, p)) {
        saw_hello |= strstr(line, "\"hello, dataspaces\"") != NULL;
        saw_esp |= strstr(line, esp) != NULL;
    }
    pclose(p);
    assert_true(saw_hello);
    assert_true(saw_esp);
    remove_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_live_registers),
        cmocka_unit_test(test_gcore_registers),
        cmocka_unit_test(test_minidump_contexts),
        cmocka_unit_test(test_live_x86_registers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
