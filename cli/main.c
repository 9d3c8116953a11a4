/*
 * main.c — dataspaces(1): open one target (a process, a core or a
 * minidump, a GDB remote server, a program started for the purpose), say
 * what was opened in a few lines as cdb does, then run command lines
 * through the command language: -cf's file, then -c's, then the prompt's,
 * until q, qd or the end of input.
 *
 * Everything a command prints comes from ds_execute; this file adds only
 * the banner, the echo of commands that were not typed (as cdb shows its
 * -c), and the errors of opening, which are the library's sentences.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

#ifndef DS_CLI_VERSION
#define DS_CLI_VERSION "0.1.0"
#endif

#define PROMPT "0:000> "

static bool output_failed; /* stdout is gone (a closed pipe): stop */
static FILE *log_file;     /* -logo / -loga: a copy of what stdout shows */

/* Session text: to stdout, and to the log when there is one. */
static void say(const char *format, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    vprintf(format, ap);
    va_end(ap);
    if (log_file) {
        va_start(ap, format);
        vfprintf(log_file, format, ap);
        va_end(ap);
    }
}

/* The session whose command is running (for Ctrl-C and a closed stdout). */
static ds_session *volatile interruptible;

static void write_output(void *context, const char *text, size_t length)
{
    (void)context;
    cli_progress_hide();
    if (log_file && length)
        fwrite(text, 1, length, log_file);
    if (length && fwrite(text, 1, length, stdout) != length) {
        /* `dataspaces ... | head`: nobody reads on, so stop the command. */
        output_failed = true;
        if (interruptible)
            ds_session_interrupt(interruptible);
    }
}

/* ---- Ctrl-C ---------------------------------------------------------------------- */

/* At the prompt, Ctrl-C drops the line being typed (libedit's read is
   interrupted). During a command it stops the command, as cdb's Ctrl+C
   does (ds_session_interrupt: the command stops at its next step). A
   command stuck where it cannot look (a read that hangs) is the reason
   for the way out: the third Ctrl-C ends the program, as the default
   would have. */
static volatile sig_atomic_t running_command, interrupts;

bool cli_interrupted(void) { return interrupts > 0; }

static void on_interrupt(int sig)
{
    if (!running_command)
        return;
    interrupts++;
    if (interrupts == 1 && interruptible) {
        ds_session_interrupt(interruptible);
    } else if (interrupts == 2) {
        static const char say[] = "\ndataspaces: the command is stopping; Ctrl-C once more "
                                  "ends dataspaces\n";
        int saved = errno; /* the interrupted code may be about to read it */
        ssize_t ignored = write(STDERR_FILENO, say, sizeof say - 1);
        (void)ignored;
        errno = saved;
    } else if (interrupts >= 3) {
        signal(sig, SIG_DFL);
        raise(sig);
    }
}

/* At the prompt without SA_RESTART, so that Ctrl-C interrupts libedit's
   read; during a command with it, so that a write to a slow pipe is not
   cut short by it (stdio would take the EINTR for a failed write). */
static void catch_interrupts(bool restart)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGINT, &sa, NULL);
}

/* ---- opening ------------------------------------------------------------------- */

static const char *machine_name(uint32_t machine)
{
    switch (machine) {
    case IMAGE_FILE_MACHINE_AMD64:
        return "x64";
    case IMAGE_FILE_MACHINE_I386:
        return "x86";
    case IMAGE_FILE_MACHINE_ARM64:
        return "ARM64";
    case IMAGE_FILE_MACHINE_ARMNT:
        return "ARM";
    case IMAGE_FILE_MACHINE_RISCV64:
        return "RISC-V 64";
    default:
        return "an unknown machine";
    }
}

static HRESULT open_target(const struct cli_options *o, ds_target **t)
{
    switch (o->kind) {
    case CLI_TARGET_PID:
        return ds_attach(o->pid, o->attach_flags, t);
    case CLI_TARGET_DUMP:
        return ds_open_dump(o->dump_path, 0, t);
    case CLI_TARGET_GDB:
        return ds_connect(o->gdb_spec, 0, t);
    case CLI_TARGET_LAUNCH:
        /* Left running by ds_close, so that qd can let it go; q kills it
           first (close_target). */
        return ds_launch(o->program, DS_LAUNCH_LEAVE_RUNNING, t);
    default:
        return E_INVALIDARG;
    }
}

/* What was opened, in cdb's spirit: its first lines say which file or
   process, then what kind of target it is. */
static void print_banner(const struct cli_options *o, ds_target *t)
{
    say("dataspaces %s: cdb's memory commands over Linux targets (.help lists them)\n\n",
        DS_CLI_VERSION);
    uint32_t threads = 0, modules = 0;
    ds_get_number_threads(t, &threads);
    ds_get_number_modules(t, &modules);
    char facts[160];
    snprintf(facts, sizeof facts, "%s, %u thread%s, %u module%s", machine_name(ds_machine(t)),
             threads, threads == 1 ? "" : "s", modules, modules == 1 ? "" : "s");
    const char *kind = ds_target_kind(t);
    uint32_t pid = ds_process_id(t);
    switch (o->kind) {
    case CLI_TARGET_DUMP:
        say("Loading Dump File [%s]\n", o->dump_path);
        say("%s", strcmp(kind, "minidump") == 0 ? "User Mini Dump File" : "ELF core file");
        if (pid)
            say(" of process %u", pid);
        say(": %s\n", facts);
        break;
    case CLI_TARGET_GDB:
        say("Connected to the GDB remote server at %s: %s\n", o->gdb_spec, facts);
        break;
    case CLI_TARGET_LAUNCH:
        say("CommandLine:");
        for (char **a = o->program; *a; a++)
            say(" %s", *a);
        say("\nStarted process %u, stopped at its first instruction: %s\n", pid, facts);
        say("q kills it, qd lets it run on\n");
        break;
    default:
        if (o->attach_flags & DS_ATTACH_NONINVASIVE_NO_SUSPEND)
            say("Attached non-invasively to process %u, which keeps running: %s\n", pid, facts);
        else
            say("Attached%s to process %u, every thread stopped until q or qd: %s\n",
                o->attach_flags ? " non-invasively" : "", pid, facts);
        break;
    }
    const char *notes = ds_open_notes(t);
    if (notes && *notes)
        say("Ignored while opening: %s\n", notes);
    if (o->image_path)
        say("Executable search path is: %s\n", o->image_path);
    say("\n");
}

/* q kills a program we started (as cdb's q does); qd and an attach leave
   the process running. */
static void close_target(const struct cli_options *o, ds_target *t, int quit)
{
    pid_t started = o->kind == CLI_TARGET_LAUNCH ? (pid_t)ds_process_id(t) : 0;
    if (started > 0 && quit != DS_QUIT_DETACH)
        kill(started, SIGKILL);
    ds_close(t);
    if (started > 0 && quit != DS_QUIT_DETACH)
        while (waitpid(started, NULL, __WALL) < 0 && errno == EINTR)
            ;
}

/* ---- running commands --------------------------------------------------------- */

/* Run one command line; returns the session's quit request. Lines that
   were not typed at a terminal are shown after the prompt first. */
static int run_line(ds_session *s, const char *line, bool echo)
{
    if (echo)
        say("%s%s\n", PROMPT, line);
    else if (log_file)
        fprintf(log_file, "%s%s\n", PROMPT, line); /* typed: the terminal shows it */
    running_command = 1;
    interrupts = 0;
    interruptible = s;
    catch_interrupts(true);
    ds_execute(s, line, write_output, NULL);
    cli_progress_finish();
    if (fflush(stdout) != 0 || ferror(stdout))
        output_failed = true;
    catch_interrupts(false);
    running_command = 0;
    interruptible = NULL;
    return output_failed ? DS_QUIT_END : ds_session_quit_requested(s);
}

/* -cf FILE: each of its lines, as if typed. */
static int run_script(ds_session *s, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "dataspaces: cannot read the command file %s (-cf): %s\n", path,
                strerror(errno));
        return DS_QUIT_NONE;
    }
    int quit = DS_QUIT_NONE;
    char line[4096];
    while (quit == DS_QUIT_NONE && fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        if (line[n] == '\0' && !feof(f)) {
            fprintf(stderr,
                    "dataspaces: %s: a line longer than %zu bytes; the file is not run "
                    "further\n",
                    path, sizeof line - 2);
            break;
        }
        line[n] = '\0';
        quit = run_line(s, line, true);
    }
    fclose(f);
    return quit;
}

/* cdb repeats a display at an empty line: Enter after `db 1000` shows the
   next lines, after `u` the next instructions. The name of such a command
   when the line was that one command ("" otherwise). */
static void continuable(const char *line, char *name, size_t size)
{
    static const char *const names[] = {"d",  "db", "dw",  "dW",  "dd",  "dq",  "dp", "dc",
                                        "da", "du", "dyb", "dps", "dqs", "dds", "u",  NULL};
    name[0] = '\0';
    line += strspn(line, " \t");
    size_t n = strcspn(line, " \t;");
    if (strchr(line, ';') || n >= size)
        return;
    for (int i = 0; names[i]; i++)
        if (strlen(names[i]) == n && strncmp(line, names[i], n) == 0)
            snprintf(name, size, "%s", names[i]);
}

/* .help's text, kept to learn the command names from. */
struct text {
    char buf[16384];
    size_t len;
};

static void keep_text(void *context, const char *text, size_t length)
{
    struct text *t = context;
    size_t n = length < sizeof t->buf - 1 - t->len ? length : sizeof t->buf - 1 - t->len;
    memcpy(t->buf + t->len, text, n);
    t->len += n;
    t->buf[t->len] = '\0';
}

/* Tab completes the names .help lists (its lines "   NAME  SYNOPSIS"),
   the CLI's own commands among them. */
static void learn_command_names(ds_session *s, struct cli_prompt *p)
{
    struct text *t = calloc(1, sizeof *t);
    if (!t)
        return;
    ds_execute(s, ".help", keep_text, t);
    for (const char *line = t->buf; line && *line;) {
        if (!strncmp(line, "   ", 3) && line[3] != ' ')
            cli_prompt_add_word(p, line + 3, strcspn(line + 3, " \n"));
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    free(t);
}

static int run_prompt(ds_session *s)
{
    struct cli_prompt *p = cli_prompt_open("dataspaces");
    if (!p) {
        fprintf(stderr, "dataspaces: out of memory starting the prompt\n");
        return DS_QUIT_END;
    }
    if (cli_prompt_interactive(p))
        learn_command_names(s, p);
    bool echo = !cli_prompt_interactive(p);
    int quit = DS_QUIT_NONE;
    char repeat[8] = ""; /* what an empty line runs (at a terminal) */
    while (quit == DS_QUIT_NONE) {
        char *line = cli_prompt_read(p, PROMPT);
        if (!line) {
            /* The end of input (Ctrl-D) quits as q does. */
            if (!echo)
                say("\n");
            quit = DS_QUIT_END;
            break;
        }
        if (line[strspn(line, " \t")]) {
            cli_prompt_remember(p, line);
            quit = run_line(s, line, echo);
            continuable(line, repeat, sizeof repeat);
        } else if (!echo && repeat[0]) {
            quit = run_line(s, repeat, false);
        }
        free(line);
    }
    cli_prompt_close(p);
    return quit;
}

static int run_session(const struct cli_options *o, ds_target *t)
{
    ds_session *s;
    if (FAILED(ds_session_create(t, &s))) {
        fprintf(stderr, "dataspaces: cannot start a command session: out of memory\n");
        return DS_QUIT_END;
    }
    if (FAILED(cli_disasm_register(s)))
        fprintf(stderr, "dataspaces: warning: the u command could not be added\n");
    cli_progress_attach(s);
    int quit = DS_QUIT_NONE;
    if (o->script_path)
        quit = run_script(s, o->script_path);
    for (int i = 0; i < o->ncommands && quit == DS_QUIT_NONE; i++)
        quit = run_line(s, o->commands[i], true);
    if (quit == DS_QUIT_NONE)
        quit = run_prompt(s);
    ds_session_destroy(s);
    cli_disasm_release();
    return quit;
}

int main(int argc, char **argv)
{
    struct cli_options o;
    char error[512];
    if (!cli_parse_options(argc, argv, &o, error, sizeof error)) {
        fprintf(stderr, "dataspaces: %s\n", error);
        return CLI_EXIT_USAGE;
    }
    if (o.help) {
        cli_usage(stdout);
        return 0;
    }
    if (o.version) {
        const char *u = cli_disasm_library();
        printf("dataspaces %s%s%s%s\n", DS_CLI_VERSION, *u ? ", u through " : "", u,
               cli_prompt_editing() ? ", line editing through libedit" : "");
        return 0;
    }
    catch_interrupts(false);
    signal(SIGPIPE, SIG_IGN); /* a closed stdout is output_failed instead */
    if (o.kind == CLI_TARGET_PROCESS_NAME) {
        if (!cli_find_process(o.process_name, &o.pid, error, sizeof error)) {
            fprintf(stderr, "dataspaces: %s\n", error);
            return CLI_EXIT_TARGET;
        }
        o.kind = CLI_TARGET_PID;
    }
    ds_target *t = NULL;
    if (FAILED(open_target(&o, &t))) {
        fprintf(stderr, "dataspaces: %s\n", ds_error_text(NULL));
        return CLI_EXIT_TARGET;
    }
    if (o.image_path && FAILED(ds_set_image_path(t, o.image_path)))
        fprintf(stderr, "dataspaces: warning: -i %s: %s\n", o.image_path, ds_error_text(t));
    if (o.log_path && !(log_file = fopen(o.log_path, o.log_append ? "a" : "w")))
        fprintf(stderr, "dataspaces: warning: cannot open the log file %s: %s (no log is kept)\n",
                o.log_path, strerror(errno));
    else if (log_file)
        say("Opened log file '%s'\n", o.log_path);
    if (o.serve) {
        int status = cli_serve(&o, t);
        ds_close(t);
        return status;
    }
    print_banner(&o, t);
    int quit = run_session(&o, t);
    close_target(&o, t, quit);
    if (log_file && fclose(log_file) != 0)
        fprintf(stderr, "dataspaces: warning: the log file %s is incomplete: %s\n", o.log_path,
                strerror(errno));
    return 0;
}
