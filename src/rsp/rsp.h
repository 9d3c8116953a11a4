/*
 * rsp.h — the GDB remote serial protocol's packet layer, for both ends of
 * a connection (the gdbremote backend is a client; ds_serve is a stub).
 *
 *   rsp_hex.c    hex digits and numbers, binary escaping ('}' ^ 0x20)
 *   rsp_frame.c  packet framing: "$payload#cs" out, a byte-at-a-time
 *                parser in (checksums, run-length expansion, acks,
 *                notifications, the 0x03 interrupt byte), bounded
 *   rsp_conn.c   a connection: TCP (TCP_NODELAY) or a Unix socket,
 *                connect and every reply with a deadline, ack / no-ack
 *                mode, console-output ('O') packets skipped, bounded
 *
 * Nothing here allocates by what the peer says: a reply longer than the
 * buffer given at connect is an error, not a larger buffer.
 */
#ifndef DS_RSP_H
#define DS_RSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- hex and escaping (rsp_hex.c) --------------------------------------- */

/* The value of hex digit c (either case), -1 when c is not one. */
int rsp_hex_value(int c);
/* Write 2 * n lowercase hex digits for n bytes; returns 2 * n. */
size_t rsp_hex_encode(const void *src, size_t n, char *dst);
/* Decode hex_len digits (even) into hex_len / 2 bytes; false on an odd
   length or a character that is not a hex digit. */
bool rsp_hex_decode(const char *src, size_t hex_len, void *dst);
/* A number of 1..16 hex digits, the whole of [s, s + n); false otherwise. */
bool rsp_parse_hex_u64(const char *s, size_t n, uint64_t *v);
/* A number of hex digits at *s, at most 16, ending at a character that is
   not a hex digit; *s moves past it. false when there is none or it is
   longer than 16 digits. */
bool rsp_scan_hex_u64(const char **s, const char *end, uint64_t *v);

/* Whether byte b must be escaped: '#', '$', '}' always, '*' too (a stub's
   reply would read it as run-length encoding, and escaping it costs a
   client nothing). */
static inline bool rsp_needs_escape(uint8_t b)
{
    return b == '#' || b == '$' || b == '}' || b == '*';
}
/* Escape bytes from src into dst (capacity cap) until either runs out;
   *consumed = source bytes taken. Returns the bytes written. An escaped
   byte is never split: the two bytes go in together or not at all. */
size_t rsp_escape(const void *src, size_t n, char *dst, size_t cap, size_t *consumed);
/* Undo the escaping of n bytes into dst (capacity cap). false when the
   data ends inside an escape or would not fit; *out = bytes written. */
bool rsp_unescape(const char *src, size_t n, void *dst, size_t cap, size_t *out);

/* ---- framing (rsp_frame.c) ---------------------------------------------- */

/* What the parser found when it stopped consuming. */
enum rsp_event {
    RSP_EV_NONE = 0,      /* consumed all bytes given: nothing complete yet */
    RSP_EV_ACK,           /* '+' */
    RSP_EV_NAK,           /* '-' */
    RSP_EV_INTERRUPT,     /* a 0x03 byte outside a packet */
    RSP_EV_PACKET,        /* a "$...#cs" packet with a good checksum */
    RSP_EV_NOTIFY,        /* a "%...#cs" notification with a good checksum */
    RSP_EV_BAD_CHECKSUM,  /* a complete frame whose checksum is wrong */
    RSP_EV_MALFORMED,     /* bad run-length encoding or checksum digits */
    RSP_EV_TOO_LONG,      /* the expanded payload would exceed the buffer */
};

struct rsp_parser {
    char *buf;        /* the payload: run-length expanded, still escaped */
    size_t cap;       /* its capacity (the packet-size limit) */
    size_t len;       /* payload bytes so far */
    int state;        /* where in a frame (rsp_frame.c) */
    uint8_t sum;      /* running checksum of the raw frame */
    uint8_t cs_hi;    /* first checksum digit's value */
    bool notify;      /* the frame began with '%' */
    uint64_t junk;    /* bytes outside any frame that mean nothing */
    char junk_head[24]; /* the first of them, for error sentences */
    size_t junk_head_len;
};

/* Set up a parser writing payloads into buf (capacity cap). */
void rsp_parser_init(struct rsp_parser *p, char *buf, size_t cap);
/* Consume bytes until an event (or all n bytes); *ev says which, and the
   return value how many bytes were consumed. After RSP_EV_PACKET or
   RSP_EV_NOTIFY the payload is p->buf[0 .. p->len), valid until the next
   call. After RSP_EV_TOO_LONG or RSP_EV_MALFORMED the frame is abandoned
   and the stream's position inside it is unknown. */
size_t rsp_parser_feed(struct rsp_parser *p, const uint8_t *in, size_t n, enum rsp_event *ev);

/* Frame a payload as "$payload#cs" into dst; the payload must already be
   escaped. Returns the frame's length, 0 when it does not fit in cap. */
size_t rsp_frame(char *dst, size_t cap, const void *payload, size_t n);
/* The checksum of n bytes: their sum modulo 256. */
uint8_t rsp_checksum(const void *data, size_t n);

/* ---- a connection (rsp_conn.c) ------------------------------------------ */

/* How a connection call failed (negative returns). */
enum rsp_status {
    RSP_OK = 0,
    RSP_ERR_IO = -1,        /* the socket failed or the peer closed it */
    RSP_ERR_TIMEOUT = -2,   /* nothing complete within the deadline */
    RSP_ERR_PROTOCOL = -3,  /* the peer sent something that is not the protocol */
    RSP_ERR_TOO_LONG = -4,  /* a reply longer than the buffer */
    RSP_ERR_ARG = -5,       /* a bad address specification or request */
};

/* Console-output ('O') packets and notifications skipped while waiting
   for one reply, at most: a stub flooding them is broken. */
#define RSP_MAX_SKIPPED_PACKETS 4096u
/* Bytes outside any frame tolerated while waiting for a reply. */
#define RSP_MAX_JUNK 4096u

struct rsp_conn {
    int fd;
    bool no_ack;          /* QStartNoAckMode accepted */
    bool broken;          /* the stream can no longer be trusted */
    int timeout_ms;       /* per reply (and for connect) */
    char where[160];      /* "127.0.0.1:1234", "unix:/tmp/s" */
    struct rsp_parser parser;
    char *reply;          /* the parser's buffer */
    size_t reply_cap;
    char *out;            /* framing buffer for requests */
    size_t out_cap;
    uint8_t in[65536];    /* bytes read, not parsed yet: [in_pos, in_len) */
    size_t in_pos, in_len;
    uint64_t skipped_output; /* 'O' packets skipped over the connection's life */
    char err[384];        /* the last failure's reason */
};

/* Connect to spec ("HOST:PORT", "[V6]:PORT", "unix:PATH") within
   timeout_ms; replies up to reply_cap payload bytes. On failure returns
   an rsp_status with c->err set and nothing left open. */
int rsp_connect(struct rsp_conn *c, const char *spec, int timeout_ms, size_t reply_cap);
/* Close the socket and free the buffers (safe on a failed connect). */
void rsp_close(struct rsp_conn *c);
/* Grow the reply buffer to cap (after the peer's PacketSize is known);
   never shrinks. */
int rsp_set_reply_cap(struct rsp_conn *c, size_t cap);

/* Send one packet (payload already escaped). In ack mode waits for the
   '+' and resends on '-' (a few times). */
int rsp_send(struct rsp_conn *c, const char *payload, size_t n);
/* Send a packet without waiting for an ack (no-ack mode only: requests
   pipelined behind each other). */
int rsp_send_nowait(struct rsp_conn *c, const char *payload, size_t n);
/* Send raw bytes (the 0x03 interrupt, a lone ack). */
int rsp_send_raw(struct rsp_conn *c, const void *bytes, size_t n);
/* The next reply packet: console output and notifications are skipped,
   the packet is acknowledged in ack mode. *payload points into the
   connection's buffer, valid until the next call. */
int rsp_recv(struct rsp_conn *c, const char **payload, size_t *n);
/* rsp_send then rsp_recv. */
int rsp_request(struct rsp_conn *c, const char *payload, size_t n, const char **reply,
                size_t *reply_len);
/* The same with a NUL-terminated request. */
int rsp_requests(struct rsp_conn *c, const char *payload, const char **reply,
                 size_t *reply_len);

/* Whether payload is a console-output packet ("O" + hex; "OK" is not). */
bool rsp_is_output(const char *payload, size_t n);
/* Whether payload is an error reply "Enn" (or "E.text", "Enn;text"). */
bool rsp_is_error(const char *payload, size_t n);

#endif /* DS_RSP_H */
