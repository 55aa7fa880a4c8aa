// A thin shim over libpng's simplified png_image_* API. Errors come back as
// return codes plus a message; libpng's longjmp never reaches Swift frames.
#ifndef UNSHRED_PNG_H
#define UNSHRED_PNG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    UNSHRED_PNG_OK = 0,
    UNSHRED_PNG_ERROR = 1,      // libpng refused the data; see message
    UNSHRED_PNG_TOO_LARGE = 2,  // width*height above the caller's limit
    UNSHRED_PNG_NO_MEMORY = 3
};

/// Pixel layouts for unshred_png_decode.
enum {
    UNSHRED_PNG_GRAY = 0,        // 1 byte per pixel
    UNSHRED_PNG_RGB = 1,         // 3 bytes per pixel: red, green, blue
    UNSHRED_PNG_GRAY_ALPHA = 2   // 2 bytes per pixel: gray, opacity (255 = opaque)
};

/// Decodes a PNG held in memory to 8-bit gray, row-major, top row first,
/// stride == width. Any alpha is composited onto white paper.
/// On success *pixels is malloc'ed and owned by the caller (free()).
/// The header is checked against max_pixels before any pixel buffer is allocated.
int unshred_png_decode_gray(const uint8_t *data, size_t size, uint64_t max_pixels,
                            uint32_t *width, uint32_t *height, uint8_t **pixels,
                            char *message, size_t message_size);

/// Decodes a PNG held in memory to 8-bit pixels in the given layout (one of the
/// UNSHRED_PNG_GRAY... values), row-major, top row first, no row padding. In the
/// gray and RGB layouts any alpha is composited onto white paper.
/// On success *pixels is malloc'ed and owned by the caller (free()).
/// The header is checked against max_pixels before any pixel buffer is allocated.
int unshred_png_decode(const uint8_t *data, size_t size, uint64_t max_pixels, int layout,
                       uint32_t *width, uint32_t *height, uint8_t **pixels,
                       char *message, size_t message_size);

/// Reads only the header: dimensions, and whether the file holds colour and
/// transparency (a tRNS chunk counts as transparency).
int unshred_png_read_format(const uint8_t *data, size_t size,
                            uint32_t *width, uint32_t *height, int *has_colour, int *has_alpha,
                            char *message, size_t message_size);

/// Encodes 8-bit gray pixels (stride == width) as PNG into a malloc'ed buffer.
int unshred_png_encode_gray(const uint8_t *pixels, uint32_t width, uint32_t height,
                            uint8_t **png, size_t *png_size,
                            char *message, size_t message_size);

/// Encodes 8-bit RGB pixels (stride == 3 * width) as PNG into a malloc'ed buffer.
int unshred_png_encode_rgb(const uint8_t *pixels, uint32_t width, uint32_t height,
                           uint8_t **png, size_t *png_size,
                           char *message, size_t message_size);

/// Encodes 8-bit RGBA pixels (stride == 4 * width, alpha 255 = opaque, not
/// premultiplied) as PNG into a malloc'ed buffer.
int unshred_png_encode_rgba(const uint8_t *pixels, uint32_t width, uint32_t height,
                            uint8_t **png, size_t *png_size,
                            char *message, size_t message_size);

#ifdef __cplusplus
}
#endif
#endif
