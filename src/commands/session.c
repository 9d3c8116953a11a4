/*
 * session.c — a command session: its creation, the registry of commands
 * (the built-in families' tables, then what a front end added), and the
 * session's small public accessors.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "commands_internal.h"

/* The built-in families, each one table; a family adds its line here. */
static const struct cmd_def *const builtin_tables[] = {
    cmd_basic_table,
    cmd_target_table,
    cmd_display_table,
    cmd_search_table,
    cmd_edit_table,
    cmd_memfile_table,
    cmd_address_table,
    cmd_dump_table,
    NULL,
};

/* A command a front end added (ds_session_add_command). */
struct cmd_added {
    char *name;
    ds_command_fn fn;
    void *context;
    char *synopsis;
};

#define CMD_MAX_ADDED 256 /* a front end adds a handful; a bound for safety */

struct cmd_registry {
    struct cmd_added *added;
    size_t count, capacity;
};

HRESULT ds_session_create(ds_target *t, ds_session **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    ds_session *s = calloc(1, sizeof *s);
    if (!s)
        return E_OUTOFMEMORY;
    s->registry = calloc(1, sizeof *s->registry);
    if (!s->registry) {
        free(s);
        return E_OUTOFMEMORY;
    }
    s->target = t;
    *out = s;
    return S_OK;
}

void ds_session_destroy(ds_session *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->registry->count; i++) {
        free(s->registry->added[i].name);
        free(s->registry->added[i].synopsis);
    }
    free(s->registry->added);
    free(s->registry);
    cmd_forget_modules(s);
    free(s);
}

ds_target *ds_session_target(const ds_session *s)
{
    return s ? s->target : NULL;
}

int ds_session_quit_requested(const ds_session *s)
{
    return s ? s->quit : DS_QUIT_NONE;
}

void ds_session_set_progress(ds_session *s, ds_progress_fn fn, void *context)
{
    if (!s)
        return;
    s->progress = fn;
    s->progress_context = context;
}

static int valid_name(const char *name)
{
    if (!name || !*name || strlen(name) > CMD_MAX_NAME)
        return 0;
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '.' && *p != '!' && *p != '_')
            return 0;
    return 1;
}

HRESULT ds_session_add_command(ds_session *s, const char *name, ds_command_fn fn, void *context,
                               const char *synopsis)
{
    if (!s || !fn || !valid_name(name))
        return E_INVALIDARG;
    struct cmd_registry *r = s->registry;
    char *synopsis_copy = strdup(synopsis ? synopsis : "");
    if (!synopsis_copy)
        return E_OUTOFMEMORY;
    for (size_t i = 0; i < r->count; i++) {
        if (strcmp(r->added[i].name, name) == 0) { /* added again: replace */
            free(r->added[i].synopsis);
            r->added[i].synopsis = synopsis_copy;
            r->added[i].fn = fn;
            r->added[i].context = context;
            return S_OK;
        }
    }
    if (r->count >= CMD_MAX_ADDED) {
        free(synopsis_copy);
        return E_OUTOFMEMORY;
    }
    if (r->count == r->capacity) {
        size_t capacity = r->capacity ? r->capacity * 2 : 8;
        struct cmd_added *grown = realloc(r->added, capacity * sizeof *grown);
        if (!grown) {
            free(synopsis_copy);
            return E_OUTOFMEMORY;
        }
        r->added = grown;
        r->capacity = capacity;
    }
    char *name_copy = strdup(name);
    if (!name_copy) {
        free(synopsis_copy);
        return E_OUTOFMEMORY;
    }
    r->added[r->count++] = (struct cmd_added){ name_copy, fn, context, synopsis_copy };
    return S_OK;
}

/* Whether text begins with the command name, followed by something that
 * cannot continue it. Letters-only names ("db", "lm") may be followed
 * directly by their arguments' punctuation ("db@$peb", "?1+2"), as in
 * cdb, but not by a letter or digit that would make another word
 * ("dbx" is not "db" followed by "x": cdb rejects it). */
static int name_matches(const char *text, const char *name, size_t *length)
{
    size_t n = strlen(name);
    if (strncasecmp(text, name, n) != 0)
        return 0;
    unsigned char next = (unsigned char)text[n];
    unsigned char last = (unsigned char)name[n - 1];
    if (isalnum(last) || last == '_') {
        if (isalnum(next) || next == '_' || next == '.' || next == '!')
            return 0;
    }
    *length = n;
    return 1;
}

int cmd_lookup(const struct ds_session *s, const char *text, struct cmd_found *found)
{
    size_t best = 0;
    memset(found, 0, sizeof *found);
    /* An added command replaces a built-in one of the same name, so added
     * ones are looked at first and win ties. */
    for (size_t i = 0; i < s->registry->count; i++) {
        size_t n;
        if (name_matches(text, s->registry->added[i].name, &n) && n > best) {
            best = n;
            found->name = s->registry->added[i].name;
            found->added_fn = s->registry->added[i].fn;
            found->added_context = s->registry->added[i].context;
            found->def = NULL;
        }
    }
    for (size_t t = 0; builtin_tables[t]; t++) {
        for (const struct cmd_def *d = builtin_tables[t]; d->name; d++) {
            size_t n;
            if (name_matches(text, d->name, &n) && n > best) {
                best = n;
                found->name = d->name;
                found->def = d;
                found->added_fn = NULL;
                found->added_context = NULL;
            }
        }
    }
    found->length = best;
    return best > 0;
}

/* ---- .help's listing ---------------------------------------------------- */

static int added_has(const struct ds_session *s, const char *name)
{
    for (size_t i = 0; i < s->registry->count; i++)
        if (strcmp(s->registry->added[i].name, name) == 0)
            return 1;
    return 0;
}

void cmd_list_commands(struct ds_session *s, cmd_list_fn fn, void *context)
{
    for (size_t t = 0; builtin_tables[t]; t++)
        for (const struct cmd_def *d = builtin_tables[t]; d->name; d++)
            if (d->synopsis && !added_has(s, d->name)) /* no synopsis: an alias */
                fn(s, d->name, d->synopsis, context);
    for (size_t i = 0; i < s->registry->count; i++)
        fn(s, s->registry->added[i].name, s->registry->added[i].synopsis, context);
}
