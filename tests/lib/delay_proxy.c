/* delay_proxy.c — see delay_proxy.h. */
#include "delay_proxy.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* A chunk read from one side, due for the other at `due`. */
struct chunk {
    struct chunk *next;
    uint64_t due_ns;
    size_t len;
    unsigned char data[];
};

struct direction {
    struct delay_proxy *proxy;
    int from, to;
    bool upstream; /* client -> server */
    pthread_t thread;
};

struct delay_proxy {
    int listen_fd, port, upstream_port, delay_ms;
    char unix_path[108];
    _Atomic bool stopping;
    pthread_t acceptor;
    pthread_mutex_t lock;
    int client_fd, server_fd; /* the current connection, -1 between them */
    uint64_t requests, replies, max_in_flight;
};

/* Held at most this many bytes in one direction: the reader waits beyond it. */
#define PROXY_QUEUE_CAP (64u << 20)

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static bool write_all(int fd, const unsigned char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w, n -= (size_t)w;
    }
    return true;
}

static void count_packets(struct delay_proxy *p, bool upstream, const unsigned char *d, size_t n)
{
    uint64_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += d[i] == '#';
    if (!k)
        return;
    pthread_mutex_lock(&p->lock);
    if (upstream)
        p->requests += k;
    else
        p->replies += k;
    if (p->requests > p->replies && p->requests - p->replies > p->max_in_flight)
        p->max_in_flight = p->requests - p->replies;
    pthread_mutex_unlock(&p->lock);
}

/* One direction: read what comes, hand it on delay_ms later, in order. */
static void *direction_main(void *arg)
{
    struct direction *d = arg;
    struct delay_proxy *p = d->proxy;
    struct chunk *head = NULL, **tail = &head;
    size_t queued = 0;
    bool eof = false;
    unsigned char buf[65536];
    while (!p->stopping && (!eof || head)) {
        uint64_t now = now_ns();
        while (head && head->due_ns <= now) {
            struct chunk *c = head;
            if (!d->upstream)
                count_packets(p, false, c->data, c->len);
            bool ok = write_all(d->to, c->data, c->len);
            head = c->next;
            if (!head)
                tail = &head;
            queued -= c->len;
            free(c);
            if (!ok)
                goto out;
        }
        int wait_ms = -1;
        if (head) {
            uint64_t left = head->due_ns > now ? head->due_ns - now : 0;
            wait_ms = (int)((left + 999999) / 1000000);
        }
        if (wait_ms < 0 || wait_ms > 100)
            wait_ms = 100; /* look at `stopping` now and then */
        struct pollfd pf = { .fd = d->from, .events = POLLIN };
        bool can_read = !eof && queued < PROXY_QUEUE_CAP;
        int r = poll(&pf, can_read ? 1 : 0, wait_ms);
        if (r < 0 && errno != EINTR)
            break;
        if (r > 0 && (pf.revents & (POLLIN | POLLHUP | POLLERR))) {
            ssize_t n = recv(d->from, buf, sizeof buf, 0);
            if (n <= 0) {
                eof = true;
                continue;
            }
            if (d->upstream)
                count_packets(p, true, buf, (size_t)n);
            struct chunk *c = malloc(sizeof *c + (size_t)n);
            if (!c)
                break;
            c->next = NULL;
            c->len = (size_t)n;
            c->due_ns = now_ns() + (uint64_t)p->delay_ms * 1000000u;
            memcpy(c->data, buf, (size_t)n);
            *tail = c;
            tail = &c->next;
            queued += (size_t)n;
        }
    }
out:
    while (head) {
        struct chunk *c = head;
        head = c->next;
        free(c);
    }
    /* The other side sees the end too. */
    shutdown(d->to, SHUT_WR);
    shutdown(d->from, SHUT_RD);
    return NULL;
}

static int connect_upstream(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        close(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static void *acceptor_main(void *arg)
{
    struct delay_proxy *p = arg;
    while (!p->stopping) {
        struct pollfd pf = { .fd = p->listen_fd, .events = POLLIN };
        if (poll(&pf, 1, 100) <= 0)
            continue;
        int c = accept4(p->listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (c < 0)
            continue;
        int one = 1;
        setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); /* fails on Unix: fine */
        int s = connect_upstream(p->upstream_port);
        if (s < 0) {
            close(c);
            continue;
        }
        pthread_mutex_lock(&p->lock);
        p->client_fd = c, p->server_fd = s;
        pthread_mutex_unlock(&p->lock);
        struct direction up = { p, c, s, true, 0 }, down = { p, s, c, false, 0 };
        bool up_ok = pthread_create(&up.thread, NULL, direction_main, &up) == 0;
        bool down_ok = pthread_create(&down.thread, NULL, direction_main, &down) == 0;
        if (up_ok)
            pthread_join(up.thread, NULL);
        if (down_ok)
            pthread_join(down.thread, NULL);
        pthread_mutex_lock(&p->lock);
        p->client_fd = p->server_fd = -1;
        pthread_mutex_unlock(&p->lock);
        close(c);
        close(s);
    }
    return NULL;
}

struct delay_proxy *delay_proxy_start(int upstream_port, int delay_ms, const char *unix_path)
{
    struct delay_proxy *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->upstream_port = upstream_port;
    p->delay_ms = delay_ms;
    p->client_fd = p->server_fd = -1;
    pthread_mutex_init(&p->lock, NULL);
    if (unix_path) {
        struct sockaddr_un a = { .sun_family = AF_UNIX };
        if (strlen(unix_path) >= sizeof a.sun_path) {
            errno = ENAMETOOLONG;
            goto fail;
        }
        strcpy(a.sun_path, unix_path);
        strcpy(p->unix_path, unix_path);
        unlink(unix_path);
        p->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (p->listen_fd < 0 || bind(p->listen_fd, (struct sockaddr *)&a, sizeof a) < 0)
            goto fail;
    } else {
        struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
        socklen_t len = sizeof a;
        p->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (p->listen_fd < 0 || bind(p->listen_fd, (struct sockaddr *)&a, sizeof a) < 0 ||
            getsockname(p->listen_fd, (struct sockaddr *)&a, &len) < 0)
            goto fail;
        p->port = ntohs(a.sin_port);
    }
    if (listen(p->listen_fd, 4) < 0 || pthread_create(&p->acceptor, NULL, acceptor_main, p) != 0)
        goto fail;
    return p;
fail:;
    int e = errno;
    if (p->listen_fd > 0)
        close(p->listen_fd);
    free(p);
    errno = e;
    return NULL;
}

int delay_proxy_port(const struct delay_proxy *p)
{
    return p->port;
}

void delay_proxy_counts(const struct delay_proxy *p, uint64_t *requests, uint64_t *replies,
                        uint64_t *max_in_flight)
{
    struct delay_proxy *q = (struct delay_proxy *)p;
    pthread_mutex_lock(&q->lock);
    *requests = q->requests, *replies = q->replies, *max_in_flight = q->max_in_flight;
    pthread_mutex_unlock(&q->lock);
}

void delay_proxy_stop(struct delay_proxy *p)
{
    if (!p)
        return;
    p->stopping = true;
    pthread_mutex_lock(&p->lock);
    if (p->client_fd >= 0)
        shutdown(p->client_fd, SHUT_RDWR);
    if (p->server_fd >= 0)
        shutdown(p->server_fd, SHUT_RDWR);
    pthread_mutex_unlock(&p->lock);
    pthread_join(p->acceptor, NULL);
    close(p->listen_fd);
    if (p->unix_path[0])
        unlink(p->unix_path);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
