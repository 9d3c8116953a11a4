/*
 * test_remote_qemu — QEMU's gdbstub, which never leaves ack mode (no
 * QStartNoAckMode: one request at a time), has PacketSize 0x1000, no X,
 * no qSearch and no region information:
 *   qemu-user   (qemu-x86_64 -g PORT remote_target): the helper stopped
 *               before its first instruction, its static data (non-PIE)
 *               where a normal run reports it;
 *   qemu-system (qemu-system-x86_64 -S, no disk): physical memory through
 *               Qqemu.PhyMemMode. At reset the firmware file sits at the
 *               top of the 4 GiB space and its last 128 KiB below 1 MiB.
 */
#include "remote_checks.h"

#include <stdlib.h>
#include <string.h>

static struct server SRV;
static ds_target *T;
static uint64_t TEXT, BYTES, IMAGE_END, PAGE, TRICKY;

static int qemu_user_setup(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "remote_target", NULL);
    TEXT = helper_value(&h, "static_text");
    BYTES = helper_value(&h, "static_bytes");
    IMAGE_END = helper_value(&h, "image_end");
    PAGE = helper_value(&h, "page");
    TRICKY = helper_value(&h, "tricky");
    helper_stop(&h);
    char *argv[] = { (char *)helper_path("remote_target"), NULL };
    server_start(&SRV, SERVER_QEMU_USER, 0, argv);
    HRESULT hr = ds_connect(SRV.spec, 0, &T);
    if (hr != S_OK)
        fail_msg("ds_connect(%s): 0x%08x %s", SRV.spec, (unsigned)hr, ds_error_text(NULL));
    return 0;
}

static int qemu_teardown(void **state)
{
    (void)state;
    ds_close(T);
    T = NULL;
    server_stop(&SRV);
    return 0;
}

static void test_user_reads(void **state)
{
    (void)state;
    assert_int_equal(ds_pointer_size(T), 8);
    char text[64] = "";
    uint32_t n = 0;
    assert_hr(S_OK, ds_read_virtual(T, TEXT, text, 41, &n), T);
    assert_string_equal(text, "remote_target static: needle-$#}*-STATIC");
    /* 8 KiB: several packets (at most 0x800 bytes each), in ack mode. */
    static uint8_t bytes[8192];
    assert_hr(S_OK, ds_read_virtual_uncached(T, BYTES, bytes, sizeof bytes, &n), T);
    assert_int_equal(n, sizeof bytes);
    for (int i = 0; i < 8192; i++)
        assert_int_equal(bytes[i], 0x11 * (i / 1024 + 1));
    /* Bytes that look like replies ("E08", "OK"), at exactly their size. */
    char e08[3], ok[2];
    assert_hr(S_OK, ds_read_virtual_uncached(T, TRICKY, e08, 3, &n), T);
    assert_memory_equal(e08, "E08", 3);
    assert_hr(S_OK, ds_read_virtual_uncached(T, TRICKY + 3, ok, 2, &n), T);
    assert_memory_equal(ok, "OK", 2);
    /* Nothing at page 1. */
    assert_hr(HRESULT_FROM_WIN32(ERROR_READ_FAULT), ds_read_virtual(T, 0x1000, bytes, 16, &n), T);
}

static void test_user_partial_read(void **state)
{
    (void)state;
    /* The last page of .bss, then (at a fresh start) nothing: QEMU answers
       E14 for the whole request; the readable prefix comes back. */
    uint64_t end = (IMAGE_END + PAGE - 1) & ~(PAGE - 1);
    uint8_t buf[64];
    uint32_t n = 0;
    MEMORY_BASIC_INFORMATION64 mbi;
    HRESULT q = ds_query_virtual(T, end, &mbi);
    print_message("qemu-user: query past the image: 0x%08x state 0x%x\n", (unsigned)q,
                  SUCCEEDED(q) ? mbi.State : 0);
    assert_hr(S_OK, ds_read_virtual_uncached(T, end - 16, buf, 64, &n), T);
    assert_int_equal(n, 16);
    assert_hr(HRESULT_FROM_WIN32(ERROR_READ_FAULT), ds_read_virtual(T, end, buf, 8, &n), T);
}

static void test_user_writes_and_search(void **state)
{
    (void)state;
    uint32_t n = 0;
    /* M only (QEMU has no X): escaped bytes go as hex. */
    assert_hr(S_OK, ds_write_virtual(T, BYTES + 3000, "$#}*\x03zq", 7, &n), T);
    assert_int_equal(n, 7);
    uint8_t back[9];
    assert_hr(S_OK, ds_read_virtual_uncached(T, BYTES + 2999, back, 9, &n), T);
    assert_memory_equal(back, "\x33$#}*\x03zq\x33", 9);
    /* A search by reading: no qSearch here. */
    uint64_t m = 0;
    assert_hr(S_OK, ds_search_virtual(T, BYTES, 8192, "$#}*\x03zq", 7, 1, &m), T);
    assert_int_equal(m, BYTES + 3000);
    assert_hr(S_OK, ds_search_virtual(T, BYTES, 0x4000, "needle-$#}*-STATIC", 18, 1, &m), T);
    assert_int_equal(m, TEXT + 22);
    uint32_t threads = 0;
    assert_hr(S_OK, ds_get_number_threads(T, &threads), T);
    assert_int_equal(threads, 1);
}

/* ---- qemu-system ------------------------------------------------------------ */

static uint8_t *BIOS;
static size_t BIOS_SIZE;

static int qemu_system_setup(void **state)
{
    (void)state;
    BIOS = read_whole_file(QEMU_BIOS, &BIOS_SIZE);
    assert_non_null(BIOS);
    assert_true(BIOS_SIZE >= 128 * 1024);
    server_start(&SRV, SERVER_QEMU_SYSTEM, 0, NULL);
    HRESULT hr = ds_connect(SRV.spec, 0, &T);
    if (hr != S_OK)
        fail_msg("ds_connect(%s): 0x%08x %s", SRV.spec, (unsigned)hr, ds_error_text(NULL));
    return 0;
}

static int qemu_system_teardown(void **state)
{
    free(BIOS);
    BIOS = NULL;
    return qemu_teardown(state);
}

static void test_system_firmware(void **state)
{
    (void)state;
    uint8_t buf[16];
    uint32_t n = 0;
    /* The reset vector: the firmware file's last 16 bytes at 4 GiB - 16. */
    assert_hr(S_OK, ds_read_physical(T, 0xFFFFFFF0u, buf, 16, &n), T);
    assert_int_equal(n, 16);
    assert_memory_equal(buf, BIOS + BIOS_SIZE - 16, 16);
    /* Its last 128 KiB below 1 MiB, read in many packets. */
    static uint8_t low[128 * 1024];
    assert_hr(S_OK, ds_read_physical(T, 0xE0000, low, sizeof low, &n), T);
    assert_int_equal(n, sizeof low);
    assert_memory_equal(low, BIOS + BIOS_SIZE - sizeof low, sizeof low);
    /* In real mode at reset, virtual is physical: and physical mode was
       left, or this would not agree either way. */
    uint8_t v[16];
    HRESULT hr = ds_read_virtual(T, 0xFFFF0, v, 16, &n);
    print_message("qemu-system: virtual 0xFFFF0: 0x%08x %s\n", (unsigned)hr, ds_error_text(T));
    assert_hr(S_OK, hr, T);
    assert_memory_equal(v, BIOS + BIOS_SIZE - 16, 16);
}

static void test_system_ram_write(void **state)
{
    (void)state;
    uint8_t data[3000], back[3000];
    for (int i = 0; i < 3000; i++)
        data[i] = (uint8_t)(i * 29 + 1);
    uint32_t n = 0;
    assert_hr(S_OK, ds_write_physical(T, 0x100000, data, sizeof data, &n), T);
    assert_int_equal(n, sizeof data);
    assert_hr(S_OK, ds_read_physical(T, 0x100000, back, sizeof back, &n), T);
    assert_int_equal(n, sizeof back);
    assert_memory_equal(back, data, sizeof data);
    /* Fill, too. */
    uint32_t filled = 0;
    assert_hr(S_OK, ds_fill_physical(T, 0x200000, 4096, "\x7d\x23", 2, &filled), T);
    assert_int_equal(filled, 4096);
    assert_hr(S_OK, ds_read_physical(T, 0x200000 + 4094, back, 2, &n), T);
    assert_memory_equal(back, "\x7d\x23", 2);
}

static void test_system_unbacked(void **state)
{
    (void)state;
    /* 512 MiB with 128 MiB of RAM: QEMU answers zeros, not an error (the
       caveat docs/remote.md documents); the session goes on. */
    uint8_t buf[64];
    memset(buf, 0xEE, sizeof buf);
    uint32_t n = 0;
    HRESULT hr = ds_read_physical(T, 0x20000000u, buf, sizeof buf, &n);
    print_message("qemu-system: 512 MiB: 0x%08x, %u bytes: %s\n", (unsigned)hr, n,
                  ds_error_text(T));
    if (SUCCEEDED(hr))
        for (uint32_t i = 0; i < n; i++)
            assert_int_equal(buf[i], 0);
    assert_hr(S_OK, ds_read_physical(T, 0xFFFFFFF0u, buf, 16, &n), T);
    assert_memory_equal(buf, BIOS + BIOS_SIZE - 16, 16);
}

int main(void)
{
    /* One group (tests/run.sh counts one summary a program); each test has
       a fresh server. */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_user_reads, qemu_user_setup, qemu_teardown),
        cmocka_unit_test_setup_teardown(test_user_partial_read, qemu_user_setup, qemu_teardown),
        cmocka_unit_test_setup_teardown(test_user_writes_and_search, qemu_user_setup,
                                        qemu_teardown),
        cmocka_unit_test_setup_teardown(test_system_firmware, qemu_system_setup,
                                        qemu_system_teardown),
        cmocka_unit_test_setup_teardown(test_system_ram_write, qemu_system_setup,
                                        qemu_system_teardown),
        cmocka_unit_test_setup_teardown(test_system_unbacked, qemu_system_setup,
                                        qemu_system_teardown),
    };
    return cmocka_run_group_tests_name("qemu", tests, NULL, NULL);
}
