package lint

import "testing"

func TestInstancePoolsUnique(t *testing.T) {
	testRuleA(t, instancePoolsUnique{}, []caseA{
		{name: "repeated priority and type", src: ecA(`ProductionVariants:
  - VariantName: a
    InstancePools:
      - {InstanceType: ml.m5.xlarge, Priority: 1}
      - {InstanceType: ml.c5.xlarge, Priority: 1}
      - {InstanceType: ml.m5.xlarge, Priority: 2}
`), want: []string{
			`7:48 warning: Priority 1 of variant "a" is already used by the instance pool on line 6; pool priorities should be distinct`,
			`8:24 warning: instance type ml.m5.xlarge of variant "a" is already in the instance pool on line 6; a repeated type adds no fallback`,
		}},
		{name: "distinct", src: ecA(`ProductionVariants:
  - VariantName: a
    InstancePools:
      - {InstanceType: ml.m5.xlarge, Priority: 1}
      - {InstanceType: ml.c5.xlarge, Priority: 2}
`)},
		{name: "same pools on two variants", src: ecA(`ProductionVariants:
  - {VariantName: a, InstancePools: [{InstanceType: ml.m5.xlarge, Priority: 1}]}
  - {VariantName: b, InstancePools: [{InstanceType: ml.m5.xlarge, Priority: 1}]}
`)},
		{name: "no pools", src: ecA(m5Variant)},
	})
}
