// Counts log lines per level across files: IO-bound.
package io

import (
	"bufio"
	"os"
	"strings"
)

func Aggregate(paths []string) (map[string]int, error) {
	counts := make(map[string]int)
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		scanner := bufio.NewScanner(f)
		for scanner.Scan() {
			fields := strings.Fields(scanner.Text())
			if len(fields) > 1 {
				counts[fields[1]]++
			}
		}
		f.Close()
	}
	return counts, nil
}
