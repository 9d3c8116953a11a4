/*
 * conf_oom.c — (make conformance) every allocation the library makes, failed
 * in turn, while it reads each third-party dump: the sessions of
 * tests/test_oom.c (included whole, its own targets left out), over
 * $DS_TESTDATA. Linked with the same -Wl,--wrap options (see the Makefile).
 */
#define OOM_CORPUS
#include "../test_oom.c"

/* Every dump of the shared test data, each a cmocka test of its own. */
static void test_dump(void **state)
{
    const char *relative = *state;
    char path[4096];
    snprintf(path, sizeof path, "%s", testdata_path(relative));
    if (access(path, R_OK) != 0)
        fail_msg("%s is missing from the shared test data", path);
    exercise(relative, open_dump, path);
}

/* One cmocka test per dump, named after it. */
#define DUMP(name) { name, test_dump, NULL, NULL, (void *)(name) }

int main(void)
{
    if (!testdata_required("conf_oom"))
        return 1;
    const struct CMUnitTest tests[] = {
        DUMP("minidump/breakpad-linux_null_read_av.dmp"),
        DUMP("minidump/breakpad-minidump2.dmp"),
        DUMP("minidump/breakpad-minidump_crashpad_annotation.dmp"),
        DUMP("minidump/breakpad-stack_exhaustion.dmp"),
        DUMP("minidump/breakpad-thread_name_list.dmp"),
        DUMP("minidump/breakpad-tiny-exe-with-cet-xsave.dmp"),
        DUMP("minidump/lldb-fizzbuzz_no_heap.dmp"),
        DUMP("minidump/lldb-linux-x86_64.dmp"),
        DUMP("minidump/lldb-regions-memlist64.dmp"),
        DUMP("minidump/node-minidump-windows.dmp"),
        DUMP("minidump/radare2-trunc_memory64.dmp"),
        DUMP("minidump/rizin-fuzzed-crash-71087187-win7-x64-fullmem-truncated.dmp"),
        DUMP("minidump/rust-minidump-invalid-range.dmp"),
        DUMP("minidump/rust-minidump-linux-mini.dmp"),
        DUMP("minidump/rust-minidump-simple-crashpad.dmp"),
        DUMP("minidump/sentry-native-minidump.dmp"),
        DUMP("minidump/symbolic-crash_macos.dmp"),
        DUMP("minidump/wine8-x64-fullmem.dmp"),
        DUMP("minidump/wine8-x64-normal.dmp"),
        DUMP("elfcore/elfutils-backtrace.ppc.core"),
        DUMP("elfcore/elfutils-test-core.core"),
        DUMP("elfcore/elfutils-testfile-riscv64-core.core"),
        DUMP("elfcore/elfutils-testfile-x32-core.core"),
        DUMP("elfcore/elfutils-testfile_aarch64_core.core"),
        DUMP("elfcore/lldb-gcore-linux-i386.core"),
        DUMP("elfcore/lldb-gcore-linux-x86_64.core"),
        DUMP("elfcore/lldb-linux-i386.core"),
        DUMP("elfcore/lldb-linux-mips64el-gnuabi64.core"),
        DUMP("elfcore/lldb-linux-mipsel-gnuabio32.core"),
        DUMP("elfcore/lldb-linux-ppc64le.core"),
        DUMP("elfcore/lldb-linux-s390x.core"),
        DUMP("elfcore/lldb-linux-x86_64.core"),
        DUMP("elfcore/lldb-thread_crash-linux-x86_64.core"),
        DUMP("elfcore/rizin-core-linux-arm32.core"),
        DUMP("elfcore/rizin-core-linux-arm64.core"),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
