/*
 * test_serve_arm64 — AArch64 registers through the stub: target.xml names
 * gdb's aarch64 features, and g / p carry the registers the test planted
 * at gdb's numbers (x0-x30 0-30, sp 31, pc 32, cpsr 33, v0-v31 34-65, fpsr
 * 66, fpcr 67), from
 *   - a Windows ARM64 minidump (machine 12, CONTEXT as context.h lays it),
 *   - Breakpad's old ARM64 minidump (0x8003, MDRawContextARM64_Old, which
 *     md_thread_context converts; also checked through
 *     ds_get_thread_context, and cut short, and its newer Windows-layout
 *     record under the same architecture id),
 *   - an aarch64 ELF core (NT_PRSTATUS + NT_FPREGSET);
 * the old-record converter alone on records of every length (ASan: no
 * read past one), and dumps written from an old-record target reading
 * back as planted; then lldb (`register read`) and gdb-multiarch (`info
 * registers`) as clients of the served minidumps and core.
 */
#include "testlib.h"
#include "elfcore_builder.h"
#include "minidump_builder.h"
#include "serve_client.h"

#include <dataspaces/serve.h>

#include "rsp/rsp.h"
#include "serve/serve.h"
#include "backend/minidump_internal.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TID 0x1000u
#define STACK 0x5ffe000ull

/* Every register its own value, so a register read at a wrong place shows. */
static void plant(DS_ARM64_CONTEXT *c)
{
    memset(c, 0, sizeof *c);
    c->ContextFlags = DS_CONTEXT_ARM64_FULL;
    for (unsigned i = 0; i < 31; i++)
        c->X[i] = 0xa0a0000000000000ull | (uint64_t)i << 32 | (0x1100u + i);
    c->Sp = STACK + 0x1f00;
    c->Pc = 0x7ff700001234ull;
    c->Cpsr = 0x60000000u;  /* Z and C */
    for (unsigned i = 0; i < 32; i++) {
        c->V[i].Low = 0x0102030405060708ull + i;
        c->V[i].High = (int64_t)(0x1112131415161718ull + ((uint64_t)i << 56));
    }
    c->Fpsr = 0x08000010u;  /* QC, IXC */
    c->Fpcr = 0x03c00000u;  /* DN, FZ, RMode */
}

/* Little-endian hex of n bytes of v (our own encoder, not the stub's). */
static void hex_le(char *out, const void *v, size_t n)
{
    const uint8_t *p = v;
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", p[i]);
}

/* The g image gdb expects of c: x0..x30, sp, pc (8 bytes), cpsr (4),
   v0..v31 (16), fpsr, fpcr (4). */
static void expected_g(const DS_ARM64_CONTEXT *c, char *out)
{
    size_t n = 0;
    for (unsigned i = 0; i < 31; i++, n += 16)
        hex_le(out + n, &c->X[i], 8);
    hex_le(out + n, &c->Sp, 8), n += 16;
    hex_le(out + n, &c->Pc, 8), n += 16;
    hex_le(out + n, &c->Cpsr, 4), n += 8;
    for (unsigned i = 0; i < 32; i++, n += 32)
        hex_le(out + n, &c->V[i], 16);
    hex_le(out + n, &c->Fpsr, 4), n += 8;
    hex_le(out + n, &c->Fpcr, 4), n += 8;
    out[n] = '\0';
}

static size_t ask(struct serve_session *s, const char *pkt, char *reply)
{
    size_t n = serve_handle_packet(s, pkt, strlen(pkt), reply);
    reply[n] = '\0';
    return n;
}

/* g and p of thread tid of t must be c's registers at gdb's numbers. */
static void expect_registers(ds_target *t, uint32_t tid, const DS_ARM64_CONTEXT *c)
{
    struct serve_session s;
    serve_session_init(&s, t);
    static char reply[SERVE_REPLY_CAP + 1];
    char want[4096], req[32], one[40];
    snprintf(req, sizeof req, "Hg%x", tid);
    assert_string_equal((ask(&s, req, reply), reply), "OK");
    expected_g(c, want);
    assert_int_equal(strlen(want), 2 * (33 * 8 + 4 + 32 * 16 + 4 + 4));
    ask(&s, "g", reply);
    assert_string_equal(reply, want);
    struct {
        unsigned n;
        const void *v;
        size_t size;
    } regs[] = {
        {0, &c->X[0], 8}, {29, &c->X[29], 8}, {30, &c->X[30], 8}, {31, &c->Sp, 8},
        {32, &c->Pc, 8}, {33, &c->Cpsr, 4}, {34, &c->V[0], 16}, {65, &c->V[31], 16},
        {66, &c->Fpsr, 4}, {67, &c->Fpcr, 4},
    };
    for (size_t i = 0; i < sizeof regs / sizeof regs[0]; i++) {
        snprintf(req, sizeof req, "p%x", regs[i].n);
        hex_le(one, regs[i].v, regs[i].size);
        ask(&s, req, reply);
        if (strcmp(reply, one) != 0)
            fail_msg("register %u: %s, planted %s", regs[i].n, reply, one);
    }
    assert_string_equal((ask(&s, "p44", reply), reply), "E16"); /* 68: none */
    serve_session_release(&s);
}

/* ---- minidumps ------------------------------------------------------------ */

/* Breakpad's MDRawContextARM64_Old (pack 4): u64 flags, iregs[33] (x0..x28,
   fp, lr, sp, pc), u32 cpsr, u32 fpsr, u32 fpcr, 32 x 16-byte V. */
#define OLD_SIZE 796u
static void old_record(const DS_ARM64_CONTEXT *c, uint64_t flags, uint8_t *out)
{
    memset(out, 0, OLD_SIZE);
    memcpy(out, &flags, 8);
    memcpy(out + 8, c->X, 31 * 8);
    memcpy(out + 8 + 31 * 8, &c->Sp, 8);
    memcpy(out + 8 + 32 * 8, &c->Pc, 8);
    memcpy(out + 272, &c->Cpsr, 4);
    memcpy(out + 276, &c->Fpsr, 4);
    memcpy(out + 280, &c->Fpcr, 4);
    memcpy(out + 284, c->V, 32 * 16);
}

/* A one-thread ARM64 minidump of architecture arch whose thread's context
   record is rec (size bytes), its stack pattern bytes (seed 61). */
static ds_target *arm64_dump(struct mdb *m, uint16_t arch, const void *rec, uint32_t size)
{
    mdb_init(m, arch, arch == MDB_ARCH_ARM64 ? MDB_OS_WINDOWS : MDB_OS_MACOS);
    mdb_memory_pattern(m, STACK, 0x2000, 61, MDB_IN_LIST64);
    struct mdb_thread *th = mdb_thread(m, TID, STACK, 0x2000);
    th->context = rec;
    th->context_size = size;
    ds_target *t = mdb_open(m, 0);
    assert_non_null(t);
    assert_int_equal(ds_machine(t), IMAGE_FILE_MACHINE_ARM64);
    return t;
}

static void test_target_xml(void **state)
{
    (void)state;
    DS_ARM64_CONTEXT c;
    plant(&c);
    struct mdb m;
    ds_target *t = arm64_dump(&m, MDB_ARCH_ARM64, &c, sizeof c);
    const char *xml = serve_target_xml(t);
    assert_non_null(xml);
    const char *must[] = {
        "<architecture>aarch64</architecture>", "<feature name=\"org.gnu.gdb.aarch64.core\">",
        "<feature name=\"org.gnu.gdb.aarch64.fpu\">", "<union id=\"aarch64v\">",
        "<flags id=\"cpsr_flags\" size=\"4\">",
        "<reg name=\"x0\" bitsize=\"64\" type=\"int\" regnum=\"0\"/>",
        "<reg name=\"x30\" bitsize=\"64\" type=\"int\" regnum=\"30\"/>",
        "<reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\" regnum=\"31\"/>",
        "<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\" regnum=\"32\"/>",
        "<reg name=\"cpsr\" bitsize=\"32\" type=\"cpsr_flags\" regnum=\"33\"/>",
        "<reg name=\"v0\" bitsize=\"128\" type=\"aarch64v\" regnum=\"34\"/>",
        "<reg name=\"v31\" bitsize=\"128\" type=\"aarch64v\" regnum=\"65\"/>",
        "<reg name=\"fpsr\" bitsize=\"32\" type=\"fpsr_flags\" regnum=\"66\"/>",
        "<reg name=\"fpcr\" bitsize=\"32\" type=\"fpcr_flags\" regnum=\"67\"/>",
    };
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
        if (!strstr(xml, must[i]))
            fail_msg("target.xml lacks %s:\n%s", must[i], xml);
    ds_close(t);
    mdb_free(&m);

    /* Every machine's document whole (serve_regs.c cuts one that would not
       fit its buffer): it ends with </target>. */
    const uint16_t arches[] = {MDB_ARCH_ARM64, MDB_ARCH_AMD64, MDB_ARCH_X86};
    for (size_t i = 0; i < sizeof arches / sizeof arches[0]; i++) {
        mdb_init(&m, arches[i], MDB_OS_WINDOWS);
        mdb_memory_pattern(&m, STACK, 0x2000, 61, MDB_IN_LIST32);
        mdb_thread(&m, TID, STACK, 0x2000);
        t = mdb_open(&m, 0);
        xml = serve_target_xml(t);
        assert_non_null(xml);
        size_t len = strlen(xml);
        assert_true(len > 10);
        if (strcmp(xml + len - 10, "</target>\n") != 0)
            fail_msg("target.xml of architecture %u is cut at %zu bytes", arches[i], len);
        ds_close(t);
        mdb_free(&m);
    }
}

static void test_windows_arm64_registers(void **state)
{
    (void)state;
    DS_ARM64_CONTEXT c;
    plant(&c);
    struct mdb m;
    ds_target *t = arm64_dump(&m, MDB_ARCH_ARM64, &c, sizeof c);
    expect_registers(t, TID, &c);
    ds_close(t);
    mdb_free(&m);

    /* CONTEXT_EXCEPTION_REPORTING (0x80000000) beside the ARM64 bit: still
       Windows' layout, copied as is, not taken for Breakpad's old one. */
    c.ContextFlags |= 0x80000000u;
    t = arm64_dump(&m, MDB_ARCH_ARM64, &c, sizeof c);
    DS_ARM64_CONTEXT got;
    assert_hr(S_OK, ds_get_thread_context(t, TID, &got, sizeof got), t);
    assert_memory_equal(&got, &c, sizeof c);
    ds_close(t);
    mdb_free(&m);
}

static void test_breakpad_old_arm64_registers(void **state)
{
    (void)state;
    DS_ARM64_CONTEXT c;
    plant(&c);
    static uint8_t rec[OLD_SIZE];
    old_record(&c, 0x80000006ull /* MD_CONTEXT_ARM64_FULL_OLD */, rec);
    struct mdb m;
    ds_target *t = arm64_dump(&m, MDB_ARCH_ARM64_OLD, rec, sizeof rec);

    /* Through the library: converted to Windows' CONTEXT, flags mapped. */
    assert_int_equal(ds_thread_context_size(t), DS_CONTEXT_ARM64_SIZE);
    DS_ARM64_CONTEXT got;
    memset(&got, 0xee, sizeof got);
    assert_hr(S_OK, ds_get_thread_context(t, TID, &got, sizeof got), t);
    assert_int_equal(got.ContextFlags, DS_CONTEXT_ARM64_FULL);
    assert_int_equal(got.Cpsr, c.Cpsr);
    for (unsigned i = 0; i < 31; i++)
        assert_int_equal(got.X[i], c.X[i]);
    assert_int_equal(got.Sp, c.Sp);
    assert_int_equal(got.Pc, c.Pc);
    assert_memory_equal(got.V, c.V, sizeof c.V);
    assert_int_equal(got.Fpsr, c.Fpsr);
    assert_int_equal(got.Fpcr, c.Fpcr);
    assert_memory_equal(&got, &c, sizeof c); /* debug registers zero, as planted */
    /* Through the stub. */
    expect_registers(t, TID, &c);
    ds_close(t);
    mdb_free(&m);

    /* Integer part only (no FP flag): the V registers are not claimed. */
    old_record(&c, 0x80000002ull, rec);
    t = arm64_dump(&m, MDB_ARCH_ARM64_OLD, rec, sizeof rec);
    assert_hr(S_OK, ds_get_thread_context(t, TID, &got, sizeof got), t);
    assert_int_equal(got.ContextFlags, DS_CONTEXT_ARM64_CONTROL | DS_CONTEXT_ARM64_INTEGER);
    assert_int_equal(got.Pc, c.Pc);
    ds_close(t);
    mdb_free(&m);

    /* A record cut after cpsr (276 of 796 bytes): the integer registers,
       the rest zero, no floating point claimed; never a read past it. */
    old_record(&c, 0x80000006ull, rec);
    uint8_t *cut = malloc(276);
    assert_non_null(cut);
    memcpy(cut, rec, 276);
    t = arm64_dump(&m, MDB_ARCH_ARM64_OLD, cut, 276);
    assert_hr(S_OK, ds_get_thread_context(t, TID, &got, sizeof got), t);
    assert_int_equal(got.ContextFlags, DS_CONTEXT_ARM64_CONTROL | DS_CONTEXT_ARM64_INTEGER);
    assert_int_equal(got.X[30], c.X[30]);
    assert_int_equal(got.Cpsr, c.Cpsr);
    assert_int_equal(got.Fpsr, 0);
    assert_int_equal(got.V[31].Low, 0);
    ds_close(t);
    mdb_free(&m);
    free(cut);

    /* Breakpad's old layout with no CPU bits (its writers may leave them to
       the system info): told by its size. */
    old_record(&c, 0x6, rec);
    t = arm64_dump(&m, MDB_ARCH_ARM64_OLD, rec, sizeof rec);
    assert_hr(S_OK, ds_get_thread_context(t, TID, &got, sizeof got), t);
    assert_int_equal(got.ContextFlags, DS_CONTEXT_ARM64_FULL);
    assert_int_equal(got.Sp, c.Sp);
    ds_close(t);
    mdb_free(&m);

    /* Breakpad's current MDRawContextARM64 (Windows' layout) under the old
       architecture id: copied as is. */
    plant(&c);
    t = arm64_dump(&m, MDB_ARCH_ARM64_OLD, &c, sizeof c);
    expect_registers(t, TID, &c);
    ds_close(t);
    mdb_free(&m);
}

/* The converter alone, on a record of each length from 0 to past the old
   size, each in a buffer of exactly that length (ASan catches a read past
   it): what it fills is what the record reaches, the rest stays zero. */
static void test_old_arm64_converter_bounds(void **state)
{
    (void)state;
    DS_ARM64_CONTEXT c;
    plant(&c);
    static uint8_t full[OLD_SIZE + 16];
    old_record(&c, 0x80000006ull, full);
    for (uint32_t size = 0; size <= OLD_SIZE + 16; size++) {
        uint8_t *rec = malloc(size ? size : 1);
        assert_non_null(rec);
        memcpy(rec, full, size);
        /* The old flag says old at any length of 4 bytes or more. */
        assert_int_equal(md_arm64_context_is_old(rec, size), size >= 4);
        DS_ARM64_CONTEXT got;
        memset(&got, 0xee, sizeof got);
        md_arm64_context_from_old(rec, size, &got);
        uint32_t flags = DS_CONTEXT_ARM64;
        if (size >= 276)
            flags |= DS_CONTEXT_ARM64_CONTROL | DS_CONTEXT_ARM64_INTEGER;
        if (size >= OLD_SIZE)
            flags |= DS_CONTEXT_ARM64_FLOATING_POINT;
        assert_int_equal(got.ContextFlags, flags);
        assert_int_equal(got.Pc, size >= 276 ? c.Pc : 0);
        assert_int_equal(got.Cpsr, size >= 276 ? c.Cpsr : 0);
        assert_int_equal(got.V[31].High, size >= OLD_SIZE ? c.V[31].High : 0);
        assert_int_equal(got.Fpcr, size >= OLD_SIZE ? c.Fpcr : 0);
        assert_int_equal(got.Bvr[7], 0);
        free(rec);
    }
    /* Windows' layout is never taken for the old one: the ARM64 bit decides,
       whatever else the flags carry and whatever the length. */
    uint8_t win[DS_CONTEXT_ARM64_SIZE] = {0};
    uint32_t f = DS_CONTEXT_ARM64_FULL | 0x80000000u;
    memcpy(win, &f, 4);
    assert_false(md_arm64_context_is_old(win, sizeof win));
    assert_false(md_arm64_context_is_old(win, OLD_SIZE));
    /* No CPU bits: old only at the old size. */
    f = 0x7;
    memcpy(win, &f, 4);
    assert_true(md_arm64_context_is_old(win, OLD_SIZE));
    assert_false(md_arm64_context_is_old(win, sizeof win));
}

/* Breakpad's old record, converted once, is what a dump written from the
   target holds: a minidump (Windows' layout, architecture 12) and an ELF
   core (NT_PRSTATUS + NT_FPREGSET) read back to the planted registers. */
static void test_old_arm64_written_out(void **state)
{
    (void)state;
    DS_ARM64_CONTEXT c;
    plant(&c);
    static uint8_t rec[OLD_SIZE];
    old_record(&c, 0x80000006ull, rec);
    struct mdb m;
    ds_target *t = arm64_dump(&m, MDB_ARCH_ARM64_OLD, rec, sizeof rec);
    const uint32_t formats[] = {DS_DUMP_MINIDUMP, DS_DUMP_ELF_CORE};
    for (size_t i = 0; i < 2; i++) {
        char path[] = "/tmp/ds_arm64_out_XXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        close(fd);
        assert_hr(S_OK, ds_write_dump(t, path, formats[i], 0, NULL), t);
        ds_target *back;
        assert_hr(S_OK, ds_open_dump(path, 0, &back), NULL);
        assert_int_equal(ds_machine(back), IMAGE_FILE_MACHINE_ARM64);
        uint32_t tid = formats[i] == DS_DUMP_MINIDUMP ? TID : 0;
        if (!tid) { /* the core names its threads by the ids the target had */
            uint32_t n = 0;
            assert_hr(S_OK, ds_get_number_threads(back, &n), back);
            assert_int_equal(n, 1);
            assert_hr(S_OK, ds_get_thread_ids(back, 0, 1, &tid), back);
        }
        DS_ARM64_CONTEXT got;
        assert_hr(S_OK, ds_get_thread_context(back, tid, &got, sizeof got), back);
        assert_int_equal(got.ContextFlags, DS_CONTEXT_ARM64_FULL);
        assert_memory_equal(&got, &c, sizeof c);
        expect_registers(back, tid, &c);
        ds_close(back);
        unlink(path);
    }
    ds_close(t);
    mdb_free(&m);
}

/* ---- an aarch64 ELF core ---------------------------------------------------- */

/* user_pt_regs (x0..x30, sp, pc, pstate) and user_fpsimd_state (v0..v31,
   fpsr, fpcr, 8 bytes of padding) of c. */
static void linux_sets(const DS_ARM64_CONTEXT *c, uint8_t gregs[34 * 8], uint8_t fp[528])
{
    memcpy(gregs, c->X, 31 * 8);
    memcpy(gregs + 31 * 8, &c->Sp, 8);
    memcpy(gregs + 32 * 8, &c->Pc, 8);
    uint64_t pstate = c->Cpsr;
    memcpy(gregs + 33 * 8, &pstate, 8);
    memset(fp, 0, 528);
    memcpy(fp, c->V, 512);
    memcpy(fp + 512, &c->Fpsr, 4);
    memcpy(fp + 516, &c->Fpcr, 4);
}

static uint8_t core_gregs[34 * 8], core_fp[528];

static ds_target *arm64_core(struct ecb *b, struct ecb_layout *L, const DS_ARM64_CONTEXT *c,
                             char *path)
{
    const struct ecb_arch *arch = ecb_arch("aarch64");
    assert_non_null(arch);
    ecb_init(b, arch, 4321);
    ecb_standard_process(b, L);
    linux_sets(c, core_gregs, core_fp);
    b->gregs[0] = core_gregs, b->gregs_size[0] = sizeof core_gregs;
    b->fpregs[0] = core_fp, b->fpregs_size[0] = sizeof core_fp;
    ecb_write_temp(b, path);
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    assert_int_equal(ds_machine(t), IMAGE_FILE_MACHINE_ARM64);
    return t;
}

static void test_elf_core_registers(void **state)
{
    (void)state;
    DS_ARM64_CONTEXT c;
    plant(&c); /* no debug registers: a core has none to give */
    struct ecb b;
    struct ecb_layout L;
    char path[] = "/tmp/ds_arm64_core_XXXXXX";
    ds_target *t = arm64_core(&b, &L, &c, path);
    DS_ARM64_CONTEXT got;
    assert_hr(S_OK, ds_get_thread_context(t, 4321, &got, sizeof got), t);
    assert_int_equal(got.ContextFlags, DS_CONTEXT_ARM64_FULL);
    assert_memory_equal(&got, &c, sizeof c);
    expect_registers(t, 4321, &c);
    ds_close(t);
    ecb_free(&b);
    unlink(path);
}

/* ---- real clients ------------------------------------------------------------- */

/* out shows `name` = value, as lldb's `register read` prints it. */
static void expect_lldb_reg(const char *out, const char *name, uint64_t value)
{
    char want[96];
    snprintf(want, sizeof want, "%s = 0x%016llx", name, (unsigned long long)value);
    if (!strstr(out, want))
        fail_msg("lldb does not show \"%s\":\n%s", want, out);
}

/* out shows name then value, as gdb's `info registers` prints it: the name
   at a line's start, spaces, the hex value, then a space. */
static void expect_gdb_reg(const char *out, const char *name, uint64_t value)
{
    char hex[32];
    snprintf(hex, sizeof hex, "0x%llx", (unsigned long long)value);
    size_t k = strlen(name);
    for (const char *p = out; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        if (strncmp(p, name, k) != 0 || p[k] != ' ')
            continue;
        const char *q = p + k;
        while (*q == ' ')
            q++;
        if (strncmp(q, hex, strlen(hex)) == 0 && (q[strlen(hex)] == ' ' || q[strlen(hex)] == '\n'))
            return;
    }
    fail_msg("gdb does not show %s = %s:\n%s", name, hex, out);
}

static void lldb_reads(ds_target *t, const DS_ARM64_CONTEXT *c)
{
    struct served v;
    serve_start(&v, t);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "lldb -b -o 'gdb-remote %s' -o 'register read pc sp x0 x29 cpsr'",
             v.addr);
    char *out = run_debugger(cmd);
    expect_lldb_reg(out, "pc", c->Pc);
    expect_lldb_reg(out, "sp", c->Sp);
    expect_lldb_reg(out, "x0", c->X[0]);
    /* lldb names x29 "fp" */
    if (!strstr(out, "fp = ") && !strstr(out, "x29 = "))
        fail_msg("lldb shows no x29:\n%s", out);
    char want[64];
    snprintf(want, sizeof want, "cpsr = 0x%08x", c->Cpsr);
    if (!strstr(out, want))
        fail_msg("lldb does not show \"%s\":\n%s", want, out);
    free(out);
    serve_stop(&v);
}

static void gdb_multiarch_reads(ds_target *t, const DS_ARM64_CONTEXT *c)
{
    struct served v;
    serve_start(&v, t);
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "gdb-multiarch -batch -nx -ex 'set architecture aarch64' -ex 'target remote %s' "
             "-ex 'info registers pc sp x0 x30 fpsr' -ex 'p/x $v0.q.u[0]'",
             v.addr);
    char *out = run_debugger(cmd);
    expect_gdb_reg(out, "pc", c->Pc);
    expect_gdb_reg(out, "sp", c->Sp);
    expect_gdb_reg(out, "x0", c->X[0]);
    expect_gdb_reg(out, "x30", c->X[30]);
    expect_gdb_reg(out, "fpsr", c->Fpsr);
    char want[80];
    snprintf(want, sizeof want, "= 0x%llx%016llx", (unsigned long long)c->V[0].High,
             (unsigned long long)c->V[0].Low);
    if (!strstr(out, want))
        fail_msg("gdb's v0 is not %s:\n%s", want + 2, out);
    free(out);
    serve_stop(&v);
}

static void test_lldb_and_gdb_read_a_minidump(void **state)
{
    (void)state;
    DS_ARM64_CONTEXT c;
    plant(&c);
    struct mdb m;
    ds_target *t = arm64_dump(&m, MDB_ARCH_ARM64, &c, sizeof c);
    lldb_reads(t, &c);
    gdb_multiarch_reads(t, &c);
    ds_close(t);
    mdb_free(&m);

    static uint8_t rec[OLD_SIZE];
    old_record(&c, 0x80000006ull, rec);
    t = arm64_dump(&m, MDB_ARCH_ARM64_OLD, rec, sizeof rec);
    lldb_reads(t, &c);
    gdb_multiarch_reads(t, &c);
    ds_close(t);
    mdb_free(&m);
}

static void test_lldb_and_gdb_read_an_elf_core(void **state)
{
    (void)state;
    DS_ARM64_CONTEXT c;
    plant(&c); /* no debug registers: a core has none to give */
    struct ecb b;
    struct ecb_layout L;
    char path[] = "/tmp/ds_arm64_core_XXXXXX";
    ds_target *t = arm64_core(&b, &L, &c, path);
    lldb_reads(t, &c);
    gdb_multiarch_reads(t, &c);
    ds_close(t);
    ecb_free(&b);
    unlink(path);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_target_xml),
        cmocka_unit_test(test_windows_arm64_registers),
        cmocka_unit_test(test_breakpad_old_arm64_registers),
        cmocka_unit_test(test_old_arm64_converter_bounds),
        cmocka_unit_test(test_old_arm64_written_out),
        cmocka_unit_test(test_elf_core_registers),
        cmocka_unit_test(test_lldb_and_gdb_read_a_minidump),
        cmocka_unit_test(test_lldb_and_gdb_read_an_elf_core),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
