// LU decomposition with partial pivoting, in place: O(n^3).
package linalg

import "math"

func LU(a [][]float64) ([]int, bool) {
	n := len(a)
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	for k := 0; k < n; k++ {
		p := k
		for i := k + 1; i < n; i++ {
			if math.Abs(a[i][k]) > math.Abs(a[p][k]) {
				p = i
			}
		}
		if a[p][k] == 0 {
			return nil, false
		}
		a[k], a[p] = a[p], a[k]
		perm[k], perm[p] = perm[p], perm[k]
		for i := k + 1; i < n; i++ {
			a[i][k] /= a[k][k]
			for j := k + 1; j < n; j++ {
				a[i][j] -= a[i][k] * a[k][j]
			}
		}
	}
	return perm, true
}
