// Merge sort whose halves sort in parallel goroutines above a cutoff.
package sort

import "sync"

func merge(a, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] <= b[j] {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

func MergeSort(xs []int) []int {
	if len(xs) <= 1 {
		return xs
	}
	mid := len(xs) / 2
	var left, right []int
	if len(xs) > 4096 {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { defer wg.Done(); left = MergeSort(xs[:mid]) }()
		right = MergeSort(xs[mid:])
		wg.Wait()
	} else {
		left, right = MergeSort(xs[:mid]), MergeSort(xs[mid:])
	}
	return merge(left, right)
}
