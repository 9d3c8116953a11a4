/*
 * execute.c — ds_execute: a command line cut at each ';' outside quotes,
 * each command found in the registry by its longest name and run.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "commands_internal.h"

const char *cmd_skip_blanks(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    return p;
}

/* The end of the command that starts at p: the first ';' outside double
 * quotes (a backslash inside quotes keeps the next character), or the
 * end of the line. */
static const char *command_end(const char *p)
{
    int quoted = 0;
    for (; *p; p++) {
        if (quoted) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == '"')
                quoted = 0;
        } else if (*p == '"') {
            quoted = 1;
        } else if (*p == ';') {
            break;
        }
    }
    return p;
}

/* Run one command (text NUL-terminated, blanks trimmed both ends). */
static HRESULT run_one(struct ds_session *s, char *text)
{
    struct cmd_found found;
    s->current_command = text;
    if (!cmd_lookup(s, text, &found))
        return cmd_syntax_error(s, E_INVALIDARG, text);
    const char *args = cmd_skip_blanks(text + found.length);
    if (found.def)
        return found.def->run(s, found.name, args);
    HRESULT hr = found.added_fn(s, args, found.added_context);
    return hr;
}

HRESULT ds_execute(ds_session *s, const char *line, ds_output_fn out, void *context)
{
    if (!s || !line)
        return E_INVALIDARG;
    /* A command added by a front end may run ds_execute itself: the outer
     * call's sink and command come back when it returns. */
    ds_output_fn saved_out = s->out;
    void *saved_context = s->out_context;
    const char *saved_command = s->current_command;
    const char *saved_line = s->line;
    size_t saved_command_offset = s->command_offset, saved_text_offset = s->text_offset;
    s->out = out;
    s->out_context = context;
    if (s->execute_depth++ == 0) {
        /* The outermost call: a live target may have loaded modules since
         * the last line, and an earlier interrupt is over. (A nested call
         * keeps the list: the outer command may be walking it.) */
        cmd_forget_modules(s);
        atomic_store_explicit(&s->interrupted, 0, memory_order_relaxed);
    }

    HRESULT result = S_OK;
    const char *p = line;
    while (*p && s->quit == DS_QUIT_NONE) {
        if (cmd_interrupted(s)) {
            result = E_ABORT;
            break;
        }
        const char *command_start = p; /* just after the ';' */
        p = cmd_skip_blanks(p);
        if (*p == '*')
            break; /* "* text": a comment to the end of the line, ';' included */
        const char *end = command_end(p);
        size_t length = (size_t)(end - p);
        while (length && isspace((unsigned char)p[length - 1]))
            length--;
        int comment = length >= 2 && p[0] == '$' && p[1] == '$'; /* "$$ text": to the ';' */
        if (length && !comment) {
            char *text = malloc(length + 1);
            if (!text) {
                result = E_OUTOFMEMORY;
                break;
            }
            memcpy(text, p, length);
            text[length] = '\0';
            s->line = line;
            s->command_offset = (size_t)(command_start - line);
            s->text_offset = (size_t)(p - line);
            HRESULT hr = run_one(s, text);
            s->current_command = NULL;
            free(text);
            if (SUCCEEDED(hr) && cmd_interrupted(s))
                hr = E_ABORT; /* a command that stopped early did not finish */
            if (FAILED(hr)) {
                result = hr; /* cdb stops the line at the first failure */
                break;
            }
        }
        p = *end ? end + 1 : end;
    }

    s->execute_depth--;
    s->out = saved_out;
    s->out_context = saved_context;
    s->current_command = saved_command;
    s->line = saved_line;
    s->command_offset = saved_command_offset;
    s->text_offset = saved_text_offset;
    return result;
}
