package lint

import "testing"

func TestInstanceStorage(t *testing.T) {
	for _, c := range []struct {
		typ    string
		family string
		want   storage
	}{
		{"ml.m5.large", "m5", ebsOnly},
		{"ml.m5d.large", "m5d", localNVMe},
		{"ml.g4dn.xlarge", "g4dn", localNVMe},
		{"ml.p5.4xlarge", "p5", localNVMe},
		{"ml.p5en.48xlarge", "p5en", localNVMe},
		{"ml.trn1n.32xlarge", "trn1n", localNVMe},
		{"ml.p6-b200.48xlarge", "p6-b200", maybeLocalNVMe},
		{"ml.p6e-gb200.36xlarge", "p6e-gb200", maybeLocalNVMe},
		{"ml.g7e.2xlarge", "g7e", maybeLocalNVMe},
		{"ml.inf2.xlarge", "inf2", ebsOnly},
		{"ml.g5", "", ebsOnly},
		{"g5.xlarge", "", ebsOnly},
		{"ml..xlarge", "", ebsOnly},
		{"ml.g5.", "", ebsOnly},
		{"", "", ebsOnly},
	} {
		if got := instanceFamily(c.typ); got != c.family {
			t.Errorf("instanceFamily(%q) = %q, want %q", c.typ, got, c.family)
		}
		if got := instanceStorage(c.typ); got != c.want {
			t.Errorf("instanceStorage(%q) = %v, want %v", c.typ, got, c.want)
		}
	}
}
