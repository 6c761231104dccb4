/*
** mkjpeg.c — writes the JPEG test images for tests/e2e/images.sh with libjpeg-turbo (cjpeg
** cannot write CMYK): 40 x 20 pixels in four quadrants, red, green, blue, white (grey: black,
** 85, 170, white). CMYK is written as Adobe applications do, with inverted samples and an
** Adobe marker, so a reader that ignores the inversion shows the complement.
** exif1 to exif8 are rgb with that EXIF orientation (5 to 8 are shown 20 x 40).
** Usage: mkjpeg grey|rgb|progressive|cmyk|arith|exif1..exif8 OUT.jpg [WIDTH HEIGHT] (default 40 20)
**        mkjpeg icc OUT.jpg PROFILE.icc (rgb with that ICC profile)
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4 && argc != 5) {
        fprintf(
            stderr,
            "usage: mkjpeg grey|rgb|progressive|cmyk|arith|exif1..exif8 OUT.jpg [WIDTH HEIGHT]\n");
        return 2;
    }
    const char *kind = argv[1];
    int W = argc == 5 ? atoi(argv[3]) : 40, H = argc == 5 ? atoi(argv[4]) : 20;
    const char *icc = argc == 4 ? argv[3] : NULL; /* mkjpeg icc OUT PROFILE */
    if (W < 2 || H < 2 || W > 30000 || H > 30000) return 2;
    static const unsigned char rgb[4][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}};
    static const unsigned char grey[4] = {0, 85, 170, 255};
    FILE *f = fopen(argv[2], "wb");
    if (!f) return 1;
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    jpeg_stdio_dest(&c, f);
    c.image_width = W;
    c.image_height = H;
    int n = !strcmp(kind, "grey") ? 1 : !strcmp(kind, "cmyk") ? 4 : 3;
    c.input_components = n;
    c.in_color_space = n == 1 ? JCS_GRAYSCALE : n == 4 ? JCS_CMYK : JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, 95, TRUE);
    if (!strcmp(kind, "progressive")) jpeg_simple_progression(&c);
    if (!strcmp(kind, "arith")) c.arith_code = TRUE;
    jpeg_start_compress(&c, TRUE);
    if (!strncmp(kind, "exif", 4) && kind[4] >= '1' && kind[4] <= '8') {
        unsigned char exif[] = {'E',  'x',  'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
                                0x01, 0x12, 0,   3,   0, 0, 0,   1,   0, 0,  0, 0, 0, 0, 0, 0};
        exif[25] = (unsigned char)(kind[4] - '0');
        jpeg_write_marker(&c, JPEG_APP0 + 1, exif, sizeof exif);
    }
    if (icc) {
        FILE *pf = fopen(icc, "rb");
        static unsigned char prof[1 << 20];
        size_t pn = pf ? fread(prof, 1, sizeof prof, pf) : 0;
        if (pf) fclose(pf);
        if (!pn) return 1;
        jpeg_write_icc_profile(&c, prof, (unsigned int)pn);
    }
    unsigned char *row = malloc((size_t)W * 4);
    if (!row) return 1;
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            int q = (x >= W / 2) + 2 * (y >= H / 2);
            int noise = W > 40 ? (x * 7 + y * 13) % 32 : 0; /* a large one is not flat */
            unsigned char *p = row + x * n;
            if (n == 1)
                p[0] = grey[q];
            else if (n == 3)
                for (int k = 0; k < 3; k++) p[k] = (unsigned char)(rgb[q][k] ^ noise);
            else { /* CMY from RGB, no black; stored inverted (Adobe) */
                for (int k = 0; k < 3; k++) p[k] = (unsigned char)(255 - (255 - rgb[q][k]));
                p[3] = 255;
            }
        }
        JSAMPROW rp = row;
        jpeg_write_scanlines(&c, &rp, 1);
    }
    jpeg_finish_compress(&c);
    free(row);
    jpeg_destroy_compress(&c);
    return fclose(f) != 0;
}
