package lint

import "testing"

func TestVariantNameUnique(t *testing.T) {
	testRuleA(t, variantNameUnique{}, []caseA{
		{name: "duplicate production", src: ecA(`ProductionVariants:
  - {VariantName: a, InstanceType: ml.m5.large, InitialInstanceCount: 1}
  - {VariantName: a, InstanceType: ml.m5.large, InitialInstanceCount: 1}
  - {VariantName: a, InstanceType: ml.m5.large, InitialInstanceCount: 1}
`), want: []string{
			`5:19 error: VariantName "a" is already used on line 4`,
			`6:19 error: VariantName "a" is already used on line 4`,
		}},
		{name: "production and shadow", src: ecA(`ProductionVariants:
  - VariantName: main
ShadowProductionVariants:
  - VariantName: main
`), want: []string{`6:18 error: VariantName "main" is already used on line 4; variant names must be unique across production and shadow variants`}},
		{name: "distinct", src: ecA(`ProductionVariants:
  - VariantName: a
  - VariantName: b
ShadowProductionVariants:
  - VariantName: c
`)},
		{name: "case differs", src: ecA(`ProductionVariants:
  - VariantName: main
  - VariantName: Main
`)},
		{name: "no names", src: ecA(`ProductionVariants:
  - InstanceType: ml.m5.large
  - InstanceType: ml.m5.large
`)},
	})
}
