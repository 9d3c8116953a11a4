/*
 * test_cli — dataspaces(1), the program, run as a user runs it: over
 * minidumps and cores this test writes (golden output of `-c "...; q"`),
 * attached to and launching helper processes, with bad targets and bad
 * options (exit status and the library's sentence), its -h against its man
 * page, the build without libedit and capstone, and once through a real
 * terminal (tmux: type, read the screen, recall history with the up arrow).
 *
 * The programs are found beside the helpers: $DS_HELPERS/../dataspaces.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "elfcore_builder.h"
#include "minidump_builder.h"
#include "testlib.h"

#define RUN_TIMEOUT_MS 60000 /* a run that takes longer has hung: fail, not wait */

/* ---- running the program ----------------------------------------------------------- */

static char build_dir[PATH_MAX];  /* .../build */
static char source_dir[PATH_MAX]; /* the checkout */

static const char *program_path(const char *name)
{
    static char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", build_dir, name);
    return path;
}

struct run {
    int status; /* exit status, or 128 + signal */
    char *out, *err;
};

static void run_free(struct run *r)
{
    free(r->out);
    free(r->err);
    memset(r, 0, sizeof *r);
}

static void append_fd(int fd, char **buf, size_t *len, bool *open)
{
    char chunk[4096];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0) {
        *open = false;
        return;
    }
    char *nb = realloc(*buf, *len + (size_t)n + 1);
    assert_non_null(nb);
    memcpy(nb + *len, chunk, (size_t)n);
    *len += (size_t)n;
    nb[*len] = '\0';
    *buf = nb;
}

/* Run `program` (in the build directory) with argv (NULL-terminated, argv[0]
   included), `input` on its stdin, HOME set to home when given; collect
   stdout, stderr and the exit status. */
static void run_program(struct run *r, const char *program, const char *const argv[],
                        const char *input, const char *home)
{
    memset(r, 0, sizeof *r);
    int in[2], out[2], err[2];
    assert_int_equal(pipe2(in, O_CLOEXEC), 0);
    assert_int_equal(pipe2(out, O_CLOEXEC), 0);
    assert_int_equal(pipe2(err, O_CLOEXEC), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        if (home)
            setenv("HOME", home, 1);
        execv(program_path(program), (char *const *)argv);
        fprintf(stderr, "cannot run %s: %s\n", program_path(program), strerror(errno));
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    if (input) {
        size_t n = strlen(input);
        /* Inputs are small (under a pipe's buffer) but for the long-line
           test: write all before reading, ignoring a reader that left. */
        signal(SIGPIPE, SIG_IGN);
        for (size_t at = 0; at < n;) {
            ssize_t w = write(in[1], input + at, n - at);
            if (w <= 0)
                break;
            at += (size_t)w;
        }
    }
    close(in[1]);
    size_t olen = 0, elen = 0;
    bool oopen = true, eopen = true;
    r->out = calloc(1, 1);
    r->err = calloc(1, 1);
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (oopen || eopen) {
        struct pollfd p[2] = {{oopen ? out[0] : -1, POLLIN, 0}, {eopen ? err[0] : -1, POLLIN, 0}};
        int ready = poll(p, 2, 1000);
        clock_gettime(CLOCK_MONOTONIC, &now);
        if ((now.tv_sec - start.tv_sec) * 1000 > RUN_TIMEOUT_MS) {
            kill(pid, SIGKILL);
            fail_msg("%s did not end within %d s; its output: %s", program, RUN_TIMEOUT_MS / 1000,
                     r->out);
        }
        if (ready <= 0)
            continue;
        if (p[0].revents)
            append_fd(out[0], &r->out, &olen, &oopen);
        if (p[1].revents)
            append_fd(err[0], &r->err, &elen, &eopen);
    }
    close(out[0]);
    close(err[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    r->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void run_cli(struct run *r, const char *const argv[], const char *input)
{
    run_program(r, "dataspaces", argv, input, NULL);
}

static void expect_contains(const struct run *r, const char *text, const char *want)
{
    if (!strstr(text, want))
        fail_msg("expected \"%s\" in:\n%s\n(stdout:\n%s\nstderr:\n%s)", want, text, r->out, r->err);
}

/* The session's text: from the first prompt on (after the banner). */
static const char *session_text(const struct run *r)
{
    const char *p = strstr(r->out, "0:000> ");
    if (!p)
        fail_msg("no prompt in the output:\n%s\nstderr:\n%s", r->out, r->err);
    return p;
}

static void expect_session(const struct run *r, const char *want)
{
    const char *got = session_text(r);
    if (strcmp(got, want) != 0)
        fail_msg("the session printed:\n%s\n---- where this was expected:\n%s\n---- stderr:\n%s",
                 got, want, r->err);
    assert_int_equal(r->status, 0);
    assert_string_equal(r->err, "");
}

/* ---- dumps the tests make -------------------------------------------------------------- */

/* x64 code at app+0x1000 (app.exe at 0x7ff600000000):
     sub rsp,138h / mov rax,[rip+10h] / call +0x10 / mov [rsp+8],rbx /
     mov eax,-1 / je back / ret / push es (invalid in 64-bit mode) / nop */
static const uint8_t x64_code[] = {
    0x48, 0x81, 0xec, 0x38, 0x01, 0x00, 0x00,                   /* 1000 sub rsp,138h */
    0x48, 0x8b, 0x05, 0x10, 0x00, 0x00, 0x00,                   /* 1007 mov rax,[rip+10h] -> 101e */
    0xe8, 0x10, 0x00, 0x00, 0x00,                               /* 100e call 1023 */
    0x48, 0x89, 0x5c, 0x24, 0x08,                               /* 1013 mov [rsp+8],rbx */
    0xb8, 0xff, 0xff, 0xff, 0xff,                               /* 1018 mov eax,0FFFFFFFFh */
    0x74, 0xe1,                                                 /* 101d je 1000 */
    0xc3,                                                       /* 101f ret */
    0x06,                                                       /* 1020 (push es: invalid) */
    0x90,                                                       /* 1021 nop */
    0xcc,                                                       /* 1022 int 3 */
    0x48, 0xb8, 0xef, 0xbe, 0xad, 0xde, 0x00, 0x00, 0x00, 0x00, /* 1023 mov rax,0DEADBEEFh */
};

static const char *write_x64_dump(struct mdb *m)
{
    mdb_init(m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    mdb_module(m, 0x7ff600000000, 0x10000, "C:\\app\\app.exe");
    mdb_memory(m, 0x7ff600001000, sizeof x64_code, x64_code, MDB_IN_LIST32);
    mdb_memory(m, 0x10000, 16, "planted, 16 byte", MDB_IN_LIST32);
    mdb_thread(m, 0x1a2c, 0, 0);
    mdb_build(m);
    return mdb_write_file(m);
}

static void test_u_and_expressions_over_a_minidump(void **state)
{
    (void)state;
    struct mdb m;
    const char *dump = write_x64_dump(&m);
    struct run r;
    run_cli(&r,
            (const char *const[]){"dataspaces", "-z", dump, "-c",
                                  ".echo start; ? app+1000 - 7ff600000000; u app+1000 L4", "-c",
                                  "u; .echo not run after an error", "-c",
                                  "u 7ff600001020 7ff600001021; u 0; .echo not run", "-c", "q",
                                  NULL},
            NULL);
    expect_contains(&r, r.out, "Loading Dump File [");
    expect_contains(&r, r.out, "User Mini Dump File: x64, 1 thread, 1 module\n");
    expect_session(
        &r,
        "0:000> .echo start; ? app+1000 - 7ff600000000; u app+1000 L4\n"
        "start\n"
        "Evaluate expression: 4096 = 00000000`00001000\n"
        "app+0x1000:\n"
        "00007ff6`00001000 4881ec38010000  sub     rsp,138h\n"
        "00007ff6`00001007 488b0510000000  mov     rax,qword ptr [app+0x101e (00007ff6`0000101e)]\n"
        "00007ff6`0000100e e810000000      call    app+0x1023 (00007ff6`00001023)\n"
        "00007ff6`00001013 48895c2408      mov     qword ptr [rsp+8],rbx\n"
        "0:000> u; .echo not run after an error\n"
        "app+0x1018:\n"
        "00007ff6`00001018 b8ffffffff      mov     eax,0FFFFFFFFh\n"
        "00007ff6`0000101d 74e1            je      app+0x1000 (00007ff6`00001000)\n"
        "00007ff6`0000101f c3              ret\n"
        "00007ff6`00001020 06              ???\n"
        "00007ff6`00001021 90              nop\n"
        "00007ff6`00001022 cc              int     3\n"
        "00007ff6`00001023 48b8efbeadde00000000 mov     rax,0DEADBEEFh\n"
        "00007ff6`0000102d ??              ???\n"
        "                  ^ Memory access error in 'u'\n"
        "0:000> u 7ff600001020 7ff600001021; u 0; .echo not run\n"
        "app+0x1020:\n"
        "00007ff6`00001020 06              ???\n"
        "00007ff6`00001021 90              nop\n"
        "00000000`00000000 ??              ???\n"
        "                  ^ Memory access error in 'u 0'\n"
        "0:000> q\n"
        "quit:\n");
    run_free(&r);
    mdb_free(&m);
}

static void test_u_on_x86_and_arm64(void **state)
{
    (void)state;
    static const uint8_t x86_code[] = {
        0x55,                         /* push ebp */
        0x8b, 0x45, 0xf8,             /* mov eax,[ebp-8] */
        0xe8, 0xf7, 0xff, 0xff, 0xff, /* call 401000 */
        0xc3,                         /* ret */
    };
    struct mdb m;
    mdb_init(&m, MDB_ARCH_X86, MDB_OS_WINDOWS);
    mdb_module(&m, 0x400000, 0x10000, "C:\\app\\tool.exe");
    mdb_memory(&m, 0x401000, sizeof x86_code, x86_code, MDB_IN_LIST32);
    mdb_thread(&m, 0x10, 0, 0);
    mdb_build(&m);
    struct run r;
    run_cli(&r,
            (const char *const[]){"dataspaces", "-z", mdb_write_file(&m), "-c", "u tool+1000 L4; q",
                                  NULL},
            NULL);
    expect_session(&r, "0:000> u tool+1000 L4; q\n"
                       "tool+0x1000:\n"
                       "00401000 55              push    ebp\n"
                       "00401001 8b45f8          mov     eax,dword ptr [ebp-8]\n"
                       "00401004 e8f7ffffff      call    tool+0x1000 (00401000)\n"
                       "00401009 c3              ret\n"
                       "quit:\n");
    run_free(&r);
    mdb_free(&m);

    static const uint8_t arm64_code[] = {
        0xfd, 0x7b, 0xbf, 0xa9, /* stp x29,x30,[sp,#-0x10]! */
        0xfd, 0x03, 0x00, 0x91, /* mov x29,sp */
        0xff, 0xff, 0xff, 0x97, /* bl -4 */
        0xc0, 0x03, 0x5f, 0xd6, /* ret */
        0xe0, 0xff, 0xff, 0xb4, /* cbz x0, -4 */
    };
    mdb_init(&m, MDB_ARCH_ARM64, MDB_OS_WINDOWS);
    mdb_module(&m, 0x7ff700000000, 0x10000, "C:\\app\\arm.exe");
    mdb_memory(&m, 0x7ff700002000, sizeof arm64_code, arm64_code, MDB_IN_LIST32);
    mdb_thread(&m, 0x10, 0, 0);
    mdb_build(&m);
    run_cli(&r,
            (const char *const[]){"dataspaces", "-z", mdb_write_file(&m), "-c", "u arm+2000 L5; q",
                                  NULL},
            NULL);
    expect_session(&r, "0:000> u arm+2000 L5; q\n"
                       "arm+0x2000:\n"
                       "00007ff7`00002000 a9bf7bfd stp         fp,lr,[sp,#-0x10]!\n"
                       "00007ff7`00002004 910003fd mov         fp,sp\n"
                       "00007ff7`00002008 97ffffff bl          arm+0x2004 (00007ff7`00002004)\n"
                       "00007ff7`0000200c d65f03c0 ret\n"
                       "00007ff7`00002010 b4ffffe0 cbz         x0,arm+0x200c (00007ff7`0000200c)\n"
                       "quit:\n");
    run_free(&r);
    mdb_free(&m);
}

static void test_elf_core_banner_and_session(void **state)
{
    (void)state;
    struct ecb b;
    struct ecb_layout l;
    ecb_init(&b, ecb_arch("x86_64"), 4242);
    ecb_standard_process(&b, &l);
    char path[] = "/tmp/ds-cli-core-XXXXXX";
    ecb_write_temp(&b, path);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "? by(%llx); q", (unsigned long long)l.heap + 5);
    struct run r;
    run_cli(&r,
            (const char *const[]){"dataspaces", "-i", "/nonexistent/images", "-z", path, "-c", cmd,
                                  NULL},
            NULL);
    expect_contains(&r, r.out, "ELF core file of process 4242: x64, 3 threads");
    expect_contains(&r, r.out, "Executable search path is: /nonexistent/images\n");
    char want[256];
    unsigned byte = ecb_pattern(l.heap + 5);
    snprintf(want, sizeof want, "0:000> %s\nEvaluate expression: %u = 00000000`%08x\nquit:\n", cmd,
             byte, byte);
    expect_session(&r, want);
    run_free(&r);
    unlink(path);
    ecb_free(&b);
}

/* ---- lines from a pipe and from a file ----------------------------------------------- */

/* -logo keeps what stdout shows; -loga appends to it. */
static void test_log_file(void **state)
{
    (void)state;
    struct mdb m;
    const char *dump = write_x64_dump(&m);
    char log[] = "/tmp/ds-cli-log-XXXXXX";
    int fd = mkstemp(log);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "old text\n", 9), 9);
    close(fd);
    struct run r1, r2;
    run_cli(&r1, (const char *const[]){"dataspaces", "-logo", log, "-z", dump, "-c", "? 0n7", NULL},
            ".echo piped\n");
    assert_int_equal(r1.status, 0);
    char opened[64];
    snprintf(opened, sizeof opened, "Opened log file '%s'\n", log);
    expect_contains(&r1, r1.out, opened);
    expect_contains(&r1, r1.out, "0:000> .echo piped\npiped\n");
    size_t size;
    uint8_t *text = read_whole_file(log, &size);
    assert_non_null(text);
    assert_int_equal(size, strlen(r1.out));
    assert_memory_equal(text, r1.out, size);
    free(text);
    run_cli(&r2, (const char *const[]){"dataspaces", "-loga", log, "-z", dump, "-c", "q", NULL},
            NULL);
    assert_int_equal(r2.status, 0);
    text = read_whole_file(log, &size);
    assert_non_null(text);
    size_t n1 = strlen(r1.out), n2 = strlen(r2.out);
    assert_int_equal(size, n1 + n2);
    assert_memory_equal(text, r1.out, n1);
    assert_memory_equal(text + n1, r2.out, n2);
    free(text);
    run_free(&r1);
    run_free(&r2);
    unlink(log);
    mdb_free(&m);
}

static void test_piped_lines_and_command_files(void **state)
{
    (void)state;
    struct mdb m;
    const char *dump = write_x64_dump(&m);
    struct run r;
    /* Lines from a pipe are shown after the prompt; the end of input quits. */
    run_cli(&r, (const char *const[]){"dataspaces", "-z", dump, NULL},
            ".echo one\n\n? 0n10\n.echo two; .echo three\n");
    expect_session(&r, "0:000> .echo one\none\n"
                       "0:000> ? 0n10\nEvaluate expression: 10 = 00000000`0000000a\n"
                       "0:000> .echo two; .echo three\ntwo\nthree\n");
    run_free(&r);

    /* -cf runs before -c, and q in it ends the session. */
    char script[] = "/tmp/ds-cli-script-XXXXXX";
    int fd = mkstemp(script);
    assert_true(fd >= 0);
    const char text[] = ".echo from the file\n? 2*3\n";
    assert_int_equal(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
    close(fd);
    run_cli(&r,
            (const char *const[]){"dataspaces", "-c", ".echo from -c; q", "-cf", script, "-z", dump,
                                  NULL},
            ".echo never\n");
    expect_session(&r, "0:000> .echo from the file\nfrom the file\n"
                       "0:000> ? 2*3\nEvaluate expression: 6 = 00000000`00000006\n"
                       "0:000> .echo from -c; q\nfrom -c\nquit:\n");
    run_free(&r);
    unlink(script);

    /* A line too long to be a command is refused whole; the session goes on. */
    size_t n = 70000;
    char *input = malloc(n + 32);
    assert_non_null(input);
    memset(input, 'x', n);
    strcpy(input + n, "\n.echo after\n");
    run_cli(&r, (const char *const[]){"dataspaces", "-z", dump, NULL}, input);
    free(input);
    expect_contains(&r, r.err, "dataspaces: a line longer than 65535 bytes was ignored");
    expect_contains(&r, r.out, "0:000> .echo after\nafter\n");
    assert_int_equal(r.status, 0);
    run_free(&r);
    mdb_free(&m);
}

/* Ctrl-C (SIGINT) during a long command stops it; the session goes on. */
static void test_interrupt_stops_a_command(void **state)
{
    (void)state;
    struct mdb m;
    mdb_init(&m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    /* 1 MiB of zeros: 0x80000 instructions "add byte ptr [rax],al". */
    mdb_memory(&m, 0x7ff610000000, 1u << 20, NULL, MDB_IN_LIST64);
    mdb_thread(&m, 0x10, 0, 0);
    mdb_build(&m);
    const char *dump = mdb_write_file(&m);
    int in[2], out[2];
    assert_int_equal(pipe2(in, O_CLOEXEC), 0);
    assert_int_equal(pipe2(out, O_CLOEXEC), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        execl(program_path("dataspaces"), "dataspaces", "-z", dump, "-c",
              "u 7ff610000000 L80000; .echo not run", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    assert_int_equal(write(in[1], ".echo after\n", 12), 12);
    close(in[1]);
    /* Read until the command is surely under way (it blocks on the full
       pipe meanwhile), then interrupt it. */
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    while (len < 8192) {
        ssize_t n = read(out[0], text + len, cap - 1 - len);
        assert_true(n > 0);
        len += (size_t)n;
    }
    assert_int_equal(kill(pid, SIGINT), 0);
    size_t lines = 0;
    char tail[4096] = "";
    for (;;) {
        text[len] = '\0';
        for (const char *p = text; (p = strstr(p, "add     byte ptr [rax],al")); p++)
            lines++;
        size_t keep = len < sizeof tail - 1 ? len : sizeof tail - 1;
        memcpy(tail, text + len - keep, keep);
        tail[keep] = '\0';
        ssize_t n = read(out[0], text, cap - 1);
        if (n <= 0)
            break;
        len = (size_t)n;
    }
    free(text);
    close(out[0]);
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    if (lines >= 0x80000 || !strstr(tail, "0:000> .echo after\nafter\n") ||
        strstr(tail, "\nnot run\n"))
        fail_msg("%zu instructions shown of 0x80000; the output ends:\n%s", lines, tail);
    mdb_free(&m);
}

/* `dataspaces ... | head`: when nobody reads stdout any more, the command
   stops and the program ends. */
static void test_closed_stdout_ends_the_session(void **state)
{
    (void)state;
    struct mdb m;
    mdb_init(&m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    mdb_memory(&m, 0x7ff610000000, 1u << 20, NULL, MDB_IN_LIST64);
    mdb_thread(&m, 0x10, 0, 0);
    mdb_build(&m);
    const char *dump = mdb_write_file(&m);
    int out[2];
    assert_int_equal(pipe2(out, O_CLOEXEC), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_RDONLY);
        dup2(null, 0);
        dup2(out[1], 1);
        execl(program_path("dataspaces"), "dataspaces", "-z", dump, "-c", "u 7ff610000000 L80000",
              (char *)NULL);
        _exit(127);
    }
    close(out[1]);
    char head[4096];
    assert_true(read(out[0], head, sizeof head) > 0);
    close(out[0]);
    int status = 0;
    pid_t done = 0;
    for (int i = 0; i < 600 && done == 0; i++) {
        done = waitpid(pid, &status, WNOHANG);
        if (done == 0)
            sleep_ms(100);
    }
    if (done == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        fail_msg("dataspaces went on after its stdout was closed");
    }
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    mdb_free(&m);
}

/* ---- bad targets, bad options ----------------------------------------------------- */

static void expect_failure(const char *const argv[], int status, const char *sentence)
{
    struct run r;
    run_cli(&r, argv, NULL);
    if (r.status != status)
        fail_msg("exit status %d, expected %d; stderr: %s", r.status, status, r.err);
    expect_contains(&r, r.err, "dataspaces: ");
    expect_contains(&r, r.err, sentence);
    assert_null(strstr(r.out, "0:000>"));
    run_free(&r);
}

static void test_bad_targets_say_why(void **state)
{
    (void)state;
    expect_failure((const char *const[]){"dataspaces", "-z", "/nonexistent/dir/core", NULL}, 1,
                   "/nonexistent/dir/core");
    char notdump[] = "/tmp/ds-cli-text-XXXXXX";
    int fd = mkstemp(notdump);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "not a dump at all\n", 18), 18);
    close(fd);
    expect_failure((const char *const[]){"dataspaces", "-z", notdump, NULL}, 1, notdump);
    unlink(notdump);

    /* A process that has ended. */
    pid_t gone = fork();
    assert_true(gone >= 0);
    if (gone == 0)
        _exit(0);
    waitpid(gone, NULL, 0);
    char pid[32];
    snprintf(pid, sizeof pid, "%d", (int)gone);
    expect_failure((const char *const[]){"dataspaces", "-p", pid, NULL}, 1, pid);
    expect_failure((const char *const[]){"dataspaces", "/nonexistent/program", "arg", NULL}, 1,
                   "/nonexistent/program");
    expect_failure((const char *const[]){"dataspaces", "-pn", "no-such-process-name-ds", NULL}, 1,
                   "no process is named no-such-process-name-ds");
    expect_failure((const char *const[]){"dataspaces", "-gdb", "127.0.0.1:1", NULL}, 1,
                   "127.0.0.1:1");
}

static void test_bad_options_are_usage_errors(void **state)
{
    (void)state;
    expect_failure((const char *const[]){"dataspaces", NULL}, 2, "no target");
    expect_failure((const char *const[]){"dataspaces", "-x", "-z", "f", NULL}, 2,
                   "unknown option -x");
    expect_failure((const char *const[]){"dataspaces", "-z", NULL}, 2, "-z needs a value");
    expect_failure((const char *const[]){"dataspaces", "-p", "12ab", NULL}, 2,
                   "-p 12ab: not a process id");
    expect_failure((const char *const[]){"dataspaces", "-pv", "-z", "f", NULL}, 2,
                   "-pv and -pvr qualify an attach");
    expect_failure((const char *const[]){"dataspaces", "-z", "a", "-p", "1", NULL}, 2,
                   "only one target");
}

/* ---- -h and the man page ------------------------------------------------------------ */

/* Every option word in text (at most max), one per entry: "-p", "--help". */
static size_t option_words(const char *text, char words[][24], size_t max)
{
    size_t n = 0;
    for (const char *p = text; *p && n < max; p++) {
        if (*p != '-' || (p > text && p[-1] != ' ' && p[-1] != ',' && p[-1] != '\n'))
            continue;
        size_t k = 1;
        while (p[k] == '-' || (p[k] >= 'a' && p[k] <= 'z') || p[k] == '?')
            k++;
        if (k < 2 || k >= 24)
            continue;
        bool seen = false;
        for (size_t i = 0; i < n; i++)
            seen = seen || (strlen(words[i]) == k && !strncmp(words[i], p, k));
        if (!seen) {
            memcpy(words[n], p, k);
            words[n++][k] = '\0';
        }
        p += k - 1;
    }
    return n;
}

static bool has_word(char words[][24], size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(words[i], w))
            return true;
    return false;
}

static void test_help_and_man_page_name_the_same_options(void **state)
{
    (void)state;
    struct run r;
    run_cli(&r, (const char *const[]){"dataspaces", "-h", NULL}, NULL);
    assert_int_equal(r.status, 0);
    /* -h's option lines: two blanks then '-', the option up to the two
       blanks before its description. */
    char help[4096] = "";
    for (const char *line = r.out; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len > 3 && !strncmp(line, "  -", 3)) {
            const char *gap = strstr(line + 2, "  ");
            size_t take = gap && gap < line + len ? (size_t)(gap - line) : len;
            strncat(help, line, take < 200 ? take : 200);
            strcat(help, "\n");
        }
        line = end ? end + 1 : NULL;
    }
    char hw[64][24], mw[64][24];
    size_t nh = option_words(help, hw, 64);
    assert_true(nh >= 10);

    /* The man page's options: the line after each .TP, "\-" read as "-". */
    char man_path[PATH_MAX + 32];
    snprintf(man_path, sizeof man_path, "%s/docs/dataspaces.1", source_dir);
    size_t size;
    uint8_t *bytes = read_whole_file(man_path, &size);
    assert_non_null(bytes);
    char *man = strndup((const char *)bytes, size); /* read_whole_file adds no NUL */
    free(bytes);
    assert_non_null(man);
    char tagged[4096] = "";
    for (char *tp = strstr(man, "\n.TP\n"); tp; tp = strstr(tp + 1, "\n.TP\n")) {
        const char *line = tp + 5;
        const char *end = strchr(line, '\n');
        char buf[256] = "";
        size_t o = 0;
        for (const char *p = line; p < end && o + 1 < sizeof buf; p++) {
            if (p[0] == '\\' && p[1] == '-') {
                buf[o++] = '-';
                p++;
            } else if (p[0] == '\\' && p[1] == 'f') {
                p += 2; /* font change */
            } else if (*p == '"') {
                buf[o++] = ' ';
            } else {
                buf[o++] = *p;
            }
        }
        buf[o] = '\0';
        if (strstr(buf, "-") && buf[0] == '.' && buf[1] == 'B') {
            strcat(tagged, buf + 2);
            strcat(tagged, "\n");
        }
    }
    free(man);
    size_t nm = option_words(tagged, mw, 64);
    for (size_t i = 0; i < nh; i++)
        if (!has_word(mw, nm, hw[i]))
            fail_msg("-h names %s, docs/dataspaces.1 does not (its options: %s)", hw[i], tagged);
    for (size_t i = 0; i < nm; i++)
        if (!has_word(hw, nh, mw[i]))
            fail_msg("docs/dataspaces.1 names %s, -h does not (its options: %s)", mw[i], help);
    assert_int_equal(nh, nm);
    run_free(&r);

    run_cli(&r, (const char *const[]){"dataspaces", "-version", NULL}, NULL);
    assert_int_equal(r.status, 0);
    expect_contains(&r, r.out, "dataspaces 0.1.0, u through capstone ");
    expect_contains(&r, r.out, ", line editing through libedit\n");
    run_free(&r);
}

/* ---- live processes ------------------------------------------------------------------ */

static void test_attach_reads_a_live_process(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "layout", NULL);
    uint64_t guard = helper_value(&h, "guard");
    char pid[32], cmd[256];
    snprintf(pid, sizeof pid, "%d", (int)h.pid);
    /* guard + i holds (i * 7) & 255. */
    snprintf(cmd, sizeof cmd, "? by(%llx+3); ? wo(%llx+10); |; q", (unsigned long long)guard,
             (unsigned long long)guard);
    for (int mode = 0; mode < 3; mode++) {
        const char *flag = mode == 0 ? "-p" : mode == 1 ? "-pv" : "-pvr";
        struct run r;
        if (mode == 0)
            run_cli(&r, (const char *const[]){"dataspaces", "-p", pid, "-c", cmd, NULL}, NULL);
        else
            run_cli(&r, (const char *const[]){"dataspaces", flag, "-p", pid, "-c", cmd, NULL},
                    NULL);
        expect_contains(&r, r.out,
                        mode == 2   ? "Attached non-invasively to process "
                        : mode == 1 ? "Attached non-invasively to process "
                                    : "Attached to process ");
        expect_contains(&r, r.out, "Evaluate expression: 21 = 00000000`00000015\n");
        /* wo(guard+0x10): bytes 0x70, 0x77 (16*7, 17*7) */
        expect_contains(&r, r.out, "Evaluate expression: 30576 = 00000000`00007770\n");
        expect_contains(&r, r.out, pid);
        assert_int_equal(r.status, 0);
        run_free(&r);
        /* q let it go: it runs and obeys. */
        assert_true(helper_answers(&h, "bump", 10000));
    }
    helper_stop(&h);
}

/* The memory commands on a live process, through the program: eb then db
   shows the change, s finds the planted pattern, .writemem then f then
   .readmem round-trips. */
static void test_memory_commands_on_a_live_process(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "layout", NULL);
    uint64_t g = helper_value(&h, "guard"); /* guard + i holds (i * 7) & 255 */
    char pid[32], file[] = "/tmp/ds-cli-writemem-XXXXXX", cmd[1024], want[4096];
    snprintf(pid, sizeof pid, "%d", (int)h.pid);
    int fd = mkstemp(file);
    assert_true(fd >= 0);
    close(fd);
    char a[32], a3[32], a10[32];
    unsigned long long hi = g >> 32, lo = g & 0xffffffffu;
    snprintf(a, sizeof a, "%08llx`%08llx", hi, lo);
    snprintf(a3, sizeof a3, "%08llx`%08llx", hi, lo + 3);
    snprintf(a10, sizeof a10, "%08llx`%08llx", hi, lo + 0x10);
    snprintf(cmd, sizeof cmd,
             "db %llx L20; eb %llx 11 22; db %llx L4; s -b %llx L100 15 1c; "
             ".writemem %s %llx L100; f %llx L100 0; db %llx L10; .readmem %s %llx L100; "
             "db %llx L10; q",
             (unsigned long long)g, (unsigned long long)g, (unsigned long long)g,
             (unsigned long long)g, file, (unsigned long long)g, (unsigned long long)g,
             (unsigned long long)g, file, (unsigned long long)g, (unsigned long long)g);
    snprintf(want, sizeof want,
             "0:000> %s\n"
             "%s  00 07 0e 15 1c 23 2a 31-38 3f 46 4d 54 5b 62 69  .....#*18?FMT[bi\n"
             "%s  70 77 7e 85 8c 93 9a a1-a8 af b6 bd c4 cb d2 d9  pw~.............\n"
             "%s  11 22 0e 15                                      .\"..\n"
             "%s  15 1c 23 2a 31 38 3f 46-4d 54 5b 62 69 70 77 7e  ..#*18?FMT[bipw~\n"
             "Writing 100 bytes.\n"
             "%s  00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00  ................\n"
             "Reading 100 bytes.\n"
             "%s  11 22 0e 15 1c 23 2a 31-38 3f 46 4d 54 5b 62 69  .\"...#*18?FMT[bi\n"
             "quit:\n",
             cmd, a, a10, a, a3, a, a);
    struct run r;
    run_cli(&r, (const char *const[]){"dataspaces", "-p", pid, "-c", cmd, NULL}, NULL);
    expect_session(&r, want);
    run_free(&r);
    /* The file holds what the process held, eb's change included. */
    size_t size;
    uint8_t *saved = read_whole_file(file, &size);
    assert_non_null(saved);
    assert_int_equal(size, 0x100);
    for (size_t i = 0; i < size; i++)
        assert_int_equal(saved[i], i == 0 ? 0x11 : i == 1 ? 0x22 : (uint8_t)(i * 7));
    free(saved);
    unlink(file);
    assert_true(helper_answers(&h, "bump", 10000));
    helper_stop(&h);
}

/* The progress line of a long command: on a terminal's stderr, never in
   a pipe. */
static void test_progress_only_on_a_terminal(void **state)
{
    (void)state;
    struct mdb m;
    mdb_init(&m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    mdb_memory(&m, 0x7ff610000000, 1u << 20, NULL, MDB_IN_LIST64);
    mdb_thread(&m, 0x10, 0, 0);
    mdb_build(&m);
    const char *dump = mdb_write_file(&m);
    const char *search = "s -b 7ff610000000 L100000 41 42; q";
    struct run r;
    run_cli(&r, (const char *const[]){"dataspaces", "-z", dump, "-c", search, NULL}, NULL);
    expect_session(&r, "0:000> s -b 7ff610000000 L100000 41 42; q\nquit:\n");
    run_free(&r);

    /* The same through a pseudo-terminal: stdout and stderr both on it. */
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    assert_true(master >= 0);
    assert_int_equal(grantpt(master), 0);
    assert_int_equal(unlockpt(master), 0);
    char slave_name[128];
    assert_int_equal(ptsname_r(master, slave_name, sizeof slave_name), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        setsid();
        int slave = open(slave_name, O_RDWR);
        if (slave < 0)
            _exit(126);
        dup2(slave, 0);
        dup2(slave, 1);
        dup2(slave, 2);
        execl(program_path("dataspaces"), "dataspaces", "-z", dump, "-c", search, (char *)NULL);
        _exit(127);
    }
    char screen[65536];
    size_t len = 0;
    for (int i = 0; i < 600 && len < sizeof screen - 1; i++) {
        struct pollfd p = {master, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0)
            continue;
        ssize_t n = read(master, screen + len, sizeof screen - 1 - len);
        if (n <= 0)
            break; /* EIO: the program ended, the terminal closed */
        len += (size_t)n;
    }
    screen[len] = '\0';
    close(master);
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* The last report says all of it was done, and the line is wiped. */
    if (!strstr(screen, "\r1.0 MiB of 1.0 MiB (100%), ") || !strstr(screen, "/s\033[K") ||
        !strstr(screen, "\r\033[K"))
        fail_msg("no progress line on the terminal; it shows:\n%s", screen);
    mdb_free(&m);
}

/* A copy of the layout helper under a name no other process has, started
   with its stdin held open (it waits on it); its pid. */
static pid_t start_named_copy(const char *path, int *stdin_fd)
{
    int in[2];
    assert_int_equal(pipe2(in, O_CLOEXEC), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(in[0], 0);
        dup2(null, 1);
        execl(path, path, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    *stdin_fd = in[1];
    /* Until the exec is done, /proc/PID/exe names this test. */
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/%d/exe", (int)pid);
    for (int i = 0; i < 600; i++) {
        ssize_t n = readlink(link, target, sizeof target - 1);
        if (n > 0 && (size_t)n == strlen(path) && !memcmp(target, path, (size_t)n))
            return pid;
        sleep_ms(10);
    }
    fail_msg("%s did not start", path);
    return -1;
}

static void test_attach_by_name(void **state)
{
    (void)state;
    char dir[] = "/tmp/ds-cli-pn-XXXXXX", name[64], path[128];
    assert_non_null(mkdtemp(dir));
    snprintf(name, sizeof name, "dspn%d", (int)getpid());
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t size;
    uint8_t *image = read_whole_file(helper_path("layout"), &size);
    assert_non_null(image);
    write_whole_file(path, image, size);
    free(image);
    assert_int_equal(chmod(path, 0755), 0);

    int in1, in2;
    pid_t one = start_named_copy(path, &in1);
    struct run r;
    run_cli(&r, (const char *const[]){"dataspaces", "-pn", name, "-c", "q", NULL}, NULL);
    char want[64];
    snprintf(want, sizeof want, "Attached to process %d,", (int)one);
    expect_contains(&r, r.out, want);
    assert_int_equal(r.status, 0);
    run_free(&r);

    /* Two of that name: refused, both named. */
    pid_t two = start_named_copy(path, &in2);
    run_cli(&r, (const char *const[]){"dataspaces", "-pn", name, NULL}, NULL);
    assert_int_equal(r.status, 1);
    char sentence[128], id1[32], id2[32];
    snprintf(sentence, sizeof sentence, "dataspaces: 2 processes are named %s (", name);
    snprintf(id1, sizeof id1, "%d", (int)one);
    snprintf(id2, sizeof id2, "%d", (int)two);
    expect_contains(&r, r.err, sentence);
    expect_contains(&r, r.err, id1);
    expect_contains(&r, r.err, id2);
    expect_contains(&r, r.err, "pick one with -p PID");
    run_free(&r);
    close(in1);
    close(in2);
    kill(one, SIGKILL);
    kill(two, SIGKILL);
    waitpid(one, NULL, 0);
    waitpid(two, NULL, 0);
    remove_tree(dir);
}

static bool process_exists(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d", (int)pid);
    return access(path, F_OK) == 0 && process_state(pid) != 'Z';
}

static pid_t started_pid(const struct run *r)
{
    const char *p = strstr(r->out, "Started process ");
    if (!p)
        fail_msg("no 'Started process' line in:\n%s\nstderr:\n%s", r->out, r->err);
    return (pid_t)strtol(p + strlen("Started process "), NULL, 10);
}

static void test_launch_stops_at_the_first_instruction(void **state)
{
    (void)state;
    struct run r;
    const char *layout = helper_path("layout");
    run_cli(&r, (const char *const[]){"dataspaces", layout, "an-argument", "-c", "not-ours", NULL},
            "lm\n|\nq\n");
    assert_int_equal(r.status, 0);
    char want[PATH_MAX + 64];
    snprintf(want, sizeof want, "CommandLine: %s an-argument -c not-ours\n", layout);
    expect_contains(&r, r.out, want);
    expect_contains(&r, r.out, "stopped at its first instruction");
    expect_contains(&r, r.out, "0:000> lm\n");
    expect_contains(&r, r.out, " layout ");
    expect_contains(&r, r.out, "ld_linux");
    pid_t pid = started_pid(&r);
    assert_true(pid > 0);
    /* q killed it (and the program reaped it). */
    assert_false(process_exists(pid));
    run_free(&r);

    /* qd lets it run on: the shell runs and becomes a sleep (its output
       away from the pipes this test reads to their end). */
    run_cli(&r,
            (const char *const[]){"dataspaces", "-c", "qd", "sh", "-c",
                                  "exec sleep 30 </dev/null >/dev/null 2>&1", NULL},
            NULL);
    assert_int_equal(r.status, 0);
    pid = started_pid(&r);
    assert_true(process_exists(pid));
    char st = process_state(pid); /* running or sleeping, not stopped by a tracer */
    if (st == 't' || st == 'T' || st == 'Z' || st == '?')
        fail_msg("after qd process %d is in state %c", (int)pid, st);
    kill(pid, SIGKILL);
    run_free(&r);
}

/* ---- without libedit and capstone ------------------------------------------------------ */

static void test_build_without_optional_libraries(void **state)
{
    (void)state;
    struct mdb m;
    const char *dump = write_x64_dump(&m);
    struct run r;
    run_program(&r, "dataspaces-plain", (const char *const[]){"dataspaces", "-z", dump, NULL},
                ".echo plain\nu app+1000\n.echo still here\n", NULL);
    expect_session(&r, "0:000> .echo plain\nplain\n"
                       "0:000> u app+1000\n"
                       "u: this dataspaces was built without capstone, so it cannot disassemble "
                       "(install libcapstone-dev and build again)\n"
                       "0:000> .echo still here\nstill here\n");
    run_free(&r);
    run_program(&r, "dataspaces-plain", (const char *const[]){"dataspaces", "-version", NULL}, NULL,
                NULL);
    assert_string_equal(r.out, "dataspaces 0.1.0\n");
    run_free(&r);
    mdb_free(&m);
}

/* ---- a real terminal ---------------------------------------------------------------- */

struct tmux {
    char dir[64];     /* scratch: the sockets, HOME */
    char socket[128]; /* a server of its own for each session (one that
                         is still exiting cannot take the next) */
    int sessions;
};

static int tmux(const struct tmux *t, const char *const args[], char *out, size_t cap)
{
    const char *argv[24] = {"tmux", "-S", t->socket};
    size_t n = 3;
    for (size_t i = 0; args[i] && n < 23; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(p[1], 1);
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 2);
        close(p[0]);
        close(p[1]);
        execvp("tmux", (char *const *)argv);
        _exit(127);
    }
    close(p[1]);
    size_t len = 0;
    ssize_t got;
    while ((got = read(p[0], out ? out + len : (char[256]){0}, out ? cap - 1 - len : 256)) > 0)
        if (out)
            len += (size_t)got;
    if (out)
        out[len] = '\0';
    close(p[0]);
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Wait until the pane shows `want` `times` times (polling the screen; a
   bound for a hang, not a timing assertion). */
static void wait_screen(const struct tmux *t, const char *want, int times, char *screen, size_t cap)
{
    for (int i = 0; i < 600; i++) {
        tmux(t, (const char *const[]){"capture-pane", "-p", "-t", "cli", NULL}, screen, cap);
        int seen = 0;
        for (const char *p = strstr(screen, want); p; p = strstr(p + 1, want))
            seen++;
        if (seen >= times)
            return;
        sleep_ms(50);
    }
    fail_msg("the terminal never showed \"%s\" %d times; it shows:\n%s", want, times, screen);
}

static void keys(const struct tmux *t, const char *k1, const char *k2)
{
    tmux(t, (const char *const[]){"send-keys", "-t", "cli", k1, k2, NULL}, NULL, 0);
}

/* Start program in a new terminal; its stderr goes to DIR/stderrN unless
   on_screen (then the test reads it on the screen). */
static void start_program_in_tmux(struct tmux *t, const char *program, const char *options,
                                  const char *home, const char *dump, bool on_screen)
{
    snprintf(t->socket, sizeof t->socket, "%s/socket%d", t->dir, ++t->sessions);
    char command[PATH_MAX * 4], errors[160] = "";
    if (!on_screen)
        snprintf(errors, sizeof errors, " 2>'%s/stderr%d'", t->dir, t->sessions);
    snprintf(command, sizeof command, "HOME='%s' TERM=xterm '%s' %s -z '%s'%s", home,
             program_path(program), options, dump, errors);
    assert_int_equal(tmux(t,
                          (const char *const[]){"new-session", "-d", "-s", "cli", "-x", "100", "-y",
                                                "60", command, NULL},
                          NULL, 0),
                     0);
}

static void start_in_tmux(struct tmux *t, const char *home, const char *dump)
{
    start_program_in_tmux(t, "dataspaces", "", home, dump, false);
}

/* What session n wrote on its stderr: nothing (under ASan, no leak either). */
static void expect_quiet_stderr(const struct tmux *t, int n)
{
    char path[160];
    snprintf(path, sizeof path, "%s/stderr%d", t->dir, n);
    size_t size = 0;
    uint8_t *text = read_whole_file(path, &size);
    assert_non_null(text);
    if (size)
        fail_msg("session %d wrote on stderr: %.*s", n, (int)size, (const char *)text);
    free(text);
}

static void wait_session_end(const struct tmux *t)
{
    for (int i = 0; i < 600; i++) {
        if (tmux(t, (const char *const[]){"has-session", "-t", "cli", NULL}, NULL, 0) != 0)
            return;
        sleep_ms(50);
    }
    fail_msg("dataspaces did not end after q");
}

/* The terminal test's servers: the teardown ends them, whether the test
   passed or failed half way. */
static struct tmux tty;

static int end_terminals(void **state)
{
    (void)state;
    for (int i = 1; i <= tty.sessions; i++) {
        snprintf(tty.socket, sizeof tty.socket, "%s/socket%d", tty.dir, i);
        tmux(&tty, (const char *const[]){"kill-server", NULL}, NULL, 0);
    }
    if (tty.dir[0])
        remove_tree(tty.dir);
    memset(&tty, 0, sizeof tty);
    return 0;
}

static void test_prompt_in_a_terminal(void **state)
{
    (void)state;
    struct mdb m;
    const char *dump = write_x64_dump(&m);
    snprintf(tty.dir, sizeof tty.dir, "/tmp/ds-cli-tty-XXXXXX");
    assert_non_null(mkdtemp(tty.dir));
    tty.sessions = 0;
    char home[128], history[192], screen[8192];
    snprintf(home, sizeof home, "%s/home", tty.dir);
    assert_int_equal(mkdir(home, 0700), 0);
    snprintf(history, sizeof history, "%s/.dataspaces_history", home);

    start_in_tmux(&tty, home, dump);
    wait_screen(&tty, "0:000>", 1, screen, sizeof screen);
    keys(&tty, "? 0n41+1", "Enter");
    wait_screen(&tty, "Evaluate expression: 42 = 00000000`0000002a", 1, screen, sizeof screen);
    /* The up arrow brings the line back; Enter runs it again. */
    keys(&tty, "Up", "Enter");
    wait_screen(&tty, "Evaluate expression: 42 = 00000000`0000002a", 2, screen, sizeof screen);
    /* An empty line after u shows the next instructions, as cdb does. */
    keys(&tty, "u app+1000 L2", "Enter");
    wait_screen(&tty, "00007ff6`00001007 488b0510000000", 1, screen, sizeof screen);
    keys(&tty, "Enter", NULL);
    wait_screen(&tty, "00007ff6`0000100e e810000000      call", 1, screen, sizeof screen);
    /* Tab completes a command's name, and lists the candidates when the
       name is not yet told apart; Ctrl-C drops a half-typed line. */
    keys(&tty, ".wr", "Tab");
    wait_screen(&tty, "0:000> .writemem", 1, screen, sizeof screen);
    keys(&tty, "C-c", NULL);
    wait_screen(&tty, "0:000>", 6, screen, sizeof screen);
    keys(&tty, "!", "Tab");
    wait_screen(&tty, "!address  !vprot", 1, screen, sizeof screen);
    keys(&tty, "C-c", NULL);
    wait_screen(&tty, "0:000>", 8, screen, sizeof screen);
    keys(&tty, "q", "Enter");
    wait_session_end(&tty);

    size_t size;
    uint8_t *saved = read_whole_file(history, &size);
    assert_non_null(saved);
    assert_int_equal(size, strlen("? 0n41+1\nu app+1000 L2\nq\n"));
    assert_memory_equal(saved, "? 0n41+1\nu app+1000 L2\nq\n", size);
    free(saved);

    /* A second session recalls the first one's lines (and logs what was
       typed with -logo). */
    char log_option[160];
    snprintf(log_option, sizeof log_option, "-logo '%s/log'", tty.dir);
    start_program_in_tmux(&tty, "dataspaces", log_option, home, dump, false);
    wait_screen(&tty, "0:000>", 1, screen, sizeof screen);
    keys(&tty, "Up", "Up");
    keys(&tty, "Up", NULL);
    wait_screen(&tty, "0:000> ? 0n41+1", 1, screen, sizeof screen);
    keys(&tty, "Enter", NULL);
    wait_screen(&tty, "Evaluate expression: 42 = 00000000`0000002a", 1, screen, sizeof screen);
    /* Ctrl-D (the end of input) quits. */
    keys(&tty, "C-d", NULL);
    wait_session_end(&tty);

    /* A history that cannot be written is a warning; the session goes on. */
    char nowhere[192];
    snprintf(nowhere, sizeof nowhere, "%s/missing/dir", tty.dir);
    start_program_in_tmux(&tty, "dataspaces", "", nowhere, dump, true);
    wait_screen(&tty, "0:000>", 1, screen, sizeof screen);
    keys(&tty, ".echo still going", "Enter");
    wait_screen(&tty, "cannot write the history file", 1, screen, sizeof screen);
    wait_screen(&tty, "\nstill going", 1, screen, sizeof screen);
    keys(&tty, "q", "Enter");
    wait_session_end(&tty);

    /* Without libedit: a plain prompt, where Ctrl-C drops the line too. */
    start_program_in_tmux(&tty, "dataspaces-plain", "", home, dump, false);
    wait_screen(&tty, "0:000>", 1, screen, sizeof screen);
    keys(&tty, ".echo dropped", "C-c");
    wait_screen(&tty, "0:000>", 2, screen, sizeof screen);
    keys(&tty, ".echo plain prompt", "Enter");
    wait_screen(&tty, "\nplain prompt", 1, screen, sizeof screen);
    assert_null(strstr(screen, "\ndropped"));
    keys(&tty, "C-d", NULL);
    wait_session_end(&tty);
    char log_path[160];
    snprintf(log_path, sizeof log_path, "%s/log", tty.dir);
    uint8_t *logged = read_whole_file(log_path, &size);
    assert_non_null(logged);
    char *log_text = strndup((const char *)logged, size);
    free(logged);
    if (!strstr(log_text, "\n0:000> ? 0n41+1\nEvaluate expression: 42 = 00000000`0000002a\n"))
        fail_msg("the log of the typed session reads:\n%s", log_text);
    free(log_text);
    expect_quiet_stderr(&tty, 1);
    expect_quiet_stderr(&tty, 2);
    expect_quiet_stderr(&tty, 4);
    mdb_free(&m);
}

int main(void)
{
    const char *helpers = getenv("DS_HELPERS");
    if (!helpers || !realpath(helpers, build_dir)) {
        fprintf(stderr, "test_cli: DS_HELPERS must name the build's helpers directory\n");
        return 1;
    }
    *strrchr(build_dir, '/') = '\0'; /* .../build */
    snprintf(source_dir, sizeof source_dir, "%s", build_dir);
    *strrchr(source_dir, '/') = '\0'; /* the checkout */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_u_and_expressions_over_a_minidump),
        cmocka_unit_test(test_u_on_x86_and_arm64),
        cmocka_unit_test(test_elf_core_banner_and_session),
        cmocka_unit_test(test_piped_lines_and_command_files),
        cmocka_unit_test(test_log_file),
        cmocka_unit_test(test_interrupt_stops_a_command),
        cmocka_unit_test(test_closed_stdout_ends_the_session),
        cmocka_unit_test(test_bad_targets_say_why),
        cmocka_unit_test(test_bad_options_are_usage_errors),
        cmocka_unit_test(test_help_and_man_page_name_the_same_options),
        cmocka_unit_test(test_attach_reads_a_live_process),
        cmocka_unit_test(test_memory_commands_on_a_live_process),
        cmocka_unit_test(test_attach_by_name),
        cmocka_unit_test(test_progress_only_on_a_terminal),
        cmocka_unit_test(test_launch_stops_at_the_first_instruction),
        cmocka_unit_test(test_build_without_optional_libraries),
        cmocka_unit_test_teardown(test_prompt_in_a_terminal, end_terminals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
