/*
 * handle_answers.c — how ReadHandleData hands an answer back, the same for
 * every backend: *DataSize is always the size of the whole answer, a NULL
 * Buffer asks for that size alone, a name that does not fit is cut and
 * NUL-terminated with S_FALSE, and a fixed-size answer that does not fit
 * is E_INVALIDARG.
 */
#include <string.h>

#include "target.h"

HRESULT ds_answer_fixed(ds_target *t, const void *answer, uint32_t n, const char *what,
                        void *buf, uint32_t size, uint32_t *data_size)
{
    if (data_size)
        *data_size = n;
    if (!buf)
        return S_OK;
    if (size < n)
        return ds_fail(t, E_INVALIDARG, "ReadHandleData: the %u-byte buffer cannot hold the %u "
                       "bytes of %s", size, n, what);
    memcpy(buf, answer, n);
    return S_OK;
}

HRESULT ds_answer_narrow(const char *s, void *buf, uint32_t size, uint32_t *data_size)
{
    size_t n = strlen(s) + 1;
    if (data_size)
        *data_size = (uint32_t)n;
    if (!buf)
        return S_OK;
    if (size) {
        size_t k = n - 1 < size - 1 ? n - 1 : size - 1;
        memcpy(buf, s, k);
        ((char *)buf)[k] = '\0';
    }
    return size < n ? S_FALSE : S_OK;
}

HRESULT ds_answer_wide(const uint8_t *utf16le, size_t units, void *buf, uint32_t size,
                       uint32_t *data_size)
{
    size_t need = (units + 1) * sizeof(WCHAR);
    if (data_size)
        *data_size = (uint32_t)need;
    if (!buf)
        return S_OK;
    size_t room = size / sizeof(WCHAR);
    if (room) {
        size_t k = units < room - 1 ? units : room - 1;
        uint8_t *out = buf;
        for (size_t i = 0; i < k; i++) {
            WCHAR w = (WCHAR)(utf16le[2 * i] | utf16le[2 * i + 1] << 8);
            memcpy(out + i * sizeof w, &w, sizeof w);
        }
        memset(out + k * sizeof(WCHAR), 0, sizeof(WCHAR));
    }
    return size < need ? S_FALSE : S_OK;
}
