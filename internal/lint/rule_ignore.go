package lint

import (
	"time"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/suppress"
)

// ignoreRule documents the findings about `# sagectl:ignore` comments. Lint produces
// them after every rule has run (applyIgnores); Check does nothing.
type ignoreRule struct{ info *Info }

func (r ignoreRule) Info() *Info { return r.info }

func (ignoreRule) Check(*Pass) {}

const ignoreSource = "sagectl's suppression comments: https://github.com/sagectl/sagectl/blob/main/docs/config.md; " +
	"tfsec's ignore comments with an expiration date: https://aquasecurity.github.io/tfsec/latest/guides/configuration/ignores/"

const ignoreModel = `kind: Model
ModelName: my-model
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker-exec
PrimaryContainer:
  Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/my-model:1
---
`

// The examples carry their Model and a KMS key so that they show only the ignore findings.
const ignoreGood = ignoreModel + `kind: EndpointConfig
EndpointConfigName: eia-config
KmsKeyId: alias/sagemaker-prod
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    # sagectl:ignore accelerator-type-deprecated until=2999-12-31 retired with the legacy fleet
    AcceleratorType: ml.eia2.medium
`

var ignoreUnusedInfo = &Info{
	ID:       suppress.RuleUnused,
	Severity: finding.Warning,
	Summary:  "flags an ignore comment that silenced nothing",
	Why: "An ignore comment that no longer matches a finding hides nothing today but will silently hide the next real " +
		"problem on that line. Reporting it keeps suppressions as few and as precise as the findings they excuse.",
	Source: ignoreSource,
	Fix:    "Remove the comment, or move it onto the line of the finding (or the line just above it).",
	Bad: ignoreModel + `kind: EndpointConfig
EndpointConfigName: main-config
KmsKeyId: alias/sagemaker-prod
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    # sagectl:ignore accelerator-type-deprecated kept for the legacy fleet
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
`,
	Good: ignoreGood,
}

var ignoreInvalidInfo = &Info{
	ID:       suppress.RuleInvalid,
	Severity: finding.Warning,
	Summary:  "flags a malformed ignore comment: no rule, an unknown rule, no reason or a bad until= date",
	Why: "A suppression must say what it silences and why, so a reviewer can judge it. A comment that names an " +
		"unknown rule (often a typo) or gives no reason silences nothing, and the finding it was meant for still shows.",
	Source: ignoreSource,
	Fix:    "Write # sagectl:ignore RULE[,RULE] reason, optionally with until=YYYY-MM-DD; 'sagectl rules' lists the rule IDs.",
	Bad: ignoreModel + `kind: EndpointConfig
EndpointConfigName: eia-config
KmsKeyId: alias/sagemaker-prod
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    AcceleratorType: ml.eia2.medium # sagectl:ignore accelerator-type-deprecated
`,
	Good: ignoreGood,
}

var ignoreExpiredInfo = &Info{
	ID:       suppress.RuleExpired,
	Severity: finding.Warning,
	Summary:  "flags an ignore comment past its until= date",
	Why: "until=YYYY-MM-DD makes a suppression temporary: after that day it silences nothing and says so, so a " +
		"workaround cannot outlive the migration it was written for.",
	Source: ignoreSource,
	Fix:    "Fix the finding and remove the comment, or, if the exception still holds, set a later until= date.",
	Bad: ignoreModel + `kind: EndpointConfig
EndpointConfigName: eia-config
KmsKeyId: alias/sagemaker-prod
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    # sagectl:ignore accelerator-type-deprecated until=2020-01-31 migrating off Elastic Inference
    AcceleratorType: ml.eia2.medium
`,
	Good: ignoreGood,
}

// The ignore-comment findings as registry entries.
var (
	ignoreUnused  Rule = ignoreRule{ignoreUnusedInfo}
	ignoreInvalid Rule = ignoreRule{ignoreInvalidInfo}
	ignoreExpired Rule = ignoreRule{ignoreExpiredInfo}
)

// applyIgnores applies the ignore comments of files to out, the findings of rules.
// Ignores of rules that did not run (disabled) are not reported as unused; s.now
// (nil: the clock) dates the until= expiries.
func (s *settle) applyIgnores(files []*manifest.File, out []finding.Finding) []finding.Finding {
	var at time.Time
	if s.now != nil {
		at = s.now()
	}
	return suppress.Apply(files, out, suppress.Options{Now: at, Rules: s.registered, Ran: func(id string) bool { return s.ran[id] }})
}
