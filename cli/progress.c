/*
 * progress.c — the line a long command (s, .writemem, .readmem over a
 * large range) keeps up to date on stderr: bytes done of the total and the
 * rate. Only when stderr is a terminal: a script's pipes and logs get the
 * command's output alone. The command language calls at most a few times
 * a second; the line is redrawn in place (\r) and wiped when the command
 * line ends.
 */
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static struct {
    bool active;        /* a command is reporting: its clock runs */
    bool shown;         /* a line is on the terminal */
    uint64_t last_done; /* a smaller done starts a new command */
    struct timespec started;
} progress;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* "812.0 KiB", "1.5 GiB": binary units, as the sizes of memory are. */
static void human_bytes(char *buf, size_t size, double bytes)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    size_t u = 0;
    while (bytes >= 1024 && u + 1 < sizeof units / sizeof *units) {
        bytes /= 1024;
        u++;
    }
    if (u == 0)
        snprintf(buf, size, "%.0f B", bytes);
    else
        snprintf(buf, size, "%.1f %s", bytes, units[u]);
}

static void show(void *context, uint64_t done, uint64_t total)
{
    (void)context;
    if (!progress.active || done < progress.last_done)
        clock_gettime(CLOCK_MONOTONIC, &progress.started);
    progress.active = true;
    progress.last_done = done;
    char d[32], t[32], r[32];
    human_bytes(d, sizeof d, (double)done);
    human_bytes(t, sizeof t, (double)total);
    double secs = seconds_since(&progress.started);
    if (secs > 0.05)
        human_bytes(r, sizeof r, (double)done / secs);
    else
        snprintf(r, sizeof r, "-");
    unsigned pct = total ? (unsigned)((double)done * 100.0 / (double)total) : 0;
    /* \033[K clears what a longer earlier line left at the end. */
    fprintf(stderr, "\r%s of %s (%u%%), %s/s\033[K", d, t, pct > 100 ? 100 : pct, r);
    fflush(stderr);
    progress.shown = true;
}

void cli_progress_attach(ds_session *s)
{
    if (isatty(STDERR_FILENO))
        ds_session_set_progress(s, show, NULL);
}

void cli_progress_hide(void)
{
    if (!progress.shown)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    progress.shown = false;
}

void cli_progress_finish(void)
{
    cli_progress_hide();
    progress.active = false;
    progress.last_done = 0;
}
