/*
 * prompt.c — where dataspaces(1) gets its lines. A person at a terminal
 * gets libedit (emacs keys, the up arrow through earlier commands, ~/.editrc)
 * and a history kept in ~/.dataspaces_history across sessions; a script
 * piping lines in gets them read plainly, one command line each.
 *
 * The history file is plain text, one command line a line, appended as
 * each line is run (so two sessions at once both keep theirs, and a session
 * that dies keeps what it ran). It is cut back to its last HISTORY_KEEP
 * lines when it has grown to twice that. A history that cannot be saved is
 * a warning, never a reason to stop.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef DS_CLI_LIBEDIT
#define DS_CLI_LIBEDIT 0
#endif
#if DS_CLI_LIBEDIT
#include <histedit.h>
#endif

#include "cli.h"

#define HISTORY_KEEP 1000
#define LINE_MAX_BYTES (64 * 1024) /* a longer line is refused, not cut */

#define MAX_WORDS 128 /* command names Tab completes */

struct cli_prompt {
    bool terminal;          /* stdin is a terminal */
    char *words[MAX_WORDS]; /* command names, for Tab */
    size_t nwords;
    char *history_path;  /* NULL: no history file */
    bool history_warned; /* the one warning about saving was given */
    char *last;          /* the last line remembered (no repeats) */
    const char *prompt;  /* for libedit's prompt callback */
#if DS_CLI_LIBEDIT
    EditLine *el;
    History *hist;
#endif
};

/* ---- plain lines ---------------------------------------------------------------- */

/* One line from f, without its newline; NULL at the end of input. A line
   longer than LINE_MAX_BYTES is skipped whole and reported, and "" is
   returned in its place. */
static char *read_plain_line(FILE *f, size_t max, bool report)
{
    size_t cap = 128, len = 0;
    char *line = malloc(cap);
    if (!line)
        return NULL;
    bool too_long = false;
    int c;
    while ((c = getc(f)) != EOF && c != '\n') {
        if (too_long)
            continue;
        if (len + 1 >= max) {
            too_long = true;
            continue;
        }
        if (len + 1 >= cap) {
            size_t ncap = cap * 2 < max ? cap * 2 : max;
            char *n = realloc(line, ncap);
            if (!n) {
                free(line);
                return NULL;
            }
            line = n;
            cap = ncap;
        }
        line[len++] = (char)c;
    }
    if (c == EOF && ferror(f) && errno == EINTR) {
        /* Ctrl-C while a line was being typed (the prompt's SIGINT
           handler has no SA_RESTART): drop it, as libedit does. */
        clearerr(f);
        fputc('\n', stdout);
        len = 0;
        too_long = false;
    } else if (c == EOF && len == 0 && !too_long) {
        free(line);
        return NULL;
    }
    if (too_long) {
        if (report)
            fprintf(stderr, "dataspaces: a line longer than %zu bytes was ignored\n", max - 1);
        len = 0;
    }
    line[len] = '\0';
    return line;
}

/* ---- the history file ----------------------------------------------------------- */

#if DS_CLI_LIBEDIT
static char *history_file_path(void)
{
    const char *home = getenv("HOME");
    if (!home || !*home) {
        struct passwd *pw = getpwuid(getuid());
        home = pw ? pw->pw_dir : NULL;
    }
    if (!home || !*home)
        return NULL;
    size_t n = strlen(home) + sizeof "/.dataspaces_history";
    char *path = malloc(n);
    if (path)
        snprintf(path, n, "%s/.dataspaces_history", home);
    return path;
}

static void history_warning(struct cli_prompt *p, const char *what, int err)
{
    if (p->history_warned)
        return;
    p->history_warned = true;
    fprintf(stderr,
            "dataspaces: warning: cannot %s the history file %s: %s (the session "
            "goes on without it)\n",
            what, p->history_path, strerror(err));
}

/* Rewrite the file with only its last `n` lines (kept[], oldest first from
   `first`, a ring of HISTORY_KEEP), through a temporary file and rename. */
static void history_cut_back(struct cli_prompt *p, char **kept, size_t first, size_t n)
{
    size_t tlen = strlen(p->history_path) + sizeof ".new";
    char *tmp = malloc(tlen);
    if (!tmp)
        return;
    snprintf(tmp, tlen, "%s.new", p->history_path);
    FILE *f = fopen(tmp, "w");
    bool ok = f != NULL;
    for (size_t i = 0; ok && i < n; i++)
        ok = fprintf(f, "%s\n", kept[(first + i) % HISTORY_KEEP]) >= 0;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok || rename(tmp, p->history_path) != 0) {
        history_warning(p, "shorten", errno);
        unlink(tmp);
    }
    free(tmp);
}

/* Load the file's last HISTORY_KEEP lines into libedit's history. */
static void history_load(struct cli_prompt *p)
{
    FILE *f = fopen(p->history_path, "r");
    if (!f) {
        if (errno != ENOENT)
            history_warning(p, "read", errno);
        return;
    }
    char **kept = calloc(HISTORY_KEEP, sizeof *kept);
    if (!kept) {
        fclose(f);
        return;
    }
    size_t total = 0;
    char *line;
    /* Bounded by the file: each pass reads one line of it. */
    while ((line = read_plain_line(f, 4096, false)) != NULL) {
        if (!*line) {
            free(line);
            continue;
        }
        free(kept[total % HISTORY_KEEP]);
        kept[total % HISTORY_KEEP] = line;
        total++;
    }
    fclose(f);
    size_t n = total < HISTORY_KEEP ? total : HISTORY_KEEP;
    size_t first = total < HISTORY_KEEP ? 0 : total % HISTORY_KEEP;
    HistEvent ev;
    for (size_t i = 0; i < n; i++)
        history(p->hist, &ev, H_ENTER, kept[(first + i) % HISTORY_KEEP]);
    if (n) {
        free(p->last);
        p->last = strdup(kept[(first + n - 1) % HISTORY_KEEP]);
    }
    if (total >= 2 * HISTORY_KEEP)
        history_cut_back(p, kept, first, n);
    for (size_t i = 0; i < HISTORY_KEEP; i++)
        free(kept[i]);
    free(kept);
}

static char *prompt_text(EditLine *el)
{
    struct cli_prompt *p = NULL;
    el_get(el, EL_CLIENTDATA, &p);
    return (char *)(p && p->prompt ? p->prompt : "");
}

/* Tab: complete the command name being typed (the first word of the line
   or of its last ';'-separated part); a second Tab on an ambiguous prefix
   lists the candidates, as a shell does. */
static unsigned char complete_command(EditLine *el, int ch)
{
    (void)ch;
    struct cli_prompt *p = NULL;
    el_get(el, EL_CLIENTDATA, &p);
    const LineInfo *li = el_line(el);
    if (!p || !li)
        return CC_ERROR;
    const char *start = li->buffer;
    for (const char *q = li->buffer; q < li->cursor; q++)
        if (*q == ';')
            start = q + 1;
    while (start < li->cursor && (*start == ' ' || *start == '\t'))
        start++;
    for (const char *q = start; q < li->cursor; q++)
        if (*q == ' ' || *q == '\t')
            return CC_ERROR; /* past the command's name: nothing to complete */
    size_t typed = (size_t)(li->cursor - start);
    const char *first = NULL;
    size_t common = 0, matches = 0;
    for (size_t i = 0; i < p->nwords; i++) {
        const char *w = p->words[i];
        if (strncmp(w, start, typed) != 0)
            continue;
        if (!first) {
            first = w;
            common = strlen(w);
        } else {
            size_t k = typed;
            while (k < common && w[k] == first[k])
                k++;
            common = k;
        }
        matches++;
    }
    if (!matches)
        return CC_ERROR;
    if (common > typed || matches == 1) {
        char add[64];
        size_t n = common - typed < sizeof add - 2 ? common - typed : sizeof add - 2;
        memcpy(add, first + typed, n);
        add[n] = '\0';
        if (matches == 1)
            strcat(add, " ");
        return el_insertstr(el, add) == 0 ? CC_REFRESH : CC_ERROR;
    }
    FILE *screen = isatty(STDOUT_FILENO) ? stdout : stderr;
    fputc('\n', screen);
    for (size_t i = 0; i < p->nwords; i++)
        if (strncmp(p->words[i], start, typed) == 0)
            fprintf(screen, "%s  ", p->words[i]);
    fputc('\n', screen);
    return CC_REDISPLAY;
}

static bool start_editline(struct cli_prompt *p, const char *program_name)
{
    p->hist = history_init();
    /* With stdout sent to a pipe or a file, the line being typed and the
       prompt go to the terminal on stderr; the commands' output alone to
       stdout. */
    FILE *screen = isatty(STDOUT_FILENO) ? stdout : stderr;
    p->el = p->hist ? el_init(program_name, stdin, screen, stderr) : NULL;
    if (!p->el)
        return false;
    HistEvent ev;
    history(p->hist, &ev, H_SETSIZE, HISTORY_KEEP);
    history(p->hist, &ev, H_SETUNIQUE, 1);
    el_set(p->el, EL_CLIENTDATA, p);
    el_set(p->el, EL_PROMPT, prompt_text);
    el_set(p->el, EL_EDITOR, "emacs");
    el_set(p->el, EL_HIST, history, p->hist);
    el_set(p->el, EL_SIGNAL, 1);
    /* The wide form: the narrow one copies the two strings and never frees
       them (libedit's el_set says so: "The two strdup's leak"). */
    el_wset(p->el, EL_ADDFN, L"ds-complete", L"complete a command name", complete_command);
    el_set(p->el, EL_BIND, "^I", "ds-complete", NULL);
    el_source(p->el, NULL); /* ~/.editrc, as every libedit program reads */
    p->history_path = history_file_path();
    if (p->history_path)
        history_load(p);
    return true;
}
#endif

/* ---- the prompt -------------------------------------------------------------- */

struct cli_prompt *cli_prompt_open(const char *program_name)
{
    struct cli_prompt *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->terminal = isatty(STDIN_FILENO);
#if DS_CLI_LIBEDIT
    if (p->terminal && !start_editline(p, program_name)) {
        /* No terminal description (TERM unset or unknown): plain lines. */
        if (p->el)
            el_end(p->el);
        if (p->hist)
            history_end(p->hist);
        p->el = NULL;
        p->hist = NULL;
    }
#else
    (void)program_name;
#endif
    return p;
}

void cli_prompt_add_word(struct cli_prompt *p, const char *word, size_t length)
{
    if (p->nwords < MAX_WORDS && length > 0 && length < 32)
        if ((p->words[p->nwords] = strndup(word, length)) != NULL)
            p->nwords++;
}

bool cli_prompt_editing(void) { return DS_CLI_LIBEDIT; }

bool cli_prompt_interactive(const struct cli_prompt *p) { return p->terminal; }

char *cli_prompt_read(struct cli_prompt *p, const char *prompt)
{
    fflush(stdout);
#if DS_CLI_LIBEDIT
    if (p->el) {
        p->prompt = prompt;
        int count = 0;
        errno = 0;
        const char *line = el_gets(p->el, &count);
        if (!line) {
            /* Ctrl-C at the prompt interrupts the read: a fresh line. */
            if (count < 0 && errno == EINTR) {
                fputc('\n', stdout);
                return strdup("");
            }
            return NULL;
        }
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        return strndup(line, n);
    }
#else
    (void)p;
#endif
    /* A script's lines are shown with the prompt once read (run_line's
       echo); a person at a terminal without libedit sees it first. */
    if (p->terminal) {
        fputs(prompt, stdout);
        fflush(stdout);
    }
    return read_plain_line(stdin, LINE_MAX_BYTES, true);
}

void cli_prompt_remember(struct cli_prompt *p, const char *line)
{
#if DS_CLI_LIBEDIT
    if (!p->el || !*line || (p->last && strcmp(p->last, line) == 0))
        return;
    HistEvent ev;
    history(p->hist, &ev, H_ENTER, line);
    free(p->last);
    p->last = strdup(line);
    if (!p->history_path)
        return;
    int fd = open(p->history_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        history_warning(p, "write", errno);
        return;
    }
    size_t n = strlen(line);
    char *text = malloc(n + 1);
    if (text) {
        memcpy(text, line, n);
        text[n] = '\n';
        ssize_t w = write(fd, text, n + 1);
        if (w != (ssize_t)(n + 1))
            history_warning(p, "write", w < 0 ? errno : ENOSPC);
        free(text);
    }
    close(fd);
#else
    (void)p;
    (void)line;
#endif
}

void cli_prompt_close(struct cli_prompt *p)
{
    if (!p)
        return;
#if DS_CLI_LIBEDIT
    if (p->el)
        el_end(p->el);
    if (p->hist)
        history_end(p->hist);
#endif
    for (size_t i = 0; i < p->nwords; i++)
        free(p->words[i]);
    free(p->history_path);
    free(p->last);
    free(p);
}
