// Mandelbrot escape counts: every pixel independent, ideal for a GPU.
package gpu

func Mandelbrot(w, h, maxIter int) [][]int {
	out := make([][]int, h)
	for y := 0; y < h; y++ {
		out[y] = make([]int, w)
		for x := 0; x < w; x++ {
			cr := 3.5*float64(x)/float64(w) - 2.5
			ci := 2*float64(y)/float64(h) - 1
			zr, zi, n := 0.0, 0.0, 0
			for zr*zr+zi*zi <= 4 && n < maxIter {
				zr, zi = zr*zr-zi*zi+cr, 2*zr*zi+ci
				n++
			}
			out[y][x] = n
		}
	}
	return out
}
