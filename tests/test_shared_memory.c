/*
 * test_shared_memory.c — what docs/api.md says of the cache and shared
 * memory: a stopped process's memory can still change underneath the
 * cache when another process writes a page they share, and the three
 * remedies it names (an uncached read, a flush, cache size 0) each see the
 * new bytes.
 */
#include "testlib.h"

#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_shared_page_written_by_another_process(void **state)
{
    (void)state;
    /* A page shared with a child (the same address in both), the child
       the target; this process is the other writer. */
    char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    assert_true(page != MAP_FAILED);
    strcpy(page, "before");
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        for (;;)
            pause();
    }
    ds_target *t = NULL;
    assert_hr(S_OK, ds_attach(child, 0, &t), NULL);
    uint64_t at = (uint64_t)(uintptr_t)page;
    char buf[8] = { 0 };
    assert_hr(S_OK, ds_read_virtual(t, at, buf, 7, NULL), t); /* now cached */
    assert_string_equal(buf, "before");

    strcpy(page, "after!"); /* the stopped process did not write it; we did */
    assert_hr(S_OK, ds_read_virtual(t, at, buf, 7, NULL), t);
    assert_string_equal(buf, "before"); /* the cache's copy, as documented */
    assert_hr(S_OK, ds_read_virtual_uncached(t, at, buf, 7, NULL), t);
    assert_string_equal(buf, "after!");
    assert_hr(S_OK, ds_cache_flush(t), t);
    assert_hr(S_OK, ds_read_virtual(t, at, buf, 7, NULL), t);
    assert_string_equal(buf, "after!");

    strcpy(page, "again");
    assert_hr(S_OK, ds_cache_set_size(t, 0), t);
    assert_hr(S_OK, ds_read_virtual(t, at, buf, 6, NULL), t);
    assert_string_equal(buf, "again");

    ds_close(t);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    munmap(page, 4096);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_page_written_by_another_process),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
