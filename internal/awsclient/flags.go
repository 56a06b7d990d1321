package awsclient

import "github.com/urfave/cli/v2"

// Flag names, spelled as the AWS CLI spells them.
const (
	FlagRegion      = "region"
	FlagProfile     = "profile"
	FlagEndpointURL = "endpoint-url"
	FlagConcurrency = "concurrency"
)

// Flags returns the AWS flags every command that talks to SageMaker accepts.
func Flags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: FlagRegion, Usage: "AWS region (default: AWS_REGION or the profile's region)"},
		&cli.StringFlag{Name: FlagProfile, Usage: "named profile from the AWS shared config files"},
		&cli.StringFlag{Name: FlagEndpointURL, Usage: "send SageMaker calls to this URL (e.g. the emulator)"},
		&cli.IntFlag{Name: FlagConcurrency, Value: DefaultConcurrency, Usage: "at most this many SageMaker calls at once"},
	}
}

// FromContext reads the flags of Flags from a command's context.
func FromContext(c *cli.Context) Options {
	return Options{
		Region:      c.String(FlagRegion),
		Profile:     c.String(FlagProfile),
		EndpointURL: c.String(FlagEndpointURL),
		Concurrency: c.Int(FlagConcurrency),
	}
}
