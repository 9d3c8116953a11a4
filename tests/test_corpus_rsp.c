/*
 * test_corpus_rsp.c — replay every kept input of the GDB remote-protocol
 * fuzzer (tests/corpus/rsp: hand-made server transcripts, and inputs that
 * once crashed, hung or leaked) through fuzz/harness_rsp.h without
 * libFuzzer: the packet layer, then the gdbremote backend connected to a
 * server saying the file. Each file is one test; any broken rule fails it.
 * Under `make check SANITIZE=1` the same replay runs under ASan and UBSan.
 */
#include "testlib.h"
#include "replay_list.h"

#include <stdlib.h>
#include <string.h>

#define DS_FUZZ_FAIL(...) fail_msg(__VA_ARGS__)
#include "../fuzz/harness_rsp.h"

static const char *corpus_dir(void)
{
    static char dir[4096];
    const char *env = getenv("DS_CORPUS");
    if (env && *env) {
        snprintf(dir, sizeof dir, "%s/rsp", env);
        return dir;
    }
    const char *file = __FILE__, *slash = strrchr(file, '/');
    if (!slash)
        return "corpus/rsp";
    snprintf(dir, sizeof dir, "%.*s/corpus/rsp", (int)(slash - file), file);
    return dir;
}

static void test_replay(void **state)
{
    const struct replay *r = *state;
    size_t size;
    uint8_t *data = replay_slurp(r->path, &size);
    ds_fuzz_rsp(data, size);
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
    kept = replay_add_dir(&list, corpus_dir(), false, "", "corpus/rsp", test_replay);
    replay_add(&list, "corpus_present", test_corpus_present);
    return _cmocka_run_group_tests("corpus_rsp", list.tests, list.n, NULL, NULL);
}
