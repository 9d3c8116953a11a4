/* fake_rsp.c — see fake_rsp.h. */
#include "fake_rsp.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct fake_rsp {
    enum fake_mode mode;
    int listen_fd, conn_fd, port;
    char spec[32];
    atomic_bool stopping;
    atomic_uint_fast64_t sent, received;
    atomic_int accepted;
    pthread_t thread;
    uint8_t mem[FAKE_MEM_SIZE];
    char req[1 << 16]; /* the packet being answered */
};

uint8_t fake_rsp_byte(uint64_t a)
{
    return (uint8_t)((a - FAKE_MEM_BASE) * 13 + 7);
}

/* Send everything unless stopping; false when the client is gone. */
static bool put(struct fake_rsp *f, const void *data, size_t n)
{
    const char *p = data;
    while (n && !f->stopping) {
        struct pollfd pf = { .fd = f->conn_fd, .events = POLLOUT };
        if (poll(&pf, 1, 100) <= 0)
            continue;
        ssize_t w = send(f->conn_fd, p, n, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (w < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (w <= 0)
            return false;
        p += w, n -= (size_t)w;
        f->sent += (uint64_t)w;
    }
    return n == 0;
}

static bool put_packet(struct fake_rsp *f, const char *payload, size_t n, bool bad_sum)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (unsigned char)payload[i];
    char tail[4];
    snprintf(tail, sizeof tail, "#%02x", (sum + (bad_sum ? 1 : 0)) & 0xff);
    return put(f, "$", 1) && put(f, payload, n) && put(f, tail, 3);
}

static bool put_str(struct fake_rsp *f, const char *payload)
{
    if (f->mode == FAKE_NOTIFICATIONS && !put(f, "%Stop:T05thread:1;#b7", 21))
        return false; /* (never acknowledged) */
    return put_packet(f, payload, strlen(payload), f->mode == FAKE_BAD_CHECKSUM);
}

/* The next packet's payload (NUL-terminated, at most cap-1 bytes kept);
   acks and interrupts are skipped. -1 when the client is gone. */
static int get_packet(struct fake_rsp *f, char *buf, size_t cap)
{
    enum { IDLE, BODY, SUM1, SUM2 } st = IDLE;
    size_t n = 0;
    while (!f->stopping) {
        struct pollfd pf = { .fd = f->conn_fd, .events = POLLIN };
        if (poll(&pf, 1, 100) <= 0)
            continue;
        char c;
        ssize_t r = recv(f->conn_fd, &c, 1, 0);
        if (r <= 0)
            return -1;
        f->received++;
        switch (st) {
        case IDLE:
            if (c == '$')
                st = BODY, n = 0;
            break;
        case BODY:
            if (c == '#')
                st = SUM1;
            else if (n + 1 < cap)
                buf[n++] = c;
            break;
        case SUM1:
            st = SUM2;
            break;
        case SUM2:
            buf[n] = '\0';
            return (int)n;
        }
    }
    return -1;
}

static void reply_memory(struct fake_rsp *f, const char *req)
{
    unsigned long long addr, len;
    if (sscanf(req + 1, "%llx,%llx", &addr, &len) != 2) {
        put_str(f, "E22");
        return;
    }
    if (f->mode == FAKE_ERROR_READS) {
        put_str(f, "E01");
        return;
    }
    if (f->mode == FAKE_MILLION_O) {
        for (int i = 0; i < 1000000 && !f->stopping; i++)
            if (!put_str(f, "O6f75747075740a")) /* "output\n" */
                return;
        return; /* and never the answer */
    }
    if (f->mode == FAKE_RLE_BOMB) {
        size_t n = 30000;
        char *bomb = malloc(n + 1);
        if (!bomb)
            return;
        for (size_t i = 0; i < n; i += 3)
            memcpy(bomb + i, "0*~", 3); /* '0' and 97 more: ~1 MiB of digits */
        bomb[n] = '\0';
        put_str(f, bomb);
        free(bomb);
        return;
    }
    if (f->mode == FAKE_BAD_HEX && len <= 0x800) {
        char junk[0x1001];
        memset(junk, 'z', len * 2);
        junk[len * 2] = '\0';
        put_str(f, junk);
        return;
    }
    unsigned long long give = f->mode == FAKE_LYING_READ ? len * 16 : len;
    if (f->mode != FAKE_LYING_READ &&
        (addr < FAKE_MEM_BASE || len > FAKE_MEM_SIZE || addr + len > FAKE_MEM_BASE + FAKE_MEM_SIZE ||
         len > 0x800)) {
        put_str(f, "E14");
        return;
    }
    if (give > (1u << 20))
        give = 1u << 20;
    char *hex = malloc(give * 2 + 1);
    if (!hex)
        return;
    for (unsigned long long i = 0; i < give; i++)
        snprintf(hex + 2 * i, 3, "%02x",
                 addr + i - FAKE_MEM_BASE < FAKE_MEM_SIZE ? f->mem[addr + i - FAKE_MEM_BASE]
                                                          : fake_rsp_byte(addr + i));
    if (f->mode == FAKE_DIES_MID_READ) {
        put(f, "$", 1);
        put(f, hex, give); /* half of the hex digits, then the end */
        shutdown(f->conn_fd, SHUT_RDWR);
    } else {
        put_str(f, hex);
    }
    free(hex);
}

static void reply_write(struct fake_rsp *f, const char *req)
{
    unsigned long long addr, len;
    const char *colon = strchr(req, ':');
    if (sscanf(req + 1, "%llx,%llx", &addr, &len) != 2 || !colon || addr < FAKE_MEM_BASE ||
        len > FAKE_MEM_SIZE || addr + len > FAKE_MEM_BASE + FAKE_MEM_SIZE) {
        put_str(f, "E14");
        return;
    }
    if (req[0] == 'X') { /* binary writes: not offered */
        put_str(f, "");
        return;
    }
    for (unsigned long long i = 0; i < len; i++) {
        unsigned b;
        if (sscanf(colon + 1 + 2 * i, "%2x", &b) != 1) {
            put_str(f, "E22");
            return;
        }
        f->mem[addr - FAKE_MEM_BASE + i] = (uint8_t)b;
    }
    put_str(f, "OK");
}

static void serve(struct fake_rsp *f)
{
    char *req = f->req;
    const size_t cap = sizeof f->req;
    switch (f->mode) {
    case FAKE_SILENT:
        while (!f->stopping && get_packet(f, req, cap) >= 0)
            ;
        return;
    case FAKE_HTTP:
        get_packet(f, req, cap); /* whatever comes first */
        put(f, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 67);
        return;
    case FAKE_GARBAGE: {
        uint64_t x = 0x9E3779B97F4A7C15u;
        char buf[4096];
        for (int k = 0; k < 1024 && !f->stopping; k++) {
            for (size_t i = 0; i < sizeof buf; i++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                buf[i] = (char)(x & 0xff);
                if (buf[i] == '$' || buf[i] == '%')
                    buf[i] = 'z'; /* no frame ever starts */
            }
            if (!put(f, buf, sizeof buf))
                return;
        }
        return;
    }
    case FAKE_ENDLESS_PACKET: {
        if (get_packet(f, req, cap) < 0)
            return;
        char buf[4096];
        memset(buf, 'a', sizeof buf);
        put(f, "+$", 2);
        for (int k = 0; k < 65536 && !f->stopping; k++)
            if (!put(f, buf, sizeof buf))
                return;
        return;
    }
    default:
        break;
    }
    for (;;) {
        if (get_packet(f, req, cap) < 0)
            return;
        if (!put(f, "+", 1))
            return;
        if (strncmp(req, "qSupported", 10) == 0)
            put_str(f, f->mode == FAKE_HUGE_PACKETSIZE   ? "PacketSize=ffffffffffffffff"
                       : f->mode == FAKE_TINY_PACKETSIZE ? "PacketSize=1"
                                                         : "PacketSize=1000");
        else if (strcmp(req, "?") == 0)
            put_str(f, "T05thread:1;");
        else if (strcmp(req, "qC") == 0)
            put_str(f, "QC1");
        else if (strcmp(req, "qfThreadInfo") == 0)
            put_str(f, "m1");
        else if (strcmp(req, "qsThreadInfo") == 0)
            put_str(f, "l");
        else if (strcmp(req, "qAttached") == 0)
            put_str(f, "1");
        else if (req[0] == 'H')
            put_str(f, "OK");
        else if (req[0] == 'm')
            reply_memory(f, req);
        else if (req[0] == 'M' || req[0] == 'X')
            reply_write(f, req);
        else if (req[0] == 'D' || req[0] == 'k') {
            put_str(f, "OK");
            return;
        } else
            put_str(f, "");
        if (f->mode == FAKE_DIES_MID_READ && req[0] == 'm')
            return;
    }
}

static void *fake_main(void *arg)
{
    struct fake_rsp *f = arg;
    while (!f->stopping) {
        struct pollfd pf = { .fd = f->listen_fd, .events = POLLIN };
        if (poll(&pf, 1, 100) <= 0)
            continue;
        f->conn_fd = accept4(f->listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (f->conn_fd < 0)
            continue;
        f->accepted++;
        int one = 1;
        setsockopt(f->conn_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        serve(f);
        /* Keep a silent or half-dead connection open until stopped, so
           the client meets the stall, not an end. */
        if (f->mode == FAKE_SILENT)
            while (!f->stopping)
                usleep(10000);
        close(f->conn_fd);
        f->conn_fd = -1;
    }
    return NULL;
}

static struct fake_rsp *start(enum fake_mode mode, bool v6)
{
    struct fake_rsp *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->mode = mode;
    f->conn_fd = -1;
    for (uint32_t i = 0; i < FAKE_MEM_SIZE; i++)
        f->mem[i] = fake_rsp_byte(FAKE_MEM_BASE + i);
    struct sockaddr_in a4 = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
    struct sockaddr *a = v6 ? (struct sockaddr *)&a6 : (struct sockaddr *)&a4;
    socklen_t len = v6 ? sizeof a6 : sizeof a4;
    f->listen_fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (f->listen_fd < 0 || bind(f->listen_fd, a, len) < 0 ||
        getsockname(f->listen_fd, a, &len) < 0 || listen(f->listen_fd, 4) < 0 ||
        pthread_create(&f->thread, NULL, fake_main, f) != 0) {
        if (f->listen_fd >= 0)
            close(f->listen_fd);
        free(f);
        return NULL;
    }
    f->port = ntohs(v6 ? a6.sin6_port : a4.sin_port);
    if (v6)
        snprintf(f->spec, sizeof f->spec, "[::1]:%d", f->port);
    else
        snprintf(f->spec, sizeof f->spec, "127.0.0.1:%d", f->port);
    return f;
}

struct fake_rsp *fake_rsp_start(enum fake_mode mode)
{
    return start(mode, false);
}

struct fake_rsp *fake_rsp_start_v6(enum fake_mode mode)
{
    return start(mode, true);
}

int fake_rsp_port(const struct fake_rsp *f)
{
    return f->port;
}

const char *fake_rsp_spec(const struct fake_rsp *f)
{
    return f->spec;
}

uint64_t fake_rsp_bytes_sent(const struct fake_rsp *f)
{
    return ((struct fake_rsp *)f)->sent;
}

int fake_rsp_accepted(const struct fake_rsp *f)
{
    return ((struct fake_rsp *)f)->accepted;
}

uint64_t fake_rsp_bytes_received(const struct fake_rsp *f)
{
    return ((struct fake_rsp *)f)->received;
}

void fake_rsp_stop(struct fake_rsp *f)
{
    if (!f)
        return;
    f->stopping = true;
    pthread_join(f->thread, NULL);
    close(f->listen_fd);
    free(f);
}
