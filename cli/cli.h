/*
 * cli.h — what the files of dataspaces(1) share. The program is a thin
 * front end over the command language (dataspaces/commands.h): it reads
 * the options, opens the target, reads lines and hands each to ds_execute.
 *
 *   main.c      start, open the target, the banner, the command loop
 *   options.c   the command line (cdb's options) and -h's text
 *   procname.c  -pn NAME: the process of that name
 *   prompt.c    reading lines: libedit and ~/.dataspaces_history on a
 *               terminal, plain lines otherwise
 *   progress.c  the progress line of long commands on a terminal's stderr
 *   disasm.c    `u` through capstone, added to the session's commands
 */
#ifndef DS_CLI_H
#define DS_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include <dataspaces/commands.h>
#include <dataspaces/dataspaces.h>

/* Exit statuses: 0 after q, qd or the end of input. */
#define CLI_EXIT_TARGET 1 /* the target could not be opened */
#define CLI_EXIT_USAGE 2  /* the command line was wrong */
#define CLI_EXIT_SERVE 3  /* dataspaces serve could not listen */

/* ---- options.c ------------------------------------------------------------- */

enum cli_target_kind {
    CLI_TARGET_NONE,
    CLI_TARGET_PID,
    CLI_TARGET_PROCESS_NAME,
    CLI_TARGET_DUMP,
    CLI_TARGET_GDB,
    CLI_TARGET_LAUNCH
};

#define CLI_MAX_COMMANDS 16 /* -c given more than once runs each, in order */

struct cli_options {
    enum cli_target_kind kind;
    int pid;                                /* -p */
    const char *process_name;               /* -pn */
    unsigned attach_flags;                  /* -pv, -pvr: DS_ATTACH_* */
    const char *dump_path;                  /* -z */
    const char *gdb_spec;                   /* -gdb HOST:PORT */
    char **program;                         /* PROGRAM ARGS..., NULL-terminated (argv's own) */
    const char *commands[CLI_MAX_COMMANDS]; /* -c */
    int ncommands;
    const char *script_path; /* -cf */
    const char *image_path;  /* -i */
    const char *log_path;    /* -logo, -loga */
    bool log_append;         /* -loga */
    bool help, version;
    bool serve;               /* dataspaces serve ...: a GDB remote stub */
    const char *serve_listen; /* --listen HOST:PORT | unix:PATH */
    bool serve_once;          /* --once */
};

/* Read argv into *o. On a mistake, writes one sentence naming it into
   error and returns false. */
bool cli_parse_options(int argc, char **argv, struct cli_options *o, char *error,
                       size_t error_size);
/* -h's text (docs/dataspaces.1 says the same; a test keeps them in step). */
void cli_usage(FILE *f);

/* ---- serve.c ------------------------------------------------------------------- */

/* dataspaces serve: serve t to gdb and lldb until Ctrl-C (or, with --once,
   the first client's end). Returns the exit status. */
int cli_serve(const struct cli_options *o, ds_target *t);

/* ---- main.c ----------------------------------------------------------------------- */

/* Whether Ctrl-C asked the command in progress to stop (for loops of the
   CLI's own commands; the library's check ds_session_interrupt's flag). */
bool cli_interrupted(void);

/* ---- procname.c ------------------------------------------------------------------ */

/* The id of the one process named `name` (-pn); false with a sentence in
   error when none or several are. */
bool cli_find_process(const char *name, int *pid, char *error, size_t size);

/* ---- prompt.c ---------------------------------------------------------------- */

struct cli_prompt;
/* Lines from stdin: edited with libedit and remembered in
   ~/.dataspaces_history when stdin is a terminal (and libedit was built
   in), plain lines otherwise. NULL only when out of memory. */
struct cli_prompt *cli_prompt_open(const char *program_name);
/* A command name Tab completes (the first `length` bytes of word). */
void cli_prompt_add_word(struct cli_prompt *p, const char *word, size_t length);
/* Whether libedit was built in (for -version). */
bool cli_prompt_editing(void);
/* Whether lines come from a person at a terminal (else they are echoed
   after the prompt, as cdb shows a -c command). */
bool cli_prompt_interactive(const struct cli_prompt *p);
/* One line without its newline (malloc'd), or NULL at the end of input. */
char *cli_prompt_read(struct cli_prompt *p, const char *prompt);
/* Add a line the user ran to the history (and its file). */
void cli_prompt_remember(struct cli_prompt *p, const char *line);
void cli_prompt_close(struct cli_prompt *p);

/* ---- progress.c ---------------------------------------------------------------- */

/* Report the session's long commands on stderr when it is a terminal;
   nothing otherwise. */
void cli_progress_attach(ds_session *s);
/* Wipe the progress line off the terminal before output is written (the
   next report draws it again). */
void cli_progress_hide(void);
/* The command line has ended: wipe the line, forget its clock. */
void cli_progress_finish(void);

/* ---- disasm.c -------------------------------------------------------------------- */

/* Add `u` to the session (through capstone when built with it; otherwise
   a `u` that says it was left out). */
HRESULT cli_disasm_register(ds_session *s);
/* Close the disassembler (when the session ends). */
void cli_disasm_release(void);
/* "capstone 4.0" or "" when built without it, for -version. */
const char *cli_disasm_library(void);

#endif
