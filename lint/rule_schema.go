package lint

import (
	"sync"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/schema"
)

// schemaRule reports the schema errors of one category (unknown fields, types, ...).
// All schema rules share one validation per document (schemaErrors).
type schemaRule struct{ info *Info }

func (r schemaRule) Info() *Info { return r.info }

func (r schemaRule) Check(p *Pass) {
	for _, e := range schemaErrors(p) {
		if schemaRuleID(e) != r.info.ID {
			continue
		}
		sev := r.info.Severity
		if e.Warning {
			sev = finding.Warning
		}
		node, _ := manifest.At(p.Doc.Body, e.Pointer)
		if e.AtKey {
			node = manifest.KeyAt(p.Doc.Body, e.Pointer)
		}
		p.ReportAs(sev, node, e.Message, e.Hint)
	}
}

// schemaRuleID names the rule that reports a schema error, by its failed keyword.
func schemaRuleID(e schema.Error) string {
	switch e.Keyword {
	case "additionalProperties":
		return schemaUnknownFieldInfo.ID
	case "required":
		return schemaRequiredInfo.ID
	case "enum", "const":
		return schemaEnumInfo.ID
	case "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties":
		return schemaRangeInfo.ID
	case "pattern":
		return schemaPatternInfo.ID
	case schema.KeywordWarnUnknown:
		return schemaInstanceTypeInfo.ID
	}
	return schemaTypeInfo.ID // type, and anything else about the shape of a value
}

// schemaMemo keeps the schema errors of the documents being checked, by Pass, so the
// schema rules validate each document once between them (a Pass is one check of one
// document: a later check of the same document validates afresh). It is emptied when
// it grows past schemaMemoSize: rules check one document at a time, so at worst a
// document in flight is validated twice.
var schemaMemo = struct {
	sync.Mutex
	m map[*Pass][]schema.Error
}{m: map[*Pass][]schema.Error{}}

const schemaMemoSize = 256

// validate is schema.Validate; a test counts its calls.
var validate = schema.Validate

// schemaErrors validates the document of p against its kind's schema, once per Pass.
func schemaErrors(p *Pass) []schema.Error {
	key, d := p, p.Doc
	schemaMemo.Lock()
	errs, ok := schemaMemo.m[key]
	schemaMemo.Unlock()
	if ok {
		return errs
	}
	if v, err := manifest.ToValue(d.Body); err == nil { // the loader reports documents too large to expand
		errs = validate(string(d.Kind), v)
	}
	schemaMemo.Lock()
	if len(schemaMemo.m) >= schemaMemoSize {
		clear(schemaMemo.m)
	}
	schemaMemo.m[key] = errs
	schemaMemo.Unlock()
	return errs
}
