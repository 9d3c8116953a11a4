/*
 * tiny_m32 — a 32-bit process (built with -m32) for pointer-size tests.
 * Reports `ptrs`, an array of four 32-bit pointers whose values are
 * 0x00001000, 0x7ffffffc, 0x80000000 and 0xfffff000 (the last two are
 * sign-extended by ReadPointersVirtual), and `hello` as layout does.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "helper.h"

static uint32_t ptrs[4] = { 0x00001000u, 0x7ffffffcu, 0x80000000u, 0xfffff000u };
static char hello[] = "hello, dataspaces";

int main(void)
{
    printf("ptrs=%p\n", (void *)ptrs);
    printf("hello=%p\n", (void *)hello);
    serve_commands(NULL);
    return 0;
}
