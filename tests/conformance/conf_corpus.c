/*
 * conf_corpus.c — (make conformance) replay every third-party dump
 * ($DS_TESTDATA/minidump/NAME.dmp, $DS_TESTDATA/elfcore/NAME.core) through the
 * fuzz harness itself (fuzz/harness.h), without libFuzzer, as
 * tests/test_corpus.c does with the kept fuzzer inputs. Each file is one test: it
 * opens from memory, walks, reads, writes a private copy, searches and
 * reads strings, and any broken rule of the API fails the test. Under
 * `make check SANITIZE=1` the same replay runs under ASan and UBSan.
 */
#include "testlib.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A broken rule fails the test that replays the file (not abort()). */
#define DS_FUZZ_FAIL(...) fail_msg(__VA_ARGS__)
#include "../../fuzz/harness.h"

#define MAX_FILES 4096

struct replay {
    char path[4096];
    bool elf;
};

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
    uint8_t *data = slurp(r->path, &size);
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

int main(void)
{
    if (!testdata_required("conf_corpus"))
        return 1;
    /* The dumps whole (the fuzzers see them cut to max_len). */
    size_t dumps = add_dir(testdata_path("minidump"), false, ".dmp", "testdata/minidump");
    size_t cores = add_dir(testdata_path("elfcore"), true, ".core", "testdata/elfcore");
    if (!dumps || !cores) {
        fprintf(stderr, "conf_corpus: %zu minidumps and %zu cores under %s\n", dumps, cores,
                testdata_dir());
        return 1;
    }
    return _cmocka_run_group_tests("conf_corpus", tests, ntests, NULL, NULL);
}
