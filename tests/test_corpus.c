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
#include "replay_list.h"

#include <stdlib.h>
#include <string.h>

/* A broken rule fails the test that replays the file (not abort()). */
#define DS_FUZZ_FAIL(...) fail_msg(__VA_ARGS__)
#include "../fuzz/harness.h"
#include "../fuzz/commands_harness.h"

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
        data = replay_slurp(r->path, &size);
    }
    if (r->elf)
        ds_fuzz_elfcore(data, size);
    else
        ds_fuzz_minidump(data, size);
    free(data);
}

/* A kept input of the command harness: lines typed at two sessions. */
static void test_replay_commands(void **state)
{
    const struct replay *r = *state;
    size_t size;
    uint8_t *data = replay_slurp(r->path, &size);
    ds_fuzz_commands(data, size);
    free(data);
}

static struct replay_list list;
static size_t kept[3];  /* kept inputs: minidumps, cores, command lines */

/* The kept corpus must be there: a checkout that lost it replays nothing. */
static void test_corpus_present(void **state)
{
    (void)state;
    if (kept[0] == 0 || kept[1] == 0)
        fail_msg("no kept inputs under %s/minidump or %s/elfcore", corpus_dir(), corpus_dir());
    if (kept[2] == 0)
        fail_msg("no kept inputs under %s/commands", corpus_dir());
}

/* A test replaying a dump made in memory, named built/NAME.EXT; NULL when
   the list is full. */
static struct replay *add_built(const char *name, const char *ext)
{
    char test_name[300];
    snprintf(test_name, sizeof test_name, "built/%s.%s", name, ext);
    return replay_add(&list, test_name, test_replay);
}

int main(void)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/minidump", corpus_dir());
    kept[0] = replay_add_dir(&list, dir, false, "", "corpus/minidump", test_replay);
    snprintf(dir, sizeof dir, "%s/elfcore", corpus_dir());
    kept[1] = replay_add_dir(&list, dir, true, "", "corpus/elfcore", test_replay);
    snprintf(dir, sizeof dir, "%s/commands", corpus_dir());
    kept[2] = replay_add_dir(&list, dir, false, "", "corpus/commands", test_replay_commands);
    replay_add(&list, "corpus_present", test_corpus_present);
    /* A core of every machine the builder knows, a minidump of every scene. */
    for (size_t i = 0; i < ecb_narches; i++) {
        struct replay *r = add_built(ecb_arches[i].name, "core");
        if (r) {
            r->elf = true;
            r->arch = &ecb_arches[i];
        }
    }
    for (size_t i = 0; i < mdb_nscenes; i++) {
        struct replay *r = add_built(mdb_scenes[i].name, "dmp");
        if (r)
            r->scene = &mdb_scenes[i];
    }
    return _cmocka_run_group_tests("corpus", list.tests, list.n, NULL, NULL);
}
