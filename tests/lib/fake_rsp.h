/*
 * fake_rsp.h — a GDB remote-protocol server in a thread of the test, with
 * a misbehaviour chosen per instance. Well-behaved (FAKE_GOOD) it serves a
 * small memory image (FAKE_MEM_SIZE bytes at FAKE_MEM_BASE, byte i = i*13+7)
 * in ack mode, answering qSupported, ?, qC, qfThreadInfo, qAttached, m, M,
 * X and an empty packet to everything else; the other modes break one rule.
 */
#ifndef DS_FAKE_RSP_H
#define DS_FAKE_RSP_H

#include <stdint.h>

#define FAKE_MEM_BASE 0x10000u
#define FAKE_MEM_SIZE 0x4000u

enum fake_mode {
    FAKE_GOOD,
    FAKE_SILENT,         /* accepts, reads, never writes a byte */
    FAKE_HTTP,           /* answers like a web server, then closes */
    FAKE_BAD_CHECKSUM,   /* every reply with a wrong checksum, forever */
    FAKE_ENDLESS_PACKET, /* '$' then data that never ends (up to 256 MiB) */
    FAKE_LYING_READ,     /* handshake fine; each 'm' answered with 16x the bytes asked */
    FAKE_HUGE_PACKETSIZE,/* PacketSize=ffffffffffffffff, then good */
    FAKE_MILLION_O,      /* handshake fine; each 'm' gets 1,000,000 O packets, no answer */
    FAKE_DIES_MID_READ,  /* handshake fine; the first 'm' gets half a reply, then close */
    FAKE_ERROR_READS,    /* handshake fine; every 'm' answered E01 */
    FAKE_GARBAGE,        /* random bytes, no framing (4 MiB) */
    FAKE_RLE_BOMB,       /* each 'm' answered with a 30 KB packet whose run-length
                            encoding expands to ~1 MiB */
    FAKE_BAD_HEX,        /* each 'm' answered with the right length of non-hex digits */
    FAKE_TINY_PACKETSIZE,/* PacketSize=1 (no 'm' fits), then good */
    FAKE_NOTIFICATIONS,  /* good, but a %Stop notification before every reply */
};

struct fake_rsp;

/* Listen on 127.0.0.1, a free port, serve one client in that mode. */
struct fake_rsp *fake_rsp_start(enum fake_mode mode);
/* The same on [::1]. */
struct fake_rsp *fake_rsp_start_v6(enum fake_mode mode);
int fake_rsp_port(const struct fake_rsp *f);
/* "127.0.0.1:PORT" or "[::1]:PORT" (storage in f). */
const char *fake_rsp_spec(const struct fake_rsp *f);
/* How many bytes the fake sent so far. */
uint64_t fake_rsp_bytes_sent(const struct fake_rsp *f);
/* How many connections it accepted so far. */
int fake_rsp_accepted(const struct fake_rsp *f);
/* How many bytes the client sent it so far. */
uint64_t fake_rsp_bytes_received(const struct fake_rsp *f);
/* Stop: cut the connection, join, free. */
void fake_rsp_stop(struct fake_rsp *f);
/* The fake's memory byte at address a (a within the image). */
uint8_t fake_rsp_byte(uint64_t a);

#endif
