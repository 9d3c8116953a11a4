/*
 * remote_checks.h — the data-space checks every remote server kind runs,
 * on a process of tests/helpers/remote_target.c reached through a server.
 *
 * The oracle: before the server attaches, the same process is opened with
 * ds_attach (non-invasive, not suspended: the helper is idle) and a table
 * of cases — reads at holes and PROT_NONE pages, searches across them,
 * region queries, valid-region questions, threads — is answered. The
 * remote target must answer every case the same way (dbgeng's rules are
 * the local backend's, already tested against cdb's).
 */
#ifndef DS_REMOTE_CHECKS_H
#define DS_REMOTE_CHECKS_H

#include "testlib.h"
#include "remote_servers.h"

#define REMOTE_MAX_CASES 64

struct remote_outcome {
    HRESULT hr;
    uint64_t a, b, c, d; /* what the case answers: counts, addresses, fields */
    uint64_t digest;     /* FNV-1a of the bytes read */
};

struct remote_session {
    struct helper h;
    struct server srv;
    ds_target *t;
    uint64_t page, static_text, static_bytes, tricky, edge_start, big, big_size, needle, special, edge, hole, guard,
        rodata, scratch, code;
    int threads;
    int ncases;
    char names[REMOTE_MAX_CASES][96];
    struct remote_outcome oracle[REMOTE_MAX_CASES];
    uint32_t oracle_tids[16], oracle_nthreads;
};

/* Start remote_target, answer the oracle's cases, start a server of kind
   (SERVER_GDBSERVER_ATTACH, SERVER_LLDB_ATTACH) attached to it and
   ds_connect to it. */
void remote_session_open(struct remote_session *s, enum server_kind kind);
/* The same without the connection (s->t NULL). */
void remote_session_start(struct remote_session *s, enum server_kind kind);
/* Connect (again) to the server, at spec (NULL: the server's own). */
void remote_session_connect(struct remote_session *s, const char *spec);
void remote_session_close(struct remote_session *s);

/* The checks; each fails the test on the first difference. */
void check_identity(struct remote_session *s);
void check_small_reads(struct remote_session *s);
void check_big_reads(struct remote_session *s);
void check_oracle_cases(struct remote_session *s);
void check_writes(struct remote_session *s);
void check_search_finds(struct remote_session *s);
void check_query_against_maps(struct remote_session *s);
void check_threads(struct remote_session *s);

/* Bytes straight from the process (process_vm_readv), the truth. */
void direct_read(pid_t pid, uint64_t addr, void *buf, size_t n);
/* Word i of remote_target's `big`. */
uint64_t remote_word(uint64_t i);
/* Seconds on the monotonic clock. */
double monotonic_s(void);

#endif
