package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// Naming is the naming policy: how a manifest name becomes a physical name.
type Naming string

// The naming policies.
const (
	// Exact: the physical name is the manifest name. A changed model or config under an
	// existing name is a replacement (delete, then create).
	Exact Naming = "exact"
	// Hashed: models and endpoint configs are named <manifest name>-<hash8> after their
	// content, so a change creates a new resource, the endpoint moves to it, and the
	// old one is deleted. Endpoint names are never hashed.
	Hashed Naming = "hashed"
)

// ParseNaming checks a naming policy name ("" means Exact).
func ParseNaming(s string) (Naming, error) {
	switch Naming(s) {
	case "", Exact:
		return Exact, nil
	case Hashed:
		return Hashed, nil
	}
	return "", fmt.Errorf("unknown naming policy %q: expected exact or hashed", s)
}

// maxName is SageMaker's limit on resource names.
const maxName = 63

// specHash returns the 8-hex-digit content hash of a resource body. encoding/json
// sorts map keys and manifest numbers are already normalised, so the hash ignores key
// order and number spelling.
func specHash(body map[string]any) string {
	data, _ := json.Marshal(body) // values from manifest.ToValue always marshal
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])[:8]
}

// hashedName returns name-hash, shortening name so the result fits SageMaker's limit.
func hashedName(name, hash string) string {
	if keep := maxName - len(hash) - 1; len(name) > keep {
		name = name[:keep]
	}
	return name + "-" + hash
}
