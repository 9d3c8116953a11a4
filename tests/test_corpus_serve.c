/*
 * test_corpus_serve.c — replay every kept input of the stub fuzzer
 * (tests/corpus/serve: hand-made client transcripts, and inputs that once
 * crashed or hung it) through fuzz/harness_serve.h without libFuzzer.
 */
#include "testlib.h"
#include "replay_list.h"

#include <stdlib.h>
#include <string.h>

#define DS_FUZZ_FAIL(...) fail_msg(__VA_ARGS__)
#include "../fuzz/harness_serve.h"

static const char *corpus_dir(void)
{
    static char dir[4096];
    const char *env = getenv("DS_CORPUS");
    if (env && *env) {
        snprintf(dir, sizeof dir, "%s/serve", env);
        return dir;
    }
    const char *file = __FILE__, *slash = strrchr(file, '/');
    if (!slash)
        return "corpus/serve";
    snprintf(dir, sizeof dir, "%.*s/corpus/serve", (int)(slash - file), file);
    return dir;
}

static void test_replay(void **state)
{
    const struct replay *r = *state;
    size_t size;
    uint8_t *data = replay_slurp(r->path, &size);
    ds_fuzz_serve(data, size);
    free(data);
}

static struct replay_list list;
static size_t kept;

static void test_corpus_present(void **state)
{
    (void)state;
    if (kept == 0)
        fail_msg("no kept inputs under %s", corpus_dir());
}

int main(void)
{
    kept = replay_add_dir(&list, corpus_dir(), false, "", "corpus/serve", test_replay);
    replay_add(&list, "corpus_present", test_corpus_present);
    return _cmocka_run_group_tests("corpus_serve", list.tests, list.n, NULL, NULL);
}
