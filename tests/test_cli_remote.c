/*
 * test_cli_remote — the dataspaces program's -gdb HOST:PORT against a real
 * gdbserver attached to tests/helpers/remote_target (tests/lib/remote_servers.h):
 * the banner, db/dd/s on planted bytes, eb then db (checked in the process
 * itself), lm and !address; and the exit status and sentence of a port
 * nobody listens on and of a Unix socket that is not there.
 */
#include "remote_checks.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUN_TIMEOUT_S 60 /* a run that takes longer has hung: fail, not wait */

static char program[PATH_MAX + 16]; /* .../build/dataspaces */

struct run {
    int status; /* exit status, or 128 + signal */
    char out[65536], err[4096];
};

/* Read what fd has into buf (NUL-terminated, truncated at its size). */
static bool drain(int fd, char *buf, size_t cap, size_t *len)
{
    char chunk[4096];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0)
        return false;
    size_t take = (size_t)n < cap - 1 - *len ? (size_t)n : cap - 1 - *len;
    memcpy(buf + *len, chunk, take);
    *len += take;
    buf[*len] = '\0';
    return true;
}

/* Run the program with argv (argv[0] included, NULL-terminated), stdin
   empty; collect stdout, stderr and the exit status. */
static void run_cli(struct run *r, const char *const argv[])
{
    memset(r, 0, sizeof *r);
    int out[2], err[2];
    assert_int_equal(pipe2(out, O_CLOEXEC), 0);
    assert_int_equal(pipe2(err, O_CLOEXEC), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_RDONLY);
        dup2(null, 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        execv(program, (char *const *)argv);
        fprintf(stderr, "cannot run %s: %s\n", program, strerror(errno));
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    size_t olen = 0, elen = 0;
    bool oopen = true, eopen = true;
    double start = monotonic_s();
    while (oopen || eopen) {
        struct pollfd p[2] = {{oopen ? out[0] : -1, POLLIN, 0}, {eopen ? err[0] : -1, POLLIN, 0}};
        int ready = poll(p, 2, 1000);
        if (monotonic_s() - start > RUN_TIMEOUT_S) {
            kill(pid, SIGKILL);
            fail_msg("%s did not end within %d s; its output: %s", program, RUN_TIMEOUT_S, r->out);
        }
        if (ready <= 0)
            continue;
        if (p[0].revents)
            oopen = drain(out[0], r->out, sizeof r->out, &olen);
        if (p[1].revents)
            eopen = drain(err[0], r->err, sizeof r->err, &elen);
    }
    close(out[0]);
    close(err[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    r->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void expect_contains(const struct run *r, const char *want)
{
    if (!strstr(r->out, want))
        fail_msg("expected \"%s\" in the output:\n%s\n(stderr:\n%s)", want, r->out, r->err);
}

/* cdb's address form: 00007fd3`dcbd8000. */
static const char *tick(uint64_t a)
{
    static char s[4][20];
    static int i;
    i = (i + 1) % 4;
    snprintf(s[i], sizeof s[i], "%08x`%08x", (unsigned)(a >> 32), (unsigned)a);
    return s[i];
}

static struct remote_session S;

static int session_teardown(void **state)
{
    (void)state;
    remote_session_close(&S);
    return 0;
}

static void test_memory_commands_through_gdbserver(void **state)
{
    (void)state;
    remote_session_start(&S, SERVER_GDBSERVER_ATTACH);
    char cmds[1024];
    snprintf(cmds, sizeof cmds,
             "db %llx L30; dd %llx+3f8 L4; s -a %llx L100 \"needle\"; eb %llx 12 34 56; "
             "db %llx L8; lm; !address %llx; q",
             (unsigned long long)S.static_text, (unsigned long long)S.static_bytes,
             (unsigned long long)S.static_text, (unsigned long long)S.scratch,
             (unsigned long long)S.scratch, (unsigned long long)S.scratch);
    struct run r;
    run_cli(&r, (const char *const[]){"dataspaces", "-gdb", S.srv.spec, "-c", cmds, NULL});
    if (r.status != 0)
        fail_msg("exit status %d; stderr: %s\nstdout: %s", r.status, r.err, r.out);
    assert_string_equal(r.err, "");

    /* The banner names the server and what it holds (the helper's 4 threads). */
    char want[512];
    snprintf(want, sizeof want, "Connected to the GDB remote server at %s: x64, %d threads", S.srv.spec,
             S.threads + 1);
    expect_contains(&r, want);

    /* db: the planted text, three lines. */
    snprintf(want, sizeof want,
             "%s  72 65 6d 6f 74 65 5f 74-61 72 67 65 74 20 73 74  remote_target st\n"
             "%s  61 74 69 63 3a 20 6e 65-65 64 6c 65 2d 24 23 7d  atic: needle-$#}\n"
             "%s  2a 2d 53 54 41 54 49 43-00 00 00 00 00 00 00 00  *-STATIC........\n",
             tick(S.static_text), tick(S.static_text + 16), tick(S.static_text + 32));
    expect_contains(&r, want);
    /* dd across the 0x11/0x22 run boundary of static_bytes. */
    snprintf(want, sizeof want, "%s  11111111 11111111 22222222 22222222\n", tick(S.static_bytes + 0x3f8));
    expect_contains(&r, want);
    /* s -a: the needle inside static_text, at offset 22. */
    snprintf(want, sizeof want, "%s  6e 65 65 64 6c 65 2d 24-23 7d 2a 2d 53 54 41 54  needle-$#}*-STAT\n",
             tick(S.static_text + 22));
    expect_contains(&r, want);
    /* eb then db shows the written bytes, and the process holds them. */
    snprintf(want, sizeof want, "%s  12 34 56 00 00 00 00 00                          .4V.....\n",
             tick(S.scratch));
    expect_contains(&r, want);
    uint8_t written[4];
    direct_read(S.h.pid, S.scratch, written, sizeof written);
    assert_memory_equal(written, "\x12\x34\x56\x00", 4);
    /* lm: the module table's header (gdbserver lists no modules). */
    expect_contains(&r, "start             end                 module name\n");
    /* !address: scratch is one RW private page of its own. */
    snprintf(want, sizeof want, "Base Address:           %s\nEnd Address:            %s\n", tick(S.scratch),
             tick(S.scratch + S.page));
    expect_contains(&r, want);
    expect_contains(&r, "MEM_COMMIT\n");
    expect_contains(&r, "PAGE_READWRITE\n");
    expect_contains(&r, "quit:\n");
}

static void expect_failure(const char *spec, const char *sentence)
{
    struct run r;
    run_cli(&r, (const char *const[]){"dataspaces", "-gdb", spec, "-c", "q", NULL});
    if (r.status != 1)
        fail_msg("-gdb %s: exit status %d, expected 1; stderr: %s", spec, r.status, r.err);
    if (!strstr(r.err, "dataspaces: ") || !strstr(r.err, sentence))
        fail_msg("-gdb %s: expected \"%s\" in stderr:\n%s", spec, sentence, r.err);
    assert_null(strstr(r.out, "0:000>"));
}

static void test_unreachable_servers_say_why(void **state)
{
    (void)state;
    char spec[64], sentence[128];
    int port = free_tcp_port();
    snprintf(spec, sizeof spec, "127.0.0.1:%d", port);
    snprintf(sentence, sizeof sentence, "cannot connect to 127.0.0.1:%d: Connection refused", port);
    expect_failure(spec, sentence);
    expect_failure("unix:/nonexistent/ds-cli-remote.sock", "/nonexistent/ds-cli-remote.sock");
    expect_failure("127.0.0.1:notaport", "127.0.0.1:notaport");
}

int main(void)
{
    const char *helpers = getenv("DS_HELPERS");
    char build_dir[PATH_MAX];
    if (!helpers || !realpath(helpers, build_dir)) {
        fprintf(stderr, "test_cli_remote: DS_HELPERS must name the build's helpers directory\n");
        return 1;
    }
    *strrchr(build_dir, '/') = '\0'; /* .../build */
    snprintf(program, sizeof program, "%s/dataspaces", build_dir);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_memory_commands_through_gdbserver, session_teardown),
        cmocka_unit_test(test_unreachable_servers_say_why),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
