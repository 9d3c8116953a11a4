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
#include "replay_list.h"

#include <stdlib.h>

/* A broken rule fails the test that replays the file (not abort()). */
#define DS_FUZZ_FAIL(...) fail_msg(__VA_ARGS__)
#include "../../fuzz/harness.h"

static void test_replay(void **state)
{
    const struct replay *r = *state;
    size_t size;
    uint8_t *data = replay_slurp(r->path, &size);
    if (r->elf)
        ds_fuzz_elfcore(data, size);
    else
        ds_fuzz_minidump(data, size);
    free(data);
}

static struct replay_list list;

int main(void)
{
    if (!testdata_required("conf_corpus"))
        return 1;
    /* The dumps whole (the fuzzers see them cut to max_len). */
    size_t dumps = replay_add_dir(&list, testdata_path("minidump"), false, ".dmp",
                                  "testdata/minidump", test_replay);
    size_t cores = replay_add_dir(&list, testdata_path("elfcore"), true, ".core",
                                  "testdata/elfcore", test_replay);
    if (!dumps || !cores) {
        fprintf(stderr, "conf_corpus: %zu minidumps and %zu cores under %s\n", dumps, cores,
                testdata_dir());
        return 1;
    }
    return _cmocka_run_group_tests("conf_corpus", list.tests, list.n, NULL, NULL);
}
