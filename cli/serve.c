/*
 * serve.c — `dataspaces serve`: a thin call to ds_serve, saying where it
 * listens and who comes and goes, until Ctrl-C (or --once's first client
 * leaves).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <dataspaces/serve.h>

#include "cli.h"

static ds_server *volatile running;

static void on_signal(int sig)
{
    (void)sig;
    int saved = errno; /* the interrupted code may be about to read it */
    if (running)
        ds_server_stop(running); /* one write(2): safe in a handler */
    errno = saved;
}

static int on_event(void *ctx, int event, const char *text)
{
    const struct cli_options *o = ctx;
    switch (event) {
    case DS_SERVE_LISTENING: {
        bool loopback = !strncmp(text, "127.", 4) || !strncmp(text, "[::1]", 5);
        printf("Serving %s as a GDB remote stub on %s%s\n",
               o->dump_path ? o->dump_path : o->gdb_spec ? o->gdb_spec : "the process", text,
               !strncmp(text, "unix:", 5) ? ""
               : loopback                 ? " (loopback only)"
                                          : " (reachable from other hosts)");
        if (!strncmp(text, "unix:", 5))
            printf("gdb: target remote %s    lldb: not over Unix sockets\n", text + 5);
        else
            printf("gdb: target remote %s    lldb: gdb-remote %s\n", text, text);
        break;
    }
    case DS_SERVE_CLIENT:
        printf("Client connected from %s\n", text);
        break;
    case DS_SERVE_CLIENT_GONE:
        printf("Client gone: %s\n", text);
        break;
    default:
        printf("Note: %s\n", text);
        break;
    }
    fflush(stdout);
    return 0;
}

int cli_serve(const struct cli_options *o, ds_target *t)
{
    ds_server *s;
    if (FAILED(ds_server_open(t, o->serve_listen, o->serve_once ? DS_SERVE_ONCE : 0, &s))) {
        fprintf(stderr, "dataspaces: %s\n", ds_error_text(NULL));
        return CLI_EXIT_SERVE;
    }
    running = s;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    HRESULT hr = ds_server_run(s, on_event, (void *)o);
    running = NULL;
    ds_server_close(s);
    if (FAILED(hr)) {
        fprintf(stderr, "dataspaces: %s\n", ds_error_text(NULL));
        return CLI_EXIT_SERVE;
    }
    return 0;
}
