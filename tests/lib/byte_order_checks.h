/*
 * byte_order_checks.h — what the byte-order tests check of any ELF core,
 * whoever made it: the methods that interpret target memory as values
 * (ReadPointersVirtual, WritePointersVirtual, the Unicode string methods)
 * follow the target's byte order, while the caller's WCHARs are always in
 * the host's order. tests/test_byte_order.c runs them on cores it builds,
 * tests/conformance/conf_byte_order.c on third-party cores.
 */
#ifndef DS_BYTE_ORDER_CHECKS_H
#define DS_BYTE_ORDER_CHECKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dataspaces/dataspaces.h"

/* A core to check, and what its machine is. */
struct byte_order_core {
    const char *name;  /* the caller's: a file, or the builder's architecture */
    bool big_endian;
    uint32_t pointer_size;
};

/* 16 bytes the core holds at addr. */
struct byte_order_sample {
    uint64_t addr;
    uint8_t bytes[16];
};

#define BYTE_ORDER_MAX_SAMPLES 8

/* The value of `size` bytes stored in the given order, sign-extended from
   32 bits when size is 4 (as dbgeng hands out 32-bit addresses); and the
   bytes of a value in that order. */
uint64_t byte_order_decode(const uint8_t *p, unsigned size, bool big_endian);
void byte_order_encode(uint8_t *p, uint64_t v, unsigned size, bool big_endian);

/* ReadPointersVirtual at every byte offset of each sample, and all whole
   pointers of each at once; a 4-byte core's samples must hold an address
   above 2 GiB, which comes back sign-extended. */
void check_sample_pointers(ds_target *t, const struct byte_order_core *c,
                           const struct byte_order_sample *samples, size_t n);
/* WritePointersVirtual on t (opened DS_OPEN_WRITABLE_COPY): the bytes land
   in the core's order and size, and read back as written. */
void check_write_pointers(ds_target *t, const struct byte_order_core *c);
/* The Unicode string methods on t (opened DS_OPEN_WRITABLE_COPY) over
   UTF-16 written in the core's order, then in the other order. */
void check_unicode_strings(ds_target *t, const struct byte_order_core *c);

/* The two write checks as cmocka tests on the program's core_ARCH
   (test_write_pointers_ARCH, test_strings_ARCH), each on a fresh
   open_writable(&core_ARCH): a DS_OPEN_WRITABLE_COPY of it. */
#define DEFINE_BYTE_ORDER_WRITE_TEST(test, check, open_writable, arch) \
    static void test##_##arch(void **state)                           \
    {                                                                  \
        (void)state;                                                   \
        ds_target *t = open_writable(&core_##arch);                    \
        check(t, &core_##arch);                                        \
        ds_close(t);                                                   \
    }
#define DEFINE_BYTE_ORDER_WRITE_TESTS(open_writable, arch)                                    \
    DEFINE_BYTE_ORDER_WRITE_TEST(test_write_pointers, check_write_pointers, open_writable, arch) \
    DEFINE_BYTE_ORDER_WRITE_TEST(test_strings, check_unicode_strings, open_writable, arch)

/* Both programs' table: the pointer reads of the four cores (the
   program's test_pointers_ARCH), then the writes of the three with
   writable regions. */
#define BYTE_ORDER_TESTS                               \
    cmocka_unit_test(test_pointers_s390x),             \
    cmocka_unit_test(test_pointers_ppc32),             \
    cmocka_unit_test(test_pointers_x86_64),            \
    cmocka_unit_test(test_pointers_i386),              \
    cmocka_unit_test(test_write_pointers_s390x),       \
    cmocka_unit_test(test_write_pointers_ppc32),       \
    cmocka_unit_test(test_write_pointers_x86_64),      \
    cmocka_unit_test(test_strings_s390x),              \
    cmocka_unit_test(test_strings_ppc32),              \
    cmocka_unit_test(test_strings_x86_64)

#endif /* DS_BYTE_ORDER_CHECKS_H */
