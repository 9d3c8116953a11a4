/*
 * serve_client.h — test helpers for ds_serve: a server on a thread, gdb
 * and lldb run as clients, their output read back.
 */
#ifndef DS_TEST_SERVE_CLIENT_H
#define DS_TEST_SERVE_CLIENT_H

#include <dataspaces/serve.h>

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "minidump_builder.h"

struct served {
    ds_server *s;
    pthread_t thread;
    char addr[64];
};

/* ds_server_open(t, loopback, a free port) and ds_server_run on a thread. */
void serve_start(struct served *v, ds_target *t);
/* ds_server_stop, join, ds_server_close. */
void serve_stop(struct served *v);
/* A raw client: a socket connected to v (a 30 s receive timeout, so a
   stub that never answers fails the test instead of hanging it). */
int serve_connect(const struct served *v);
/* Run a shell command line (under a timeout); all it printed (malloc'd). */
char *run_debugger(const char *command);
/* gdb -batch, connected to v, then the -ex options in cmds. */
char *gdb(const struct served *v, const char *cmds);
/* The bytes of gdb's `x/NNxb ADDR` output, in order. */
size_t gdb_bytes(const char *out, uint64_t addr, uint8_t *bytes, size_t max);
/* gdb's x/Nxb at addr must print exactly truth. */
void expect_gdb_reads(const struct served *v, uint64_t addr, const uint8_t *truth, size_t n);

/* A Windows x64 minidump: MD_SIZE pattern bytes (seed 7) at MD_BASE,
   threads 0x1234 (pc MD_PC, sp MD_SP) and 0x1238. */
#define MD_BASE 0x10000000ull
#define MD_SIZE 0x2000u
#define MD_PC 0x7ff612345678ull
#define MD_SP (MD_BASE + 0x1f00)
ds_target *amd64_dump(struct mdb *m);

#endif
