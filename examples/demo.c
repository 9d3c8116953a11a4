/*
 * demo — what `make demo` runs: start a small program, attach to it with
 * dataspaces, and show the data-space API at work, in plain words.
 *
 *   usage: demo PATH-TO-demo_target
 */
#define _POSIX_C_SOURCE 200809L  /* fdopen, kill: builds alone as -std=c11 */
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <dataspaces/dataspaces.h>

static const char *protect_name(uint32_t p)
{
    switch (p & 0xff) {
    case PAGE_NOACCESS: return "---";
    case PAGE_READONLY: return "r--";
    case PAGE_READWRITE: return "rw-";
    case PAGE_WRITECOPY: return "rw-(cow)";
    case PAGE_EXECUTE: return "--x";
    case PAGE_EXECUTE_READ: return "r-x";
    case PAGE_EXECUTE_READWRITE: return "rwx";
    case PAGE_EXECUTE_WRITECOPY: return "rwx(cow)";
    default: return "?";
    }
}

static const char *type_name(uint32_t type)
{
    return type == MEM_IMAGE ? "MEM_IMAGE" : type == MEM_MAPPED ? "MEM_MAPPED"
         : type == MEM_PRIVATE ? "MEM_PRIVATE" : "";
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s PATH-TO-demo_target\n", argv[0]);
        return 2;
    }
    /* 1. Start the demo target with a pipe on its stdin and stdout. */
    int to[2], from[2];
    if (pipe(to) || pipe(from))
        return 1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(to[0], 0), dup2(from[1], 1);
        close(to[1]), close(from[0]);
        execl(argv[1], argv[1], (char *)NULL);
        perror(argv[1]);
        _exit(127);
    }
    close(to[0]), close(from[1]);
    FILE *in = fdopen(from[0], "r");
    void *greeting_p, *buf_p;
    long page;
    if (fscanf(in, "%p %p %ld", &greeting_p, &buf_p, &page) != 3) {
        fprintf(stderr, "demo: the target did not start\n");
        return 1;
    }
    uint64_t greeting = (uintptr_t)greeting_p, buf = (uintptr_t)buf_p;
    printf("Started demo_target as process %d.\n", (int)pid);

    /* 2. Attach: every thread stops until ds_close. */
    ds_target *t;
    HRESULT hr = ds_attach(pid, 0, &t);
    if (FAILED(hr)) {
        fprintf(stderr, "demo: %s (HRESULT 0x%08x)\n", ds_error_text(NULL), (unsigned)hr);
        return 1;
    }
    printf("Attached: a %u-bit process, stopped; the cache holds %" PRIu64 " MiB.\n\n",
           ds_pointer_size(t) * 8, ds_cache_get_size(t) >> 20);

    /* 3. Walk its address space with QueryVirtual. */
    printf("Its memory regions (QueryVirtual), free gaps left out:\n");
    printf("  %-18s %-18s %-9s %s\n", "BaseAddress", "RegionSize", "Protect", "Type");
    MEMORY_BASIC_INFORMATION64 mbi;
    for (uint64_t a = 0; SUCCEEDED(ds_query_virtual(t, a, &mbi)); a = mbi.BaseAddress + mbi.RegionSize) {
        if (mbi.State != MEM_FREE)
            printf("  0x%016" PRIx64 " 0x%016" PRIx64 " %-9s %s\n", mbi.BaseAddress,
                   mbi.RegionSize, protect_name(mbi.Protect), type_name(mbi.Type));
        if (mbi.BaseAddress + mbi.RegionSize < a)
            break;
    }

    /* 4. Read a known string. */
    char text[64] = { 0 };
    uint32_t got = 0;
    hr = ds_read_virtual(t, greeting, text, sizeof text - 1, &got);
    printf("\nReadVirtual(0x%" PRIx64 ", 63 bytes) -> 0x%08x, %u bytes: \"%s\"\n", greeting,
           (unsigned)hr, got, text);

    /* 5. A read that runs off the end of a mapping returns what is there. */
    char chunk[64];
    uint64_t edge = buf + (uint64_t)page - 16;
    hr = ds_read_virtual(t, edge, chunk, sizeof chunk, &got);
    printf("ReadVirtual(0x%" PRIx64 ", 64 bytes) across the end of a mapping -> 0x%08x, "
           "%u bytes (S_OK with a short count: the partial-read rule)\n", edge, (unsigned)hr, got);
    hr = ds_read_virtual(t, buf + (uint64_t)page, chunk, 8, &got);
    printf("ReadVirtual(0x%" PRIx64 ", 8 bytes) in the unmapped page -> 0x%08x: %s\n",
           buf + (uint64_t)page, (unsigned)hr, ds_error_text(t));

    /* 6. Write, then read back (through the cache, and around it). */
    const char patch[] = "Patched";
    uint32_t wrote = 0;
    hr = ds_write_virtual(t, greeting, patch, sizeof patch - 1, &wrote);
    printf("\nWriteVirtual(0x%" PRIx64 ", \"%s\") -> 0x%08x, %u bytes written\n", greeting, patch,
           (unsigned)hr, wrote);
    memset(text, 0, sizeof text);
    ds_read_virtual(t, greeting, text, 27, NULL);
    printf("ReadVirtual          reads back \"%s\"\n", text);
    memset(text, 0, sizeof text);
    ds_read_virtual_uncached(t, greeting, text, 27, NULL);
    printf("ReadVirtualUncached  reads back \"%s\"\n", text);

    /* 7. Detach: the target runs on; then end it. */
    ds_close(t);
    printf("\nDetached; process %d runs on. Ending it.\n", (int)pid);
    close(to[1]);
    int status;
    waitpid(pid, &status, 0);
    fclose(in);
    return 0;
}
