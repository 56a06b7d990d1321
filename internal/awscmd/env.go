package awscmd

import (
	"context"
	"os"

	"github.com/sagectl/sagectl/internal/awsclient"
	"github.com/sagectl/sagectl/internal/config"
	"github.com/sagectl/sagectl/internal/lintcmd"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
	"github.com/urfave/cli/v2"
)

// useEnv selects the environment of --env (or, when --env is not given, the one named
// saved, a saved plan's): its overlay for the manifests (settings.Env), and its region
// and profile as the defaults of --region and --profile. A --region other than the
// environment's is refused: the environment says where it lives. It returns nil for no
// environment.
func useEnv(settings *lintcmd.Settings, c *cli.Context, saved string) (*config.Environment, error) {
	env, err := settings.SelectEnv(c)
	if err != nil || (env == nil && saved == "") {
		return env, err
	}
	if env == nil {
		if env = settings.Config.Env(saved); env == nil {
			return nil, lintcmd.Fail(lintcmd.ExitFindings, "the plan was made for environment %s, which %s does not define: apply it from the repository that made it, or plan again",
				saved, configName(settings))
		}
		settings.Env = env
	}
	if r := c.String(awsclient.FlagRegion); env.Region != "" && r != "" && r != env.Region {
		return nil, lintcmd.Fail(lintcmd.ExitUsage, "--region %s is not environment %s's region %s (%s): drop --region, or fix region: of %s",
			r, env.Name, env.Region, configName(settings), env.Name)
	}
	if env.Region != "" {
		_ = c.Set(awsclient.FlagRegion, env.Region) // a defined flag: Set cannot fail
	}
	if env.Profile != "" && !c.IsSet(awsclient.FlagProfile) && profileFree() {
		_ = c.Set(awsclient.FlagProfile, env.Profile)
	}
	return env, nil
}

// profileFree reports whether the process names no credentials of its own: no AWS_PROFILE
// and no AWS_ACCESS_KEY_ID (a CI job's credentials, which an environment's profile must
// not replace: https://docs.aws.amazon.com/sdkref/latest/guide/environment-variables.html).
func profileFree() bool {
	return os.Getenv("AWS_PROFILE") == "" && os.Getenv("AWS_ACCESS_KEY_ID") == ""
}

// checkEnvAccount refuses, before any SageMaker call, credentials of an account other than
// the environment's: a production plan or apply can only reach the production account.
func checkEnvAccount(settings *lintcmd.Settings, env *config.Environment, where *plan.Target) error {
	if env == nil {
		return nil
	}
	where.Environment = env.Name
	if env.Account == "" || where.Offline || where.Account == env.Account {
		return nil
	}
	return lintcmd.Fail(lintcmd.ExitFindings, "the credentials are for AWS account %s, and environment %s is account %s (%s): nothing was read or changed; use credentials of account %s (--profile, AWS_PROFILE), or pick the environment of account %s",
		where.Account, env.Name, env.Account, configName(settings), env.Account, where.Account)
}

// configName names the config file in messages.
func configName(s *lintcmd.Settings) string {
	if s.Config.Path == "" {
		return config.FileName
	}
	return s.Config.Path
}

// envLiveReader is liveReader for import: with --env, the environment's region and
// profile, and its account checked before any SageMaker call.
func envLiveReader(ctx context.Context, e *lintcmd.Env, c *cli.Context) (live.Reader, error) {
	if !c.IsSet("env") {
		reader, _, _, err := liveReader(ctx, c)
		return reader, err
	}
	settings, err := lintcmd.LoadSettings(e, c)
	if err != nil {
		return nil, err
	}
	env, err := useEnv(settings, c, "")
	if err != nil {
		return nil, err
	}
	reader, where, _, err := liveReader(ctx, c)
	if err != nil {
		return nil, err
	}
	return reader, checkEnvAccount(settings, env, &where)
}
