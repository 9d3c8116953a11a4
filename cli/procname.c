/*
 * procname.c — cdb's -pn NAME on Linux: the one process whose name is
 * NAME. A process's name is its executable's file name (/proc/PID/exe),
 * or, when that cannot be read (another user's process, a kernel
 * thread), its command name (/proc/PID/comm, cut to 15 bytes by the
 * kernel). Like cdb, a name that fits several processes is refused with
 * their ids, so that the user picks one with -p.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define LISTED_MAX 8 /* ids named in the "several processes" sentence */

static bool read_small_file(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    size_t n = fread(buf, 1, size - 1, f);
    fclose(f);
    buf[n] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
    return n > 0;
}

static bool process_is_named(long pid, const char *name)
{
    char path[64], target[PATH_MAX];
    snprintf(path, sizeof path, "/proc/%ld/exe", pid);
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n > 0) {
        target[n] = '\0';
        /* A deleted executable reads "/path/prog (deleted)". */
        char *deleted = strstr(target, " (deleted)");
        if (deleted && deleted[sizeof " (deleted)" - 1] == '\0')
            *deleted = '\0';
        const char *base = strrchr(target, '/');
        return strcmp(base ? base + 1 : target, name) == 0;
    }
    char comm[64];
    snprintf(path, sizeof path, "/proc/%ld/comm", pid);
    return read_small_file(path, comm, sizeof comm) && strcmp(comm, name) == 0;
}

bool cli_find_process(const char *name, int *pid, char *error, size_t size)
{
    DIR *d = opendir("/proc");
    if (!d) {
        snprintf(error, size, "cannot find the process named %s: /proc: %s", name, strerror(errno));
        return false;
    }
    long found[LISTED_MAX];
    size_t nfound = 0, total = 0;
    long self = (long)getpid();
    struct dirent *e;
    /* Bounded by /proc's entries; errno tells readdir's end from its failure. */
    while ((errno = 0, e = readdir(d)) != NULL) {
        if (!isdigit((unsigned char)e->d_name[0]))
            continue;
        long id = strtol(e->d_name, NULL, 10);
        if (id <= 0 || id > INT_MAX || id == self || !process_is_named(id, name))
            continue;
        if (nfound < LISTED_MAX)
            found[nfound++] = id;
        total++;
    }
    int err = errno;
    closedir(d);
    if (err) {
        snprintf(error, size, "cannot find the process named %s: reading /proc: %s", name,
                 strerror(err));
        return false;
    }
    if (total == 1) {
        *pid = (int)found[0];
        return true;
    }
    if (total == 0) {
        snprintf(error, size,
                 "no process is named %s (the name of a process is its "
                 "executable's file name)",
                 name);
        return false;
    }
    int n = snprintf(error, size, "%zu processes are named %s (", total, name);
    for (size_t i = 0; i < nfound && n > 0 && (size_t)n < size; i++)
        n += snprintf(error + n, size - (size_t)n, "%s%ld", i ? ", " : "", found[i]);
    if (n > 0 && (size_t)n < size)
        snprintf(error + n, size - (size_t)n, "%s): pick one with -p PID",
                 total > nfound ? ", ..." : "");
    return false;
}
