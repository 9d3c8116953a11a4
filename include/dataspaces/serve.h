/*
 * serve.h — serve an open target to gdb and lldb as a GDB remote stub
 * (dataspaces serve). The stub answers memory reads and writes, the
 * address space (qXfer:memory-map, qMemoryRegionInfo), threads and their
 * registers (target.xml, g, p) from the target's thread contexts; it never
 * runs the target: it is a snapshot to look at. docs/serve.md says which
 * packets it answers and how.
 *
 * One client at a time, one after another, on the calling thread.
 */
#ifndef DATASPACES_SERVE_H
#define DATASPACES_SERVE_H

#include "dataspaces.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A listening stub. */
typedef struct ds_server ds_server;

/** Flags. */
/** Return after the first client's session ends (gdbserver's --once). */
#define DS_SERVE_ONCE 0x1u

/** What a server tells its event callback (one sentence each). */
enum ds_serve_event {
    DS_SERVE_LISTENING = 1,  /**< text: where, e.g. "127.0.0.1:40123" */
    DS_SERVE_CLIENT = 2,     /**< a client connected; text: from where */
    DS_SERVE_CLIENT_GONE = 3,/**< a session ended; text: why */
    DS_SERVE_NOTE = 4,       /**< something a user may want to know */
};
/** Called for each event; a nonzero return stops the server (as
 *  ds_server_stop does) once the current event is handled. */
typedef int (*ds_serve_event_fn)(void *ctx, int event, const char *text);

/** Listen on listen: "HOST:PORT", "[V6]:PORT", ":PORT" or "PORT" (loopback,
 *  127.0.0.1) or "unix:PATH"; NULL or "" is "127.0.0.1:0". PORT 0 picks a
 *  free port (ds_server_address says which). Only an explicit HOST listens
 *  beyond loopback. The target stays the caller's: close it after
 *  ds_server_close. */
DS_EXTERN(HRESULT) ds_server_open(ds_target *t, const char *listen, unsigned flags,
                                  ds_server **out);
/** Where it listens: "127.0.0.1:40123", "unix:/tmp/s". */
DS_EXTERN(const char *) ds_server_address(const ds_server *s);
/** The bound TCP port (0 for a Unix socket). */
DS_EXTERN(uint16_t) ds_server_port(const ds_server *s);
/** Serve clients until ds_server_stop, the callback says stop, or (with
 *  DS_SERVE_ONCE) the first session ends. S_OK then; a failure of the
 *  listening socket otherwise (ds_error_text(NULL) says why). */
DS_EXTERN(HRESULT) ds_server_run(ds_server *s, ds_serve_event_fn on_event, void *ctx);
/** Ask a running server to stop: safe from another thread and from a
 *  signal handler (it writes one byte to a pipe). A session in progress is
 *  closed. */
DS_EXTERN(void) ds_server_stop(ds_server *s);
/** Close the listening socket (removing a Unix socket's file) and free. */
DS_EXTERN(void) ds_server_close(ds_server *s);

/** All of it at once: open, run (on_event may be NULL), close. */
DS_EXTERN(HRESULT) ds_serve(ds_target *t, const char *listen, unsigned flags,
                            ds_serve_event_fn on_event, void *ctx);

#ifdef __cplusplus
}
#endif
#endif /* DATASPACES_SERVE_H */
