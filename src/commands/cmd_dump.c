/*
 * cmd_dump.c — cdb's .dump: the target written as a minidump (/m, /ma,
 * /m with cdb's option letters) or, our extension, an ELF core (/elf),
 * through ds_write_dump_progress.
 *
 * cdb's lines: "Creating FILE - mini user dump", then "Dump successfully
 * written". Without /o an existing file is refused as cdb refuses it (its
 * CreateFile(CREATE_NEW) fails before "Creating"):
 *     Unable to create file 'FILE' - Win32 error 0n80
 *         "The file exists."
 * and a file whose directory is missing or closed to us the same way with
 * the Win32 code and text CreateFile gives for it. What fails once the
 * write has begun is the library's sentence (ds_error_text). Progress goes
 * to the session's progress sink; ds_session_interrupt cancels the write
 * (the library then leaves no file behind).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands_internal.h"
#include "memtext.h"

#define DUMP_ERROR_FILE_NOT_FOUND 2u
#define DUMP_ERROR_PATH_NOT_FOUND 3u
#define DUMP_ERROR_ACCESS_DENIED 5u
#define DUMP_ERROR_FILE_EXISTS 80u
#define DUMP_COMMENT_MAX 4096 /* a comment stream longer than this is a typing mistake */

struct dump_request {
    uint32_t format;     /* DS_DUMP_MINIDUMP or DS_DUMP_ELF_CORE */
    uint32_t flags;      /* DS_FORMAT_*, NO_OVERWRITE unless /o */
    char comment[DUMP_COMMENT_MAX];
    int has_comment;
    char path[PATH_MAX];
};

/* cdb's usage text, trimmed to the options this engine has. */
static HRESULT dump_usage(struct ds_session *s)
{
    cmd_printf(s, "Usage: .dump [options] filename\n"
                  "Options are:\n"
                  "  /c <comment> - Add a comment (not supported in all formats)\n"
                  "  /m[acdfFhiprRtuw] - Create a minidump (default)\n"
                  "  /o - Overwrite any existing file\n"
                  "  /elf - Create an ELF core (dataspaces)\n");
    return E_INVALIDARG;
}

/* The letters after /m, as cdb reads them; only f (full memory) and i
 * (referenced memory) change what this engine writes, a marks full memory
 * too, the others are taken and recorded as dbgeng's flags. */
static int minidump_letter(char c, uint32_t *flags)
{
    switch (c) {
    case 'a':
        *flags |= DS_FORMAT_USER_SMALL_FULL_MEMORY | DS_FORMAT_USER_SMALL_HANDLE_DATA |
                  DS_FORMAT_USER_SMALL_UNLOADED_MODULES | DS_FORMAT_USER_SMALL_FULL_MEMORY_INFO |
                  DS_FORMAT_USER_SMALL_THREAD_INFO;
        return 1;
    case 'c': *flags |= DS_FORMAT_USER_SMALL_CODE_SEGMENTS; return 1;
    case 'd': *flags |= DS_FORMAT_USER_SMALL_DATA_SEGMENTS; return 1;
    case 'f': *flags |= DS_FORMAT_USER_SMALL_FULL_MEMORY; return 1;
    case 'F': *flags |= DS_FORMAT_USER_SMALL_FULL_MEMORY_INFO; return 1;
    case 'h': *flags |= DS_FORMAT_USER_SMALL_HANDLE_DATA; return 1;
    case 'i': *flags |= DS_FORMAT_USER_SMALL_INDIRECT_MEMORY; return 1;
    case 'p': *flags |= DS_FORMAT_USER_SMALL_PROCESS_THREAD_DATA; return 1;
    case 'r': *flags |= DS_FORMAT_USER_SMALL_FILTER_MEMORY; return 1;
    case 'R': *flags |= DS_FORMAT_USER_SMALL_FILTER_PATHS; return 1;
    case 't': *flags |= DS_FORMAT_USER_SMALL_THREAD_INFO; return 1;
    case 'u': *flags |= DS_FORMAT_USER_SMALL_UNLOADED_MODULES; return 1;
    case 'w': *flags |= DS_FORMAT_USER_SMALL_PRIVATE_READ_WRITE_MEMORY; return 1;
    default: return 0;
    }
}

/* A word: "quoted" (blanks inside) or up to the next blank. */
static HRESULT parse_word(struct ds_session *s, const char **cursor, char *out, size_t size,
                          int rest_of_line)
{
    const char *p = cmd_skip_blanks(*cursor), *text = p;
    size_t length;
    if (*p == '"') {
        HRESULT hr = mem_parse_string(s, &p, &text, &length);
        if (FAILED(hr))
            return hr;
    } else {
        /* cdb takes the file name as the rest of the command, trailing
         * blanks trimmed; a comment ends at a blank. */
        while (*p && (rest_of_line || (*p != ' ' && *p != '\t')))
            p++;
        length = (size_t)(p - text);
        while (rest_of_line && length && (text[length - 1] == ' ' || text[length - 1] == '\t'))
            length--;
        p = cmd_skip_blanks(p);
    }
    if (length >= size)
        return cmd_error(s, E_INVALIDARG, "Argument too long (%zu bytes): '%.*s...'\n", length, 40,
                         text);
    memcpy(out, text, length);
    out[length] = '\0';
    *cursor = p;
    return S_OK;
}

/* Whether the word at p is a known option, as cdb spells them. */
static int known_option(const char *p, size_t length)
{
    if (length == 4 && strncmp(p + 1, "elf", 3) == 0)
        return 1;
    if (length == 2 && (p[1] == 'o' || p[1] == 'c' || p[1] == '?'))
        return 1;
    if (length >= 2 && p[1] == 'm') {
        uint32_t flags = 0;
        for (size_t i = 2; i < length; i++)
            if (!minidump_letter(p[i], &flags))
                return 0;
        return 1;
    }
    return 0;
}

/* A Linux file name may start with '/', which cdb's options also do: a
 * word is an option when it starts with '/' or '-', holds no other '/',
 * and is either a known option or not the last word ("/q FILE" is an
 * unknown option, a lone "/x.dmp" is the root's file, "/ma" alone an
 * option with its file missing). A quoted /c argument follows its /c. */
static int is_option(const char *p)
{
    if (*p != '/' && *p != '-')
        return 0;
    size_t length = strcspn(p, " \t");
    if (memchr(p + 1, '/', length - 1))
        return 0;
    if (known_option(p, length))
        return 1;
    return *cmd_skip_blanks(p + length) != '\0';
}

static HRESULT parse_request(struct ds_session *s, const char *args, struct dump_request *r)
{
    memset(r, 0, sizeof *r);
    r->format = DS_DUMP_MINIDUMP;
    r->flags = DS_FORMAT_NO_OVERWRITE; /* cdb's default: never replace a file */
    const char *p = cmd_skip_blanks(args);
    while (is_option(p)) {
        const char *option = p + 1;
        if (strncmp(option, "elf", 3) == 0 && (!option[3] || option[3] == ' ' || option[3] == '\t')) {
            r->format = DS_DUMP_ELF_CORE;
            p = cmd_skip_blanks(option + 3);
            continue;
        }
        switch (*option) {
        case 'm':
            p = option + 1;
            while (minidump_letter(*p, &r->flags))
                p++;
            break;
        case 'o':
            r->flags &= ~DS_FORMAT_NO_OVERWRITE;
            p = option + 1;
            break;
        case 'c': {
            p = option + 1;
            HRESULT hr = parse_word(s, &p, r->comment, sizeof r->comment, 0);
            if (FAILED(hr))
                return hr;
            r->has_comment = 1;
            continue; /* parse_word left p at the next word */
        }
        case '?':
            return dump_usage(s);
        default:
            cmd_printf(s, "Unknown option '%c'\n", *option ? *option : ' ');
            return dump_usage(s);
        }
        if (*p && *p != ' ' && *p != '\t' && *p != '/' && *p != '-') {
            cmd_printf(s, "Unknown option '%c'\n", *p);
            return dump_usage(s);
        }
        p = cmd_skip_blanks(p);
    }
    if (!*p)
        return dump_usage(s);
    HRESULT hr = parse_word(s, &p, r->path, sizeof r->path, 1);
    if (FAILED(hr))
        return hr;
    if (!r->path[0])
        return dump_usage(s);
    if (*p)
        return cmd_caret_error(s, E_INVALIDARG, "Extra character", p);
    return S_OK;
}

/* CreateFile's refusal in cdb's two lines, for a file we can tell in
 * advance cannot be made: it exists (without /o), or its directory is
 * missing, not a directory or not writable. S_OK when none of these. */
static HRESULT refuse_like_create_file(struct ds_session *s, const struct dump_request *r)
{
    uint32_t code = 0;
    const char *why = NULL;
    if ((r->flags & DS_FORMAT_NO_OVERWRITE) && access(r->path, F_OK) == 0) {
        code = DUMP_ERROR_FILE_EXISTS;
        why = "The file exists.";
    } else {
        char dir[PATH_MAX];
        const char *slash = strrchr(r->path, '/');
        if (!slash)
            snprintf(dir, sizeof dir, ".");
        else if (slash == r->path)
            snprintf(dir, sizeof dir, "/");
        else
            snprintf(dir, sizeof dir, "%.*s", (int)(slash - r->path), r->path);
        if (access(dir, W_OK | X_OK) != 0) {
            int e = errno;
            if (e == ENOENT || e == ENOTDIR) {
                code = DUMP_ERROR_PATH_NOT_FOUND;
                why = "The system cannot find the path specified.";
            } else {
                code = DUMP_ERROR_ACCESS_DENIED;
                why = "Access is denied.";
            }
        }
    }
    if (!code)
        return S_OK;
    return cmd_error(s, HRESULT_FROM_WIN32(code), "Unable to create file '%s' - Win32 error 0n%u\n"
                     "    \"%s\"\n", r->path, code, why);
}

static int dump_progress(void *context, uint64_t done, uint64_t total)
{
    struct ds_session *s = context;
    cmd_progress(s, done, total);
    return cmd_interrupted(s); /* nonzero cancels: the library removes its temporary */
}

static HRESULT run_dump(struct ds_session *s, const char *name, const char *args)
{
    (void)name;
    ds_target *t = cmd_need_target(s);
    if (!t)
        return E_UNEXPECTED;
    struct dump_request r;
    HRESULT hr = parse_request(s, args, &r);
    if (FAILED(hr))
        return hr;
    if (FAILED(hr = refuse_like_create_file(s, &r)))
        return hr;
    cmd_printf(s, "Creating %s - %s\n", r.path,
               r.format == DS_DUMP_ELF_CORE ? "ELF core dump" : "mini user dump");
    hr = ds_write_dump_progress(t, r.path, r.format, r.flags, r.has_comment ? r.comment : NULL,
                                dump_progress, s);
    if (hr == E_ABORT || (FAILED(hr) && cmd_interrupted(s)))
        return E_ABORT;
    if (hr == HRESULT_FROM_WIN32(DUMP_ERROR_FILE_EXISTS)) /* made meanwhile */
        return cmd_error(s, hr, "Unable to create file '%s' - Win32 error 0n%u\n"
                         "    \"The file exists.\"\n", r.path, DUMP_ERROR_FILE_EXISTS);
    if (FAILED(hr))
        return cmd_error(s, hr, "Dump file '%s' not written: %s\n", r.path, ds_error_text(t));
    cmd_printf(s, "Dump successfully written\n");
    return S_OK;
}

const struct cmd_def cmd_dump_table[] = {
    { ".dump", run_dump,
      ".dump [/ma | /m[f|i...] | /elf] [/o] [/c \"comment\"] FILE  write the target as a "
      "minidump (/ma: all memory) or an ELF core" },
    { NULL, NULL, NULL },
};
