/*
 * cmd_basic.c — the commands about the session itself: ? (evaluate),
 * .echo, .help, q and qd. The target's own description (vertarget, |, ~,
 * lm, .cache) is in cmd_target.c.
 */
#include <string.h>

#include "commands_internal.h"

/* "Evaluate expression: 4096 = 00000000`00001000": the value as a signed
 * 64-bit decimal, then in hex. On a 32-bit target the hex is 32 bits wide
 * when the value fits (its high half zero, or all ones over a low half
 * whose top bit is set: a sign-extended 32-bit number), as cdb shows
 * numbers there ("Evaluate expression: -1 = ffffffff"). */
void cmd_print_evaluation(struct ds_session *s, uint64_t v)
{
    uint32_t pointer = s->target ? ds_pointer_size(s->target) : 8;
    uint32_t high = (uint32_t)(v >> 32), low = (uint32_t)v;
    if (pointer == 4 && (high == 0 || (high == 0xffffffffu && (low & 0x80000000u)))) {
        cmd_printf(s, "Evaluate expression: %lld = %08x\n", (long long)(int64_t)v, low);
        return;
    }
    cmd_printf(s, "Evaluate expression: %lld = %08x`%08x\n", (long long)(int64_t)v, high, low);
}

static HRESULT run_help(struct ds_session *s, const char *name, const char *args);

static HRESULT run_evaluate(struct ds_session *s, const char *name, const char *args)
{
    if (!*args) /* a bare ? is cdb's help */
        return run_help(s, name, args);
    uint64_t v;
    const char *p = args;
    HRESULT hr = cmd_eval(s, &p, &v);
    if (FAILED(hr))
        return hr;
    if (*p) /* "? 1 2", "? (1+1))": cdb's caret under what is left */
        return cmd_caret_error(s, E_INVALIDARG, "Extra character", p);
    cmd_print_evaluation(s, v);
    return S_OK;
}

/* .echo TEXT / .echo "TEXT": the text as it is, its quotes removed. */
static HRESULT run_echo(struct ds_session *s, const char *name, const char *args)
{
    (void)name;
    size_t n = strlen(args);
    if (n >= 2 && args[0] == '"' && args[n - 1] == '"') {
        /* inside quotes, \" and \\ stand for the character */
        for (size_t i = 1; i + 1 < n; i++) {
            if (args[i] == '\\' && i + 2 < n && (args[i + 1] == '"' || args[i + 1] == '\\'))
                i++;
            cmd_write(s, &args[i], 1);
        }
        cmd_write(s, "\n", 1);
        return S_OK;
    }
    cmd_printf(s, "%s\n", args);
    return S_OK;
}

static void help_line(struct ds_session *s, const char *name, const char *synopsis, void *context)
{
    (void)context;
    cmd_printf(s, "   %-10s %s\n", name, synopsis);
}

static HRESULT run_help(struct ds_session *s, const char *name, const char *args)
{
    (void)name;
    (void)args;
    cmd_printf(s, "dataspaces commands (addresses and counts are MASM expressions, hex by default;\n"
                  "RANGE is ADDR, ADDR L COUNT, ADDR L? COUNT, ADDR L- COUNT or ADDR1 ADDR2):\n");
    cmd_list_commands(s, help_line, NULL);
    return S_OK;
}

static HRESULT run_quit(struct ds_session *s, const char *name, const char *args)
{
    (void)args;
    if (strcmp(name, "qd") == 0) {
        s->quit = DS_QUIT_DETACH;
    } else {
        s->quit = DS_QUIT_END;
        cmd_printf(s, "quit:\n");
    }
    return S_OK;
}

const struct cmd_def cmd_basic_table[] = {
    { "?", run_evaluate, "? EXPR             evaluate a MASM expression (a bare ? lists the commands)" },
    { ".echo", run_echo, ".echo TEXT         print TEXT (quotes keep ';')" },
    { ".help", run_help, ".help              this list" },
    { "q", run_quit, "q                  quit (a launched program is killed)" },
    { "qq", run_quit, "qq                 quit, as q (cdb's q for remote sessions)" },
    { "qd", run_quit, "qd                 quit and detach (the process runs on)" },
    { NULL, NULL, NULL },
};
