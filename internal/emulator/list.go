package emulator

import (
	"cmp"
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
	"time"
)

// listQuery holds the filters, sort and page of a List* request.
type listQuery struct {
	nameContains                  *string
	createdAfter, createdBefore   *time.Time
	modifiedAfter, modifiedBefore *time.Time
	status                        string
	sortBy, sortOrder             string
	maxResults                    *int32
	nextToken                     *string
	defaultMax                    int
}

// row is one listable resource.
type row struct {
	name              string
	created, modified time.Time
	status            string
	item              any
}

// run filters, sorts (default: CreationTime, Descending, as the service does) and pages rows.
// A NextToken is the opaque offset of the next page.
func (q listQuery) run(rows []row) ([]row, *string, *apiError) {
	kept := rows[:0:0]
	for _, r := range rows {
		switch {
		case q.nameContains != nil && !strings.Contains(strings.ToLower(r.name), strings.ToLower(*q.nameContains)):
		case q.createdAfter != nil && !r.created.After(*q.createdAfter):
		case q.createdBefore != nil && !r.created.Before(*q.createdBefore):
		case q.modifiedAfter != nil && !r.modified.After(*q.modifiedAfter):
		case q.modifiedBefore != nil && !r.modified.Before(*q.modifiedBefore):
		case q.status != "" && r.status != q.status:
		default:
			kept = append(kept, r)
		}
	}
	slices.SortFunc(kept, func(a, b row) int {
		var c int
		switch q.sortBy {
		case "Name":
			c = cmp.Compare(strings.ToLower(a.name), strings.ToLower(b.name))
		case "Status":
			c = cmp.Compare(a.status, b.status)
		default:
			c = a.created.Compare(b.created)
		}
		if c == 0 {
			c = cmp.Compare(strings.ToLower(a.name), strings.ToLower(b.name))
		}
		if q.sortOrder != "Ascending" {
			c = -c
		}
		return c
	})
	start := 0
	if q.nextToken != nil {
		n, err := decodeToken(*q.nextToken)
		if err != nil || n > len(kept) {
			return nil, nil, validationf("Invalid pagination token %q: pass the NextToken of the previous response unchanged.", *q.nextToken)
		}
		start = n
	}
	size := q.defaultMax
	if size == 0 {
		size = 10
	}
	if q.maxResults != nil {
		size = int(*q.maxResults)
	}
	end := min(start+size, len(kept))
	var next *string
	if end < len(kept) {
		next = ptr(encodeToken(end))
	}
	return kept[start:end], next, nil
}

// encodeToken makes the opaque NextToken for the page starting at offset.
func encodeToken(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(offset)))
}

// decodeToken reads back the offset of an encodeToken token.
func decodeToken(tok string) (int, error) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, err
	}
	s, ok := strings.CutPrefix(string(b), "offset:")
	if !ok {
		return 0, strconv.ErrSyntax
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, strconv.ErrSyntax
	}
	return n, nil
}
