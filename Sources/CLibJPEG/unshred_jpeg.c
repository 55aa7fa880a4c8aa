#include "unshred_jpeg.h"

#include <limits.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

/* Progressive files may hold any number of scans, each a full pass over the
 * coefficients: a small file can demand hours. libjpeg-turbo's own TurboJPEG
 * API refuses more than 500 (TJFLAG_LIMITSCANS); so do we. */
#define MAX_SCANS 500

/* libjpeg's error manager, extended with the jump target and our verdict. */
struct error_state {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    int status;
    char message[JMSG_LENGTH_MAX];
};

struct progress_state {
    struct jpeg_progress_mgr base;
    struct error_state *errors;
};

static void fail(j_common_ptr cinfo, int status) {
    struct error_state *state = (struct error_state *)cinfo->err;
    state->status = status;
    if (state->message[0] == '\0') (*cinfo->err->format_message)(cinfo, state->message);
    longjmp(state->jump, 1);
}

/* Fatal errors: never return to libjpeg. */
static void on_error(j_common_ptr cinfo) {
    fail(cinfo, UNSHRED_JPEG_ERROR);
}

/* Warnings (level -1) that mean the pixels would be made up stop the decode; the
 * rest (extraneous bytes between markers, unknown markers...) are common in the
 * wild and harmless. Trace messages (level >= 0) are dropped; nothing is printed. */
static void on_message(j_common_ptr cinfo, int level) {
    if (level >= 0) return;
    switch (cinfo->err->msg_code) {
    case JWRN_JPEG_EOF:
        fail(cinfo, UNSHRED_JPEG_TRUNCATED);
        break;
    case JWRN_HIT_MARKER:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_MUST_RESYNC:
    case JWRN_NOT_SEQUENTIAL:
        fail(cinfo, UNSHRED_JPEG_ERROR);
        break;
    default:
        cinfo->err->num_warnings++;
        break;
    }
}

static void on_progress(j_common_ptr cinfo) {
    struct progress_state *progress = (struct progress_state *)cinfo->progress;
    j_decompress_ptr dinfo = (j_decompress_ptr)cinfo;
    if (dinfo->input_scan_number > MAX_SCANS) {
        snprintf(progress->errors->message, sizeof progress->errors->message,
                 "more than %d scans", MAX_SCANS);
        fail(cinfo, UNSHRED_JPEG_ERROR);
    }
}

static void copy_message(const char *from, char *to, size_t size) {
    if (to == NULL || size == 0) return;
    strncpy(to, from, size - 1);
    to[size - 1] = '\0';
}

/* The error manager both directions use: libjpeg's defaults, with failures and
   warnings routed to `errors` (the caller sets the setjmp point itself). */
static struct jpeg_error_mgr *install_errors(struct error_state *errors) {
    struct jpeg_error_mgr *base = jpeg_std_error(&errors->base);
    errors->base.error_exit = on_error;
    errors->base.emit_message = on_message;
    errors->status = UNSHRED_JPEG_OK;
    return base;
}

int unshred_jpeg_decode(const uint8_t *data, size_t size, uint64_t max_pixels,
                        uint32_t *width, uint32_t *height, uint32_t *channels,
                        uint8_t **pixels, char *message, size_t message_size) {
    struct jpeg_decompress_struct cinfo;
    struct error_state errors;
    struct progress_state progress;
    /* volatile: assigned after setjmp and read after a longjmp back to it. */
    uint8_t *volatile buffer = NULL;

    *pixels = NULL;
    *width = 0;
    *height = 0;
    *channels = 0;
    memset(&cinfo, 0, sizeof cinfo);
    memset(&errors, 0, sizeof errors);
    cinfo.err = install_errors(&errors);

    if (setjmp(errors.jump)) {
        copy_message(errors.message, message, message_size);
        free(buffer);
        jpeg_destroy_decompress(&cinfo);
        return errors.status;
    }
    jpeg_create_decompress(&cinfo);
    memset(&progress, 0, sizeof progress);
    progress.base.progress_monitor = on_progress;
    progress.errors = &errors;
    cinfo.progress = &progress.base;

    if (size > ULONG_MAX) {
        copy_message("file too large for libjpeg", errors.message, sizeof errors.message);
        fail((j_common_ptr)&cinfo, UNSHRED_JPEG_ERROR);
    }
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);

    *width = cinfo.image_width;
    *height = cinfo.image_height;
    if ((uint64_t)cinfo.image_width * (uint64_t)cinfo.image_height > max_pixels) {
        jpeg_destroy_decompress(&cinfo);
        return UNSHRED_JPEG_TOO_LARGE;
    }
    /* libjpeg's whole-image buffers (progressive coefficients: 2 bytes per
     * coefficient and component) in proportion to the limit; beyond it libjpeg
     * would need a backing store, which this build refuses with an error. */
    {
        uint64_t cap = max_pixels * 8 + (64u << 20);
        if (max_pixels > (UINT64_MAX - (64u << 20)) / 8 || cap > (uint64_t)LONG_MAX) cap = (uint64_t)LONG_MAX;
        cinfo.mem->max_memory_to_use = (long)cap;
    }

    switch (cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE:
        cinfo.out_color_space = JCS_GRAYSCALE;
        break;
    case JCS_YCbCr:
    case JCS_RGB:
        cinfo.out_color_space = JCS_RGB;
        break;
    default:
        snprintf(errors.message, sizeof errors.message, "%s with %d components",
                 cinfo.jpeg_color_space == JCS_CMYK ? "CMYK"
                 : cinfo.jpeg_color_space == JCS_YCCK ? "YCCK" : "colour space",
                 cinfo.num_components);
        copy_message(errors.message, message, message_size);
        jpeg_destroy_decompress(&cinfo);
        return UNSHRED_JPEG_UNSUPPORTED;
    }

    jpeg_start_decompress(&cinfo);
    size_t stride = (size_t)cinfo.output_width * (size_t)cinfo.output_components;
    size_t bytes = stride * (size_t)cinfo.output_height;
    buffer = malloc(bytes > 0 ? bytes : 1);
    if (buffer == NULL) {
        jpeg_destroy_decompress(&cinfo);
        return UNSHRED_JPEG_NO_MEMORY;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = buffer + (size_t)cinfo.output_scanline * stride;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);

    *width = cinfo.output_width;
    *height = cinfo.output_height;
    *channels = (uint32_t)cinfo.output_components;
    *pixels = buffer;
    jpeg_destroy_decompress(&cinfo);
    return UNSHRED_JPEG_OK;
}

/* The compressor's destination: a buffer of ours that grows by doubling, so that
 * whatever happens (a longjmp from any libjpeg call) the shim knows what to free. */
struct growing_destination {
    struct jpeg_destination_mgr base;
    struct error_state *errors;
    uint8_t *data;
    size_t capacity;
    size_t used;    /* bytes before the free space libjpeg is filling */
};

static void destination_init(j_compress_ptr cinfo) {
    struct growing_destination *dest = (struct growing_destination *)cinfo->dest;
    dest->base.next_output_byte = dest->data;
    dest->base.free_in_buffer = dest->capacity;
    dest->used = 0;
}

static boolean destination_grow(j_compress_ptr cinfo) {
    struct growing_destination *dest = (struct growing_destination *)cinfo->dest;
    /* libjpeg calls this with the whole buffer full, whatever free_in_buffer says. */
    size_t full = dest->capacity;
    size_t bigger = full * 2;
    uint8_t *grown = bigger > full ? realloc(dest->data, bigger) : NULL;
    if (grown == NULL) {
        copy_message("out of memory", dest->errors->message, sizeof dest->errors->message);
        fail((j_common_ptr)cinfo, UNSHRED_JPEG_NO_MEMORY);
    }
    dest->data = grown;
    dest->capacity = bigger;
    dest->base.next_output_byte = grown + full;
    dest->base.free_in_buffer = bigger - full;
    return TRUE;
}

static void destination_term(j_compress_ptr cinfo) {
    struct growing_destination *dest = (struct growing_destination *)cinfo->dest;
    dest->used = dest->capacity - dest->base.free_in_buffer;
}

int unshred_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height,
                        uint32_t channels, int quality,
                        uint8_t **output, size_t *output_size,
                        char *message, size_t message_size) {
    struct jpeg_compress_struct cinfo;
    struct error_state errors;
    /* On the heap: after a longjmp only the pointer (set once, before setjmp)
     * is read from this frame. */
    struct growing_destination *dest = NULL;

    *output = NULL;
    *output_size = 0;
    memset(&cinfo, 0, sizeof cinfo);
    memset(&errors, 0, sizeof errors);
    if (width == 0 || height == 0 || width > JPEG_MAX_DIMENSION || height > JPEG_MAX_DIMENSION ||
        (channels != 1 && channels != 3) || quality < 1 || quality > 100) {
        snprintf(errors.message, sizeof errors.message,
                 "cannot encode %u x %u px with %u channels at quality %d", width, height, channels, quality);
        copy_message(errors.message, message, message_size);
        return UNSHRED_JPEG_UNSUPPORTED;
    }
    dest = calloc(1, sizeof *dest);
    if (dest == NULL) return UNSHRED_JPEG_NO_MEMORY;
    dest->capacity = 1u << 16;
    dest->data = malloc(dest->capacity);
    if (dest->data == NULL) {
        free(dest);
        return UNSHRED_JPEG_NO_MEMORY;
    }
    dest->errors = &errors;
    dest->base.init_destination = destination_init;
    dest->base.empty_output_buffer = destination_grow;
    dest->base.term_destination = destination_term;

    cinfo.err = install_errors(&errors);

    if (setjmp(errors.jump)) {
        copy_message(errors.message, message, message_size);
        jpeg_destroy_compress(&cinfo);
        free(dest->data);
        free(dest);
        return errors.status == UNSHRED_JPEG_OK ? UNSHRED_JPEG_ERROR : errors.status;
    }
    jpeg_create_compress(&cinfo);
    cinfo.dest = &dest->base;
    cinfo.image_width = width;
    cinfo.image_height = height;
    cinfo.input_components = (int)channels;
    cinfo.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    {
        size_t stride = (size_t)width * channels;
        while (cinfo.next_scanline < cinfo.image_height) {
            JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo.next_scanline * stride);
            jpeg_write_scanlines(&cinfo, &row, 1);
        }
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *output = dest->data;
    *output_size = dest->used;
    free(dest);
    return UNSHRED_JPEG_OK;
}
