// Per-channel histograms of an RGB image, split into row bands that run in parallel.
use std::thread;

pub fn histograms(pixels: &[u8], width: usize, bands: usize) -> Vec<[u64; 256]> {
    let rows = pixels.len() / (3 * width);
    let chunk = (rows + bands - 1) / bands;
    let handles: Vec<_> = (0..bands)
        .map(|b| {
            let band = pixels[b * chunk * 3 * width..((b + 1) * chunk).min(rows) * 3 * width].to_vec();
            thread::spawn(move || {
                let mut h = [[0u64; 256]; 3];
                for px in band.chunks(3) {
                    for c in 0..3 {
                        h[c][px[c] as usize] += 1;
                    }
                }
                h
            })
        })
        .collect();
    let mut total = vec![[0u64; 256]; 3];
    for handle in handles {
        let h = handle.join().unwrap();
        for c in 0..3 {
            for v in 0..256 {
                total[c][v] += h[c][v];
            }
        }
    }
    total
}
