/*
 * commands_internal.h — what the command families share: the session, the
 * command table, and the helpers every family uses (output, errors,
 * expressions, ranges, symbols). Uses only the public headers below it.
 *
 * Files (one job each):
 *   session.c   ds_session_create/destroy, the registry, ds_session_add_command
 *   execute.c   ds_execute: splits a line at ';', finds each command, runs it
 *   output.c    the sink, printf, cdb's error lines, progress
 *   expr.c      MASM expressions (cmd_eval)
 *   range.c     address ranges (cmd_parse_range)
 *   symbols.c   modules by name and address (cdb's names, module+offset)
 *   cmd_*.c     one family of commands each; each exports its table below
 */
#ifndef DS_COMMANDS_INTERNAL_H
#define DS_COMMANDS_INTERNAL_H

#include <dataspaces/commands.h>
#include <dataspaces/dataspaces.h>
#include <stdatomic.h>
#include <stdio.h>

/* A command's run function: `name` is the name it was called by (one
 * function may serve db, dw, dd ...), `args` the rest of the command, its
 * leading blanks skipped and the ';' that ended it removed. */
typedef HRESULT (*cmd_run_fn)(struct ds_session *s, const char *name, const char *args);

struct cmd_def {
    const char *name;     /* "db", ".writemem", "!address", "?" */
    cmd_run_fn run;
    const char *synopsis; /* one line for .help */
};

/* Each family's table, ended by an entry with a NULL name. */
extern const struct cmd_def cmd_basic_table[];   /* ? .echo .help q qd */
extern const struct cmd_def cmd_target_table[];  /* vertarget | ~ lm .cache */
extern const struct cmd_def cmd_display_table[]; /* db dw dd dq dp dc da du dyb dps dqs dds */
extern const struct cmd_def cmd_search_table[];  /* s */
extern const struct cmd_def cmd_edit_table[];    /* e eb ew ed eq ea eu eza ezu f */
extern const struct cmd_def cmd_memfile_table[]; /* .writemem .readmem */
extern const struct cmd_def cmd_address_table[]; /* !address !vprot */
extern const struct cmd_def cmd_dump_table[];    /* .dump */

/* What cdb remembers between commands, for the families that continue. */
struct cmd_display_state {
    char last[8];        /* the last d* command run ("db", "dps" ...) */
    uint64_t next;       /* where a bare d* continues */
    uint64_t last_count; /* its count, in units */
    int valid;           /* 0 until a d* has run */
    int byte_order;      /* the target's, once a display learnt it: 0 unknown, 1 little, 2 big */
};

struct ds_session {
    ds_target *target; /* NULL: no target */
    ds_output_fn out;  /* the sink of the ds_execute in progress */
    void *out_context;
    ds_progress_fn progress;
    void *progress_context;
    int quit; /* DS_QUIT_* */
    char last_enter[4]; /* cmd_edit.c: the e* form a plain `e` repeats ("" = eb) */
    struct cmd_display_state display;
    const char *current_command; /* the whole command text, for error lines */
    struct cmd_registry *registry; /* session.c: built-in tables + added commands */
    uint64_t progress_last_ms;     /* output.c: when progress was last reported */
    struct cmd_module *modules;    /* symbols.c: the module list, made once per ds_execute */
    uint32_t module_total;
    int modules_loaded;
    atomic_int interrupted;        /* ds_session_interrupt: stop the command in progress */
    int execute_depth;             /* ds_execute calls in progress (a command may run one) */
    /* Where current_command lies in the line as typed, for error lines:
     * cdb quotes from the start of the failing command (just after the
     * ';' before it) to the end of the line, and puts its caret under the
     * failing character of the line. NULL line: current_command is all. */
    const char *line;
    size_t command_offset; /* the command's start in line (after the ';') */
    size_t text_offset;    /* current_command[0]'s place in line (blanks skipped) */
};

/* ---- session.c: the registry -------------------------------------------- */
#define CMD_MAX_NAME 64 /* the longest command name accepted */
struct cmd_found {
    const char *name;           /* the registered name that matched */
    size_t length;              /* its length in the text */
    const struct cmd_def *def;  /* a built-in command, or NULL */
    ds_command_fn added_fn;     /* else one a front end added */
    void *added_context;
};
/* Find the command `text` begins with (the longest registered name); 0
 * when none. */
int cmd_lookup(const struct ds_session *s, const char *text, struct cmd_found *found);
/* Every command in .help's order: the built-in tables, then added ones. */
typedef void (*cmd_list_fn)(struct ds_session *s, const char *name, const char *synopsis,
                            void *context);
void cmd_list_commands(struct ds_session *s, cmd_list_fn fn, void *context);

/* ---- output.c ----------------------------------------------------------- */
void cmd_printf(struct ds_session *s, const char *format, ...) __attribute__((format(printf, 2, 3)));
void cmd_write(struct ds_session *s, const char *text, size_t length);
/* cdb's error lines; each writes the line and returns the HRESULT given. */
HRESULT cmd_syntax_error(struct ds_session *s, HRESULT hr, const char *at);   /* "^ Syntax error in '...'" */
HRESULT cmd_resolve_error(struct ds_session *s, HRESULT hr, const char *at);  /* "Couldn't resolve error at '...'" */
HRESULT cmd_memory_error(struct ds_session *s, HRESULT hr, const char *at);   /* "Memory access error at '...'" */
HRESULT cmd_error(struct ds_session *s, HRESULT hr, const char *format, ...) __attribute__((format(printf, 3, 4)));
/* cdb's caret line for any kind ("Syntax", "Range", "Extra character"):
 * "       ^ Range error in 'db 0 L20000000'", the caret under `at` inside
 * the current command (counting the 7 columns of the "0:000> " prompt). */
HRESULT cmd_caret_error(struct ds_session *s, HRESULT hr, const char *kind, const char *at);
/* The text an "... error at '%.*s'" line quotes for a position `at` in
 * the current command: from there to the end of the line as typed (cdb
 * quotes past the ';'); *length its length; "<EOL>" at the end. */
const char *cmd_error_text(const struct ds_session *s, const char *at, int *length);
/* Report progress (rate-limited inside; a no-op without a progress sink). */
void cmd_progress(struct ds_session *s, uint64_t done, uint64_t total);
/* Whether ds_session_interrupt asked the command to stop: every loop
 * whose length the user chooses (a range, a count) checks it each step
 * and returns E_ABORT when it is set; output is dropped meanwhile. */
int cmd_interrupted(const struct ds_session *s);
/* The target, or (having written cdb's "no target" line) NULL. */
ds_target *cmd_need_target(struct ds_session *s);

/* ---- expr.c ------------------------------------------------------------- */
/* Evaluate one MASM expression starting at *cursor; on success *cursor is
 * past it (and past blanks after it). An expression ends where the next
 * token cannot continue it ("1000 L20" stops before "L20", "1000 2000"
 * before "2000"). On failure the cdb error line is written. */
HRESULT cmd_eval(struct ds_session *s, const char **cursor, uint64_t *value);

/* ---- range.c ------------------------------------------------------------ */
struct cmd_range {
    uint64_t start;
    uint64_t count; /* in units */
    int given;      /* 0: the text was empty and the default continuation applies */
};
/* Parse "ADDR [L[?] COUNT | ADDR2]" at *cursor (see ds_session_parse_range). */
HRESULT cmd_parse_range(struct ds_session *s, const char **cursor, uint32_t unit_size,
                        uint64_t default_count, struct cmd_range *out);

/* ---- symbols.c ---------------------------------------------------------- */
/* cdb's name for a module ("ntdll" for ntdll.dll, "libc_so_6" for
 * libc.so.6); 0 on success. */
int cmd_module_name(const char *path, char *name, size_t name_size);
/* Module base by cdb name (case-insensitive); S_FALSE when none. */
HRESULT cmd_module_by_name(struct ds_session *s, const char *name, size_t name_length,
                           uint64_t *base, uint64_t *size);
/* One module as the commands see it: its cdb name, its file, where it is. */
#define CMD_MODULE_NAME 128
#define CMD_MODULE_PATH 1024
#define CMD_MAX_MODULES 65536 /* more than any process has; bounds the loops */
struct cmd_module {
    uint64_t base, size;
    char name[CMD_MODULE_NAME]; /* "ntdll", "libc_so_6" */
    char path[CMD_MODULE_PATH]; /* as the target names it (cut at 1 KiB) */
};
/* How many modules the target has (0 without a target). */
uint32_t cmd_module_count(struct ds_session *s);
/* Module `index` with its cdb name (unique across the list); 0 on success. */
int cmd_module_at(struct ds_session *s, uint32_t index, struct cmd_module *m);
/* Drop the session's module list (ds_execute does at its start). */
void cmd_forget_modules(struct ds_session *s);
/* "module+0x12" / "module"; S_FALSE and "" outside every module. */
HRESULT cmd_symbolize(struct ds_session *s, uint64_t address, char *buffer, size_t size);

/* ---- cmd_basic.c -------------------------------------------------------- */
/* `?`'s line for a value: "Evaluate expression: 4096 = 00000000`00001000". */
void cmd_print_evaluation(struct ds_session *s, uint64_t value);

/* ---- cmd_target.c ------------------------------------------------------- */
/* An address as wide as the target's pointers: "00007ff6`12340000" (or
 * "0040a000" on a 32-bit target). */
void cmd_format_pointer(struct ds_session *s, uint64_t value, char *buffer, size_t size);

/* ---- text helpers (execute.c) ------------------------------------------- */
const char *cmd_skip_blanks(const char *p);

#endif
