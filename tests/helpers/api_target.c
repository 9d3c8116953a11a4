/*
 * api_target — a process that lays out memory for the data-space method
 * tests (tests/test_api_live.c), prints where ("key=0x..." lines, then
 * "ready") and then obeys commands on stdin, answering each with "ok":
 *   exit       exit(0)
 *
 * argv[1] is a seed (decimal). Markers are computed from it at run time,
 * byte by byte, straight into place, so that no other copy of them exists
 * anywhere in the process (not in .rodata, not on the stack): a search of
 * the whole address space must find exactly the copies laid out here.
 * marker(kind, i) = (seed >> (8 * (i % 8))) ^ (kind * 0x45 + i * 0x3B + 0x91)
 * (bytes), MARKER_SIZE bytes long.
 *
 * What it lays out (P = page size):
 *   split      2 pages, rw- then r--: two regions. marker(1) straddles the
 *              boundary (from split + P - 5)
 *   rwmix      2 pages, r-- then rw-: marker(2) at rwmix + 0x100 and at
 *              rwmix + P + 0x200
 *   big        5 MiB rw-: marker(3) at big + 1 MiB - 3 and marker(4) at
 *              big + 2 MiB - 5 (across any chunk boundary of a search)
 *   gran       1 page rw-: marker(5) at gran + 0x105 and gran + 0x30C
 *   guard      3 pages rw-, ---, rw-
 *   edge       1 page rw- followed by an unmapped page: marker(6) in its
 *              last MARKER_SIZE bytes
 *   edge_str   "ends-here!!", its NUL the last byte of a page followed by
 *              an unmapped page
 *   runaway    1 page rw- of 'Z' followed by an unmapped page
 *   fill       3 pages: rw-, r--, unmapped
 *   fillguard  3 pages: rw-, r--, ---
 *   touched    1 page written; untouched: 1 page never touched
 *   hello      "hello, dataspaces"; utf8 "Grüße €𝄞" in UTF-8; latin1
 *              "café" in ISO-8859-1; utf16 "Grüße €𝄞" in UTF-16LE with a
 *              0 unit after it
 *   ptrs       four 64-bit values 0x1122334455667788, 0xffffffff80000000,
 *              0, 0x7fff00001000
 *   fd_file, fd_dup   a file under /tmp whose name ends in "é" (opened
 *              O_RDONLY|O_CLOEXEC, then unlinked) and a dup of it
 *   fd_null    /dev/null, O_RDWR, inheritable
 *   fd_pipe_r, fd_pipe_w, fd_sock, fd_event   a pipe, a socket, an eventfd
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "helper.h"

#define MARKER_SIZE 16
#define MiB (1024u * 1024u)

static uint64_t seed;

static void put_marker(unsigned char *p, unsigned kind)
{
    for (unsigned i = 0; i < MARKER_SIZE; i++)
        p[i] = (unsigned char)((seed >> (8 * (i % 8))) ^ (kind * 0x45 + i * 0x3B + 0x91));
}

static void report(const char *key, const void *p)
{
    printf("%s=%p\n", key, p);
}

static void open_handles(void)
{
    char name[64];
    snprintf(name, sizeof name, "/tmp/ds-api-%d-\xC3\xA9", (int)getpid());
    int fd = open(name, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    unlink(name);
    int dup_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    int null_fd = open("/dev/null", O_RDWR);
    int pipe_fd[2], sock[2];
    if (fd < 0 || dup_fd < 0 || null_fd < 0 || pipe(pipe_fd) < 0 ||
        socketpair(AF_UNIX, SOCK_STREAM, 0, sock) < 0) {
        perror("api_target: handles");
        exit(1);
    }
    int event = eventfd(0, 0);
    printf("fd_file=%d\nfd_dup=%d\nfd_null=%d\nfd_pipe_r=%d\nfd_pipe_w=%d\nfd_sock=%d\n"
           "fd_event=%d\n", fd, dup_fd, null_fd, pipe_fd[0], pipe_fd[1], sock[0], event);
}

static void lay_out_strings(size_t P)
{
    static const unsigned short utf16_text[] = { 'G', 'r', 0xFC, 0xDF, 'e', ' ', 0x20AC,
                                                 0xD834, 0xDD1E, 0 };
    unsigned char *s = must_map(P);
    strcpy((char *)s, "hello, dataspaces");
    strcpy((char *)s + 0x40, "Gr\xC3\xBC\xC3\x9F" "e \xE2\x82\xAC\xF0\x9D\x84\x9E");
    strcpy((char *)s + 0x80, "caf\xE9");
    memcpy(s + 0xC1, utf16_text, sizeof utf16_text);  /* odd address on purpose */
    report("hello", s);
    report("utf8", s + 0x40);
    report("latin1", s + 0x80);
    report("utf16", s + 0xC1);

    uint64_t *ptrs = (uint64_t *)(s + 0x200);
    ptrs[0] = 0x1122334455667788ull;
    ptrs[1] = 0xffffffff80000000ull;
    ptrs[2] = 0;
    ptrs[3] = 0x7fff00001000ull;
    report("ptrs", ptrs);
}

static void lay_out_search(size_t P)
{
    unsigned char *split = must_map(2 * P);
    put_marker(split + P - 5, 1);
    mprotect(split + P, P, PROT_READ);
    report("split", split);

    unsigned char *rwmix = must_map(2 * P);
    put_marker(rwmix + 0x100, 2);
    put_marker(rwmix + P + 0x200, 2);
    mprotect(rwmix, P, PROT_READ);
    report("rwmix", rwmix);

    unsigned char *big = must_map(5 * MiB);
    memset(big, 0x11, 5 * MiB);
    put_marker(big + MiB - 3, 3);
    put_marker(big + 2 * MiB - 5, 4);
    report("big", big);

    unsigned char *gran = must_map(P);
    put_marker(gran + 0x105, 5);
    put_marker(gran + 0x30C, 5);
    report("gran", gran);
}

/* One rw- page with an unmapped page after it. */
static unsigned char *page_before_hole(size_t P)
{
    unsigned char *p = must_map(2 * P);
    munmap(p + P, P);
    return p;
}

/* Mapped last of all, so that no later mapping fills their holes. */
static void lay_out_edges(size_t P)
{
    unsigned char *guard = must_map(3 * P);
    memset(guard, 0x47, 3 * P);
    mprotect(guard + P, P, PROT_NONE);
    report("guard", guard);

    unsigned char *fillguard = must_map(3 * P);
    mprotect(fillguard + P, P, PROT_READ);
    mprotect(fillguard + 2 * P, P, PROT_NONE);
    report("fillguard", fillguard);

    unsigned char *touched = must_map(P), *untouched = must_map(P);
    memset(touched, 0x3C, P);
    report("touched", touched);
    report("untouched", untouched);

    unsigned char *fill = must_map(3 * P);
    mprotect(fill + P, P, PROT_READ);
    munmap(fill + 2 * P, P);
    report("fill", fill);

    unsigned char *edge = page_before_hole(P);
    put_marker(edge + P - MARKER_SIZE, 6);
    report("edge", edge);

    unsigned char *edge_str = page_before_hole(P);
    strcpy((char *)edge_str + P - 12, "ends-here!!");
    report("edge_str", edge_str + P - 12);

    unsigned char *runaway = page_before_hole(P);
    memset(runaway, 'Z', P);
    report("runaway", runaway);
}

int main(int argc, char **argv)
{
    seed = argc > 1 ? strtoull(argv[1], NULL, 10) : 1;
    size_t P = (size_t)sysconf(_SC_PAGESIZE);
    printf("page=0x%zx\n", P);
    fflush(stdout);  /* stdout's buffer exists before the edges are laid out */
    open_handles();
    lay_out_strings(P);
    lay_out_search(P);
    lay_out_edges(P);
    serve_commands(NULL);
    return 0;
}
