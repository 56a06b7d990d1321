package config

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Environment is one entry of `environments:`: a stage (staging, prod) the same
// manifests deploy to, with its own AWS account and region and an overlay folder of
// partial documents that change the base manifests for it (docs/environments.md).
type Environment struct {
	// Name is the key under environments: (--env NAME).
	Name string
	// Account is the 12-digit AWS account plan and apply must run in ("" allows the
	// accounts: list, if any).
	Account string
	// Region is the region plan and apply use when --region is not given ("" for the
	// AWS config chain's).
	Region string
	// Overlay is the folder of partial documents, made absolute from the config file's
	// folder ("" for none: the base manifests as they are); OverlayRel is as written.
	Overlay, OverlayRel string
	// Profile is the AWS shared-config profile used when --profile is not given.
	Profile string
}

// envName is an environment's name: a short slug, as it is typed after --env.
var envName = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9_-]{0,30}[a-z0-9])?$`)

// regionPattern is the shape of an AWS region name (us-east-1, eu-west-2, us-gov-west-1:
// https://docs.aws.amazon.com/general/latest/gr/rande.html#regional-endpoints).
var regionPattern = regexp.MustCompile(`^[a-z]{2}(?:-[a-z]+)+-[0-9]$`)

// envKeys are the keys of one environment.
var envKeys = []string{"account", "region", "overlay", "profile"}

// Env returns the environment named name, or nil.
func (c *Config) Env(name string) *Environment {
	for i := range c.Environments {
		if c.Environments[i].Name == name {
			return &c.Environments[i]
		}
	}
	return nil
}

// EnvNames returns the environments' names in file order.
func (c *Config) EnvNames() []string {
	var out []string
	for _, e := range c.Environments {
		out = append(out, e.Name)
	}
	return out
}

// environments reads `environments: {NAME: {account, region, overlay, profile}, ...}`.
func (p *parser) environments(v *yaml.Node) {
	if v.Kind != yaml.MappingNode || len(v.Content) == 0 {
		p.errorf(v, `example: environments: {staging: {account: "111111111111", region: us-east-1, overlay: envs/staging}}`,
			"environments must be a non-empty mapping of environment name to its account, region, overlay and profile")
		return
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		switch {
		case !envName.MatchString(k.Value):
			p.errorf(k, "use 1 to 32 lower-case letters, digits, - and _, e.g. staging or prod", "environment name %q is not a short slug", k.Value)
			continue
		case p.c.Env(k.Value) != nil:
			p.errorf(k, "remove one of the two", "environment %q is defined twice", k.Value)
			continue
		}
		if e, ok := p.environment(k.Value, val); ok {
			p.c.Environments = append(p.c.Environments, e)
		}
	}
}

// environment reads one environment's mapping.
func (p *parser) environment(name string, v *yaml.Node) (Environment, bool) {
	e := Environment{Name: name}
	if v.Kind != yaml.MappingNode {
		p.errorf(v, `example: `+name+`: {account: "111111111111", region: us-east-1, overlay: envs/`+name+`}`,
			"environment %q must be a mapping of account, region, overlay and profile", name)
		return e, false
	}
	ok := true
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if !slices.Contains(envKeys, k.Value) {
			p.errorf(k, didYouMean(k.Value, envKeys, "valid keys: "+strings.Join(envKeys, ", ")), "unknown key %q in environment %q", k.Value, name)
			ok = false
			continue
		}
		if val.Kind != yaml.ScalarNode || val.Tag == "!!null" || val.Value == "" {
			p.errorf(val, "give it a value, or remove the key", "%s of environment %q must be a string", k.Value, name)
			ok = false
			continue
		}
		switch k.Value {
		case "account":
			ok = p.envAccount(val, name) && ok
			e.Account = val.Value
			if p.envAccounts == nil {
				p.envAccounts = map[string]*yaml.Node{}
			}
			p.envAccounts[name] = val
		case "region":
			if !regionPattern.MatchString(val.Value) {
				p.errorf(val, "a region name such as us-east-1 or eu-west-1", "region %q of environment %q is not an AWS region name", val.Value, name)
				ok = false
			}
			e.Region = val.Value
		case "overlay":
			ok = p.envOverlay(val, name, &e) && ok
		case "profile":
			e.Profile = val.Value
		}
	}
	return e, ok
}

// envAccount checks an environment's account is 12 digits (checkEnvAccounts checks it
// against accounts:, whatever the order of the keys).
func (p *parser) envAccount(v *yaml.Node, name string) bool {
	if !accountID.MatchString(v.Value) {
		p.errorf(v, `quote it and keep its leading zeros: "012345678901"`, "account %q of environment %q is not a 12-digit AWS account ID", v.Value, name)
		return false
	}
	return true
}

// envOverlay checks an overlay folder: relative to the config file, inside its folder.
func (p *parser) envOverlay(v *yaml.Node, name string, e *Environment) bool {
	rel := filepath.FromSlash(v.Value)
	if filepath.IsAbs(rel) || rel == ".." || strings.HasPrefix(filepath.Clean(rel), ".."+string(filepath.Separator)) {
		p.errorf(v, "write the folder relative to this file, e.g. envs/"+name, "overlay %q of environment %q must be a folder inside the repository, relative to the config file", v.Value, name)
		return false
	}
	if filepath.Clean(rel) == "." {
		p.errorf(v, "put the environment's partial documents in their own folder, e.g. envs/"+name, "overlay of environment %q is the config file's own folder, which holds the base manifests", name)
		return false
	}
	e.OverlayRel = filepath.ToSlash(filepath.Clean(rel))
	e.Overlay = filepath.Join(p.c.Exclude.Dir, rel)
	// Its partial documents are not base manifests: lint and plan of the base skip them.
	p.c.Exclude.Patterns = append(p.c.Exclude.Patterns, "/"+e.OverlayRel)
	return true
}

// checkEnvAccounts refuses an environment account that accounts: does not list: plan
// would refuse it anyway, after reading the credentials.
func (p *parser) checkEnvAccounts() {
	if len(p.c.Accounts) == 0 {
		return
	}
	for _, e := range p.c.Environments {
		if e.Account != "" && !slices.Contains(p.c.Accounts, e.Account) {
			p.errorf(p.envAccounts[e.Name], "add it to accounts:, or fix the environment's account", "account %s of environment %q is not in accounts: (%s)", e.Account, e.Name, strings.Join(p.c.Accounts, ", "))
		}
	}
}
