/*
 * serve_listen.c — ds_server: the listening socket, the accept loop, the
 * stop pipe, and ds_serve (all of it at once).
 *
 * Loopback unless the caller names a host: a stub lets whoever connects
 * read (and write) the target's memory.
 */
#include "serve.h"

#include "target.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <arpa/inet.h>

struct ds_server {
    ds_target *t;
    unsigned flags;
    int fd;
    int stop_pipe[2];
    uint16_t port;
    char address[160];
    char unix_path[108];
    ds_serve_event_fn on_event;
    void *ctx;
    bool stop_asked;
};

static HRESULT fail_errno(const char *what, const char *where, int err)
{
    return ds_fail_errno(NULL, E_FAIL, err, "ds_serve: %s %s failed", what, where);
}

static HRESULT listen_unix(ds_server *s, const char *path)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    if (!*path || strlen(path) >= sizeof sa.sun_path)
        return ds_fail(NULL, E_INVALIDARG, "ds_serve: unix:%s: the path is empty or longer "
                       "than %zu bytes", path, sizeof sa.sun_path - 1);
    memcpy(sa.sun_path, path, strlen(path));
    s->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s->fd < 0)
        return fail_errno("making a Unix socket for", path, errno);
    if (bind(s->fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return fail_errno("binding the Unix socket", path, errno);
    snprintf(s->unix_path, sizeof s->unix_path, "%s", path);
    snprintf(s->address, sizeof s->address, "unix:%s", path);
    return S_OK;
}

static HRESULT listen_tcp(ds_server *s, const char *spec)
{
    char host[128] = "127.0.0.1";
    const char *port = spec;
    const char *colon = strrchr(spec, ':');
    if (colon) {
        size_t hl = (size_t)(colon - spec);
        const char *h = spec;
        if (hl >= 2 && h[0] == '[' && h[hl - 1] == ']')
            h++, hl -= 2;
        if (hl >= sizeof host)
            return ds_fail(NULL, E_INVALIDARG, "ds_serve: %s: the host name is too long",
                           spec);
        if (hl > 0) {
            memcpy(host, h, hl);
            host[hl] = '\0';
        }
        port = colon + 1;
    }
    char *end;
    errno = 0;
    unsigned long p = strtoul(port, &end, 10);
    if (!*port || *end || p > 65535 || errno)
        return ds_fail(NULL, E_INVALIDARG, "ds_serve: %s: not HOST:PORT, :PORT, PORT or "
                       "unix:PATH (the port must be 0..65535)", spec);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
    struct addrinfo *ai = NULL;
    int rc = getaddrinfo(host, port, &hints, &ai);
    if (rc != 0)
        return ds_fail(NULL, E_INVALIDARG, "ds_serve: cannot resolve %s: %s", host,
                       gai_strerror(rc));
    int err = 0;
    for (struct addrinfo *a = ai; a; a = a->ai_next) {
        int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, a->ai_addr, a->ai_addrlen) == 0) {
            s->fd = fd;
            break;
        }
        err = errno;
        close(fd);
    }
    freeaddrinfo(ai);
    if (s->fd < 0)
        return fail_errno("listening on", spec, err);
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    char numeric[INET6_ADDRSTRLEN] = "?";
    if (getsockname(s->fd, (struct sockaddr *)&ss, &len) == 0) {
        if (ss.ss_family == AF_INET6) {
            struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
            inet_ntop(AF_INET6, &a6->sin6_addr, numeric, sizeof numeric);
            s->port = ntohs(a6->sin6_port);
            snprintf(s->address, sizeof s->address, "[%s]:%u", numeric, s->port);
        } else {
            struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
            inet_ntop(AF_INET, &a4->sin_addr, numeric, sizeof numeric);
            s->port = ntohs(a4->sin_port);
            snprintf(s->address, sizeof s->address, "%s:%u", numeric, s->port);
        }
    }
    return S_OK;
}

HRESULT ds_server_open(ds_target *t, const char *spec, unsigned flags, ds_server **out)
{
    if (!out)
        return ds_fail(NULL, E_INVALIDARG, "ds_server_open: out is NULL");
    *out = NULL;
    if (!t)
        return ds_fail(NULL, E_INVALIDARG, "ds_server_open: no target");
    if (flags & ~DS_SERVE_ONCE)
        return ds_fail(NULL, E_INVALIDARG, "ds_server_open: unknown flags 0x%x",
                       flags & ~DS_SERVE_ONCE);
    ds_server *s = calloc(1, sizeof *s);
    if (!s)
        return ds_fail(NULL, E_OUTOFMEMORY, "ds_server_open: out of memory");
    s->t = t;
    s->flags = flags;
    s->fd = -1;
    if (pipe2(s->stop_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
        HRESULT hr = fail_errno("making the stop pipe for", "a server", errno);
        free(s);
        return hr;
    }
    if (!spec || !*spec)
        spec = "127.0.0.1:0";
    HRESULT hr = strncmp(spec, "unix:", 5) == 0 ? listen_unix(s, spec + 5) : listen_tcp(s, spec);
    if (SUCCEEDED(hr) && listen(s->fd, 8) < 0)
        hr = fail_errno("listening on", spec, errno);
    if (FAILED(hr)) {
        ds_server_close(s);
        return hr;
    }
    *out = s;
    return S_OK;
}

const char *ds_server_address(const ds_server *s)
{
    return s ? s->address : "";
}

uint16_t ds_server_port(const ds_server *s)
{
    return s ? s->port : 0;
}

void ds_server_stop(ds_server *s)
{
    if (s) {
        ssize_t w = write(s->stop_pipe[1], "x", 1);
        (void)w; /* a full pipe already says stop */
    }
}

static bool stop_requested(ds_server *s)
{
    struct pollfd p = {.fd = s->stop_pipe[0], .events = POLLIN};
    return s->stop_asked || poll(&p, 1, 0) > 0;
}

static void tell(ds_server *s, int event, const char *text)
{
    if (s->on_event && s->on_event(s->ctx, event, text) != 0) {
        s->stop_asked = true;
        ds_server_stop(s);
    }
}

static void note(void *ctx, const char *text)
{
    tell(ctx, DS_SERVE_NOTE, text);
}

static void peer_name(int fd, char *out, size_t cap)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    char numeric[INET6_ADDRSTRLEN] = "";
    snprintf(out, cap, "a local client");
    if (getpeername(fd, (struct sockaddr *)&ss, &len) != 0)
        return;
    if (ss.ss_family == AF_INET) {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        inet_ntop(AF_INET, &a->sin_addr, numeric, sizeof numeric);
        snprintf(out, cap, "%s:%u", numeric, ntohs(a->sin_port));
    } else if (ss.ss_family == AF_INET6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        inet_ntop(AF_INET6, &a->sin6_addr, numeric, sizeof numeric);
        snprintf(out, cap, "[%s]:%u", numeric, ntohs(a->sin6_port));
    }
}

HRESULT ds_server_run(ds_server *s, ds_serve_event_fn on_event, void *ctx)
{
    if (!s)
        return ds_fail(NULL, E_INVALIDARG, "ds_server_run: no server");
    s->on_event = on_event;
    s->ctx = ctx;
    tell(s, DS_SERVE_LISTENING, s->address);
    while (!stop_requested(s)) {
        struct pollfd p[2] = {{.fd = s->fd, .events = POLLIN},
                              {.fd = s->stop_pipe[0], .events = POLLIN}};
        int r = poll(p, 2, -1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return fail_errno("waiting for a client on", s->address, errno);
        if (p[1].revents)
            break;
        int fd = accept4(s->fd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED || errno == EAGAIN)
                continue;
            if (errno == EMFILE || errno == ENFILE || errno == ENOMEM || errno == ENOBUFS) {
                poll(NULL, 0, 100); /* out of descriptors: wait, don't spin */
                continue;
            }
            return fail_errno("accepting a client on", s->address, errno);
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); /* fails harmlessly on Unix sockets */
        char who[160], why[384];
        peer_name(fd, who, sizeof who);
        tell(s, DS_SERVE_CLIENT, who);
        serve_run_session(s->t, fd, s->stop_pipe[0], note, s, why, sizeof why);
        close(fd);
        char line[600];
        snprintf(line, sizeof line, "%s: %s", who, why);
        tell(s, DS_SERVE_CLIENT_GONE, line);
        if (s->flags & DS_SERVE_ONCE)
            break;
    }
    return S_OK;
}

void ds_server_close(ds_server *s)
{
    if (!s)
        return;
    if (s->fd >= 0)
        close(s->fd);
    if (s->unix_path[0]) {
        struct stat st;
        if (stat(s->unix_path, &st) == 0 && S_ISSOCK(st.st_mode))
            unlink(s->unix_path);
    }
    if (s->stop_pipe[0] >= 0)
        close(s->stop_pipe[0]);
    if (s->stop_pipe[1] >= 0)
        close(s->stop_pipe[1]);
    free(s);
}

HRESULT ds_serve(ds_target *t, const char *listen_spec, unsigned flags,
                 ds_serve_event_fn on_event, void *ctx)
{
    ds_server *s;
    HRESULT hr = ds_server_open(t, listen_spec, flags, &s);
    if (FAILED(hr))
        return hr;
    hr = ds_server_run(s, on_event, ctx);
    ds_server_close(s);
    return hr;
}
