"""1-D convolution of a batch of signals: data-parallel, GPU-friendly."""
import numpy as np


def conv1d(signals, kernel):
    k = len(kernel)
    out = np.zeros((len(signals), len(signals[0]) - k + 1))
    for b, signal in enumerate(signals):
        for i in range(len(signal) - k + 1):
            out[b][i] = sum(signal[i + j] * kernel[j] for j in range(k))
    return out
