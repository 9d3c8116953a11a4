/*
 * remote_servers.h — real GDB remote-protocol servers for the tests, on
 * 127.0.0.1 and a free port: gdbserver (launching a program, attached to a
 * process, or --multi), lldb-server, qemu-user and qemu-system. Each is
 * started in its own process group with its output in a log file, waited
 * for until its port listens (read from /proc/net/tcp, so that a server
 * serving one client is not used up by the check), and always reaped.
 */
#ifndef DS_REMOTE_SERVERS_H
#define DS_REMOTE_SERVERS_H

#include <stdbool.h>
#include <sys/types.h>

enum server_kind {
    SERVER_GDBSERVER_LAUNCH, /* gdbserver --once HOST:PORT PROG ARGS... */
    SERVER_GDBSERVER_ATTACH, /* gdbserver --once --attach HOST:PORT PID */
    SERVER_GDBSERVER_MULTI,  /* gdbserver --multi HOST:PORT */
    SERVER_LLDB_ATTACH,      /* lldb-server gdbserver HOST:PORT --attach PID */
    SERVER_LLDB_LAUNCH,      /* lldb-server gdbserver HOST:PORT -- PROG ARGS... */
    SERVER_QEMU_USER,        /* qemu-x86_64 -g PORT PROG ARGS... */
    SERVER_QEMU_SYSTEM,      /* qemu-system-x86_64 -S -gdb tcp:HOST:PORT, no disk */
};

/* The firmware qemu-system-x86_64 is given (Debian's seabios). */
#define QEMU_BIOS "/usr/share/seabios/bios-256k.bin"

struct server {
    enum server_kind kind;
    pid_t pid;       /* the server process (and its process group) */
    int port;
    char spec[64];   /* "127.0.0.1:PORT", for ds_connect */
    char log[128];   /* its stdout and stderr */
};

/* Start a server of that kind: pid is the process to attach to, argv the
   program to launch (NULL-terminated; NULL when none). Fails the test, with
   the server's log, when it does not listen within 15 s. */
void server_start(struct server *s, enum server_kind kind, pid_t pid, char *const argv[]);
/* Whether the server process still runs. */
bool server_alive(const struct server *s);
/* SIGKILL its process group and reap it (no-op when already stopped). */
void server_stop(struct server *s);
/* The path of lldb-server on this machine (static), or NULL. */
const char *lldb_server_path(void);
/* A TCP port on 127.0.0.1 nobody listens on right now. */
int free_tcp_port(void);
/* Whether something listens on TCP port `port` (any local address). */
bool port_listens(int port);
/* The pids of the children of pid (at most max), their count. */
int child_pids(pid_t pid, pid_t *out, int max);

#endif
