// Converts an RGB image to gray, one row per goroutine.
package image

import "sync"

func Grayscale(rgb [][][3]uint8) [][]uint8 {
	out := make([][]uint8, len(rgb))
	var wg sync.WaitGroup
	for y := range rgb {
		wg.Add(1)
		go func(y int) {
			defer wg.Done()
			row := make([]uint8, len(rgb[y]))
			for x, p := range rgb[y] {
				row[x] = uint8(0.299*float64(p[0]) + 0.587*float64(p[1]) + 0.114*float64(p[2]))
			}
			out[y] = row
		}(y)
	}
	wg.Wait()
	return out
}
