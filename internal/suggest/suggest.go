// Package suggest finds the nearest valid word for a misspelt one ("did you mean").
package suggest

import "strings"

// Closest returns the candidate nearest to word, or "" when none is close enough to
// be a plausible typo. Case differences count as small edits.
func Closest(word string, candidates []string) string {
	best, bestD := "", -1
	lw := strings.ToLower(word)
	n := len([]rune(word))
	limit := n/3 + 1
	for _, c := range candidates {
		if diff := len(c) - len(word); diff > 4*limit || -diff > 4*limit {
			continue // lengths alone rule it out: keeps many-candidate lookups cheap
		}
		d := distance(lw, strings.ToLower(c))
		if c != word && strings.EqualFold(c, word) {
			d = 0
		}
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// distance is the Damerau-Levenshtein (optimal string alignment) edit distance.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 256 || len(rb) > 256 {
		return 1 << 30
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
