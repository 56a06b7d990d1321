package lint

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/schema"
	"gopkg.in/yaml.v3"
)

var (
	// exactRule reads the regular expression a pattern error's hint quotes.
	exactRule = regexp.MustCompile(`regular expression (\S+)$`)
	// atMost reads the bound of a maxLength error.
	atMost = regexp.MustCompile(`at most (\d+) characters`)
)

// refineSchemaErrors gives the schema's errors the hints a person needs where the raw
// rule is no help, and drops an error that only restates another: a pattern error on a
// value that is merely too long (the length error says it), "quote it" for a number
// where a string is expected (WORKERS: 4 in Environment), the boolean for yes/no, and
// the fixed value for a name with "_" or an URI with an upper-case scheme (S3://).
func refineSchemaErrors(body *yaml.Node, errs []schema.Error) []schema.Error {
	tooLong := map[string]int{}
	for _, e := range errs {
		if e.Keyword == "maxLength" {
			if m := atMost.FindStringSubmatch(e.Message); m != nil {
				tooLong[e.Pointer], _ = strconv.Atoi(m[1])
			}
		}
	}
	out := errs[:0:0]
	for _, e := range errs {
		node, _ := manifest.At(body, e.Pointer)
		value := ""
		if node != nil && node.Kind == yaml.ScalarNode {
			value = node.Value
		}
		switch e.Keyword {
		case "pattern":
			re := patternOf(e)
			if re == nil {
				break
			}
			if n, ok := tooLong[e.Pointer]; ok && n > 0 && len(value) > n && re.MatchString(value[:n]) {
				continue // the value is only too long: the length error is the finding
			}
			if fixed := strings.ReplaceAll(value, "_", "-"); fixed != value && re.MatchString(fixed) {
				e.Hint = fmt.Sprintf("use hyphens, not underscores: %q", fixed)
			} else if i := strings.Index(value, "://"); i > 0 {
				if fixed := strings.ToLower(value[:i]) + value[i:]; fixed != value && re.MatchString(fixed) {
					e.Hint = fmt.Sprintf("write the scheme in lower case: %s", fixed)
				}
			}
		case "type":
			field := e.Pointer[strings.LastIndexByte(e.Pointer, '/')+1:]
			switch {
			case strings.Contains(e.Message, "must be a string, got") && value != "":
				e.Hint = fmt.Sprintf("quote it: %s: %q", field, value)
			case strings.Contains(e.Message, "must be true or false"):
				if b, ok := yaml11Bool(value); ok {
					e.Hint = fmt.Sprintf("write %s: %t (YAML 1.2, which sagectl and the AWS SDKs read, takes %s as a string)", field, b, value)
				}
			}
		}
		out = append(out, e)
	}
	return out
}

// patternOf compiles the regular expression a pattern error's hint quotes, or nil.
func patternOf(e schema.Error) *regexp.Regexp {
	m := exactRule.FindStringSubmatch(e.Hint)
	if m == nil {
		return nil
	}
	re, err := regexp.Compile(m[1])
	if err != nil {
		return nil
	}
	return re
}

// yaml11Bool reads the YAML 1.1 booleans that YAML 1.2 reads as strings.
func yaml11Bool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "yes", "y", "on":
		return true, true
	case "no", "n", "off":
		return false, true
	}
	return false, false
}
