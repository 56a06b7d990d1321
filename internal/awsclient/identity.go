package awsclient

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemakerruntime"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Where says where a run's SageMaker calls go: the account of the credentials, the region
// and the --endpoint-url ("" for the regional AWS endpoint).
type Where struct {
	Account, Region, EndpointURL string
}

// Clients are the service clients of one run, all built from one configuration and
// sent to the same --endpoint-url (the emulator serves every service sagectl calls).
type Clients struct {
	// SageMaker is the client for models, endpoint configs and endpoints.
	SageMaker *sagemaker.Client
	// Autoscaling is the Application Auto Scaling client for scalable targets, scaling
	// policies and scheduled actions.
	Autoscaling *applicationautoscaling.Client
	// Runtime is the SageMaker Runtime client smoke tests invoke endpoints with.
	Runtime *sagemakerruntime.Client
}

// Connect is New plus the account the credentials belong to, read with STS
// GetCallerIdentity, which needs no permission
// (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
// With --endpoint-url the STS call goes to the same URL, as the emulator serves both. A
// failed GetCallerIdentity is an error: sagectl makes no SageMaker call in an account it
// cannot name.
func Connect(ctx context.Context, o Options) (Clients, Where, error) {
	cfg, err := credentialed(ctx, o)
	if err != nil {
		return Clients{}, Where{}, err
	}
	client := sts.NewFromConfig(cfg, func(so *sts.Options) {
		so.HTTPClient = HTTPClient(1)
		if o.EndpointURL != "" {
			so.BaseEndpoint = aws.String(o.EndpointURL)
		}
	})
	out, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return Clients{}, Where{}, fmt.Errorf("reading the AWS account of the credentials (sts:GetCallerIdentity at %s): %w: sagectl makes no SageMaker call in an account it cannot name; check the credentials with aws sts get-caller-identity", stsWhere(o.EndpointURL), err)
	}
	w := Where{Account: aws.ToString(out.Account), Region: cfg.Region, EndpointURL: o.EndpointURL}
	if w.Account == "" {
		return Clients{}, Where{}, fmt.Errorf("sts:GetCallerIdentity at %s answered no account: sagectl makes no SageMaker call in an account it cannot name", stsWhere(o.EndpointURL))
	}
	return Clients{SageMaker: NewFromConfig(cfg, o), Autoscaling: newAutoscaling(cfg, o), Runtime: newRuntime(cfg, o)}, w, nil
}

// newAutoscaling returns the Application Auto Scaling client for cfg, honouring
// o.EndpointURL.
func newAutoscaling(cfg aws.Config, o Options) *applicationautoscaling.Client {
	return applicationautoscaling.NewFromConfig(cfg, func(ao *applicationautoscaling.Options) {
		ao.HTTPClient = HTTPClient(o.Workers())
		if o.EndpointURL != "" {
			ao.BaseEndpoint = aws.String(o.EndpointURL)
		}
	})
}

// newRuntime returns the SageMaker Runtime client for cfg, honouring o.EndpointURL.
func newRuntime(cfg aws.Config, o Options) *sagemakerruntime.Client {
	return sagemakerruntime.NewFromConfig(cfg, func(ro *sagemakerruntime.Options) {
		ro.HTTPClient = HTTPClient(o.Workers())
		if o.EndpointURL != "" {
			ro.BaseEndpoint = aws.String(o.EndpointURL)
		}
	})
}

func stsWhere(url string) string {
	if url == "" {
		return "the regional STS endpoint"
	}
	return url
}
