/* remote_servers.c — see remote_servers.h. */
#include "testlib.h"
#include "remote_servers.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

const char *lldb_server_path(void)
{
    static const char *candidates[] = {
        "/usr/lib/llvm-14/bin/lldb-server", "/usr/bin/lldb-server-14", "/usr/bin/lldb-server",
        "/usr/lib/llvm-16/bin/lldb-server", "/usr/lib/llvm-15/bin/lldb-server",
    };
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++)
        if (access(candidates[i], X_OK) == 0)
            return candidates[i];
    return NULL;
}

int free_tcp_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof a;
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

/* The inode of the socket listening on TCP port `port` (any local address),
   from /proc/net/tcp{,6}; 0 when none. */
static unsigned long listening_inode(int port)
{
    static const char *files[] = { "/proc/net/tcp", "/proc/net/tcp6" };
    unsigned long found = 0;
    for (int i = 0; i < 2 && !found; i++) {
        FILE *f = fopen(files[i], "r");
        char line[512];
        while (f && !found && fgets(line, sizeof line, f)) {
            char local[128];
            unsigned st;
            unsigned long inode;
            if (sscanf(line, " %*d: %127s %*s %x %*s %*s %*s %*s %*s %lu", local, &st, &inode) != 3)
                continue;
            char *colon = strrchr(local, ':');
            if (colon && st == 0x0A && strtol(colon + 1, NULL, 16) == port)
                found = inode;
        }
        if (f)
            fclose(f);
    }
    return found;
}

/* Whether process pid holds the socket with that inode: the listener is our
   server's, not another program's that took the port first. */
static bool process_holds_socket(pid_t pid, unsigned long inode)
{
    char dir[64], want[48];
    snprintf(dir, sizeof dir, "/proc/%d/fd", (int)pid);
    snprintf(want, sizeof want, "socket:[%lu]", inode);
    DIR *d = opendir(dir);
    bool held = false;
    for (struct dirent *de; d && !held && (de = readdir(d));) {
        char path[320], target[64];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        ssize_t n = readlink(path, target, sizeof target - 1);
        if (n > 0) {
            target[n] = '\0';
            held = strcmp(target, want) == 0;
        }
    }
    if (d)
        closedir(d);
    return held;
}

/* A LISTEN (state 0A) line for the port in one of /proc/net/tcp{,6}. */
bool port_listens(int port)
{
    static const char *files[] = { "/proc/net/tcp", "/proc/net/tcp6" };
    for (int i = 0; i < 2; i++) {
        FILE *f = fopen(files[i], "r");
        char line[512];
        bool found = false;
        while (f && !found && fgets(line, sizeof line, f)) {
            char local[128];
            unsigned st;
            if (sscanf(line, " %*d: %127s %*s %x", local, &st) != 2)
                continue;
            char *colon = strrchr(local, ':');
            found = colon && st == 0x0A && strtol(colon + 1, NULL, 16) == port;
        }
        if (f)
            fclose(f);
        if (found)
            return true;
    }
    return false;
}

int child_pids(pid_t pid, pid_t *out, int max)
{
    int n = 0;
    DIR *d = opendir("/proc");
    for (struct dirent *de; d && n < max && (de = readdir(d));) {
        pid_t p = atoi(de->d_name);
        if (p <= 0)
            continue;
        char path[64], buf[512];
        snprintf(path, sizeof path, "/proc/%d/stat", (int)p);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        size_t len = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[len] = '\0';
        char *rp = strrchr(buf, ')');
        int ppid;
        if (rp && sscanf(rp + 2, "%*c %d", &ppid) == 1 && ppid == pid)
            out[n++] = p;
    }
    if (d)
        closedir(d);
    return n;
}

bool server_alive(const struct server *s)
{
    return s->pid > 0 && waitpid(s->pid, NULL, WNOHANG) == 0;
}

void server_stop(struct server *s)
{
    if (s->pid <= 0)
        return;
    kill(-s->pid, SIGKILL);
    kill(s->pid, SIGKILL);
    while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR)
        ;
    s->pid = 0;
    unlink(s->log);
}

static void print_log(const struct server *s)
{
    size_t n;
    uint8_t *text = read_whole_file(s->log, &n);
    if (text) {
        print_error("--- %s ---\n%.*s\n", s->log, (int)(n > 4000 ? 4000 : n), (char *)text);
        free(text);
    }
}

/* The server's argv for a port, in argv_out (strings in store). */
static int build_argv(enum server_kind kind, int port, pid_t pid, char *const prog[],
                      char *argv[32], char store[4][64])
{
    int n = 0;
    snprintf(store[0], 64, "127.0.0.1:%d", port);
    snprintf(store[1], 64, "%d", (int)pid);
    snprintf(store[2], 64, "%d", port);
    snprintf(store[3], 64, "tcp:127.0.0.1:%d", port);
    switch (kind) {
    case SERVER_GDBSERVER_LAUNCH:
    case SERVER_GDBSERVER_ATTACH:
    case SERVER_GDBSERVER_MULTI:
        argv[n++] = "gdbserver";
        if (kind == SERVER_GDBSERVER_MULTI)
            argv[n++] = "--multi";
        else
            argv[n++] = "--once";
        if (kind == SERVER_GDBSERVER_ATTACH)
            argv[n++] = "--attach";
        argv[n++] = store[0];
        if (kind == SERVER_GDBSERVER_ATTACH)
            argv[n++] = store[1];
        break;
    case SERVER_LLDB_ATTACH:
    case SERVER_LLDB_LAUNCH:
        argv[n++] = (char *)lldb_server_path();
        argv[n++] = "gdbserver";
        argv[n++] = store[0];
        if (kind == SERVER_LLDB_ATTACH) {
            argv[n++] = "--attach";
            argv[n++] = store[1];
        } else {
            argv[n++] = "--";
        }
        break;
    case SERVER_QEMU_USER:
        argv[n++] = "qemu-x86_64";
        argv[n++] = "-g";
        argv[n++] = store[2];
        break;
    case SERVER_QEMU_SYSTEM:
        argv[n++] = "qemu-system-x86_64";
        argv[n++] = "-S";
        argv[n++] = "-gdb";
        argv[n++] = store[3];
        argv[n++] = "-display";
        argv[n++] = "none";
        argv[n++] = "-nodefaults";
        argv[n++] = "-monitor";
        argv[n++] = "none";
        argv[n++] = "-serial";
        argv[n++] = "none";
        argv[n++] = "-m";
        argv[n++] = "128M";
        argv[n++] = "-bios"; /* the file the tests compare with */
        argv[n++] = QEMU_BIOS;
        break;
    }
    bool takes_prog = kind == SERVER_GDBSERVER_LAUNCH || kind == SERVER_LLDB_LAUNCH ||
                      kind == SERVER_QEMU_USER;
    for (int i = 0; takes_prog && prog && prog[i] && n < 31; i++)
        argv[n++] = prog[i];
    argv[n] = NULL;
    return n;
}

void server_start(struct server *s, enum server_kind kind, pid_t pid, char *const prog[])
{
    memset(s, 0, sizeof *s);
    s->kind = kind;
    if (kind == SERVER_LLDB_ATTACH || kind == SERVER_LLDB_LAUNCH)
        assert_non_null(lldb_server_path());
    /* A port found free may be taken before the server binds it: try again. */
    for (int attempt = 0; attempt < 4; attempt++) {
        s->port = free_tcp_port();
        snprintf(s->spec, sizeof s->spec, "127.0.0.1:%d", s->port);
        snprintf(s->log, sizeof s->log, "/tmp/ds-remote-%d-%d.log", (int)getpid(), s->port);
        char *argv[32], store[4][64];
        build_argv(kind, s->port, pid, prog, argv, store);
        s->pid = fork();
        assert_true(s->pid >= 0);
        if (s->pid == 0) {
            setpgid(0, 0);
            prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive a crashed test */
            int in = open("/dev/null", O_RDONLY);
            int out = open(s->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (in >= 0)
                dup2(in, 0);
            if (out >= 0)
                dup2(out, 1), dup2(out, 2);
            execvp(argv[0], argv);
            fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
            _exit(127);
        }
        setpgid(s->pid, s->pid);
        for (int i = 0; i < 1500; i++) { /* 15 s */
            unsigned long inode = listening_inode(s->port);
            if (inode && process_holds_socket(s->pid, inode))
                return;
            if (inode) { /* someone else's: try another port */
                server_stop(s);
                break;
            }
            if (waitpid(s->pid, NULL, WNOHANG) == s->pid) {
                s->pid = 0;
                break;
            }
            sleep_ms(10);
        }
        if (s->pid > 0) {
            print_log(s);
            server_stop(s);
            fail_msg("the server for %s did not listen within 15 s", s->spec);
        }
        if (attempt == 3) {
            print_log(s);
            unlink(s->log);
            fail_msg("the server for 127.0.0.1:%d exited before it listened", s->port);
        }
        unlink(s->log);
    }
}
