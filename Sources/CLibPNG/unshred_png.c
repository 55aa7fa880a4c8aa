#include "unshred_png.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>

static void copy_message(const char *from, char *to, size_t size) {
    if (to == NULL || size == 0) return;
    strncpy(to, from, size - 1);
    to[size - 1] = '\0';
}

int unshred_png_read_format(const uint8_t *data, size_t size,
                            uint32_t *width, uint32_t *height, int *has_colour, int *has_alpha,
                            char *message, size_t message_size) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, size)) {
        copy_message(image.message, message, message_size);
        png_image_free(&image);
        return UNSHRED_PNG_ERROR;
    }
    *width = image.width;
    *height = image.height;
    *has_colour = (image.format & PNG_FORMAT_FLAG_COLOR) != 0;
    *has_alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
    png_image_free(&image);
    return UNSHRED_PNG_OK;
}

int unshred_png_decode(const uint8_t *data, size_t size, uint64_t max_pixels, int layout,
                       uint32_t *width, uint32_t *height, uint8_t **pixels,
                       char *message, size_t message_size) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    *pixels = NULL;
    if (!png_image_begin_read_from_memory(&image, data, size)) {
        copy_message(image.message, message, message_size);
        png_image_free(&image);
        return UNSHRED_PNG_ERROR;
    }
    *width = image.width;
    *height = image.height;
    if ((uint64_t)image.width * (uint64_t)image.height > max_pixels) {
        png_image_free(&image);
        return UNSHRED_PNG_TOO_LARGE;
    }
    size_t channels;
    switch (layout) {
    case UNSHRED_PNG_RGB: image.format = PNG_FORMAT_RGB; channels = 3; break;
    case UNSHRED_PNG_GRAY_ALPHA: image.format = PNG_FORMAT_GA; channels = 2; break;
    default: image.format = PNG_FORMAT_GRAY; channels = 1; break;
    }
    size_t bytes = (size_t)image.width * (size_t)image.height * channels;
    uint8_t *buffer = malloc(bytes > 0 ? bytes : 1);
    if (buffer == NULL) {
        png_image_free(&image);
        return UNSHRED_PNG_NO_MEMORY;
    }
    // Paper behind transparent pixels: what a scanner would have seen.
    memset(buffer, 255, bytes);
    png_color white = {255, 255, 255};
    if (!png_image_finish_read(&image, &white, buffer, (png_int_32)(image.width * channels), NULL)) {
        copy_message(image.message, message, message_size);
        free(buffer);
        png_image_free(&image);
        return UNSHRED_PNG_ERROR;
    }
    *pixels = buffer;
    return UNSHRED_PNG_OK;
}

int unshred_png_decode_gray(const uint8_t *data, size_t size, uint64_t max_pixels,
                            uint32_t *width, uint32_t *height, uint8_t **pixels,
                            char *message, size_t message_size) {
    return unshred_png_decode(data, size, max_pixels, UNSHRED_PNG_GRAY, width, height, pixels,
                              message, message_size);
}

static int encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t format,
                  uint8_t **png, size_t *png_size, char *message, size_t message_size) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = width;
    image.height = height;
    image.format = format;
    /* Text pages are mostly white: the fast setting costs ~4 % in size and halves the time. */
    image.flags = PNG_IMAGE_FLAG_FAST;
    *png = NULL;
    *png_size = 0;
    /* One compression pass into a buffer of the documented worst-case size
     * (asking for the size first would compress the image twice). */
    png_alloc_size_t needed = PNG_IMAGE_PNG_SIZE_MAX(image);
    uint8_t *buffer = malloc(needed > 0 ? needed : 1);
    if (buffer == NULL) return UNSHRED_PNG_NO_MEMORY;
    if (!png_image_write_to_memory(&image, buffer, &needed, 0, pixels,
                                   (png_int_32)(width * PNG_IMAGE_PIXEL_CHANNELS(format)), NULL)) {
        copy_message(image.message, message, message_size);
        free(buffer);
        return UNSHRED_PNG_ERROR;
    }
    uint8_t *fitted = realloc(buffer, needed > 0 ? needed : 1);
    if (fitted != NULL) buffer = fitted;
    *png = buffer;
    *png_size = needed;
    return UNSHRED_PNG_OK;
}

int unshred_png_encode_gray(const uint8_t *pixels, uint32_t width, uint32_t height,
                            uint8_t **png, size_t *png_size,
                            char *message, size_t message_size) {
    return encode(pixels, width, height, PNG_FORMAT_GRAY, png, png_size, message, message_size);
}

int unshred_png_encode_rgb(const uint8_t *pixels, uint32_t width, uint32_t height,
                           uint8_t **png, size_t *png_size,
                           char *message, size_t message_size) {
    return encode(pixels, width, height, PNG_FORMAT_RGB, png, png_size, message, message_size);
}

int unshred_png_encode_rgba(const uint8_t *pixels, uint32_t width, uint32_t height,
                            uint8_t **png, size_t *png_size,
                            char *message, size_t message_size) {
    return encode(pixels, width, height, PNG_FORMAT_RGBA, png, png_size, message, message_size);
}
