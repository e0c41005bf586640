// Splits URLs into parts and decodes their query strings.
package parse

import (
	"net/url"
	"strings"
)

func QueryParams(raw string) (map[string][]string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]string)
	for _, pair := range strings.Split(u.RawQuery, "&") {
		if pair == "" {
			continue
		}
		kv := strings.SplitN(pair, "=", 2)
		v := ""
		if len(kv) == 2 {
			v, _ = url.QueryUnescape(kv[1])
		}
		out[kv[0]] = append(out[kv[0]], v)
	}
	return out, nil
}
