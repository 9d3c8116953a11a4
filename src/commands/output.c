/*
 * output.c — where a command's text goes: the sink of the ds_execute in
 * progress, cdb's error lines, the progress callback.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands_internal.h"

void cmd_write(struct ds_session *s, const char *text, size_t length)
{
    if (s->out && length)
        s->out(s->out_context, text, length);
}

void ds_session_vprintf(ds_session *s, const char *format, va_list ap)
{
    if (!s)
        return;
    char small[512];
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, format, ap);
    if (n < 0) {
        va_end(again);
        return;
    }
    if ((size_t)n < sizeof small) {
        cmd_write(s, small, (size_t)n);
    } else {
        /* A long line (a .help listing, a long .echo): format it again into
         * a buffer of its size; without memory, the truncated text. */
        char *big = malloc((size_t)n + 1);
        if (big) {
            vsnprintf(big, (size_t)n + 1, format, again);
            cmd_write(s, big, (size_t)n);
            free(big);
        } else {
            cmd_write(s, small, sizeof small - 1);
        }
    }
    va_end(again);
}

void ds_session_printf(ds_session *s, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    ds_session_vprintf(s, format, ap);
    va_end(ap);
}

void cmd_printf(struct ds_session *s, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    ds_session_vprintf(s, format, ap);
    va_end(ap);
}

/* The text an error line quotes: from `at` to the end of the command
 * (cdb quotes the rest of the command from where it gave up); "<EOL>"
 * when nothing is left. */
static const char *quoted(const char *at)
{
    return (at && *at) ? at : "<EOL>";
}

HRESULT cmd_syntax_error(struct ds_session *s, HRESULT hr, const char *at)
{
    return cmd_caret_error(s, hr, "Syntax", at);
}

HRESULT cmd_caret_error(struct ds_session *s, HRESULT hr, const char *kind, const char *at)
{
    /* cdb puts the caret under the failing character, counting the
     * prompt ("0:000> ", 7 columns) before the command. */
    size_t column = 7;
    if (s->current_command && at && at >= s->current_command &&
        at <= s->current_command + strlen(s->current_command))
        column += (size_t)(at - s->current_command);
    if (column > 4096) /* a caret that far right says nothing */
        column = 4096;
    cmd_printf(s, "%*s^ %s error in '%s'\n", (int)column, "", kind,
               s->current_command ? s->current_command : quoted(at));
    return hr;
}

HRESULT cmd_resolve_error(struct ds_session *s, HRESULT hr, const char *at)
{
    cmd_printf(s, "Couldn't resolve error at '%s'\n", quoted(at));
    return hr;
}

HRESULT cmd_memory_error(struct ds_session *s, HRESULT hr, const char *at)
{
    cmd_printf(s, "Memory access error at '%s'\n", quoted(at));
    return hr;
}

HRESULT cmd_error(struct ds_session *s, HRESULT hr, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    ds_session_vprintf(s, format, ap);
    va_end(ap);
    return hr;
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void cmd_progress(struct ds_session *s, uint64_t done, uint64_t total)
{
    if (!s->progress)
        return;
    /* At most five reports a second, and always the last one. */
    uint64_t now = now_ms();
    if (done < total && s->progress_last_ms && now - s->progress_last_ms < 200)
        return;
    s->progress_last_ms = now;
    s->progress(s->progress_context, done, total);
}

ds_target *cmd_need_target(struct ds_session *s)
{
    if (!s->target)
        cmd_printf(s, "No target: open a process, a core or a dump first (-p, -z, or a program)\n");
    return s->target;
}
