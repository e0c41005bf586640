"""Sobel edge magnitude of a grayscale image (list of rows)."""
import math


def sobel(img):
    h, w = len(img), len(img[0])
    out = [[0.0] * w for _ in range(h)]
    for y in range(1, h - 1):
        for x in range(1, w - 1):
            gx = (img[y - 1][x + 1] + 2 * img[y][x + 1] + img[y + 1][x + 1]
                  - img[y - 1][x - 1] - 2 * img[y][x - 1] - img[y + 1][x - 1])
            gy = (img[y + 1][x - 1] + 2 * img[y + 1][x] + img[y + 1][x + 1]
                  - img[y - 1][x - 1] - 2 * img[y - 1][x] - img[y - 1][x + 1])
            out[y][x] = math.hypot(gx, gy)
    return out
