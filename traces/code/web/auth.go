// Checks a bearer token against a signing key: constant work per request.
package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

func Authorized(header, key string) bool {
	parts := strings.SplitN(strings.TrimPrefix(header, "Bearer "), ".", 2)
	if len(parts) != 2 {
		return false
	}
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(parts[0]))
	return hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(parts[1]))
}
