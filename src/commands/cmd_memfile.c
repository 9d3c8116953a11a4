/*
 * cmd_memfile.c — cdb's .writemem FILE RANGE (memory to a file) and
 * .readmem FILE RANGE (a file into memory).
 *
 * Both stream through one 128 KiB buffer, so a range of gigabytes never
 * needs more memory than that, and print cdb's line: "Writing N bytes"
 * (or "Reading"), one dot a 128 KiB chunk, then the end of the line.
 * A read or write that stops short ends the line and says where and why;
 * a file that cannot be opened is named with the errno text.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "memtext.h"

#define MEMFILE_CHUNK 0x20000u /* bytes a dot stands for, and the buffer's size */

/* The file name: "quoted" (it may hold blanks) or up to the next blank. */
static HRESULT parse_file_name(struct ds_session *s, const char **cursor, char *path, size_t size)
{
    const char *p = cmd_skip_blanks(*cursor), *name = p;
    size_t length;
    if (*p == '"') {
        HRESULT hr = mem_parse_string(s, &p, &name, &length);
        if (FAILED(hr))
            return hr;
    } else {
        while (*p && *p != ' ' && *p != '\t')
            p++;
        length = (size_t)(p - name);
        p = cmd_skip_blanks(p);
    }
    if (length == 0)
        return cmd_syntax_error(s, E_INVALIDARG, name);
    if (length >= size)
        return cmd_error(s, E_INVALIDARG, "File name too long (%zu bytes): '%.*s...'\n", length,
                         40, name);
    memcpy(path, name, length);
    path[length] = '\0';
    *cursor = p;
    return S_OK;
}

/* The range after the file name, all of the rest of the command. */
static HRESULT parse_file_range(struct ds_session *s, const char **cursor, uint64_t default_count,
                                struct cmd_range *range)
{
    const char *p = *cursor;
    if (!*p)
        return cmd_syntax_error(s, E_INVALIDARG, p);
    HRESULT hr = cmd_parse_range(s, &p, 1, default_count, range);
    if (FAILED(hr))
        return hr;
    p = cmd_skip_blanks(p);
    if (*p)
        return cmd_caret_error(s, E_INVALIDARG, "Extra character", p);
    *cursor = p;
    return S_OK;
}

static HRESULT run_writemem(struct ds_session *s, const char *name, const char *args)
{
    (void)name;
    ds_target *t = cmd_need_target(s);
    if (!t)
        return E_UNEXPECTED;
    char path[PATH_MAX];
    struct cmd_range range;
    const char *p = args;
    HRESULT hr = parse_file_name(s, &p, path, sizeof path);
    if (FAILED(hr))
        return hr;
    const char *range_at = p;
    if (FAILED(hr = parse_file_range(s, &p, 0, &range)))
        return hr;
    if (range.count == 0) /* cdb wants a length or an end address */
        return cmd_syntax_error(s, E_INVALIDARG, range_at);

    uint8_t *buffer = malloc(MEMFILE_CHUNK);
    if (!buffer)
        return cmd_error(s, E_OUTOFMEMORY, "Out of memory for .writemem's buffer\n");
    FILE *f = fopen(path, "wb");
    if (!f) {
        int e = errno;
        free(buffer);
        return cmd_error(s, HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED),
                         "Unable to create file '%s': %s\n", path, strerror(e));
    }
    cmd_printf(s, "Writing %" PRIx64 " bytes", range.count);
    uint64_t done = 0;
    char where[MEM_ADDR_TEXT];
    while (done < range.count) {
        if (cmd_interrupted(s)) {
            hr = E_ABORT;
            break;
        }
        uint32_t want = range.count - done < MEMFILE_CHUNK ? (uint32_t)(range.count - done)
                                                          : MEMFILE_CHUNK;
        uint32_t got = 0;
        hr = ds_read_virtual(t, range.start + done, buffer, want, &got);
        if (SUCCEEDED(hr) && got && fwrite(buffer, 1, got, f) != got) {
            int e = errno;
            cmd_printf(s, "\n");
            hr = cmd_error(s, E_FAIL, "Unable to write file '%s' after 0x%" PRIx64 " bytes: %s\n",
                           path, done, strerror(e));
            break;
        }
        done += SUCCEEDED(hr) ? got : 0;
        if (FAILED(hr) || got < want) {
            /* What the library says (ds_error_text) names the address and
             * why; the file keeps the bytes before it. */
            cmd_printf(s, "\n");
            hr = cmd_error(s, HRESULT_FROM_WIN32(ERROR_PARTIAL_COPY),
                           "Unable to read memory at %s (%s); '%s' holds the first 0x%" PRIx64
                           " bytes\n",
                           mem_address_text(s, range.start + done, where), ds_error_text(t), path,
                           done);
            break;
        }
        cmd_printf(s, ".");
        cmd_progress(s, done, range.count);
    }
    if (done == range.count)
        cmd_printf(s, "\n");
    free(buffer);
    if (fclose(f) != 0 && SUCCEEDED(hr)) {
        int e = errno;
        return cmd_error(s, E_FAIL, "Unable to write file '%s': %s\n", path, strerror(e));
    }
    return done == range.count ? S_OK : hr;
}

static HRESULT run_readmem(struct ds_session *s, const char *name, const char *args)
{
    (void)name;
    ds_target *t = cmd_need_target(s);
    if (!t)
        return E_UNEXPECTED;
    char path[PATH_MAX];
    const char *p = args;
    HRESULT hr = parse_file_name(s, &p, path, sizeof path);
    if (FAILED(hr))
        return hr;
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        return cmd_error(s, HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED),
                         "Unable to open file '%s': %s\n", path, strerror(e));
    }
    struct stat st;
    uint64_t file_size = fstat(fileno(f), &st) == 0 && st.st_size > 0 ? (uint64_t)st.st_size : 0;
    /* A bare address takes the whole file; a range takes at most the file. */
    struct cmd_range range;
    if (FAILED(hr = parse_file_range(s, &p, file_size, &range))) {
        fclose(f);
        return hr;
    }
    uint64_t total = range.count < file_size ? range.count : file_size;
    uint8_t *buffer = malloc(MEMFILE_CHUNK);
    if (!buffer) {
        fclose(f);
        return cmd_error(s, E_OUTOFMEMORY, "Out of memory for .readmem's buffer\n");
    }
    cmd_printf(s, "Reading %" PRIx64 " bytes", total);
    uint64_t done = 0;
    char where[MEM_ADDR_TEXT];
    hr = S_OK;
    while (done < total) {
        if (cmd_interrupted(s)) {
            hr = E_ABORT;
            break;
        }
        uint32_t want = total - done < MEMFILE_CHUNK ? (uint32_t)(total - done) : MEMFILE_CHUNK;
        size_t got = fread(buffer, 1, want, f);
        if (got == 0) { /* shrunk while we read, or an I/O error */
            int e = ferror(f) ? errno : 0;
            cmd_printf(s, "\n");
            hr = cmd_error(s, E_FAIL, "Unable to read file '%s' at offset 0x%" PRIx64 ": %s\n",
                           path, done, e ? strerror(e) : "it ended early");
            break;
        }
        uint32_t written = 0;
        HRESULT w = ds_write_virtual(t, range.start + done, buffer, (uint32_t)got, &written);
        done += SUCCEEDED(w) ? written : 0;
        if (FAILED(w) || written < got) {
            cmd_printf(s, "\n");
            hr = cmd_error(s, HRESULT_FROM_WIN32(ERROR_PARTIAL_COPY),
                           "Unable to write memory at %s (%s); 0x%" PRIx64 " bytes of '%s' written\n",
                           mem_address_text(s, range.start + done, where), ds_error_text(t), done,
                           path);
            break;
        }
        cmd_printf(s, ".");
        cmd_progress(s, done, total);
    }
    if (done == total)
        cmd_printf(s, "\n");
    free(buffer);
    fclose(f);
    return hr;
}

const struct cmd_def cmd_memfile_table[] = {
    {".writemem", run_writemem, ".writemem FILE RANGE   write memory to a file"},
    {".readmem", run_readmem, ".readmem FILE RANGE    read a file into memory (a bare address: all of it)"},
    {NULL, NULL, NULL},
};
