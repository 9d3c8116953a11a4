/*
 * libholes.so — a shared library whose segments sit 64 KiB apart (the
 * Makefile links it with max-page-size 0x10000 and separate-code), so
 * that the loader leaves PROT_NONE holes of the file between them
 * (tests/test_modules.c: the holes are part of the module).
 */
int holes_value(void);
int holes_data = 3;

int holes_value(void)
{
    return holes_data + 4;
}
