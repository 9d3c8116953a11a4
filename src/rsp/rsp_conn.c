/*
 * rsp_conn.c — one connection to a GDB remote-protocol peer: the socket,
 * deadlines, acknowledgements, and the packets a reply may hide behind.
 *
 * Every wait is a poll() bounded by the connection's timeout, counted
 * from the start of the call, so that a peer that trickles bytes, floods
 * console output or says nothing still ends the call in time. TCP
 * sockets get TCP_NODELAY: in ack mode without it every request cost
 * 44 ms on loopback (Nagle's algorithm meets the delayed ACK).
 *
 * After a timeout, an oversized or malformed frame, or a lost connection
 * the stream's position is unknown (a late reply would be taken for the
 * answer to the next request): the connection is marked broken and every
 * later call fails at once.
 */
#include "rsp.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static __attribute__((format(printf, 3, 4))) int fail(struct rsp_conn *c, int status,
                                                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
    if (status == RSP_ERR_IO || status == RSP_ERR_TIMEOUT || status == RSP_ERR_TOO_LONG ||
        status == RSP_ERR_PROTOCOL)
        c->broken = true;
    return status;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds left before deadline, 0 when it has passed. */
static int left_ms(int64_t deadline)
{
    int64_t left = deadline - now_ms();
    return left <= 0 ? 0 : left > 0x7fffffff ? 0x7fffffff : (int)left;
}

/* ---- addresses ------------------------------------------------------------ */

/* Split "HOST:PORT" / "[V6]:PORT" into host and port. */
static int split_host_port(struct rsp_conn *c, const char *spec, char *host, size_t host_cap,
                           char *port, size_t port_cap)
{
    const char *colon;
    const char *h = spec;
    size_t hlen;
    if (spec[0] == '[') {
        const char *close = strchr(spec, ']');
        if (!close || close[1] != ':')
            return fail(c, RSP_ERR_ARG, "'%s': expected [IPV6]:PORT", spec);
        h = spec + 1;
        hlen = (size_t)(close - h);
        colon = close + 1;
    } else {
        colon = strrchr(spec, ':');
        if (!colon)
            return fail(c, RSP_ERR_ARG, "'%s': expected HOST:PORT, [IPV6]:PORT or unix:PATH",
                        spec);
        hlen = (size_t)(colon - spec);
        if (memchr(spec, ':', hlen))
            return fail(c, RSP_ERR_ARG, "'%s': an IPv6 address goes in brackets, [ADDR]:PORT",
                        spec);
    }
    if (hlen == 0 || hlen >= host_cap)
        return fail(c, RSP_ERR_ARG, "'%s': %s host name", spec, hlen ? "too long a" : "no");
    memcpy(host, h, hlen);
    host[hlen] = '\0';
    const char *p = colon + 1;
    size_t plen = strlen(p);
    char *end;
    errno = 0;
    long v = strtol(p, &end, 10);
    if (plen == 0 || plen >= port_cap || *end || errno || v < 1 || v > 65535 || p[0] == '+' ||
        p[0] == '-' || p[0] == ' ')
        return fail(c, RSP_ERR_ARG, "'%s': the port must be a number from 1 to 65535", spec);
    memcpy(port, p, plen + 1);
    return RSP_OK;
}

/* connect() on a non-blocking socket, waiting at most until deadline. */
static int connect_fd(int fd, const struct sockaddr *sa, socklen_t len, int64_t deadline)
{
    if (connect(fd, sa, len) == 0)
        return 0;
    if (errno != EINPROGRESS)
        return errno;
    struct pollfd pfd = { .fd = fd, .events = POLLOUT };
    for (;;) {
        int r = poll(&pfd, 1, left_ms(deadline));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return errno;
        if (r == 0)
            return ETIMEDOUT;
        break;
    }
    int err = 0;
    socklen_t elen = sizeof err;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0)
        return errno;
    return err;
}

static int open_unix(struct rsp_conn *c, const char *path, int64_t deadline)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    if (!*path || strlen(path) >= sizeof sun.sun_path)
        return fail(c, RSP_ERR_ARG, "'unix:%s': the socket path must be 1 to %zu bytes", path,
                    sizeof sun.sun_path - 1);
    strcpy(sun.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return fail(c, RSP_ERR_IO, "cannot make a socket for %s: %s", c->where, strerror(errno));
    int err = connect_fd(fd, (struct sockaddr *)&sun, sizeof sun, deadline);
    if (err) {
        close(fd);
        return fail(c, RSP_ERR_IO, "cannot connect to %s: %s", c->where, strerror(err));
    }
    c->fd = fd;
    return RSP_OK;
}

static int open_tcp(struct rsp_conn *c, const char *spec, int64_t deadline)
{
    char host[256], port[8];
    int st = split_host_port(c, spec, host, sizeof host, port, sizeof port);
    if (st)
        return st;
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_NUMERICSERV };
    struct addrinfo *res = NULL;
    int gai = getaddrinfo(host, port, &hints, &res);
    if (gai)
        return fail(c, RSP_ERR_ARG, "cannot connect to %s: host '%s': %s", c->where, host,
                    gai_strerror(gai));
    int err = 0;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                        ai->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        err = connect_fd(fd, ai->ai_addr, ai->ai_addrlen, deadline);
        if (err == 0) {
            int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            c->fd = fd;
            break;
        }
        close(fd);
        if (err == ETIMEDOUT)
            break;
    }
    freeaddrinfo(res);
    if (c->fd < 0) {
        if (err == ETIMEDOUT)
            return fail(c, RSP_ERR_TIMEOUT, "cannot connect to %s: no answer within %d ms",
                        c->where, c->timeout_ms);
        return fail(c, RSP_ERR_IO, "cannot connect to %s: %s", c->where, strerror(err));
    }
    return RSP_OK;
}

int rsp_set_reply_cap(struct rsp_conn *c, size_t cap)
{
    if (cap <= c->reply_cap)
        return RSP_OK;
    char *reply = realloc(c->reply, cap);
    if (!reply)
        return fail(c, RSP_ERR_ARG, "out of memory for a %zu-byte reply buffer", cap);
    /* Requests are small except writes, which the caller sizes to fit. */
    char *out = realloc(c->out, cap + 8);
    if (!out) {
        c->reply = reply;
        return fail(c, RSP_ERR_ARG, "out of memory for a %zu-byte request buffer", cap);
    }
    c->reply = reply;
    c->reply_cap = cap;
    c->out = out;
    c->out_cap = cap + 8;
    c->parser.buf = reply;
    c->parser.cap = cap;
    return RSP_OK;
}

int rsp_connect(struct rsp_conn *c, const char *spec, int timeout_ms, size_t reply_cap)
{
    memset(c, 0, sizeof *c);
    c->fd = -1;
    c->timeout_ms = timeout_ms > 0 ? timeout_ms : 1;
    snprintf(c->where, sizeof c->where, "%s", spec);
    int st = rsp_set_reply_cap(c, reply_cap);
    if (st)
        return st;
    rsp_parser_init(&c->parser, c->reply, c->reply_cap);
    int64_t deadline = now_ms() + c->timeout_ms;
    if (strncmp(spec, "unix:", 5) == 0)
        st = open_unix(c, spec + 5, deadline);
    else
        st = open_tcp(c, spec, deadline);
    return st;
}

void rsp_close(struct rsp_conn *c)
{
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    free(c->reply);
    free(c->out);
    c->reply = c->out = NULL;
    c->reply_cap = c->out_cap = 0;
}

/* ---- bytes ---------------------------------------------------------------- */

static int write_all(struct rsp_conn *c, const void *data, size_t n, int64_t deadline)
{
    const char *p = data;
    while (n) {
        ssize_t w = send(c->fd, p, n, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (w > 0) {
            p += w;
            n -= (size_t)w;
            continue;
        }
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            return fail(c, RSP_ERR_IO, "the connection to %s failed while sending: %s",
                        c->where, strerror(errno));
        struct pollfd pfd = { .fd = c->fd, .events = POLLOUT };
        int r = poll(&pfd, 1, left_ms(deadline));
        if (r == 0)
            return fail(c, RSP_ERR_TIMEOUT, "%s took no data for %d ms", c->where,
                        c->timeout_ms);
        if (r < 0 && errno != EINTR)
            return fail(c, RSP_ERR_IO, "poll on the connection to %s: %s", c->where,
                        strerror(errno));
    }
    return RSP_OK;
}

/* The junk seen so far, printable, for a sentence. */
static void junk_text(const struct rsp_parser *p, char *dst, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < p->junk_head_len && o + 5 < cap; i++) {
        unsigned char ch = (unsigned char)p->junk_head[i];
        if (ch >= 0x20 && ch < 0x7f && ch != '\\')
            dst[o++] = (char)ch;
        else
            o += (size_t)snprintf(dst + o, cap - o, "\\x%02x", ch);
    }
    dst[o] = '\0';
}

/* Read what the socket has into the input buffer, waiting until
   deadline for at least one byte. */
static int fill(struct rsp_conn *c, int64_t deadline)
{
    c->in_pos = c->in_len = 0;
    for (;;) {
        ssize_t r = recv(c->fd, c->in, sizeof c->in, MSG_DONTWAIT);
        if (r > 0) {
            c->in_len = (size_t)r;
            return RSP_OK;
        }
        if (r == 0 && c->parser.junk) {
            char text[128];
            junk_text(&c->parser, text, sizeof text);
            return fail(c, RSP_ERR_IO, "%s closed the connection after sending \"%s\", which "
                        "is not the GDB remote protocol", c->where, text);
        }
        if (r == 0)
            return fail(c, RSP_ERR_IO, "%s closed the connection", c->where);
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            return fail(c, RSP_ERR_IO, "the connection to %s failed: %s", c->where,
                        strerror(errno));
        struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
        int p = poll(&pfd, 1, left_ms(deadline));
        if (p == 0)
            return fail(c, RSP_ERR_TIMEOUT, "no reply from %s within %d ms", c->where,
                        c->timeout_ms);
        if (p < 0 && errno != EINTR)
            return fail(c, RSP_ERR_IO, "poll on the connection to %s: %s", c->where,
                        strerror(errno));
    }
}

/* The next event from the stream. */
static int next_event(struct rsp_conn *c, int64_t deadline, enum rsp_event *ev)
{
    for (;;) {
        if (c->in_pos == c->in_len) {
            int st = fill(c, deadline);
            if (st)
                return st;
        }
        c->in_pos += rsp_parser_feed(&c->parser, c->in + c->in_pos, c->in_len - c->in_pos, ev);
        if (c->parser.junk > RSP_MAX_JUNK) {
            char text[128];
            junk_text(&c->parser, text, sizeof text);
            return fail(c, RSP_ERR_PROTOCOL, "%s is not speaking the GDB remote protocol "
                        "(it sent \"%s\"...)", c->where, text);
        }
        switch (*ev) {
        case RSP_EV_NONE:
            break;
        case RSP_EV_TOO_LONG:
            return fail(c, RSP_ERR_TOO_LONG, "%s sent a packet longer than %zu bytes", c->where,
                        c->reply_cap);
        case RSP_EV_MALFORMED:
            return fail(c, RSP_ERR_PROTOCOL, "%s sent a malformed packet (bad run-length "
                        "encoding or checksum digits)", c->where);
        default:
            return RSP_OK;
        }
        if (left_ms(deadline) == 0)
            return fail(c, RSP_ERR_TIMEOUT, "no complete reply from %s within %d ms", c->where,
                        c->timeout_ms);
    }
}

static int check_usable(struct rsp_conn *c)
{
    if (c->fd < 0)
        return fail(c, RSP_ERR_IO, "no connection to %s", c->where);
    if (c->broken)
        return RSP_ERR_IO; /* the sentence of the failure that broke it stays */
    return RSP_OK;
}

/* ---- packets -------------------------------------------------------------- */

int rsp_send_raw(struct rsp_conn *c, const void *bytes, size_t n)
{
    int st = check_usable(c);
    return st ? st : write_all(c, bytes, n, now_ms() + c->timeout_ms);
}

int rsp_send_nowait(struct rsp_conn *c, const char *payload, size_t n)
{
    int st = check_usable(c);
    if (st)
        return st;
    size_t len = rsp_frame(c->out, c->out_cap, payload, n);
    if (!len)
        return fail(c, RSP_ERR_ARG, "a %zu-byte request does not fit the %zu-byte buffer for %s",
                    n, c->out_cap, c->where);
    return write_all(c, c->out, len, now_ms() + c->timeout_ms);
}

int rsp_send(struct rsp_conn *c, const char *payload, size_t n)
{
    int st = rsp_send_nowait(c, payload, n);
    if (st || c->no_ack)
        return st;
    int64_t deadline = now_ms() + c->timeout_ms;
    for (int resends = 0;;) {
        enum rsp_event ev;
        st = next_event(c, deadline, &ev);
        if (st)
            return st;
        if (ev == RSP_EV_ACK)
            return RSP_OK;
        if (ev == RSP_EV_NAK) {
            if (++resends > 3)
                return fail(c, RSP_ERR_PROTOCOL, "%s refused the packet %.*s four times "
                            "(bad checksum on its side)", c->where, (int)(n > 40 ? 40 : n),
                            payload);
            size_t len = rsp_frame(c->out, c->out_cap, payload, n);
            st = write_all(c, c->out, len, deadline);
            if (st)
                return st;
            continue;
        }
        if (ev == RSP_EV_PACKET)
            return fail(c, RSP_ERR_PROTOCOL, "%s answered before acknowledging the request "
                        "(ack mode)", c->where);
        /* notifications and stray interrupts before the ack: ignored */
    }
}

bool rsp_is_output(const char *payload, size_t n)
{
    if (n < 3 || payload[0] != 'O' || (n & 1) == 0)
        return false;
    for (size_t i = 1; i < n; i++)
        if (rsp_hex_value((unsigned char)payload[i]) < 0)
            return false;
    return true;
}

bool rsp_is_error(const char *payload, size_t n)
{
    if (n < 2 || payload[0] != 'E')
        return false;
    if (payload[1] == '.')
        return true;
    return n >= 3 && rsp_hex_value((unsigned char)payload[1]) >= 0 &&
           rsp_hex_value((unsigned char)payload[2]) >= 0 && (n == 3 || payload[3] == ';');
}

int rsp_recv(struct rsp_conn *c, const char **payload, size_t *n)
{
    int st = check_usable(c);
    if (st)
        return st;
    int64_t deadline = now_ms() + c->timeout_ms;
    unsigned skipped = 0, bad = 0;
    for (;;) {
        enum rsp_event ev;
        st = next_event(c, deadline, &ev);
        if (st)
            return st;
        if (ev == RSP_EV_BAD_CHECKSUM) {
            if (c->no_ack || ++bad > 3)
                return fail(c, RSP_ERR_PROTOCOL, "%s sent a packet with a wrong checksum%s",
                            c->where, c->no_ack ? "" : " four times");
            st = write_all(c, "-", 1, deadline);
            if (st)
                return st;
            continue;
        }
        if (ev != RSP_EV_PACKET && ev != RSP_EV_NOTIFY) {
            /* stray acks and interrupt bytes: meaningless here, but bounded */
            if (++skipped > RSP_MAX_SKIPPED_PACKETS)
                return fail(c, RSP_ERR_PROTOCOL, "%s sent more than %u stray bytes in place "
                            "of a reply", c->where, RSP_MAX_SKIPPED_PACKETS);
            continue;
        }
        if (ev == RSP_EV_PACKET && !c->no_ack) {
            st = write_all(c, "+", 1, deadline);
            if (st)
                return st;
        }
        if (ev == RSP_EV_NOTIFY || rsp_is_output(c->parser.buf, c->parser.len)) {
            c->skipped_output += ev == RSP_EV_PACKET;
            if (++skipped > RSP_MAX_SKIPPED_PACKETS)
                return fail(c, RSP_ERR_PROTOCOL, "%s sent more than %u console-output or "
                            "notification packets in place of a reply", c->where,
                            RSP_MAX_SKIPPED_PACKETS);
            continue;
        }
        *payload = c->parser.buf;
        *n = c->parser.len;
        return RSP_OK;
    }
}

int rsp_request(struct rsp_conn *c, const char *payload, size_t n, const char **reply,
                size_t *reply_len)
{
    int st = rsp_send(c, payload, n);
    return st ? st : rsp_recv(c, reply, reply_len);
}

int rsp_requests(struct rsp_conn *c, const char *payload, const char **reply,
                 size_t *reply_len)
{
    return rsp_request(c, payload, strlen(payload), reply, reply_len);
}
