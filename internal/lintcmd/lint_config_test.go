package lintcmd

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/config"
	"github.com/sagectl/sagectl/internal/lint"
)

const eiaManifest = `kind: EndpointConfig
EndpointConfigName: eia
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    AcceleratorType: ml.eia2.medium
`

const eiaRule = "accelerator-type-deprecated"

// onlyRule returns config lines that turn off every rule but keep, so a test does
// not depend on what other rules say about its manifest.
func onlyRule(keep string) string {
	var b strings.Builder
	b.WriteString("rules:\n")
	for _, id := range ruleIDs() {
		if id != keep && !strings.HasPrefix(id, "ignore-") {
			b.WriteString("  " + id + ": off\n")
		}
	}
	return b.String()
}

// runIn runs sagectl with args in dir and returns stdout, stderr and the exit code.
func runIn(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	code := Run(append([]string{"sagectl"}, args...), strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLintConfigFoundUpward(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, ".sagectl.yaml"), onlyRule(eiaRule)+"  "+eiaRule+": warning\n")
	write(t, filepath.Join(root, "sub", "m.yaml"), eiaManifest)
	out, _, code := runIn(t, filepath.Join(root, "sub"), "lint", "m.yaml")
	if code != ExitOK || !strings.Contains(out, "m.yaml:8:5: warning:") || strings.Count(out, "[") != 1 {
		t.Errorf("exit %d, want 0 with one warning:\n%s", code, out)
	}
	// --fail-on on the command line beats the default; fail-on in the file beats the default.
	if _, _, code := runIn(t, filepath.Join(root, "sub"), "lint", "--fail-on", "warning", "m.yaml"); code != ExitFindings {
		t.Errorf("--fail-on warning: exit %d, want 1", code)
	}
	write(t, filepath.Join(root, ".sagectl.yaml"), onlyRule(eiaRule)+"  "+eiaRule+": warning\nfail-on: warning\n")
	if _, _, code := runIn(t, filepath.Join(root, "sub"), "lint", "m.yaml"); code != ExitFindings {
		t.Errorf("fail-on: warning in the file: exit %d, want 1", code)
	}
	if _, _, code := runIn(t, filepath.Join(root, "sub"), "lint", "--fail-on=error", "m.yaml"); code != ExitOK {
		t.Errorf("--fail-on error over the file's warning: exit %d, want 0", code)
	}
}

func TestLintConfigFlagOverridesFoundFile(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, ".sagectl.yaml"), "rules: {nonsense: off}\n") // invalid, but not read
	write(t, filepath.Join(root, "ci.yaml"), onlyRule(eiaRule)+"  "+eiaRule+": off\n")
	write(t, filepath.Join(root, "m.yaml"), eiaManifest)
	out, errs, code := runIn(t, root, "lint", "--config", "ci.yaml", "m.yaml")
	if code != ExitOK || strings.Contains(out, eiaRule) {
		t.Errorf("rule off in --config file: exit %d\n%s%s", code, out, errs)
	}
	_, errs, code = runIn(t, root, "lint", "m.yaml")
	if code != ExitUsage || !strings.Contains(errs, ".sagectl.yaml:1:9: unknown rule \"nonsense\"") {
		t.Errorf("invalid found file: exit %d, stderr:\n%s", code, errs)
	}
}

func TestLintConfigErrors(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "m.yaml"), eiaManifest)
	write(t, filepath.Join(root, "bad.yaml"), "rules:\n  accelerator-type-deprecatd: off\nfailon: error\n")
	_, errs, code := runIn(t, root, "lint", "--config", "missing.yaml", "m.yaml")
	if code != ExitUsage || !strings.Contains(errs, "missing.yaml does not exist") {
		t.Errorf("missing --config: exit %d, stderr:\n%s", code, errs)
	}
	_, errs, code = runIn(t, root, "lint", "--config", "bad.yaml", "m.yaml")
	for _, want := range []string{
		`bad.yaml:2:3: unknown rule "accelerator-type-deprecatd" (did you mean "accelerator-type-deprecated"?)`,
		`bad.yaml:3:1: unknown key "failon" in the config file (did you mean "fail-on"?)`,
		"invalid config file bad.yaml",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if code != ExitUsage {
		t.Errorf("exit %d, want 2", code)
	}
}

func TestLintExclude(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, ".sagectl.yaml"), onlyRule(eiaRule)+"exclude: [broken]\n")
	write(t, filepath.Join(root, "m", "broken", "a.yaml"), eiaManifest)
	write(t, filepath.Join(root, "m", "drafts", "b.yaml"), eiaManifest)
	write(t, filepath.Join(root, "m", "c.yaml"), eiaManifest)
	out, _, _ := runIn(t, root, "lint", "--exclude", "m/drafts", "m")
	if strings.Contains(out, "a.yaml") || strings.Contains(out, "b.yaml") || !strings.Contains(out, "c.yaml:8:5") {
		t.Errorf("want only c.yaml linted:\n%s", out)
	}
	// An explicitly named file is excluded too (pre-commit passes file names).
	if out, _, code := runIn(t, root, "lint", filepath.Join("m", "broken", "a.yaml")); code != ExitOK || out != "" {
		t.Errorf("excluded file named on the command line: exit %d\n%s", code, out)
	}
}

func TestLintDisabledRuleDoesNotRun(t *testing.T) {
	opt := lint.OptionsFor(mustParse(t, onlyRule("nothing")))
	if len(opt.Rules) == 0 {
		t.Fatal("no rules at all: the ignore-* rules should remain")
	}
	for _, r := range opt.Rules {
		if !strings.HasPrefix(r.Info().ID, "ignore-") {
			t.Errorf("disabled rule %s would run", r.Info().ID)
		}
	}
	if got, all := len(lint.Registry()), len(opt.Rules); got == all {
		t.Error("nothing was disabled")
	}
}

func TestLintSuppression(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, ".sagectl.yaml"), onlyRule(eiaRule))
	src := strings.Replace(eiaManifest, "ml.eia2.medium", "ml.eia2.medium # sagectl:ignore accelerator-type-deprecated legacy fleet", 1)
	write(t, filepath.Join(root, "m.yaml"), src+"# sagectl:ignore accelerator-type-deprecated nothing here\n")
	out, _, code := runIn(t, root, "lint", "m.yaml")
	if code != ExitOK || strings.Contains(out, "[accelerator-type-deprecated]") || !strings.Contains(out, "m.yaml:9:18: warning: ignore of accelerator-type-deprecated silenced nothing") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func mustParse(t *testing.T, src string) *config.Config {
	t.Helper()
	c, fs := config.Parse(".sagectl.yaml", []byte(src), ruleIDs())
	if len(fs) > 0 {
		t.Fatal(fs)
	}
	return c
}

// TestConfigTestdata: testdata/config/ok-*.yaml load with the real rule registry, and
// each err-*.yaml gives exactly the problems in its .out file.
func TestConfigTestdata(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/config/*.yaml")
	if len(files) < 2 {
		t.Fatal("no config test files")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			_, err := config.Load(f, ruleIDs())
			if strings.HasPrefix(filepath.Base(f), "ok-") {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("invalid config accepted")
			}
			got := strings.ReplaceAll(err.Error(), f, filepath.Base(f)) + "\n"
			golden := strings.TrimSuffix(f, ".yaml") + ".out"
			if *updateConfig {
				os.WriteFile(golden, []byte(got), 0o644)
				return
			}
			want, rerr := os.ReadFile(golden)
			if rerr != nil || got != string(want) {
				t.Errorf("got:\n%s\nwant (%s):\n%s", got, golden, want)
			}
		})
	}
}

var updateConfig = flag.Bool("update-config", false, "rewrite testdata/config/*.out")

// TestConfigDocExample keeps docs/config.md true: its example config is the one in
// testdata/config/ok-full.yaml, which TestConfigTestdata loads with the real rules.
func TestConfigDocExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/config.md")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("../../testdata/config/ok-full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "```yaml\n"+string(example)+"```\n") {
		t.Error("docs/config.md does not show testdata/config/ok-full.yaml as its example")
	}
}

// TestLintDialectsThroughCLI: CloudFormation and ACK files go through sagectl lint
// with the config and ignore comments applied, positions in the original files.
func TestLintDialectsThroughCLI(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, ".sagectl.yaml"), onlyRule(eiaRule))
	tmpl, err := os.ReadFile("../../testdata/cfn/template.json")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, "t.json"), string(tmpl))
	ack := "apiVersion: sagemaker.services.k8s.aws/v1alpha1\nkind: EndpointConfig\nspec:\n  productionVariants:\n" +
		"    - variantName: a\n      acceleratorType: ml.eia2.medium\n" +
		"    - variantName: b\n      # sagectl:ignore accelerator-type-deprecated until=2999-01-01 legacy\n      acceleratorType: ml.eia2.medium\n"
	write(t, filepath.Join(root, "ack.yaml"), ack)
	out, _, code := runIn(t, root, "lint", ".")
	var got []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasSuffix(l, "]") && !strings.HasPrefix(l, " ") {
			got = append(got, l)
		}
	}
	want := []string{
		`ack.yaml:6:7: error: AcceleratorType "ml.eia2.medium" requests Elastic Inference, which is no longer available [accelerator-type-deprecated]`,
		`t.json:14:13: error: AcceleratorType "ml.eia1.medium" requests Elastic Inference, which is no longer available [accelerator-type-deprecated]`,
	}
	if code != ExitFindings || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("exit %d, findings:\n%s\nwant:\n%s", code, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
