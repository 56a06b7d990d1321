package lint

import "testing"

func TestManagedScalingICOnly(t *testing.T) {
	testRuleA(t, managedScalingICOnly{}, []caseA{
		{name: "model variant", src: ecA(`ProductionVariants:
  - VariantName: a
    ModelName: m
    InstanceType: ml.g5.xlarge
    ManagedInstanceScaling: {Status: ENABLED, MinInstanceCount: 1, MaxInstanceCount: 2}
`), want: []string{`7:5 error: variant "a" sets ModelName and ManagedInstanceScaling; managed instance scaling is only supported for inference-component variants`}},
		{name: "disabled still rejected", src: ecA(`ProductionVariants:
  - VariantName: a
    ModelName: m
    ManagedInstanceScaling: {Status: DISABLED}
`), want: []string{`6:5 error: variant "a" sets ModelName and ManagedInstanceScaling`}},
		{name: "inference component variant", src: ecA(`ProductionVariants:
  - VariantName: a
    InstanceType: ml.g5.xlarge
    ManagedInstanceScaling: {Status: ENABLED, MinInstanceCount: 1, MaxInstanceCount: 2}
`)},
		{name: "null scaling", src: ecA("ProductionVariants:\n  - {VariantName: a, ModelName: m, ManagedInstanceScaling: null}\n")},
		{name: "no scaling", src: ecA(m5Variant)},
	})
}

func TestManagedScalingMinMax(t *testing.T) {
	testRuleA(t, managedScalingMinMax{}, []caseA{
		{name: "min above max", src: ecA(`ProductionVariants:
  - VariantName: a
    ManagedInstanceScaling:
      MinInstanceCount: 5
      MaxInstanceCount: 2
`), want: []string{`6:25 error: MinInstanceCount 5 of variant "a" is above MaxInstanceCount 2; it must be at most MaxInstanceCount`}},
		{name: "equal", src: ecA("ProductionVariants:\n  - {VariantName: a, ManagedInstanceScaling: {MinInstanceCount: 2, MaxInstanceCount: 2}}\n")},
		{name: "zero minimum", src: ecA("ProductionVariants:\n  - {VariantName: a, ManagedInstanceScaling: {MinInstanceCount: 0, MaxInstanceCount: 1}}\n")},
		{name: "only min", src: ecA("ProductionVariants:\n  - {VariantName: a, ManagedInstanceScaling: {MinInstanceCount: 9}}\n")},
	})
}
