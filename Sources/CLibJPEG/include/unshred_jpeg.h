// A thin shim over libjpeg(-turbo)'s decompressor and compressor. libjpeg reports fatal errors by
// calling error_exit, which must not return; here it longjmps back into the shim's
// own frame (unshred_jpeg.c), so the jump never crosses a Swift frame. Errors come
// back as return codes plus a one-line message.
#ifndef UNSHRED_JPEG_H
#define UNSHRED_JPEG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    UNSHRED_JPEG_OK = 0,
    UNSHRED_JPEG_ERROR = 1,        // libjpeg refused the data (corrupt); see message
    UNSHRED_JPEG_TOO_LARGE = 2,    // width*height above the caller's limit (width, height set)
    UNSHRED_JPEG_NO_MEMORY = 3,
    UNSHRED_JPEG_TRUNCATED = 4,    // the data ends before the image does; see message
    UNSHRED_JPEG_UNSUPPORTED = 5   // a valid JPEG of a kind not read here (CMYK); see message
};

/// Decodes a baseline or progressive JPEG held in memory to 8-bit pixels,
/// row-major, top row first, stride == width * channels: 1 channel for a
/// grayscale JPEG, 3 (R, G, B) for a colour one. On success *pixels is
/// malloc'ed and owned by the caller (free()).
///
/// The header is checked against max_pixels before any pixel buffer (or libjpeg
/// work buffer for the image) is allocated; libjpeg's own memory is capped in
/// proportion, and progressive files with absurdly many scans are refused.
/// A file that ends early, or whose entropy-coded data is damaged, is an error,
/// not an image with gray filled in.
int unshred_jpeg_decode(const uint8_t *data, size_t size, uint64_t max_pixels,
                        uint32_t *width, uint32_t *height, uint32_t *channels,
                        uint8_t **pixels, char *message, size_t message_size);

/// Encodes 8-bit pixels (row-major, top row first, stride == width * channels;
/// channels 1 = gray, 3 = R, G, B) as a baseline JPEG of the given quality
/// (1...100, libjpeg's scale), in memory. On success *output is malloc'ed and
/// owned by the caller (free()), *output_size its length in bytes. The same
/// pixels and quality give the same bytes.
int unshred_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height,
                        uint32_t channels, int quality,
                        uint8_t **output, size_t *output_size,
                        char *message, size_t message_size);

#ifdef __cplusplus
}
#endif
#endif
