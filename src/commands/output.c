/*
 * output.c — where a command's text goes: the sink of the ds_execute in
 * progress, cdb's error lines, the progress callback.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands_internal.h"

int cmd_interrupted(const struct ds_session *s)
{
    return atomic_load_explicit(&s->interrupted, memory_order_relaxed) != 0;
}

void ds_session_interrupt(ds_session *s)
{
    if (s)
        atomic_store_explicit(&s->interrupted, 1, memory_order_relaxed);
}

void cmd_write(struct ds_session *s, const char *text, size_t length)
{
    if (s->out && length && !cmd_interrupted(s))
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

/* Whether `at` points into the current command (its NUL included). */
static int in_command(const struct ds_session *s, const char *at)
{
    return s->current_command && at && at >= s->current_command &&
           at <= s->current_command + strlen(s->current_command);
}

/* The length of text up to the end of its line. */
static int line_length(const char *text)
{
    size_t n = strcspn(text, "\r\n");
    return n > 4096 ? 4096 : (int)n; /* a quote that long says nothing more */
}

const char *cmd_error_text(const struct ds_session *s, const char *at, int *length)
{
    const char *text = at;
    if (in_command(s, at) && s->line)
        text = s->line + s->text_offset + (size_t)(at - s->current_command);
    if (!text || !*text || *text == '\n' || *text == '\r') {
        *length = 5;
        return "<EOL>";
    }
    *length = line_length(text);
    return text;
}

HRESULT cmd_syntax_error(struct ds_session *s, HRESULT hr, const char *at)
{
    return cmd_caret_error(s, hr, "Syntax", at);
}

HRESULT cmd_caret_error(struct ds_session *s, HRESULT hr, const char *kind, const char *at)
{
    /* The caret goes under the failing character of the line as typed,
     * after the 7 columns of the "0:000> " prompt; the quote is the
     * failing command from its start to the end of the line. */
    size_t column = 7;
    const char *quote = s->current_command ? s->current_command : (at ? at : "");
    if (in_command(s, at)) {
        column += (size_t)(at - s->current_command);
        if (s->line) {
            column += s->text_offset;
            quote = s->line + s->command_offset;
        }
    }
    if (column > 4096) /* a caret that far right says nothing */
        column = 4096;
    cmd_printf(s, "%*s^ %s error in '%.*s'\n", (int)column, "", kind, line_length(quote), quote);
    return hr;
}

HRESULT cmd_resolve_error(struct ds_session *s, HRESULT hr, const char *at)
{
    int n;
    const char *text = cmd_error_text(s, at, &n);
    cmd_printf(s, "Couldn't resolve error at '%.*s'\n", n, text);
    return hr;
}

HRESULT cmd_memory_error(struct ds_session *s, HRESULT hr, const char *at)
{
    int n;
    const char *text = cmd_error_text(s, at, &n);
    cmd_printf(s, "Memory access error at '%.*s'\n", n, text);
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
