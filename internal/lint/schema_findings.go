package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/schema"
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

// validate is schema.Validate; a test counts its calls.
var validate = schema.Validate

// schemaErrors validates the document of p against its kind's schema, once per
// check of the document, whichever schema rules run.
func schemaErrors(p *Pass) []schema.Error {
	return p.Memo("schema", func() any {
		d := p.Doc
		v, err := manifest.ToValue(d.Body)
		if err != nil {
			return []schema.Error(nil) // the loader reports documents too large to expand
		}
		return refineSchemaErrors(d.Body, validate(string(d.Kind), v)) // schema_hints.go
	}).([]schema.Error)
}
