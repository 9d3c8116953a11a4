/*
 * test_corpus.c — replay every kept fuzzer input (tests/corpus/minidump,
 * tests/corpus/elfcore: inputs that once crashed, hung or leaked, and
 * hand-made hostile ones) and a core of every machine the core builder
 * knows (tests/lib/elfcore_builder.c) and a minidump of every scene
 * tests/lib/minidump_scenes.c builds through the fuzz harness itself
 * (fuzz/harness.h), without libFuzzer; the third-party dumps are replayed
 * by tests/conformance/conf_corpus.c (make conformance). Each file is one test: it
 * opens from memory, walks, reads, writes a private copy, searches and
 * reads strings, and any broken rule of the API fails the test. Under
 * `make check SANITIZE=1` the same replay runs under ASan and UBSan.
 */
#include "testlib.h"
#include "elfcore_builder.h"
#include "minidump_builder.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A broken rule fails the test that replays the file (not abort()). */
#define DS_FUZZ_FAIL(...) fail_msg(__VA_ARGS__)
#include "../fuzz/harness.h"

#define MAX_FILES 4096

struct replay {
    char path[4096];
    bool elf;
    const struct ecb_arch *arch;  /* a built core instead of a file */
    const struct mdb_scene *scene;  /* a built minidump instead of a file */
};

/* The corpus beside this file: tests/corpus, or $DS_CORPUS. */
static const char *corpus_dir(void)
{
    static char dir[4096];
    const char *env = getenv("DS_CORPUS");
    if (env && *env)
        return env;
    const char *file = __FILE__, *slash = strrchr(file, '/');
    if (!slash)
        return "corpus";
    snprintf(dir, sizeof dir, "%.*s/corpus", (int)(slash - file), file);
    return dir;
}

static uint8_t *slurp(const char *path, size_t *size)
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

static void test_replay(void **state)
{
    const struct replay *r = *state;
    size_t size;
    uint8_t *data;
    if (r->arch) {
        struct ecb b;
        struct ecb_layout L;
        ecb_init(&b, r->arch, 1234);
        ecb_standard_process(&b, &L);
        data = ecb_build(&b, &size);
        ecb_free(&b);
    } else if (r->scene) {
        struct mdb m;
        r->scene->make(&m);
        if (!r->scene->built)
            mdb_build(&m);
        size = m.file_size;
        data = malloc(size);
        assert_non_null(data);
        memcpy(data, m.out.p, size);
        mdb_free(&m);
    } else {
        data = slurp(r->path, &size);
    }
    if (r->elf)
        ds_fuzz_elfcore(data, size);
    else
        ds_fuzz_minidump(data, size);
    free(data);
}

static struct CMUnitTest tests[MAX_FILES];
static struct replay replays[MAX_FILES];
static char names[MAX_FILES][300];
static size_t ntests;

static void add(const char *dir, const char *file, bool elf, const char *label)
{
    if (ntests == MAX_FILES)
        return;
    struct replay *r = &replays[ntests];
    snprintf(r->path, sizeof r->path, "%s/%s", dir, file);
    struct stat st;
    if (stat(r->path, &st) != 0 || !S_ISREG(st.st_mode))
        return;
    r->elf = elf;
    snprintf(names[ntests], sizeof names[ntests], "%.40s/%.255s", label, file);
    tests[ntests] = (struct CMUnitTest){ .name = names[ntests], .test_func = test_replay,
                                         .initial_state = r };
    ntests++;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Every regular file of dir whose name ends in suffix ("" for any). */
static size_t add_dir(const char *dir, bool elf, const char *suffix, const char *label)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, by_name);
    size_t before = ntests;
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        size_t len = strlen(name), slen = strlen(suffix);
        if (name[0] != '.' && len >= slen && strcmp(name + len - slen, suffix) == 0)
            add(dir, name, elf, label);
        free(list[i]);
    }
    if (n >= 0)
        free(list);
    return ntests - before;
}

/* The kept corpus must be there: a checkout that lost it replays nothing. */
static void test_corpus_present(void **state)
{
    size_t *kept = *state;
    if (kept[0] == 0 || kept[1] == 0)
        fail_msg("no kept inputs under %s/minidump or %s/elfcore", corpus_dir(), corpus_dir());
}

int main(void)
{
    static size_t kept[2];
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/minidump", corpus_dir());
    kept[0] = add_dir(dir, false, "", "corpus/minidump");
    snprintf(dir, sizeof dir, "%s/elfcore", corpus_dir());
    kept[1] = add_dir(dir, true, "", "corpus/elfcore");
    if (ntests < MAX_FILES)
        tests[ntests++] = (struct CMUnitTest){ .name = "corpus_present",
                                               .test_func = test_corpus_present,
                                               .initial_state = kept };
    /* A core of every machine the builder knows. */
    for (size_t i = 0; i < ecb_narches && ntests < MAX_FILES; i++) {
        struct replay *r = &replays[ntests];
        r->elf = true;
        r->arch = &ecb_arches[i];
        snprintf(names[ntests], sizeof names[ntests], "built/%s.core", ecb_arches[i].name);
        tests[ntests] = (struct CMUnitTest){ .name = names[ntests], .test_func = test_replay,
                                             .initial_state = r };
        ntests++;
    }
    /* A minidump of every scene. */
    for (size_t i = 0; i < mdb_nscenes && ntests < MAX_FILES; i++) {
        struct replay *r = &replays[ntests];
        r->scene = &mdb_scenes[i];
        snprintf(names[ntests], sizeof names[ntests], "built/%s.dmp", mdb_scenes[i].name);
        tests[ntests] = (struct CMUnitTest){ .name = names[ntests], .test_func = test_replay,
                                             .initial_state = r };
        ntests++;
    }
    return _cmocka_run_group_tests("corpus", tests, ntests, NULL, NULL);
}
