/* testlib.c — see testlib.h. */
#include "testlib.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *helper_path(const char *name)
{
    static char path[4096];
    const char *dir = getenv("DS_HELPERS");
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "build/helpers", name);
    return path;
}

/* A 32-bit helper (NAME_m32) on a kernel that runs no 32-bit programs
   (IA32 emulation off: "32-bit emulation disabled" in dmesg, boot option
   ia32_emulation=off or CONFIG_IA32_EMULATION_DEFAULT_DISABLED) cannot be
   tested here at all: the test is skipped, saying why, rather than failed. */
enum { HELPER_EXIT_NOEXEC = 126 };

static void skip_if_kernel_refused(struct helper *h, const char *name)
{
    size_t n = strlen(name);
    if (n < 4 || strcmp(name + n - 4, "_m32") != 0)
        return;
    int status = 0;
    pid_t pid = h->pid;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    h->pid = 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != HELPER_EXIT_NOEXEC)
        return;
    helper_stop(h);
    print_message("SKIPPED: this kernel does not run 32-bit x86 programs (IA32 emulation is "
                  "off: execve of %s failed with ENOEXEC), so no 32-bit process can be "
                  "tested on this machine\n", name);
    skip();
}

void helper_start(struct helper *h, const char *name, ...)
{
    char *argv[16];
    int argc = 0;
    argv[argc++] = (char *)helper_path(name);
    va_list ap;
    va_start(ap, name);
    for (char *a; argc < 15 && (a = va_arg(ap, char *));)
        argv[argc++] = a;
    va_end(ap);
    argv[argc] = NULL;

    int in[2], out[2];
    assert_int_equal(pipe(in), 0);
    assert_int_equal(pipe(out), 0);
    memset(h, 0, sizeof *h);
    h->pid = fork();
    assert_true(h->pid >= 0);
    if (h->pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[0]), close(in[1]), close(out[0]), close(out[1]);
        execv(argv[0], argv);
        int err = errno;
        fprintf(stderr, "cannot run helper %s: %s\n", argv[0], strerror(err));
        _exit(err == ENOEXEC ? HELPER_EXIT_NOEXEC : 127);
    }
    close(in[0]);
    close(out[1]);
    h->to = fdopen(in[1], "w");
    h->from = fdopen(out[0], "r");
    char line[256];
    while (fgets(line, sizeof line, h->from)) {
        line[strcspn(line, "\n")] = '\0';
        if (strcmp(line, "ready") == 0)
            return;
        char *eq = strchr(line, '=');
        if (eq && h->nkeys < HELPER_MAX_KEYS) {
            *eq = '\0';
            size_t klen = strnlen(line, sizeof h->keys[0] - 1);
            memcpy(h->keys[h->nkeys], line, klen);
            h->keys[h->nkeys][klen] = '\0';
            h->values[h->nkeys++] = strtoull(eq + 1, NULL, 0);
        }
    }
    skip_if_kernel_refused(h, name);
    fail_msg("helper %s ended before it was ready", name);
}

uint64_t helper_value(const struct helper *h, const char *key)
{
    for (int i = 0; i < h->nkeys; i++)
        if (strcmp(h->keys[i], key) == 0)
            return h->values[i];
    fail_msg("helper did not report %s", key);
    return 0;
}

void helper_command(struct helper *h, const char *cmd)
{
    fprintf(h->to, "%s\n", cmd);
    fflush(h->to);
    char line[256];
    assert_non_null(fgets(line, sizeof line, h->from));
    assert_string_equal(line, "ok\n");
}

void helper_stop(struct helper *h)
{
    if (h->pid > 0) {
        kill(h->pid, SIGKILL);
        while (waitpid(h->pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    if (h->to)
        fclose(h->to);
    if (h->from)
        fclose(h->from);
    memset(h, 0, sizeof *h);
}

const char *testdata_dir(void)
{
    const char *d = getenv("DS_TESTDATA");
    if (d && *d)
        return d;
    return access("../shared/testdata", R_OK) == 0 ? "../shared/testdata" : NULL;
}

const char *testdata_required(const char *program)
{
    const char *d = testdata_dir();
    if (d && access(d, R_OK) == 0)
        return d;
    fprintf(stderr, "%s: the third-party test corpus is not at %s: set DS_TESTDATA to the "
            "directory that holds its elfcore/ and minidump/ (make conformance "
            "DS_TESTDATA=/path)\n", program, d ? d : "../shared/testdata");
    return NULL;
}

const char *testdata_path(const char *relative)
{
    static char path[4096];
    const char *d = testdata_dir();
    snprintf(path, sizeof path, "%s/%s", d ? d : "../shared/testdata", relative);
    return path;
}

int proc_maps_lookup(pid_t pid, uint64_t addr, uint64_t *start, uint64_t *end, char perms[5])
{
    char path[64], line[4096];
    snprintf(path, sizeof path, "/proc/%d/maps", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    int found = -1;
    while (fgets(line, sizeof line, f)) {
        unsigned long long s, e;
        char p[5];
        if (sscanf(line, "%llx-%llx %4s", &s, &e, p) == 3 && addr >= s && addr < e) {
            *start = s, *end = e;
            memcpy(perms, p, 5);
            found = 0;
            break;
        }
    }
    fclose(f);
    return found;
}

bool helper_answers(struct helper *h, const char *cmd, int timeout_ms)
{
    if (fprintf(h->to, "%s\n", cmd) < 0 || fflush(h->to) != 0)
        return false;
    struct pollfd p = { .fd = fileno(h->from), .events = POLLIN };
    if (poll(&p, 1, timeout_ms) != 1)
        return false;
    char line[64];
    return fgets(line, sizeof line, h->from) && strcmp(line, "ok\n") == 0;
}

/* ---- the layout helper's fixture ----------------------------------------- */

static int layout_setup(void **state, unsigned attach_flags)
{
    struct layout_fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    helper_start(&f->h, "layout", NULL);
    f->page = helper_value(&f->h, "page");
    f->hello = helper_value(&f->h, "hello");
    assert_hr(S_OK, ds_attach(f->h.pid, attach_flags, &f->t), NULL);
    *state = f;
    return 0;
}

int layout_setup_stopped(void **state)
{
    return layout_setup(state, 0);
}

int layout_setup_running(void **state)
{
    return layout_setup(state, DS_ATTACH_NONINVASIVE_NO_SUSPEND);
}

int layout_teardown(void **state)
{
    struct layout_fixture *f = *state;
    ds_close(f->t);
    helper_stop(&f->h);
    free(f);
    return 0;
}

/* ---- processes under /proc ----------------------------------------------- */

/* The letter after the ") " of a stat file. */
static char stat_state(const char *path)
{
    char buf[512];
    FILE *f = fopen(path, "r");
    if (!f)
        return '?';
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *rp = strrchr(buf, ')');
    return rp && rp[1] == ' ' ? rp[2] : '?';
}

char task_state(pid_t pid, pid_t tid)
{
    char path[96];
    snprintf(path, sizeof path, "/proc/%d/task/%d/stat", (int)pid, (int)tid);
    return stat_state(path);
}

char process_state(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    return stat_state(path);
}

char *task_states(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    DIR *d = opendir(path);
    if (!d)
        return NULL;
    size_t n = 0, cap = 64;
    char *states = malloc(cap);
    assert_non_null(states);
    for (struct dirent *de; (de = readdir(d));) {
        pid_t tid = atoi(de->d_name);
        char s = tid > 0 ? task_state(pid, tid) : '?';
        if (s == '?')
            continue;
        if (n + 1 == cap) {
            states = realloc(states, cap *= 2);
            assert_non_null(states);
        }
        states[n++] = s;
    }
    closedir(d);
    states[n] = '\0';
    return states;
}

pid_t fork_with_answer_pipe(int *fd)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    close(p[child == 0 ? 0 : 1]);
    *fd = p[child == 0 ? 1 : 0];
    return child;
}

size_t child_answer(pid_t child, int fd, int timeout_ms, const char *what, char *buf,
                    size_t cap)
{
    struct pollfd pf = { .fd = fd, .events = POLLIN };
    if (poll(&pf, 1, timeout_ms) != 1) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
        close(fd);
        fail_msg("%s did not return", what);
    }
    size_t got = 0;
    for (ssize_t n; got < cap - 1 && (n = read(fd, buf + got, cap - 1 - got)) > 0;)
        got += (size_t)n;
    buf[got] = '\0';
    close(fd);
    waitpid(child, NULL, 0);
    return got;
}

void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* ---- files --------------------------------------------------------------- */

uint8_t *read_whole_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *size = (size_t)n;
    return buf;
}

void write_whole_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, size, f), size);
    assert_int_equal(fclose(f), 0);
}

void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    for (struct dirent *de; d && (de = readdir(d));) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(path);
        else
            unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}
