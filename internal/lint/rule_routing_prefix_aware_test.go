package lint

import "testing"

func TestRoutingPrefixAware(t *testing.T) {
	testRuleA(t, routingPrefixAware{}, []caseA{
		{name: "no config", src: ecA(`ProductionVariants:
  - VariantName: a
    RoutingConfig:
      RoutingStrategy: PREFIX_AWARE
`), want: []string{`6:24 error: variant "a" uses RoutingStrategy PREFIX_AWARE without PrefixAwareRoutingConfig; PrefixLength and ConcurrencyThreshold are required`}},
		{name: "null config", src: ecA(`ProductionVariants:
  - VariantName: a
    RoutingConfig: {RoutingStrategy: PREFIX_AWARE, PrefixAwareRoutingConfig: null}
`), want: []string{`5:38 error: variant "a" uses RoutingStrategy PREFIX_AWARE without PrefixAwareRoutingConfig`}},
		{name: "empty config", src: ecA(`ProductionVariants:
  - VariantName: a
    RoutingConfig:
      RoutingStrategy: PREFIX_AWARE
      PrefixAwareRoutingConfig: {}
`), want: []string{
			`7:33 error: PrefixAwareRoutingConfig of variant "a" has no ConcurrencyThreshold`,
			`7:33 error: PrefixAwareRoutingConfig of variant "a" has no PrefixLength`,
		}},
		{name: "half config", src: ecA(`ProductionVariants:
  - VariantName: a
    RoutingConfig:
      RoutingStrategy: PREFIX_AWARE
      PrefixAwareRoutingConfig:
        PrefixLength: 4096
`), want: []string{`8:9 error: PrefixAwareRoutingConfig of variant "a" has no ConcurrencyThreshold; it is required with RoutingStrategy PREFIX_AWARE`}},
		{name: "complete", src: ecA(`ProductionVariants:
  - VariantName: a
    RoutingConfig:
      RoutingStrategy: PREFIX_AWARE
      PrefixAwareRoutingConfig: {PrefixLength: 4096, ConcurrencyThreshold: 8}
`)},
		{name: "other strategy", src: ecA("ProductionVariants:\n  - {VariantName: a, RoutingConfig: {RoutingStrategy: RANDOM}}\n")},
		{name: "lower case is the schema's", src: ecA("ProductionVariants:\n  - {VariantName: a, RoutingConfig: {RoutingStrategy: prefix_aware}}\n")},
	})
}
