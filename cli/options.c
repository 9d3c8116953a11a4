/*
 * options.c — dataspaces(1)'s command line, cdb's where cdb has the option
 * (-p, -pn, -pv, -pvr, -z, -c, -cf, -i), -gdb for a GDB remote server
 * (cdb's -remote is Microsoft's own remoting), and the program to launch
 * after the options. docs/dataspaces.1 documents the same list; a test
 * checks that every option -h names is in the man page and back.
 */
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_usage(FILE *f)
{
    fputs("usage: dataspaces [options] -p PID | -pn NAME | -z FILE | -gdb HOST:PORT\n"
          "       dataspaces [options] PROGRAM [ARGS...]\n"
          "       dataspaces serve [--listen HOST:PORT | --listen unix:PATH] [--once] TARGET\n"
          "\n"
          "Opens one target and runs cdb's memory commands on it (db, dd, dps, s, e*,\n"
          "f, !address, .writemem, lm, u, ? ...): first those of -cf and -c, then the\n"
          "ones typed at the 0:000> prompt, until q, qd or the end of input.\n"
          "\n"
          "Targets (one):\n"
          "  -p PID          attach to process PID; its threads stay stopped until q\n"
          "  -pn NAME        attach to the process named NAME (the only one so named)\n"
          "  -pv             with -p or -pn: attach non-invasively (threads suspended,\n"
          "                  no debug events)\n"
          "  -pvr            with -p or -pn: attach non-invasively without stopping the\n"
          "                  process (no ptrace; it runs on while its memory is read)\n"
          "  -z FILE         open an ELF core file or a Windows minidump\n"
          "  -gdb HOST:PORT  connect to a GDB remote-protocol server (gdbserver, QEMU ...);\n"
          "                  also -gdb [V6ADDR]:PORT or -gdb unix:PATH, each optionally\n"
          "                  followed by ,timeout=MS ,pid=N ,window=N\n"
          "  PROGRAM [ARGS]  start PROGRAM (searched in PATH) stopped at its first\n"
          "                  instruction; q kills it, qd lets it run on\n"
          "\n"
          "Options:\n"
          "  -c \"CMD; CMD\"   run these commands first; end them with q for batch mode\n"
          "  -cf FILE        run the commands in FILE (one line each) first, before -c\n"
          "  -i PATH         image search path: directories (colon-separated) holding the\n"
          "                  executables and libraries a core's file-backed memory is in\n"
          "  -logo FILE      keep a copy of the session (what stdout shows, typed commands\n"
          "                  included) in FILE, overwriting it\n"
          "  -loga FILE      the same, appending to FILE\n"
          "  -h, -?, --help  print this help and exit\n"
          "\n"
          "serve (the target to gdb and lldb as a GDB remote stub):\n"
          "  --listen ADDR   listen on HOST:PORT, :PORT (loopback) or unix:PATH;\n"
          "                  default 127.0.0.1:0 (a free port, printed)\n"
          "  --once          exit when the first client's session ends\n"
          "  -version, --version  print the version and exit\n"
          "\n"
          "Examples:\n"
          "  dataspaces -z core.1234 -c \"lm; db libc_so_6 L40; q\"\n"
          "  dataspaces -pvr -p 1234\n"
          "  echo 'dps @$peb L8; q' | dataspaces -z crash.dmp\n"
          "  dataspaces serve --listen :1234 -z crash.dmp   (then gdb: target remote :1234)\n"
          "\n"
          "The command reference is `.help` at the prompt and dataspaces(1).\n",
          f);
}

static bool fail(char *error, size_t size, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(char *error, size_t size, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    vsnprintf(error, size, format, ap);
    va_end(ap);
    return false;
}

/* A decimal process id, or 0x-prefixed hex (a leading 0 is not octal). */
static bool parse_pid(const char *text, int *pid)
{
    char *end;
    errno = 0;
    bool hex = text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    long v = strtol(hex ? text + 2 : text, &end, hex ? 16 : 10);
    if (errno || end == text || *end || v <= 0 || v > INT_MAX)
        return false;
    *pid = (int)v;
    return true;
}

static bool set_target(struct cli_options *o, enum cli_target_kind kind, const char *option,
                       char *error, size_t size)
{
    if (o->kind != CLI_TARGET_NONE)
        return fail(error, size,
                    "%s: only one target may be given (one of -p, -pn, -z, "
                    "-gdb or a program)",
                    option);
    o->kind = kind;
    return true;
}

bool cli_parse_options(int argc, char **argv, struct cli_options *o, char *error, size_t size)
{
    memset(o, 0, sizeof *o);
    int i = 1;
    if (argc > 1 && strcmp(argv[1], "serve") == 0) {
        o->serve = true;
        i = 2;
    }
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (a[0] != '-' || a[1] == '\0')
            break; /* the program to launch: the rest is its own */
        if (!strcmp(a, "-h") || !strcmp(a, "-?") || !strcmp(a, "--help")) {
            o->help = true;
            continue;
        }
        if (!strcmp(a, "-version") || !strcmp(a, "--version")) {
            o->version = true;
            continue;
        }
        if (!strcmp(a, "--once") || !strcmp(a, "--listen")) {
            if (!o->serve)
                return fail(error, size, "%s belongs to dataspaces serve (dataspaces -h)", a);
            if (a[2] == 'o') {
                o->serve_once = true;
                continue;
            }
            if (i + 1 >= argc)
                return fail(error, size, "--listen needs HOST:PORT or unix:PATH");
            o->serve_listen = argv[++i];
            continue;
        }
        if (!strcmp(a, "-pv")) {
            o->attach_flags = DS_ATTACH_NONINVASIVE;
            continue;
        }
        if (!strcmp(a, "-pvr")) {
            o->attach_flags = DS_ATTACH_NONINVASIVE | DS_ATTACH_NONINVASIVE_NO_SUSPEND;
            continue;
        }
        /* Every other option takes a value. */
        static const char *const with_value[] = {"-p",  "-pn", "-z",    "-gdb", "-c",
                                                 "-cf", "-i",  "-logo", "-loga"};
        bool known = false;
        for (size_t k = 0; k < sizeof with_value / sizeof *with_value; k++)
            known = known || !strcmp(a, with_value[k]);
        if (!known)
            return fail(error, size, "unknown option %s (dataspaces -h lists them)", a);
        if (i + 1 >= argc)
            return fail(error, size, "%s needs a value (dataspaces -h)", a);
        const char *v = argv[++i];
        if (!strcmp(a, "-p")) {
            if (!set_target(o, CLI_TARGET_PID, a, error, size))
                return false;
            if (!parse_pid(v, &o->pid))
                return fail(error, size, "-p %s: not a process id", v);
        } else if (!strcmp(a, "-pn")) {
            if (!set_target(o, CLI_TARGET_PROCESS_NAME, a, error, size))
                return false;
            o->process_name = v;
        } else if (!strcmp(a, "-z")) {
            if (!set_target(o, CLI_TARGET_DUMP, a, error, size))
                return false;
            o->dump_path = v;
        } else if (!strcmp(a, "-gdb")) {
            if (!set_target(o, CLI_TARGET_GDB, a, error, size))
                return false;
            o->gdb_spec = v;
        } else if (!strcmp(a, "-c")) {
            if (o->ncommands == CLI_MAX_COMMANDS)
                return fail(error, size, "-c %s: too many -c options (at most 16)", v);
            o->commands[o->ncommands++] = v;
        } else if (!strcmp(a, "-cf")) {
            o->script_path = v;
        } else if (!strcmp(a, "-logo") || !strcmp(a, "-loga")) {
            o->log_path = v;
            o->log_append = a[4] == 'a';
        } else {
            o->image_path = v;
        }
    }
    if (o->help || o->version)
        return true;
    if (i < argc) {
        if (!set_target(o, CLI_TARGET_LAUNCH, argv[i], error, size))
            return false;
        o->program = argv + i;
    }
    if (o->kind == CLI_TARGET_NONE)
        return fail(error, size,
                    "no target: give -p PID, -pn NAME, -z FILE, -gdb HOST:PORT "
                    "or a program to start (dataspaces -h)");
    if (o->serve && (o->ncommands || o->script_path || o->kind == CLI_TARGET_LAUNCH))
        return fail(error, size,
                    "dataspaces serve takes a target (-p, -pn, -z or -gdb), not commands or "
                    "a program to start");
    if (o->attach_flags && o->kind != CLI_TARGET_PID && o->kind != CLI_TARGET_PROCESS_NAME)
        return fail(error, size,
                    "-pv and -pvr qualify an attach: use them with -p PID or "
                    "-pn NAME");
    return true;
}
