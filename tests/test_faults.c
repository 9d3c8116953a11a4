/*
 * test_faults.c — live targets when things go wrong underneath: the
 * process is killed before and during a read, a search, a string read and
 * a long fill; threads come and go while we attach and while attached; the
 * target unmaps memory between QueryVirtual and a read; attaching is
 * refused for want of permission. Each must give a clear error (an
 * HRESULT and a sentence naming the process), hang nowhere, leak no file
 * descriptor (memory leaks: `make check SANITIZE=1`), and leave the target
 * running where it should run on. Also: what opening a dump costs in
 * resident memory, and that the cache never grows past its size.
 *
 * Helpers: tests/helpers/fault_target.c. Every wait is bounded.
 */
#include "testlib.h"
#include "minidump_builder.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "target.h" /* the cache's counters */

/* Methods other files add: called when this checkout has their file, so
   that the test builds on any commit (fuzz/harness.h does the same). */
#if __has_include("../src/search.c") && __has_include("../src/strings.c") && \
    __has_include("../src/pointers.c")
#define HAVE_SEARCH_STRINGS_FILL 1
#else
#define HAVE_SEARCH_STRINGS_FILL 0
#endif

#define READ_FAULT HRESULT_FROM_WIN32(ERROR_READ_FAULT)

/* ---- small tools ------------------------------------------------------- */

static int count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    for (struct dirent *de; d && (de = readdir(d));)
        n += de->d_name[0] != '.';
    if (d)
        closedir(d);
    return n - 1; /* the directory's own descriptor */
}

static void assert_sentence(ds_target *t, const char *must_contain)
{
    const char *e = ds_error_text(t);
    if (!strstr(e, must_contain))
        fail_msg("error text \"%s\" does not say \"%s\"", e, must_contain);
}

struct fixture {
    struct helper h;
    ds_target *t;
    uint64_t big, bigsize, victim, page;
    int fds_before;
};

static void start(struct fixture *f, const char *mode)
{
    memset(f, 0, sizeof *f);
    f->fds_before = count_fds();
    helper_start(&f->h, "fault_target", mode, NULL);
    f->big = helper_value(&f->h, "big");
    f->bigsize = helper_value(&f->h, "bigsize");
    f->victim = helper_value(&f->h, "victim");
    f->page = helper_value(&f->h, "page");
}

/* Close the target, stop the helper, and check no descriptor leaked. */
static void finish(struct fixture *f)
{
    ds_close(f->t);
    f->t = NULL;
    helper_stop(&f->h);
    assert_int_equal(count_fds(), f->fds_before);
}

/* ---- the process dies ---------------------------------------------------- */

enum op { OP_READ, OP_SEARCH, OP_STRING, OP_FILL };
static const char *const op_names[] = { "read", "search", "string read", "fill" };

/* One operation over the whole `big` mapping (64 MiB): long enough for a
   kill to land in the middle of it. */
static HRESULT run_op(struct fixture *f, enum op op)
{
    switch (op) {
    case OP_READ: {
        static uint8_t buf[1 << 20];
        HRESULT hr = S_OK;
        for (uint64_t at = f->big; at < f->big + f->bigsize && SUCCEEDED(hr); at += sizeof buf) {
            uint32_t got = 0;
            hr = ds_read_virtual_uncached(f->t, at, buf, sizeof buf, &got);
        }
        return hr;
    }
#if HAVE_SEARCH_STRINGS_FILL
    case OP_SEARCH: {
        static const uint8_t absent[] = { 0x01, 0x02, 0x03, 0x04 };
        uint64_t match = 0;
        return ds_search_virtual(f->t, f->big, f->bigsize, absent, sizeof absent, 1, &match);
    }
    case OP_STRING: {
        static char s[64];
        uint32_t n = 0;
        return ds_read_multi_byte_string_virtual(f->t, f->big, (uint32_t)f->bigsize, s, sizeof s,
                                                 &n);
    }
    case OP_FILL: {
        static const uint8_t pattern[] = { 0x5A };
        uint32_t filled = 0;
        return ds_fill_virtual(f->t, f->big, (uint32_t)f->bigsize, pattern, 1, &filled);
    }
#endif
    default:
        break;
    }
    return E_NOTIMPL;
}

static void skip_unless_available(enum op op)
{
    if (op != OP_READ && !HAVE_SEARCH_STRINGS_FILL) {
        print_message("skipped: this checkout has no %s yet\n", op_names[op]);
        skip();
    }
}

/* Wait (bounded) until every thread of pid is a zombie: "killed before
   the call" means nothing of it is left to read or write. The leader's
   zombie state alone was not enough: a second thread still dying keeps the
   process's memory, and a fill through /proc/PID/mem then wrote into it. */
static void wait_until_dead(pid_t pid)
{
    for (int i = 0; i < 5000; i++) {
        char *states = task_states(pid);
        bool dead = !states || strspn(states, "ZX") == strlen(states);
        free(states);
        if (dead)
            return;
        sleep_ms(1);
    }
    fail_msg("process %d still has live threads 5 s after SIGKILL", (int)pid);
}

/* Killed before the call: the call fails at once, says the process has
   exited, and close neither hangs nor leaks. */
static void killed_before(enum op op, unsigned flags)
{
    skip_unless_available(op);
    struct fixture f;
    start(&f, "quiet");
    assert_hr(S_OK, ds_attach(f.h.pid, flags, &f.t), NULL);
    kill(f.h.pid, SIGKILL);
    wait_until_dead(f.h.pid);
    HRESULT hr = run_op(&f, op);
    if (SUCCEEDED(hr))
        fail_msg("%s of a killed process succeeded", op_names[op]);
    assert_sentence(f.t, "exited");
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_true(FAILED(ds_query_virtual(f.t, f.big, &mbi)));
    assert_sentence(f.t, "exited");
    finish(&f);
}

static void test_killed_before_read(void **s) { (void)s; killed_before(OP_READ, 0); }
static void test_killed_before_read_noninvasive(void **s)
{
    (void)s;
    killed_before(OP_READ, DS_ATTACH_NONINVASIVE_NO_SUSPEND);
}
static void test_killed_before_search(void **s) { (void)s; killed_before(OP_SEARCH, 0); }
static void test_killed_before_string(void **s) { (void)s; killed_before(OP_STRING, 0); }
static void test_killed_before_fill(void **s) { (void)s; killed_before(OP_FILL, 0); }

struct killer {
    pid_t pid;
    long delay_ms;
};

static void *kill_later(void *arg)
{
    struct killer *k = arg;
    sleep_ms(k->delay_ms);
    kill(k->pid, SIGKILL);
    return NULL;
}

/* Killed while the call runs (a thread kills it a moment after the call
   starts, and the call is repeated until the kill lands): every call
   either succeeds or fails with a sentence; once the process is gone the
   next call says so; close returns. */
static void killed_during(enum op op, unsigned flags)
{
    skip_unless_available(op);
    struct fixture f;
    start(&f, "quiet");
    assert_hr(S_OK, ds_attach(f.h.pid, flags, &f.t), NULL);
    struct killer k = { f.h.pid, 2 };
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, kill_later, &k), 0);
    HRESULT hr = S_OK;
    for (int i = 0; i < 1000 && SUCCEEDED(hr); i++) {
        hr = run_op(&f, op);
        if (FAILED(hr))
            assert_true(strlen(ds_error_text(f.t)) > 10);
    }
    pthread_join(th, NULL);
    for (int i = 0; i < 2000 && process_state(f.h.pid) != 'Z'; i++)
        sleep_ms(1);
    hr = run_op(&f, op);
    if (SUCCEEDED(hr))
        fail_msg("%s of a killed process succeeded", op_names[op]);
    assert_sentence(f.t, "exited");
    finish(&f);
}

static void test_killed_during_read(void **s) { (void)s; killed_during(OP_READ, 0); }
static void test_killed_during_read_noninvasive(void **s)
{
    (void)s;
    killed_during(OP_READ, DS_ATTACH_NONINVASIVE_NO_SUSPEND);
}
static void test_killed_during_search(void **s) { (void)s; killed_during(OP_SEARCH, 0); }
static void test_killed_during_string(void **s) { (void)s; killed_during(OP_STRING, 0); }
static void test_killed_during_fill(void **s) { (void)s; killed_during(OP_FILL, 0); }

/* The process exits by itself (exit(0)) while attached non-invasively. */
static void test_exits_while_attached_noninvasive(void **s)
{
    (void)s;
    struct fixture f;
    start(&f, "quiet");
    assert_hr(S_OK, ds_attach(f.h.pid, DS_ATTACH_NONINVASIVE_NO_SUSPEND, &f.t), NULL);
    fprintf(f.h.to, "exit\n");
    fflush(f.h.to);
    for (int i = 0; i < 5000 && process_state(f.h.pid) != 'Z'; i++)
        sleep_ms(1);
    uint8_t b[16];
    uint32_t got = 1;
    HRESULT hr = ds_read_virtual(f.t, f.big, b, sizeof b, &got);
    assert_true(FAILED(hr));
    assert_int_equal(got, 0);
    assert_sentence(f.t, "exited");
    finish(&f);
}

/* ---- threads come and go -------------------------------------------------- */

/* A process whose threads are created and end all the time: attaching
   either succeeds with every listed thread stopped, or fails with a
   sentence; reads work; after close the process runs on. */
static void test_thread_churn_attach(void **s)
{
    (void)s;
    struct fixture f;
    start(&f, "churn");
    for (int round = 0; round < 10; round++) {
        HRESULT hr = ds_attach(f.h.pid, 0, &f.t);
        if (FAILED(hr)) {
            assert_true(strlen(ds_error_text(NULL)) > 10);
            assert_null(f.t);
            continue;
        }
        uint32_t n = 0;
        assert_hr(S_OK, ds_get_number_threads(f.t, &n), f.t);
        assert_true(n >= 3); /* main, two sleepers (the churner too, mostly) */
        uint8_t b[64];
        uint32_t got = 0;
        assert_hr(S_OK, ds_read_virtual(f.t, f.big, b, sizeof b, &got), f.t);
        assert_int_equal(got, sizeof b);
        assert_int_equal(b[0], 0x5A);
        ds_close(f.t);
        f.t = NULL;
        assert_true(helper_answers(&f.h, "ping", 10000));
        assert_int_not_equal(process_state(f.h.pid), 't');
    }
    finish(&f);
}

/* Non-invasive: the thread list is a snapshot; threads that end after it
   do not break reads, queries or close. */
static void test_thread_churn_noninvasive(void **s)
{
    (void)s;
    struct fixture f;
    start(&f, "churn");
    assert_hr(S_OK, ds_attach(f.h.pid, DS_ATTACH_NONINVASIVE_NO_SUSPEND, &f.t), NULL);
    for (int i = 0; i < 200; i++) {
        uint8_t b[256];
        uint32_t got = 0;
        assert_hr(S_OK, ds_read_virtual(f.t, f.big + (uint64_t)i * 4096, b, sizeof b, &got),
                  f.t);
        MEMORY_BASIC_INFORMATION64 mbi;
        assert_hr(S_OK, ds_query_virtual(f.t, f.big, &mbi), f.t);
    }
    uint32_t n = 0;
    assert_hr(S_OK, ds_get_number_threads(f.t, &n), f.t);
    assert_true(n >= 3);
    finish(&f);
}

/* Threads start while we are attached invasively? They cannot: every
   thread is stopped. Starting the churn right after close must work. */
static void test_thread_starts_after_close(void **s)
{
    (void)s;
    struct fixture f;
    start(&f, "quiet");
    assert_hr(S_OK, ds_attach(f.h.pid, 0, &f.t), NULL);
    ds_close(f.t);
    f.t = NULL;
    assert_true(helper_answers(&f.h, "churn", 10000));
    assert_hr(S_OK, ds_attach(f.h.pid, 0, &f.t), NULL);
    ds_close(f.t);
    f.t = NULL;
    assert_true(helper_answers(&f.h, "ping", 10000));
    finish(&f);
}

/* ---- memory goes away between QueryVirtual and the read --------------------- */

static void test_unmapped_between_query_and_read(void **s)
{
    (void)s;
    struct fixture f;
    start(&f, "quiet");
    assert_hr(S_OK, ds_attach(f.h.pid, DS_ATTACH_NONINVASIVE_NO_SUSPEND, &f.t), NULL);
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(f.t, f.victim, &mbi), f.t);
    assert_int_equal(mbi.State, MEM_COMMIT);
    assert_int_equal(mbi.Protect, PAGE_READWRITE);
    assert_true(helper_answers(&f.h, "unmap", 10000));
    uint8_t b[64];
    uint32_t got = 1;
    assert_hr(READ_FAULT, ds_read_virtual(f.t, f.victim, b, sizeof b, &got), f.t);
    assert_int_equal(got, 0);
    char addr[32];
    snprintf(addr, sizeof addr, "0x%llx", (unsigned long long)f.victim);
    assert_sentence(f.t, addr);
    /* A new query sees the hole. */
    assert_hr(S_OK, ds_query_virtual(f.t, f.victim, &mbi), f.t);
    assert_true(mbi.State == MEM_FREE || mbi.BaseAddress != f.victim);
    /* The rest of the process is still readable, and it runs on. */
    assert_hr(S_OK, ds_read_virtual(f.t, f.big, b, sizeof b, &got), f.t);
    finish(&f);
}

/* The same with a write into the vanished page. */
static void test_unmapped_between_query_and_write(void **s)
{
    (void)s;
    struct fixture f;
    start(&f, "quiet");
    assert_hr(S_OK, ds_attach(f.h.pid, DS_ATTACH_NONINVASIVE_NO_SUSPEND, &f.t), NULL);
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(f.t, f.victim, &mbi), f.t);
    assert_true(helper_answers(&f.h, "unmap", 10000));
    uint8_t b[64] = { 0 };
    uint32_t done = 1;
    HRESULT hr = ds_write_virtual(f.t, f.victim, b, sizeof b, &done);
    assert_true(FAILED(hr));
    assert_int_equal(done, 0);
    assert_true(strlen(ds_error_text(f.t)) > 10);
    assert_true(helper_answers(&f.h, "ping", 10000));
    finish(&f);
}

/* ---- permission refused ------------------------------------------------------ */

#define NOBODY 65534

/* In a child that has dropped to an unprivileged uid, attach to the
   helper (a root process) and report the HRESULT and the sentence. */
static void attach_as_nobody(pid_t target, unsigned flags, HRESULT *hr, char *text, size_t cap)
{
    int fd;
    pid_t child = fork_with_answer_pipe(&fd);
    if (child == 0) {
        HRESULT r = E_FAIL;
        char msg[512] = "could not drop privileges";
        if (setgroups(0, NULL) == 0 && setresgid(NOBODY, NOBODY, NOBODY) == 0 &&
            setresuid(NOBODY, NOBODY, NOBODY) == 0) {
            ds_target *t = NULL;
            r = ds_attach((int)target, flags, &t);
            snprintf(msg, sizeof msg, "%s", ds_error_text(NULL));
            ds_close(t);
        }
        ssize_t w = write(fd, &r, sizeof r);
        w += write(fd, msg, strlen(msg) + 1);
        _exit(w > 0 ? 0 : 1);
    }
    /* Bounded: the child ends after one attach attempt, or is killed. */
    char buf[sizeof(HRESULT) + 512] = { 0 };
    size_t got = child_answer(child, fd, 20000, "the unprivileged attach", buf, sizeof buf);
    assert_true(got > sizeof(HRESULT));
    memcpy(hr, buf, sizeof *hr);
    snprintf(text, cap, "%s", buf + sizeof(HRESULT));
}

static void permission_refused(unsigned flags)
{
    if (geteuid() != 0) {
        print_message("skipped: needs root, to run a root target and drop to uid %d\n", NOBODY);
        skip();
    }
    struct fixture f;
    start(&f, "quiet");
    HRESULT hr;
    char text[512];
    attach_as_nobody(f.h.pid, flags, &hr, text, sizeof text);
    if (hr != E_ACCESSDENIED)
        fail_msg("unprivileged attach gave 0x%08x (%s), expected E_ACCESSDENIED", (unsigned)hr,
                 text);
    char pid[32];
    snprintf(pid, sizeof pid, "%d", (int)f.h.pid);
    if (!strstr(text, pid) || (!strstr(text, "not permitted") && !strstr(text, "denied")))
        fail_msg("the sentence \"%s\" does not name process %s and the refusal", text, pid);
    /* Attach names the rule that refused it: another uid. */
    if (!(flags & DS_ATTACH_NONINVASIVE_NO_SUSPEND) && !strstr(text, "runs as uid 0"))
        fail_msg("the sentence \"%s\" does not say the process runs as another uid", text);
    /* The target never noticed. */
    assert_true(helper_answers(&f.h, "ping", 10000));
    assert_int_not_equal(process_state(f.h.pid), 't');
    finish(&f);
}

static void test_permission_refused_invasive(void **s) { (void)s; permission_refused(0); }
static void test_permission_refused_noninvasive(void **s)
{
    (void)s;
    permission_refused(DS_ATTACH_NONINVASIVE_NO_SUSPEND);
}

/* A second debugger: attaching to a process we already trace is refused
   with a sentence that names the tracer; the first attach is unharmed. */
static void test_attach_to_traced_process(void **s)
{
    (void)s;
    struct fixture f;
    start(&f, "quiet");
    assert_hr(S_OK, ds_attach(f.h.pid, 0, &f.t), NULL);
    ds_target *second = NULL;
    assert_hr(E_ACCESSDENIED, ds_attach(f.h.pid, 0, &second), NULL);
    assert_null(second);
    char tracer[64];
    snprintf(tracer, sizeof tracer, "already traced by process %d", (int)getpid());
    if (!strstr(ds_error_text(NULL), tracer))
        fail_msg("\"%s\" does not say \"%s\"", ds_error_text(NULL), tracer);
    uint8_t b[8];
    uint32_t got = 0;
    assert_hr(S_OK, ds_read_virtual(f.t, f.big, b, sizeof b, &got), f.t);
    ds_close(f.t);
    f.t = NULL;
    assert_true(helper_answers(&f.h, "ping", 10000));
    finish(&f);
}

/* ds_open_dump of a FIFO nobody writes to: refused at once, never a wait
   for a writer. Run in a child so that a regression fails, not hangs. */
static void test_open_dump_fifo_does_not_wait(void **s)
{
    (void)s;
    char dir[] = "/tmp/ds-faults-fifo-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/fifo", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        ds_target *t = NULL;
        HRESULT hr = ds_open_dump(path, 0, &t);
        ssize_t w = write(p[1], &hr, sizeof hr);
        _exit(w == sizeof hr ? 0 : 1);
    }
    close(p[1]);
    struct pollfd pf = { .fd = p[0], .events = POLLIN };
    int ready = poll(&pf, 1, 10000);
    HRESULT hr = S_OK;
    ssize_t got = ready == 1 ? read(p[0], &hr, sizeof hr) : 0;
    if (ready != 1)
        kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    close(p[0]);
    unlink(path);
    rmdir(dir);
    if (ready != 1)
        fail_msg("ds_open_dump of a FIFO waited for a writer");
    assert_int_equal(got, sizeof hr);
    assert_hr(E_INVALIDARG, hr, NULL);
}

/* ---- resources ---------------------------------------------------------------- */

/* A field of /proc/self/status in KiB ("VmRSS", "RssAnon"). */
static long status_kib(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    size_t len = strlen(field);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, field, len) == 0 && line[len] == ':')
            v = strtol(line + len + 1, NULL, 10);
    if (f)
        fclose(f);
    return v;
}

/* Opening a 32 MiB full-memory dump (built here: 32 ranges of 1 MiB in
   its Memory64List, and 2000 small ones) maps it: resident memory grows
   by a small part of the file, not by the file. */
static void test_open_big_dump_costs_little(void **s)
{
    (void)s;
    struct mdb m;
    mdb_init(&m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    for (uint32_t i = 0; i < 32; i++) {
        uint8_t *p = mdb_memory(&m, 0x10000000ull + 0x200000ull * i, 1u << 20, NULL,
                                MDB_IN_LIST64);
        for (uint32_t k = 0; k < (1u << 20); k += 4096)
            p[k] = (uint8_t)(i + k / 4096);  /* no page of zeros: no hole in the file */
    }
    for (uint32_t i = 0; i < 2000; i++)
        mdb_memory_pattern(&m, 0x80000000ull + 0x100ull * i, 64, i, MDB_IN_LIST32);
    mdb_build(&m);
    const char *path = mdb_write_file(&m);
    /* The model's copies go before measuring. */
    for (size_t i = 0; i < m.nranges; i++)
        free(m.ranges[i].data), m.ranges[i].data = NULL;
    free(m.out.p);
    m.out.p = NULL;
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    long rss0 = status_kib("VmRSS"), anon0 = status_kib("RssAnon");
    ds_target *t = NULL;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    long rss1 = status_kib("VmRSS"), anon1 = status_kib("RssAnon");
    long file_kib = (long)(st.st_size / 1024);
    print_message("open a built dump (%ld KiB): VmRSS +%ld KiB, RssAnon +%ld KiB\n", file_kib,
                  rss1 - rss0, anon1 - anon0);
    assert_true(file_kib > 32 * 1024);
    assert_true(anon1 - anon0 < 2048);
    assert_true(rss1 - rss0 < file_kib / 4);
    uint8_t b[4];
    uint32_t got = 0;
    assert_hr(S_OK, ds_read_virtual(t, 0x10000000ull + 0x200000ull * 31, b, 4, &got), t);
    assert_int_equal(b[0], 31);
    ds_close(t);
    mdb_free(&m);
}

/* A 256 MiB core (sparse: one PT_LOAD over a hole in the file) opens
   without reading it in; reading one page costs about a page. */
static void test_open_256mib_core_costs_little(void **s)
{
    (void)s;
    char path[] = "/tmp/ds-faults-core-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const uint64_t load = 256ull << 20, off = 4096;
    uint8_t h[64 + 56] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
#define PUT(at, v) (memcpy(h + (at), &(v), sizeof(v)))
    u16 = 4, PUT(16, u16);              /* e_type ET_CORE */
    u16 = 62, PUT(18, u16);             /* e_machine EM_X86_64 */
    u32 = 1, PUT(20, u32);              /* e_version */
    u64 = 64, PUT(32, u64);             /* e_phoff */
    u16 = 64, PUT(52, u16);             /* e_ehsize */
    u16 = 56, PUT(54, u16);             /* e_phentsize */
    u16 = 1, PUT(56, u16);              /* e_phnum */
    u32 = 1, PUT(64, u32);              /* p_type PT_LOAD */
    u32 = 6, PUT(68, u32);              /* p_flags PF_R|PF_W */
    PUT(72, off);                       /* p_offset */
    u64 = 0x10000000, PUT(80, u64);     /* p_vaddr */
    PUT(96, load);                      /* p_filesz */
    PUT(104, load);                     /* p_memsz */
#undef PUT
    assert_int_equal(write(fd, h, sizeof h), (ssize_t)sizeof h);
    assert_int_equal(ftruncate(fd, (off_t)(off + load)), 0);
    close(fd);
    long rss0 = status_kib("VmRSS");
    ds_target *t = NULL;
    HRESULT hr = ds_open_dump(path, 0, &t);
    unlink(path);
    assert_hr(S_OK, hr, NULL);
    long rss1 = status_kib("VmRSS");
    uint8_t b[4096];
    uint32_t got = 0;
    assert_hr(S_OK, ds_read_virtual(t, 0x10000000 + (128u << 20), b, sizeof b, &got), t);
    assert_int_equal(got, sizeof b);
    long rss2 = status_kib("VmRSS");
    print_message("open a %llu MiB core: VmRSS +%ld KiB, after one read +%ld KiB\n",
                  (unsigned long long)(load >> 20), rss1 - rss0, rss2 - rss0);
    assert_true(rss1 - rss0 < 4096);
    assert_true(rss2 - rss0 < 8192);
    ds_close(t);
}

/* Many distinct pages through a small cache: it never holds more lines
   than its size allows, and it fills to exactly that. */
static void test_cache_stays_within_size(void **s)
{
    (void)s;
    struct mdb m;
    mdb_scene_windows_x64_full(&m);  /* about 600 pages in 13 ranges */
    ds_target *t = mdb_open(&m, 0);
    const uint32_t lines = 16;
    assert_hr(S_OK, ds_cache_set_size(t, lines * 4096ull), t);
    assert_int_equal(t->cache.nlines, lines);
    unsigned distinct = 0;
    uint64_t addr = 0;
    for (int r = 0; r < 4096 && distinct < 2000; r++) {
        MEMORY_BASIC_INFORMATION64 mbi;
        if (FAILED(ds_query_virtual(t, addr, &mbi)) || mbi.BaseAddress + mbi.RegionSize <= addr)
            break;
        for (uint64_t p = mbi.BaseAddress; mbi.State == MEM_COMMIT && p < mbi.BaseAddress +
             mbi.RegionSize && distinct < 2000; p += 4096) {
            uint8_t b[8];
            uint32_t got;
            if (SUCCEEDED(ds_read_virtual(t, p, b, sizeof b, &got)))
                distinct++;
            assert_true(t->cache.used <= t->cache.nlines);
        }
        addr = mbi.BaseAddress + mbi.RegionSize;
    }
    print_message("%u distinct pages read through a %u-line cache: %u lines used, %llu misses\n",
                  distinct, lines, t->cache.used, (unsigned long long)t->cache.misses);
    assert_true(distinct > 4 * lines);
    assert_int_equal(t->cache.used, lines);
    assert_int_equal(ds_cache_get_size(t), lines * 4096ull);
    ds_close(t);
    mdb_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_killed_before_read),
        cmocka_unit_test(test_killed_before_read_noninvasive),
        cmocka_unit_test(test_killed_before_search),
        cmocka_unit_test(test_killed_before_string),
        cmocka_unit_test(test_killed_before_fill),
        cmocka_unit_test(test_killed_during_read),
        cmocka_unit_test(test_killed_during_read_noninvasive),
        cmocka_unit_test(test_killed_during_search),
        cmocka_unit_test(test_killed_during_string),
        cmocka_unit_test(test_killed_during_fill),
        cmocka_unit_test(test_exits_while_attached_noninvasive),
        cmocka_unit_test(test_thread_churn_attach),
        cmocka_unit_test(test_thread_churn_noninvasive),
        cmocka_unit_test(test_thread_starts_after_close),
        cmocka_unit_test(test_unmapped_between_query_and_read),
        cmocka_unit_test(test_unmapped_between_query_and_write),
        cmocka_unit_test(test_permission_refused_invasive),
        cmocka_unit_test(test_permission_refused_noninvasive),
        cmocka_unit_test(test_attach_to_traced_process),
        cmocka_unit_test(test_open_dump_fifo_does_not_wait),
        cmocka_unit_test(test_open_big_dump_costs_little),
        cmocka_unit_test(test_open_256mib_core_costs_little),
        cmocka_unit_test(test_cache_stays_within_size),
    };
    signal(SIGPIPE, SIG_IGN);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
