/*
 * delay_proxy.h — a TCP (or Unix-socket) forwarder that holds every chunk
 * of bytes for a fixed delay in each direction: a long link on loopback.
 * Plain C and pthreads (no cmocka), so that bench/ can use it too.
 *
 * It also counts GDB remote-protocol packets ('#' bytes: a packet's only
 * unescaped '#', never a run-length count) each way, and keeps the
 * high-water mark of requests sent upstream and not yet answered: more
 * than 1 means the client kept several requests in flight.
 */
#ifndef DS_DELAY_PROXY_H
#define DS_DELAY_PROXY_H

#include <stdint.h>

struct delay_proxy;

/* Listen on 127.0.0.1 (a free port) or, when unix_path is not NULL, on
   that Unix socket; forward each accepted client to 127.0.0.1:upstream_port,
   one client at a time, delaying each direction by delay_ms. NULL (errno
   set) when it cannot listen. */
struct delay_proxy *delay_proxy_start(int upstream_port, int delay_ms, const char *unix_path);
/* The TCP port it listens on (0 for a Unix socket). */
int delay_proxy_port(const struct delay_proxy *p);
/* Packets seen client->server and server->client, and the most requests in
   flight at once, since the start. */
void delay_proxy_counts(const struct delay_proxy *p, uint64_t *requests, uint64_t *replies,
                        uint64_t *max_in_flight);
/* Stop listening, cut any connection, join the threads, free. */
void delay_proxy_stop(struct delay_proxy *p);

#endif
