/*
 * serve_client.c — see serve_client.h.
 */
#include "serve_client.h"
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

/* ---- a server on a thread ------------------------------------------------ */

static void *run_server(void *arg)
{
    ds_server_run(arg, NULL, NULL);
    return NULL;
}

void serve_start(struct served *v, ds_target *t)
{
    assert_hr(S_OK, ds_server_open(t, NULL, 0, &v->s), NULL);
    snprintf(v->addr, sizeof v->addr, "%s", ds_server_address(v->s));
    assert_true(strncmp(v->addr, "127.0.0.1:", 10) == 0); /* loopback by default */
    assert_int_not_equal(ds_server_port(v->s), 0);
    assert_int_equal(pthread_create(&v->thread, NULL, run_server, v->s), 0);
}

void serve_stop(struct served *v)
{
    ds_server_stop(v->s);
    pthread_join(v->thread, NULL);
    ds_server_close(v->s);
}

int serve_connect(const struct served *v)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(ds_server_port(v->s))};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    struct timeval tv = {.tv_sec = 30};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

/* Run a debugger (a shell command line) and return all it printed. */
char *run_debugger(const char *command)
{
    char line[2048];
    snprintf(line, sizeof line, "timeout 60 %s 2>&1", command);
    FILE *f = popen(line, "r");
    assert_non_null(f);
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    size_t got;
    while ((got = fread(out + len, 1, cap - 1 - len, f)) > 0)
        len += got;
    out[len] = '\0';
    pclose(f);
    return out;
}

char *gdb(const struct served *v, const char *cmds)
{
    char line[1536];
    snprintf(line, sizeof line, "gdb -batch -nx -ex 'set pagination off' -ex 'target remote %s' %s",
             v->addr, cmds);
    return run_debugger(line);
}

/* The bytes of gdb's `x/NNxb ADDR` output, in order. */
size_t gdb_bytes(const char *out, uint64_t addr, uint8_t *bytes, size_t max)
{
    char head[32];
    snprintf(head, sizeof head, "\n0x%llx:", (unsigned long long)addr);
    const char *p = strstr(out, head);
    p = p ? p + 1 : NULL;
    size_t n = 0;
    while (p && n < max) {
        const char *colon = strchr(p, ':');
        const char *eol = strchr(p, '\n');
        if (!colon || (eol && colon > eol))
            break;
        const char *q = colon + 1;
        while (n < max) {
            while (*q == '\t' || *q == ' ')
                q++;
            unsigned v;
            int k;
            if (sscanf(q, "0x%2x%n", &v, &k) != 1 || k != 4)
                break;
            bytes[n++] = (uint8_t)v;
            q += k;
        }
        p = eol ? eol + 1 : NULL;
        if (p && strncmp(p, "0x", 2) != 0)
            break;
    }
    return n;
}

void expect_gdb_reads(const struct served *v, uint64_t addr, const uint8_t *truth,
                             size_t n)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "-ex 'x/%zuxb 0x%llx'", n, (unsigned long long)addr);
    char *out = gdb(v, cmd);
    uint8_t got[64];
    size_t k = gdb_bytes(out, addr, got, sizeof got);
    if (k != n || memcmp(got, truth, n) != 0)
        fail_msg("gdb read %zu of %zu bytes at 0x%llx, or other bytes; it printed:\n%s", k, n,
                 (unsigned long long)addr, out);
    free(out);
}

/* ---- a minidump ----------------------------------------------------------- */

ds_target *amd64_dump(struct mdb *m)
{
    mdb_init(m, MDB_ARCH_AMD64, 2 /* VER_PLATFORM_WIN32_NT */);
    mdb_memory_pattern(m, MD_BASE, MD_SIZE, 7, MDB_IN_LIST32);
    struct mdb_thread *th = mdb_thread(m, 0x1234, MD_BASE, MD_SIZE);
    th->pc = MD_PC;
    th->sp = MD_SP;
    mdb_thread(m, 0x1238, MD_BASE, MD_SIZE);
    return mdb_open(m, 0);
}

