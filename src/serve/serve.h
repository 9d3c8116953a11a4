/*
 * serve.h (internal) — the GDB remote stub behind ds_serve.
 *
 *   serve_listen.c   the listening socket, accept loop, stop pipe, ds_serve
 *   serve_session.c  one client: bytes in through the shared packet parser
 *                    (src/rsp), acks, replies out; bounded, never blocks a stop
 *   serve_packets.c  one packet in, one reply out (pure: no socket), the part
 *                    the fuzz harness drives
 *   serve_xml.c      qXfer documents (memory map, threads) and their chunks,
 *                    qMemoryRegionInfo
 *   serve_text.c     the growing text of those documents, bounded
 *   serve_regs.c     target.xml and the g / p register images from
 *                    ds_get_thread_context
 *   serve_libraries.c the modules as qXfer:libraries-svr4 / libraries
 *   serve_search.c   qSearch:memory through ds_search_virtual
 *   serve_vfile.c    a read-only vFile: /proc/PID/maps (gdb's `info proc
 *                    mappings`) and the target's module files
 *   serve_maps.c     that synthetic /proc/PID/maps, from QueryVirtual
 */
#ifndef DS_SERVE_INTERNAL_H
#define DS_SERVE_INTERNAL_H

#include <dataspaces/dataspaces.h>
#include <dataspaces/serve.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest packet we accept (advertised as PacketSize) and the largest
   reply payload we send. Requests asking for more get less: a short reply
   is what the protocol allows, never a bigger buffer. gdb reads at most
   PacketSize / 2 bytes per m, one request per round trip: 128 KiB makes a
   64 MiB dump 1024 round trips (bench W10). The buffers these size live
   on the heap, allocated once per session (serve_session.c's buffers,
   the session's scratch below). */
#define SERVE_PACKET_SIZE 0x20000u
#define SERVE_REPLY_CAP 0x20000u
/* A generated qXfer document (memory map, thread list) is cut off here. */
#define SERVE_DOC_CAP (4u << 20)
/* Regions walked for a memory map, at most. */
#define SERVE_MAX_REGIONS 200000u
/* Files a client may hold open through vFile at once. */
#define SERVE_VFILE_MAX 32u
/* Modules looked at, at most: the library lists, /proc/PID/maps's paths,
   vFile's files. */
#define SERVE_MAX_MODULES 65536u

/* ---- serve_text.c ---- */
/* A generated document being written: text (NUL-terminated, malloc'd),
   bounded by limit (0: SERVE_DOC_CAP); full once something did not fit. */
struct serve_text {
    char *text;
    size_t len, cap, limit;
    bool full;
};
void serve_text_put(struct serve_text *b, const void *bytes, size_t n);
void serve_text_printf(struct serve_text *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* What a protection allows (Windows' meaning: PAGE_EXECUTE is not
   readable; a guard page allows nothing). */
void serve_protect_rwx(uint32_t protect, bool *r, bool *w, bool *x);

/* A qXfer document built once per session on first read. */
struct serve_doc {
    char *text;
    size_t len;
    bool built;
};

struct serve_session {
    ds_target *t;
    bool no_ack;           /* QStartNoAckMode accepted */
    bool end;              /* k, D: close after the reply */
    bool lldb_x;           /* the client probed "x0,0": LLDB's bare x dialect */
    bool lldb;             /* the client asked qHostInfo / qProcessInfo: LLDB */
    uint32_t thread;       /* Hg's thread (0: the first) */
    uint32_t thread_cursor;/* qsThreadInfo's position */
    struct serve_doc memory_map, threads, libraries, libraries_svr4;
    /* Where a note for the user goes (may be NULL). */
    void (*note)(void *ctx, const char *text);
    void *note_ctx;
    bool noted_no_context;
    /* m/x/M/X's bytes: SERVE_PACKET_SIZE, allocated on first use, freed by
       serve_session_release (too big for a stack). */
    uint8_t *scratch;
    /* serve_vfile.c: the synthetic /proc/PID/maps (built on first open) and
       the client's open files: 0 free, 1 the maps, 2 a module's file (its
       descriptor in vfile_fd). */
    struct serve_doc proc_maps;
    uint8_t vfile_kind[SERVE_VFILE_MAX];
    int vfile_fd[SERVE_VFILE_MAX];
    /* The client's qSupported said multiprocess+: thread ids go out as
       pPID.TID, so gdb knows the process id (`info proc`). */
    bool multiprocess;
};

void serve_session_init(struct serve_session *s, ds_target *t);
/* The session's byte buffer (SERVE_PACKET_SIZE bytes), allocated on first
   use and kept until serve_session_release: for m/x/M/X, qSearch's
   pattern, vFile's reads. NULL when memory is short (the request is then
   answered with ENOMEM's code). */
uint8_t *serve_scratch(struct serve_session *s);
void serve_session_release(struct serve_session *s);

/* Answer one packet payload (unescaped framing, still binary-escaped data):
   writes the reply payload, escaped, into reply (capacity SERVE_REPLY_CAP),
   returns its length (0: the empty reply). */
size_t serve_handle_packet(struct serve_session *s, const char *pkt, size_t n, char *reply);

/* serve_session.c: run one client on socket fd until it leaves or stop_fd fires. */
void serve_run_session(ds_target *t, int fd, int stop_fd,
                       void (*note)(void *ctx, const char *text), void *note_ctx, char *why,
                       size_t why_cap);

/* ---- serve_xml.c ---- */
/* qXfer:OBJECT:read:ANNEX:OFF,LEN for the objects we serve. */
size_t serve_qxfer(struct serve_session *s, const char *pkt, size_t n, char *reply);
/* qMemoryRegionInfo:ADDR */
size_t serve_region_info(struct serve_session *s, uint64_t addr, char *reply);

/* ---- serve_libraries.c ---- */
/* Which library list the target's modules make, if any. */
enum serve_libs_kind { SERVE_LIBS_NONE, SERVE_LIBS_SVR4, SERVE_LIBS_WINDOWS };
enum serve_libs_kind serve_libraries_kind(ds_target *t);
/* The qSupported features for it: ";qXfer:libraries-svr4:read+;
   qXfer:libraries:read+" (ELF), ";qXfer:libraries:read+" (Windows), "". */
const char *serve_libraries_feature(ds_target *t);
/* The libraries-svr4 (svr4) or libraries document, built on first read;
   NULL when the target has no such list. */
const char *serve_libraries_doc(struct serve_session *s, bool svr4, size_t *len);

/* ---- serve_regs.c ---- */
/* The target.xml document for the target's machine; NULL when we have none. */
const char *serve_target_xml(ds_target *t);
/* The whole register image of thread tid (gdb's order) as hex; returns the
   length written, 0 when the machine has no description. */
size_t serve_registers_hex(struct serve_session *s, uint32_t tid, char *reply, size_t cap);
/* One register n as hex, 0 when n is not one. */
size_t serve_register_hex(struct serve_session *s, uint32_t tid, uint64_t n, char *reply,
                          size_t cap);

/* ---- serve_search.c, serve_vfile.c ---- */
/* qSearch:memory:ADDR;LEN;PATTERN */
size_t serve_search(struct serve_session *s, const char *pkt, size_t n, char *reply);
/* vFile:OPERATION:ARGS ("F..." replies); 0 (the empty reply) for the
   operations we do not serve. */
size_t serve_vfile(struct serve_session *s, const char *pkt, size_t n, char *reply);
/* The process id the client sees: the target's, or 1 where it has none
   (a minidump without one). */
uint32_t serve_pid(struct serve_session *s);
/* Close the files the client left open (serve_session_release). */
void serve_vfile_release(struct serve_session *s);
/* serve_maps.c: the synthetic /proc/PID/maps, built on first use. */
const struct serve_doc *serve_maps_doc(struct serve_session *s);

/* The thread the session looks at (Hg's, else the first; 1 when the target
   lists none). */
uint32_t serve_current_thread(struct serve_session *s);

#endif /* DS_SERVE_INTERNAL_H */
