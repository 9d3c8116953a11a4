/*
 * test_elfnotes.c — thread ids and process ids from the notes of cores
 * nobody here can make: m68k Linux (2-byte aligned NT_PRSTATUS), NetBSD
 * ("NetBSD-CORE", "NetBSD-CORE@LWPID") and OpenBSD ("OpenBSD",
 * "OpenBSD@TID"), and damaged variants of them. Each core is built here
 * byte by byte: an ELF header, a PT_NOTE and a PT_LOAD of one page.
 */
#include "testlib.h"

#include <elf.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "target.h" /* ds_elfcore_open, DS_OPEN_BORROWED_MAP */

#define LOAD_VADDR 0x10000u
#define LOAD_BYTES 64u

struct note {
    const char *name;   /* written with its NUL */
    uint32_t type;
    const uint8_t *desc;
    uint32_t descsz;
};

struct core {
    uint8_t bytes[8192];
    size_t size;
    bool is64, big;
};

static void put(uint8_t *p, uint64_t v, unsigned size, bool big)
{
    for (unsigned i = 0; i < size; i++)
        p[big ? size - 1 - i : i] = (uint8_t)(v >> (8 * i));
}

static size_t align4(size_t v)
{
    return (v + 3) & ~(size_t)3;
}

/* An ET_CORE of the given class, byte order and machine holding notes. */
static void build_core(struct core *c, bool is64, bool big, uint16_t machine,
                       const struct note *notes, size_t n)
{
    memset(c, 0, sizeof *c);
    c->is64 = is64, c->big = big;
    uint8_t *b = c->bytes;
    const size_t ehsize = is64 ? 64 : 52, phentsize = is64 ? 56 : 32;
    const size_t phoff = ehsize, notes_at = phoff + 2 * phentsize;
    size_t at = notes_at;
    for (size_t i = 0; i < n; i++) {
        size_t namesz = strlen(notes[i].name) + 1;
        assert_true(at + 12 + align4(namesz) + align4(notes[i].descsz) < sizeof c->bytes / 2);
        put(b + at, namesz, 4, big);
        put(b + at + 4, notes[i].descsz, 4, big);
        put(b + at + 8, notes[i].type, 4, big);
        memcpy(b + at + 12, notes[i].name, namesz);
        at += 12 + align4(namesz);
        if (notes[i].descsz)
            memcpy(b + at, notes[i].desc, notes[i].descsz);
        at += align4(notes[i].descsz);
    }
    size_t notes_size = at - notes_at, load_at = align4(at);
    for (size_t i = 0; i < LOAD_BYTES; i++)
        b[load_at + i] = (uint8_t)(0xA0 + i);
    c->size = load_at + LOAD_BYTES;

    memcpy(b, ELFMAG, SELFMAG);
    b[EI_CLASS] = is64 ? ELFCLASS64 : ELFCLASS32;
    b[EI_DATA] = big ? ELFDATA2MSB : ELFDATA2LSB;
    b[EI_VERSION] = EV_CURRENT;
    put(b + 16, ET_CORE, 2, big);
    put(b + 18, machine, 2, big);
    put(b + 20, EV_CURRENT, 4, big);
    if (is64) {
        put(b + 32, phoff, 8, big);
        put(b + 52, ehsize, 2, big);
        put(b + 54, phentsize, 2, big);
        put(b + 56, 2, 2, big);
    } else {
        put(b + 28, phoff, 4, big);
        put(b + 40, ehsize, 2, big);
        put(b + 42, phentsize, 2, big);
        put(b + 44, 2, 2, big);
    }
    /* {type, offset, vaddr, filesz, memsz, flags, align} for each. */
    const uint64_t ph[2][7] = {
        { PT_NOTE, notes_at, 0, notes_size, 0, PF_R, 4 },
        { PT_LOAD, load_at, LOAD_VADDR, LOAD_BYTES, LOAD_BYTES, PF_R | PF_W, 1 },
    };
    for (int i = 0; i < 2; i++) {
        uint8_t *p = b + phoff + (size_t)i * phentsize;
        put(p, ph[i][0], 4, big);
        if (is64) {
            put(p + 4, ph[i][5], 4, big);
            put(p + 8, ph[i][1], 8, big);
            put(p + 16, ph[i][2], 8, big);
            put(p + 32, ph[i][3], 8, big);
            put(p + 40, ph[i][4], 8, big);
            put(p + 48, ph[i][6], 8, big);
        } else {
            put(p + 4, ph[i][1], 4, big);
            put(p + 8, ph[i][2], 4, big);
            put(p + 16, ph[i][3], 4, big);
            put(p + 20, ph[i][4], 4, big);
            put(p + 24, ph[i][5], 4, big);
            put(p + 28, ph[i][6], 4, big);
        }
    }
}

static ds_target *open_core(const struct core *c)
{
    ds_target *t = NULL;
    assert_hr(S_OK, ds_elfcore_open("hand-made core", c->bytes, c->size, DS_OPEN_BORROWED_MAP,
                                    &t), NULL);
    /* The core itself opened whole: its one page reads back. */
    uint8_t got[LOAD_BYTES];
    uint32_t n = 0;
    assert_hr(S_OK, ds_read_virtual(t, LOAD_VADDR, got, sizeof got, &n), t);
    assert_int_equal(n, LOAD_BYTES);
    assert_int_equal(got[LOAD_BYTES - 1], 0xA0 + LOAD_BYTES - 1);
    return t;
}

static void assert_threads(ds_target *t, const uint32_t *want, uint32_t n)
{
    uint32_t count = 0, ids[16] = { 0 };
    assert_hr(S_OK, ds_get_number_threads(t, &count), t);
    if (count)
        assert_hr(S_OK, ds_get_thread_ids(t, 0, count < 16 ? count : 16, ids), t);
    for (uint32_t i = 0; i < count && i < 16; i++)
        if (i >= n || ids[i] != want[i])
            fail_msg("thread %u is %u, expected %u (of %u, expected %u)", i, ids[i],
                     i < n ? want[i] : 0, count, n);
    assert_int_equal(count, n);
}

/* ---- m68k ------------------------------------------------------------------ */

/* NT_PRSTATUS as m68k's kernel writes it (154 bytes, 2-byte alignment):
   pr_cursig at 12, pr_sigpend 14, pr_sighold 18, pr_pid 22, pr_ppid 26,
   pr_pgrp 30, pr_sid 34, timevals 38..70, pr_reg 70..150 (d1 first),
   pr_fpvalid 150. */
static void m68k_prstatus(uint8_t d[154], uint32_t tid)
{
    memset(d, 0, 154);
    put(d + 0, 11, 4, true);         /* si_signo: SIGSEGV */
    put(d + 12, 11, 2, true);        /* pr_cursig */
    put(d + 22, tid, 4, true);       /* pr_pid */
    put(d + 26, 1962, 4, true);      /* pr_ppid */
    put(d + 30, tid, 4, true);       /* pr_pgrp */
    put(d + 34, 1900, 4, true);      /* pr_sid */
    put(d + 70, 0xD1D1D1D1, 4, true);/* pr_reg[0] = d1 */
    put(d + 150, 1, 4, true);        /* pr_fpvalid */
}

static void test_m68k_thread_ids(void **state)
{
    (void)state;
    uint8_t s1[154], s2[154], ps[124] = { 0 };
    m68k_prstatus(s1, 1963);
    m68k_prstatus(s2, 1964);
    put(ps + 12, 1963, 4, true);     /* elf_prpsinfo.pr_pid */
    const struct note notes[] = {
        { "CORE", NT_PRSTATUS, s1, sizeof s1 },
        { "CORE", NT_PRPSINFO, ps, sizeof ps },
        { "CORE", NT_PRSTATUS, s2, sizeof s2 },
    };
    struct core c;
    build_core(&c, false, true, EM_68K, notes, 3);
    ds_target *t = open_core(&c);
    const uint32_t want[] = { 1963, 1964 };
    assert_threads(t, want, 2);
    assert_int_equal(ds_process_id(t), 1963);
    ds_close(t);

    /* The size alone tells the layout (a core whose e_machine was lost). */
    build_core(&c, false, true, EM_NONE, notes, 1);
    t = open_core(&c);
    assert_threads(t, want, 1);
    ds_close(t);
}

/* The 4-byte-aligned 32-bit layout is unchanged: i386's 144-byte
   NT_PRSTATUS has pr_pid at 24. */
static void test_i386_thread_ids_unchanged(void **state)
{
    (void)state;
    uint8_t s[144] = { 0 };
    put(s + 12, 6, 2, false);
    put(s + 20, 0xFFFFFFFF, 4, false); /* pr_sighold, where m68k's pr_pid would begin */
    put(s + 24, 4321, 4, false);
    put(s + 28, 4000, 4, false);
    const struct note notes[] = { { "CORE", NT_PRSTATUS, s, sizeof s } };
    struct core c;
    build_core(&c, false, false, EM_386, notes, 1);
    ds_target *t = open_core(&c);
    const uint32_t want[] = { 4321 };
    assert_threads(t, want, 1);
    assert_int_equal(ds_process_id(t), 4321);
    ds_close(t);
}

/* ---- NetBSD and OpenBSD ------------------------------------------------------ */

/* struct netbsd_elfcore_procinfo, version 2 (160 bytes): cpi_pid at 80,
   cpi_nlwps at 120, cpi_name at 124, cpi_siglwp at 156. */
static void netbsd_procinfo(uint8_t d[160], uint32_t version, uint32_t pid, bool big)
{
    memset(d, 0, 160);
    put(d, version, 4, big);
    put(d + 4, 160, 4, big);
    put(d + 8, 11, 4, big);
    put(d + 80, pid, 4, big);
    put(d + 84, 1, 4, big);
    put(d + 120, 3, 4, big);
    memcpy(d + 124, "crasher", 8);
    put(d + 156, 3, 4, big);
}

static void check_netbsd(bool is64, bool big, uint16_t machine)
{
    uint8_t pi[160], auxv[32] = { 0 }, regs[64] = { 0 }, fpregs[32] = { 0 };
    netbsd_procinfo(pi, 2, 4242, big);
    /* PT_GETREGS / PT_GETFPREGS are machine-dependent numbers (33 and 35
       on amd64); the thread id is in the name, whatever the type. */
    const struct note notes[] = {
        { "NetBSD-CORE", 1, pi, sizeof pi },
        { "NetBSD-CORE", 2, auxv, sizeof auxv },
        { "NetBSD-CORE@3", 33, regs, sizeof regs },
        { "NetBSD-CORE@3", 35, fpregs, sizeof fpregs },
        { "NetBSD-CORE@1", 33, regs, sizeof regs },
        { "NetBSD-CORE@1", 35, fpregs, sizeof fpregs },
        { "NetBSD-CORE@2", 33, regs, sizeof regs },
    };
    struct core c;
    build_core(&c, is64, big, machine, notes, sizeof notes / sizeof notes[0]);
    ds_target *t = open_core(&c);
    const uint32_t want[] = { 3, 1, 2 };
    assert_threads(t, want, 3);
    assert_int_equal(ds_process_id(t), 4242);
    assert_string_equal(ds_open_notes(t), "");
    ds_close(t);
}

static void test_netbsd_threads_and_pid(void **state)
{
    (void)state;
    check_netbsd(true, false, EM_X86_64);
    check_netbsd(false, true, EM_PPC);
}

/* struct elfcore_procinfo (OpenBSD, version 1, 104 bytes): cpi_pid at 32. */
static void test_openbsd_threads_and_pid(void **state)
{
    (void)state;
    uint8_t pi[104] = { 0 }, auxv[32] = { 0 }, regs[64] = { 0 }, cookie[8] = { 0 };
    put(pi, 1, 4, false);
    put(pi + 4, sizeof pi, 4, false);
    put(pi + 32, 77777, 4, false);
    put(pi + 36, 1, 4, false);
    const struct note notes[] = {
        { "OpenBSD", 10, pi, sizeof pi },
        { "OpenBSD", 11, auxv, sizeof auxv },
        { "OpenBSD", 23, cookie, sizeof cookie },
        { "OpenBSD@100123", 20, regs, sizeof regs },
        { "OpenBSD@100123", 21, regs, sizeof regs },
        { "OpenBSD@100456", 20, regs, sizeof regs },
        { "OpenBSD@100456", 21, regs, sizeof regs },
    };
    struct core c;
    build_core(&c, true, false, EM_X86_64, notes, sizeof notes / sizeof notes[0]);
    ds_target *t = open_core(&c);
    const uint32_t want[] = { 100123, 100456 };
    assert_threads(t, want, 2);
    assert_int_equal(ds_process_id(t), 77777);
    ds_close(t);
}

/* Damaged BSD notes: ids that are not numbers, too long or too large; a
   procinfo too short or of version 0; names that only look alike. Only
   the sound ones count, the rest is said in ds_open_notes. */
static void test_damaged_bsd_notes(void **state)
{
    (void)state;
    uint8_t pi[160], regs[16] = { 0 };
    netbsd_procinfo(pi, 0 /* no version */, 999, false);
    const struct note notes[] = {
        { "NetBSD-CORE", 1, pi, sizeof pi },           /* version 0: no pid */
        { "NetBSD-CORE", 1, pi, 83 },                  /* cut before cpi_pid's end */
        { "NetBSD-CORE@", 33, regs, sizeof regs },
        { "NetBSD-CORE@12x", 33, regs, sizeof regs },
        { "NetBSD-CORE@-5", 33, regs, sizeof regs },
        { "NetBSD-CORE@99999999999", 33, regs, sizeof regs },
        { "NetBSD-CORE@2147483648", 33, regs, sizeof regs },
        { "NetBSD-COREX@7", 33, regs, sizeof regs },   /* another owner */
        { "NetBSD-CORE@2147483647", 33, regs, sizeof regs },
        { "NetBSD-CORE@0012", 33, NULL, 0 },
    };
    struct core c;
    build_core(&c, true, false, EM_X86_64, notes, sizeof notes / sizeof notes[0]);
    ds_target *t = open_core(&c);
    const uint32_t want[] = { 2147483647, 12 };
    assert_threads(t, want, 2);
    /* No usable procinfo: the pid is the first thread's, as for Linux. */
    assert_int_equal(ds_process_id(t), 2147483647);
    assert_non_null(strstr(ds_open_notes(t), "no thread id after its '@'"));
    ds_close(t);

    /* An OpenBSD procinfo shorter than cpi_pid's end gives no pid. */
    uint8_t short_pi[35] = { 1 };
    const struct note onotes[] = {
        { "OpenBSD", 10, short_pi, sizeof short_pi },
        { "OpenBSD@5", 20, regs, sizeof regs },
    };
    build_core(&c, true, false, EM_X86_64, onotes, 2);
    t = open_core(&c);
    const uint32_t want5[] = { 5 };
    assert_threads(t, want5, 1);
    assert_int_equal(ds_process_id(t), 5);
    ds_close(t);
}

/* A core whose notes we cannot read says why it lists no threads. */
static void test_no_threads_says_why(void **state)
{
    (void)state;
    uint8_t prstatus[96] = { 0 };
    const struct note notes[] = { { "FreeBSD", NT_PRSTATUS, prstatus, sizeof prstatus } };
    struct core c;
    build_core(&c, true, false, EM_X86_64, notes, 1);
    ds_target *t = open_core(&c);
    assert_threads(t, NULL, 0);
    const char *why = ds_open_notes(t);
    print_message("  %s\n", why);
    assert_non_null(strstr(why, "no thread ids"));
    assert_non_null(strstr(why, "\"FreeBSD\" notes are not read"));
    ds_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_m68k_thread_ids),
        cmocka_unit_test(test_i386_thread_ids_unchanged),
        cmocka_unit_test(test_netbsd_threads_and_pid),
        cmocka_unit_test(test_openbsd_threads_and_pid),
        cmocka_unit_test(test_damaged_bsd_notes),
        cmocka_unit_test(test_no_threads_says_why),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
