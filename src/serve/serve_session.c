/*
 * serve_session.c — one client, from connect to close.
 *
 * Bytes go through the packet parser the remote backend uses (src/rsp):
 * a bad checksum is answered '-' (ack mode), a malformed or over-long
 * frame, a flood of junk or of bad checksums closes the connection. Every
 * wait also watches the server's stop pipe, so ds_server_stop ends a
 * session whatever the client does.
 */
#include "serve.h"

#include "rsp/rsp.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Tolerated before the connection is closed. */
#define MAX_BAD_CHECKSUMS 32u
#define MAX_RESENDS 8u
#define MAX_JUNK 4096u

/* Wait until fd is ready for events; false when stop_fd fired or on an
   error. */
static bool wait_for(int fd, short events, int stop_fd)
{
    struct pollfd p[2] = {{.fd = fd, .events = events}, {.fd = stop_fd, .events = POLLIN}};
    for (;;) {
        int r = poll(p, 2, -1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 || (p[1].revents & POLLIN))
            return false;
        if (p[0].revents)
            return true;
    }
}

static bool send_all(int fd, int stop_fd, const char *data, size_t n, char *why, size_t why_cap)
{
    while (n > 0) {
        if (!wait_for(fd, POLLOUT, stop_fd)) {
            snprintf(why, why_cap, "the server was stopped");
            return false;
        }
        ssize_t w = send(fd, data, n, MSG_NOSIGNAL);
        if (w < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (w <= 0) {
            snprintf(why, why_cap, "sending a reply failed: %s", strerror(errno));
            return false;
        }
        data += w;
        n -= (size_t)w;
    }
    return true;
}

/* A session's packet, reply and framed reply: SERVE_PACKET_SIZE and
   SERVE_REPLY_CAP are large (bench W10), so they live on the heap, one
   allocation per session, never sized by a request. */
struct session_buffers {
    char packet[SERVE_PACKET_SIZE];
    char reply[SERVE_REPLY_CAP];
    char frame[SERVE_REPLY_CAP + 4];
};

/* Run a session on the connected socket fd until the client leaves, ends
   it (k, D), misbehaves, or stop_fd fires. Writes why it ended. */
void serve_run_session(ds_target *t, int fd, int stop_fd,
                       void (*note)(void *ctx, const char *text), void *note_ctx, char *why,
                       size_t why_cap)
{
    struct session_buffers *bufs = malloc(sizeof *bufs);
    if (!bufs) {
        snprintf(why, why_cap, "no memory for the session's %zu bytes of buffers",
                 sizeof *bufs);
        return;
    }
    static const size_t frame_cap = sizeof bufs->frame;
    char *reply = bufs->reply, *frame = bufs->frame;
    uint8_t in[8192];
    size_t frame_len = 0;
    unsigned bad_checksums = 0, resends = 0;

    struct serve_session s;
    serve_session_init(&s, t);
    s.note = note;
    s.note_ctx = note_ctx;
    struct rsp_parser parser;
    rsp_parser_init(&parser, bufs->packet, sizeof bufs->packet);
    snprintf(why, why_cap, "the client closed the connection");

    for (;;) {
        if (!wait_for(fd, POLLIN, stop_fd)) {
            snprintf(why, why_cap, "the server was stopped");
            break;
        }
        ssize_t got = recv(fd, in, sizeof in, 0);
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (got < 0) {
            snprintf(why, why_cap, "reading from the client failed: %s", strerror(errno));
            break;
        }
        if (got == 0)
            break;
        size_t pos = 0;
        bool close_it = false;
        while (pos < (size_t)got && !close_it) {
            enum rsp_event ev;
            pos += rsp_parser_feed(&parser, in + pos, (size_t)got - pos, &ev);
            if (parser.junk > MAX_JUNK) {
                snprintf(why, why_cap, "the client sent %llu bytes that are not the protocol "
                         "(they began \"%s\")", (unsigned long long)parser.junk,
                         parser.junk_head);
                close_it = true;
                break;
            }
            switch (ev) {
            case RSP_EV_NONE:
            case RSP_EV_ACK:
            case RSP_EV_INTERRUPT: /* nothing runs, so nothing to interrupt */
            case RSP_EV_NOTIFY:
                break;
            case RSP_EV_NAK:
                if (s.no_ack || frame_len == 0)
                    break;
                if (++resends > MAX_RESENDS) {
                    snprintf(why, why_cap, "the client refused %u replies in a row", resends);
                    close_it = true;
                    break;
                }
                close_it = !send_all(fd, stop_fd, frame, frame_len, why, why_cap);
                break;
            case RSP_EV_BAD_CHECKSUM:
                if (++bad_checksums > MAX_BAD_CHECKSUMS) {
                    snprintf(why, why_cap, "the client sent %u packets with bad checksums",
                             bad_checksums);
                    close_it = true;
                    break;
                }
                if (!s.no_ack)
                    close_it = !send_all(fd, stop_fd, "-", 1, why, why_cap);
                break;
            case RSP_EV_MALFORMED:
                snprintf(why, why_cap, "the client sent a malformed packet (run-length "
                         "encoding or checksum digits)");
                close_it = true;
                break;
            case RSP_EV_TOO_LONG:
                snprintf(why, why_cap, "the client sent a packet longer than %u bytes",
                         SERVE_PACKET_SIZE);
                close_it = true;
                break;
            case RSP_EV_PACKET: {
                bool was_no_ack = s.no_ack;
                resends = 0;
                if (!was_no_ack && !send_all(fd, stop_fd, "+", 1, why, why_cap)) {
                    close_it = true;
                    break;
                }
                size_t n = serve_handle_packet(&s, parser.buf, parser.len, reply);
                bool killed = s.end && parser.len > 0 && parser.buf[0] == 'k';
                if (!killed) {
                    frame_len = rsp_frame(frame, frame_cap, reply, n);
                    close_it = !send_all(fd, stop_fd, frame, frame_len, why, why_cap);
                }
                if (!close_it && s.end) {
                    snprintf(why, why_cap, "the client ended the session (%c)", parser.buf[0]);
                    close_it = true;
                }
                break;
            }
            }
        }
        if (close_it)
            break;
    }
    serve_session_release(&s);
    free(bufs);
}
