// Package awsclient builds the SageMaker client sagectl's plan, import and apply share:
// AWS-CLI-style flags (--region, --profile, --endpoint-url), the standard config chain,
// the SDK's retryer tuned for a planner that reads many resources at once, and a bound
// on how many calls run concurrently.
package awsclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
)

// Defaults for Options.
const (
	DefaultConcurrency = 16
	DefaultMaxAttempts = 8
	DefaultMaxBackoff  = 20 * time.Second
	// DefaultRegion is used with --endpoint-url when no region is configured, so a
	// local emulator works without an AWS profile.
	DefaultRegion = "us-east-1"
)

// Options are the AWS settings of one sagectl run.
type Options struct {
	// Region overrides AWS_REGION and the profile's region (--region).
	Region string
	// Profile selects a named profile of the shared config files (--profile).
	Profile string
	// EndpointURL sends every call to this URL instead of the regional endpoint
	// (--endpoint-url), e.g. the emulator on 127.0.0.1.
	EndpointURL string
	// MaxAttempts bounds the SDK retryer's attempts per call (throttling and 5xx);
	// 0 means DefaultMaxAttempts.
	MaxAttempts int
	// Concurrency bounds how many calls run at once; 0 means DefaultConcurrency.
	Concurrency int
}

// Workers returns the effective concurrency bound (at least 1).
func (o Options) Workers() int {
	if o.Concurrency <= 0 {
		return DefaultConcurrency
	}
	return o.Concurrency
}

// Config loads the AWS configuration through the standard chain (environment, shared
// config and credentials files, SSO, container and instance roles), applying o.
func Config(ctx context.Context, o Options) (aws.Config, error) {
	attempts := o.MaxAttempts
	if attempts <= 0 {
		attempts = DefaultMaxAttempts
	}
	opts := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer {
			return retry.NewStandard(func(so *retry.StandardOptions) {
				so.MaxAttempts = attempts
				so.MaxBackoff = DefaultMaxBackoff
				// The client-side retry quota would stop retrying throttled reads
				// when many run at once; SageMaker's own throttling is the limit.
				so.RateLimiter = ratelimit.None
			})
		}),
	}
	if o.Region != "" {
		opts = append(opts, config.WithRegion(o.Region))
	}
	if o.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(o.Profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("loading AWS configuration: %w (check --profile, AWS_PROFILE and ~/.aws/config)", err)
	}
	if cfg.Region == "" {
		if o.EndpointURL == "" {
			return aws.Config{}, fmt.Errorf("no AWS region: pass --region, set AWS_REGION, or set region in the profile")
		}
		cfg.Region = DefaultRegion
	}
	return cfg, nil
}

// New returns a SageMaker client configured from o. It resolves the credentials
// first, so a missing one fails once, with what to do, rather than on every call.
func New(ctx context.Context, o Options) (*sagemaker.Client, error) {
	cfg, err := credentialed(ctx, o)
	if err != nil {
		return nil, err
	}
	return NewFromConfig(cfg, o), nil
}

// credentialed is Config with its credentials resolved.
func credentialed(ctx context.Context, o Options) (aws.Config, error) {
	cfg, err := Config(ctx, o)
	if err != nil {
		return aws.Config{}, err
	}
	if cfg.Credentials == nil {
		return aws.Config{}, errNoCredentials(errors.New("no credential provider configured"))
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return aws.Config{}, errNoCredentials(err)
	}
	return cfg, nil
}

func errNoCredentials(err error) error {
	return fmt.Errorf("no AWS credentials (%v): pass --profile or set AWS_PROFILE, run aws configure or aws sso login, "+
		"or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (any values do for the emulator)", err)
}

// NewFromConfig returns a SageMaker client for cfg, honouring o.EndpointURL, with an
// HTTP client that keeps one idle connection per concurrent call.
func NewFromConfig(cfg aws.Config, o Options) *sagemaker.Client {
	return sagemaker.NewFromConfig(cfg, func(so *sagemaker.Options) {
		so.HTTPClient = HTTPClient(o.Workers())
		if o.EndpointURL != "" {
			so.BaseEndpoint = aws.String(o.EndpointURL)
		}
	})
}

// HTTPClient is the SDK's HTTP client with room for workers idle connections to one
// host: the default keeps 10, so more concurrent calls would open (and close) a
// connection per call.
func HTTPClient(workers int) *awshttp.BuildableClient {
	return awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.MaxIdleConnsPerHost = max(workers, t.MaxIdleConnsPerHost)
		t.MaxIdleConns = max(workers, t.MaxIdleConns)
	})
}
