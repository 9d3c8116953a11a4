/*
 * commands.h — the command language of dataspaces: cdb's memory commands
 * (db, dd, s, e*, !address, lm, ? ...) run against a target, their output
 * in WinDbg's layout going to a sink the caller gives.
 *
 * Whatever can type a command goes through ds_execute: the dataspaces(1)
 * prompt and its -c, IDebugControl::Execute of the dbgeng face, a test.
 * A front end adds commands of its own with ds_session_add_command (the
 * CLI's `u` needs a disassembler the library does not link).
 */
#ifndef DATASPACES_COMMANDS_H
#define DATASPACES_COMMANDS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "dataspaces.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A command session over one target: the state cdb keeps between
 *  commands (where a bare `db` continues, the last search, the quit
 *  request). It does not own the target. */
typedef struct ds_session ds_session;

/** Where a command's output goes: `length` bytes of text (not
 *  NUL-terminated), whole lines or parts of one. */
typedef void (*ds_output_fn)(void *context, const char *text, size_t length);

/** Progress of a long command (s, .writemem, .readmem over a large range):
 *  `done` of `total` bytes. Called at most a few times a second; a front
 *  end shows it on a terminal, and nothing is shown when none is set. */
typedef void (*ds_progress_fn)(void *context, uint64_t done, uint64_t total);

/** A command added by a front end. `args` is the text after the command's
 *  name, leading blanks skipped. Output goes through ds_session_printf. */
typedef HRESULT (*ds_command_fn)(ds_session *s, const char *args, void *context);

/** ds_session_quit_requested: what the last `q` asked for. */
#define DS_QUIT_NONE 0
#define DS_QUIT_END 1    /* q: end the session (a launched program is killed) */
#define DS_QUIT_DETACH 2 /* qd: detach, the target runs on */

/** A session over t (t may be NULL: then only commands that need no target,
 *  such as `?` on numbers, `.echo` and `.help`, work). */
DS_EXTERN(HRESULT) ds_session_create(ds_target *t, ds_session **out);
/** Release the session (the target stays open). NULL is a no-op. */
DS_EXTERN(void) ds_session_destroy(ds_session *s);
/** The target the session runs over (NULL when it has none). */
DS_EXTERN(ds_target *) ds_session_target(const ds_session *s);

/** Run one command line: commands separated by `;` (outside quotes), each
 *  one's output, errors included, written to out as cdb writes it. Returns
 *  S_OK when every command ran, else the HRESULT of the first that failed
 *  (the rest of the line is not run, as in cdb). */
DS_EXTERN(HRESULT) ds_execute(ds_session *s, const char *line, ds_output_fn out, void *context);

/** DS_QUIT_* after a `q` or `qd` (DS_QUIT_NONE otherwise). */
DS_EXTERN(int) ds_session_quit_requested(const ds_session *s);

/** Ask the command in progress to stop, as cdb's Ctrl+C does: safe from a
 *  signal handler, another thread or the output sink. A long command stops
 *  at its next step and writes nothing more; ds_execute then returns
 *  E_ABORT and runs no more of the line. The next ds_execute clears it. */
DS_EXTERN(void) ds_session_interrupt(ds_session *s);

/** Where progress of long commands is reported (NULL: nowhere). */
DS_EXTERN(void) ds_session_set_progress(ds_session *s, ds_progress_fn fn, void *context);

/** Add a command (a name of letters, digits, '.', '!' or '_'; it replaces
 *  a built-in one of the same name). `synopsis` is its line in `.help`. */
DS_EXTERN(HRESULT) ds_session_add_command(ds_session *s, const char *name, ds_command_fn fn,
                                          void *context, const char *synopsis);

/* ---- for commands added by a front end ------------------------------------ */

/** Write to the sink of the ds_execute in progress. */
DS_EXTERN(void) ds_session_printf(ds_session *s, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
DS_EXTERN(void) ds_session_vprintf(ds_session *s, const char *format, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;

/** Evaluate a MASM expression (all of `text`), as `?` does. On failure the
 *  cdb error line has been written and the HRESULT says why. */
DS_EXTERN(HRESULT) ds_session_evaluate(ds_session *s, const char *text, uint64_t *value);

/** Parse a cdb address range (all of `text`): "ADDR", "ADDR L COUNT",
 *  "ADDR L? COUNT", "ADDR1 ADDR2" (inclusive end), COUNT in units of
 *  unit_size bytes, default_count units when only ADDR is given. An empty
 *  text continues at *start (the caller's "where I stopped"). Gives the
 *  start and the length in units. */
DS_EXTERN(HRESULT) ds_session_parse_range(ds_session *s, const char *text, uint32_t unit_size,
                                          uint64_t default_count, uint64_t *start,
                                          uint64_t *count);

/** An address as cdb prints it on this session's target: 00007ff6`12340000
 *  where pointers are 8 bytes, 12340000 where they are 4. */
DS_EXTERN(void) ds_session_format_address(ds_session *s, uint64_t address, char *buffer,
                                          size_t buffer_size);

/** "module+0xoffset" (or "module" at its base) for an address inside a
 *  module, as cdb prints it; S_FALSE and "" when no module holds it. */
DS_EXTERN(HRESULT) ds_session_symbolize(ds_session *s, uint64_t address, char *buffer,
                                        size_t buffer_size);

#ifdef __cplusplus
}
#endif

#endif
