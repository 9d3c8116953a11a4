/* replay_list.c — see replay_list.h. */
#include "replay_list.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct replay *replay_add(struct replay_list *l, const char *name, CMUnitTestFunction fn)
{
    if (l->n == REPLAY_MAX)
        return NULL;
    struct replay *r = &l->replays[l->n];
    memset(r, 0, sizeof *r);
    snprintf(l->names[l->n], sizeof l->names[l->n], "%s", name);
    l->tests[l->n] = (struct CMUnitTest){ .name = l->names[l->n], .test_func = fn,
                                          .initial_state = r };
    l->n++;
    return r;
}

static void add_file(struct replay_list *l, const char *dir, const char *file, bool elf,
                     const char *label, CMUnitTestFunction fn)
{
    char path[4096], name[300];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return;
    snprintf(name, sizeof name, "%.40s/%.255s", label, file);
    struct replay *r = replay_add(l, name, fn);
    if (!r)
        return;
    memcpy(r->path, path, sizeof path);
    r->elf = elf;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

size_t replay_add_dir(struct replay_list *l, const char *dir, bool elf, const char *suffix,
                      const char *label, CMUnitTestFunction fn)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, by_name);
    size_t before = l->n;
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        size_t len = strlen(name), slen = strlen(suffix);
        if (name[0] != '.' && len >= slen && strcmp(name + len - slen, suffix) == 0)
            add_file(l, dir, name, elf, label, fn);
        free(list[i]);
    }
    if (n >= 0)
        free(list);
    return l->n - before;
}

uint8_t *replay_slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s: %s", path, strerror(errno));
    struct stat st;
    assert_int_equal(fstat(fileno(f), &st), 0);
    *size = (size_t)st.st_size;
    uint8_t *buf = malloc(*size ? *size : 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, *size, f), *size);
    fclose(f);
    return buf;
}
