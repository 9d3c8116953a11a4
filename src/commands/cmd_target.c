/*
 * cmd_target.c — what the target is: vertarget, | (the process), ~ (its
 * threads), lm (its modules) and .cache (the engine's memory cache).
 * Layouts are cdb's where cdb has one; what the library does not know
 * (a thread's TEB on Linux, symbol status) prints as cdb prints it when
 * it does not know either.
 */
#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "commands_internal.h"

/* An address as wide as the target's pointers, 64-bit with cdb's backtick. */
void cmd_format_pointer(struct ds_session *s, uint64_t v, char *buffer, size_t size)
{
    uint32_t pointer = s->target ? ds_pointer_size(s->target) : 8;
    if (pointer == 4)
        snprintf(buffer, size, "%08x", (uint32_t)v);
    else
        snprintf(buffer, size, "%08x`%08x", (uint32_t)(v >> 32), (uint32_t)v);
}

static const char *machine_name(uint32_t machine)
{
    switch (machine) {
    case IMAGE_FILE_MACHINE_I386: return "x86";
    case IMAGE_FILE_MACHINE_AMD64: return "x64";
    case IMAGE_FILE_MACHINE_ARM64: return "ARM64";
    case IMAGE_FILE_MACHINE_ARMNT: return "ARM";
    case IMAGE_FILE_MACHINE_RISCV64: return "RISC-V 64";
    case IMAGE_FILE_MACHINE_POWERPC: return "PowerPC";
    default: return "unknown machine";
    }
}

/* cdb's word for how the session came to the process (its | line). */
static const char *process_origin(ds_target *t)
{
    const char *kind = ds_target_kind(t);
    if (strcmp(kind, "live") == 0 || strcmp(kind, "gdbremote") == 0)
        return "attach";
    return "examine"; /* a dump or a core */
}

static HRESULT run_vertarget(struct ds_session *s, const char *name, const char *args)
{
    (void)name;
    if (*args)
        return cmd_caret_error(s, E_INVALIDARG, "Extra character", args);
    ds_target *t = cmd_need_target(s);
    if (!t)
        return E_UNEXPECTED;
    uint32_t machine = ds_machine(t), threads = 0;
    if (FAILED(ds_get_number_threads(t, &threads)))
        threads = 0;
    const char *kind = ds_target_kind(t);
    cmd_printf(s, "Target: %s (%s), user mode, %s (machine 0x%04x), %u-bit pointers, %u-byte pages\n",
               kind,
               strcmp(kind, "live") == 0       ? "a running process"
               : strcmp(kind, "elfcore") == 0  ? "an ELF core file"
               : strcmp(kind, "minidump") == 0 ? "a Windows minidump"
                                               : "a remote target",
               machine_name(machine), machine, ds_pointer_size(t) * 8, ds_page_size(t));
    uint32_t pid = ds_process_id(t);
    cmd_printf(s, "Process: id %u (0x%x), %u thread%s, %u module%s\n", pid, pid, threads,
               threads == 1 ? "" : "s", cmd_module_count(s), cmd_module_count(s) == 1 ? "" : "s");
    uint64_t cache = ds_cache_get_size(t);
    cmd_printf(s, "Cache: %llu KB\n", (unsigned long long)(cache / 1024));
    const char *notes = ds_open_notes(t);
    if (notes && *notes)
        cmd_printf(s, "Notes: %s\n", notes);
    return S_OK;
}

/* | : ".  0\tid: 1a2c\texamine\tname: C:\app\app.exe" — one process, the
 * current one, its name the first module's file. */
static HRESULT run_process(struct ds_session *s, const char *name, const char *args)
{
    (void)name;
    ds_target *t = cmd_need_target(s);
    if (!t)
        return E_UNEXPECTED;
    /* "|", "|*", "|." and "|#" all mean the one process; "|0" too. */
    if (*args && strcmp(args, "*") != 0 && strcmp(args, ".") != 0 && strcmp(args, "#") != 0 &&
        strcmp(args, "0") != 0)
        return cmd_caret_error(s, E_INVALIDARG, "Syntax", args);
    struct cmd_module m;
    const char *image = cmd_module_at(s, 0, &m) == 0 ? m.path : "";
    cmd_printf(s, ".  0\tid: %x\t%s\tname: %s\n", ds_process_id(t), process_origin(t), image);
    return S_OK;
}

/* ~ : ".  0  Id: 1a2c.3c54 Suspend: 1 Teb: 000000d6`f2d1e000 Unfrozen" per
 * thread; the first is the current one. A Linux target has no TEB nor
 * suspend count: they print as 0, as cdb prints them for a Linux dump. */
static HRESULT run_threads(struct ds_session *s, const char *name, const char *args)
{
    (void)name;
    ds_target *t = cmd_need_target(s);
    if (!t)
        return E_UNEXPECTED;
    uint32_t count = 0;
    HRESULT hr = ds_get_number_threads(t, &count);
    if (FAILED(hr))
        return cmd_error(s, hr, "Unable to list the threads: %s\n", ds_error_text(t));
    /* "~", "~*": all; "~." "~#": the current one; "~N": thread N. */
    uint32_t first = 0, last = count;
    if (*args && strcmp(args, "*") != 0) {
        if (strcmp(args, ".") == 0 || strcmp(args, "#") == 0) {
            last = count ? 1 : 0;
        } else {
            uint64_t n;
            const char *p = args;
            const char *saved = s->current_command;
            hr = cmd_eval(s, &p, &n);
            if (FAILED(hr))
                return hr;
            if (*p)
                return cmd_caret_error(s, E_INVALIDARG, "Syntax", p);
            (void)saved;
            if (n >= count)
                return cmd_error(s, E_INVALIDARG, "Illegal thread error in '%s'\n",
                                 s->current_command ? s->current_command : args);
            first = (uint32_t)n;
            last = first + 1;
        }
    }
    uint32_t pid = ds_process_id(t);
    for (uint32_t i = first; i < last; i++) {
        uint32_t tid = 0, suspend = 0;
        uint64_t teb_address = 0;
        if (FAILED(ds_get_thread_ids(t, i, 1, &tid)))
            continue;
        (void)ds_get_thread_data(t, i, &teb_address, &suspend); /* 0 and 0 when unknown */
        char teb[32];
        cmd_format_pointer(s, teb_address, teb, sizeof teb);
        cmd_printf(s, "%c%3u  Id: %x.%x Suspend: %u Teb: %s Unfrozen\n", i == 0 ? '.' : ' ', i,
                   pid, tid, suspend, teb);
    }
    return S_OK;
}

/* cdb's wildcard match, case-insensitive: '*' any run, '?' one
 * character. Iterative, with one backtrack point: linear in practice,
 * bounded by the lengths of both strings squared at worst. */
static int wildcard_match(const char *pattern, const char *text)
{
    const char *star = NULL, *resume = NULL;
    while (*text) {
        if (*pattern == '*') {
            star = pattern++;
            resume = text;
        } else if (*pattern == '?' || tolower((unsigned char)*pattern) == tolower((unsigned char)*text)) {
            pattern++;
            text++;
        } else if (star) {
            pattern = star + 1;
            text = ++resume;
        } else {
            return 0;
        }
    }
    while (*pattern == '*')
        pattern++;
    return *pattern == '\0';
}

/* lm [v] [f] [m PATTERN | M PATTERN]: cdb's table, "start end module
 * name" and "(deferred)" as the symbol status (the library loads no
 * symbols); f puts the image's path there instead, v adds its path and
 * file name under each line; m keeps the modules whose name matches,
 * M those whose path does. The letters may follow lm directly ("lmvm"). */
static HRESULT run_modules(struct ds_session *s, const char *name, const char *args)
{
    ds_target *t = cmd_need_target(s);
    if (!t)
        return E_UNEXPECTED;
    /* The letters glued to "lm" and the arguments, as one run of options:
     * "lmvm ntdll" is "lm v m ntdll". */
    char options[CMD_MODULE_PATH + 16];
    size_t glued = strlen(name + 2);
    snprintf(options, sizeof options, "%s %s", name + 2, args);
    int verbose = 0, full = 0, by_path = 0;
    char pattern[CMD_MODULE_PATH] = "";
    for (const char *p = options; *p; p++) {
        if (*p == ' ' || *p == '\t')
            continue;
        if (*p == 'v' || *p == 'V') {
            verbose = 1;
        } else if (*p == 'f' || *p == 'F') {
            full = 1;
        } else if (*p == 'm' || *p == 'M') {
            by_path = *p == 'M';
            const char *q = cmd_skip_blanks(p + 1);
            size_t n = strcspn(q, " \t");
            if (n == 0 || n >= sizeof pattern)
                return cmd_syntax_error(s, E_INVALIDARG, args + strlen(args));
            memcpy(pattern, q, n);
            pattern[n] = '\0';
            p = q + n - 1;
        } else {
            size_t at = (size_t)(p - options);
            return cmd_syntax_error(s, E_INVALIDARG,
                                    at > glued ? args + (at - glued - 1) : s->current_command);
        }
    }

    if (ds_pointer_size(t) == 4)
        cmd_printf(s, "start    end        module name\n");
    else
        cmd_printf(s, "start             end                 module name\n");
    uint32_t n = cmd_module_count(s);
    for (uint32_t i = 0; i < n && !cmd_interrupted(s); i++) {
        struct cmd_module m;
        if (cmd_module_at(s, i, &m) != 0)
            continue;
        if (*pattern && !wildcard_match(pattern, by_path ? m.path : m.name))
            continue;
        char start[32], end[32];
        cmd_format_pointer(s, m.base, start, sizeof start);
        cmd_format_pointer(s, m.base + m.size, end, sizeof end);
        if (full)
            cmd_printf(s, "%s %s   %-10s %s\n", start, end, m.name, m.path);
        else
            cmd_printf(s, "%s %s   %-10s %-23s\n", start, end, m.name, "(deferred)");
        if (verbose) {
            const char *file = m.path;
            for (const char *q = m.path; *q; q++)
                if (*q == '/' || *q == '\\')
                    file = q + 1;
            cmd_printf(s, "    Image path: %s\n    Image name: %s\n", m.path, file);
        }
    }
    return S_OK;
}

static void print_cache(struct ds_session *s, ds_target *t)
{
    uint64_t size = ds_cache_get_size(t);
    cmd_printf(s, "Max cache size is       : %llu bytes (0x%llx KB)\n", (unsigned long long)size,
               (unsigned long long)(size / 1024));
}

/* .cache [SIZE_KB | flushall | flushu] */
static HRESULT run_cache(struct ds_session *s, const char *name, const char *args)
{
    (void)name;
    ds_target *t = cmd_need_target(s);
    if (!t)
        return E_UNEXPECTED;
    HRESULT hr = S_OK;
    if (!*args) {
        print_cache(s, t);
        return S_OK;
    }
    if (strcasecmp(args, "flushall") == 0 || strcasecmp(args, "flushu") == 0) {
        /* flushu drops user-mode lines and failed ranges: for a user-mode
         * target that is the whole cache */
        hr = ds_cache_flush(t);
        if (FAILED(hr))
            return cmd_error(s, hr, "Unable to flush the cache: %s\n", ds_error_text(t));
        return S_OK;
    }
    uint64_t kb;
    const char *p = args;
    hr = cmd_eval(s, &p, &kb);
    if (FAILED(hr))
        return hr;
    if (*p)
        return cmd_caret_error(s, E_INVALIDARG, "Syntax", p);
    if (kb > (UINT64_MAX >> 10))
        return cmd_caret_error(s, E_INVALIDARG, "Range", args);
    hr = ds_cache_set_size(t, kb << 10);
    if (FAILED(hr))
        return cmd_error(s, hr, "Unable to set the cache size to %llu KB: %s\n",
                         (unsigned long long)kb, ds_error_text(t));
    print_cache(s, t);
    return S_OK;
}

const struct cmd_def cmd_target_table[] = {
    { "vertarget", run_vertarget, "vertarget          what the target is (kind, machine, process, notes)" },
    { "|", run_process, "|                  the process: id, how it was opened, its image" },
    { "~", run_threads, "~ [N|*|.]          the threads" },
    { "lm", run_modules, "lm [v][f] [m PATTERN]  the modules: start, end, name (f: path, v: details)" },
    { "lmv", run_modules, NULL },
    { "lmf", run_modules, NULL },
    { "lmm", run_modules, NULL },
    { "lmvm", run_modules, NULL },
    { "lmfm", run_modules, NULL },
    { ".cache", run_cache, ".cache [KB|flushall|flushu]  the memory cache: its size, set it, empty it" },
    { NULL, NULL, NULL },
};
