package awsclient

import (
	"context"
	"strings"
	"testing"
)

func TestConfig(t *testing.T) {
	t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_DEFAULT_REGION", "")
	t.Setenv("AWS_PROFILE", "")
	ctx := context.Background()

	if _, err := Config(ctx, Options{}); err == nil || !strings.Contains(err.Error(), "--region") {
		t.Errorf("no region: err = %v, want one naming --region", err)
	}
	cfg, err := Config(ctx, Options{EndpointURL: "http://127.0.0.1:1"})
	if err != nil || cfg.Region != DefaultRegion {
		t.Errorf("endpoint URL without region: region %q, err %v; want %q", cfg.Region, err, DefaultRegion)
	}
	cfg, err = Config(ctx, Options{Region: "eu-west-1", MaxAttempts: 3})
	if err != nil || cfg.Region != "eu-west-1" {
		t.Fatalf("region flag: region %q, err %v", cfg.Region, err)
	}
	if got := cfg.Retryer().MaxAttempts(); got != 3 {
		t.Errorf("retryer attempts = %d, want 3", got)
	}
	if _, err := Config(ctx, Options{Region: "eu-west-1", Profile: "missing"}); err == nil || !strings.Contains(err.Error(), "--profile") {
		t.Errorf("unknown profile: err = %v, want one naming --profile", err)
	}
	c := NewFromConfig(cfg, Options{EndpointURL: "http://127.0.0.1:9"})
	if got := c.Options().BaseEndpoint; got == nil || *got != "http://127.0.0.1:9" {
		t.Errorf("BaseEndpoint = %v", got)
	}
}

func TestWorkers(t *testing.T) {
	for _, tc := range []struct{ in, want int }{{0, DefaultConcurrency}, {-3, DefaultConcurrency}, {5, 5}} {
		if got := (Options{Concurrency: tc.in}).Workers(); got != tc.want {
			t.Errorf("Workers(%d) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestNewNeedsCredentials(t *testing.T) {
	t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "")
	t.Setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "")
	t.Setenv("AWS_WEB_IDENTITY_TOKEN_FILE", "")
	ctx := context.Background()
	if _, err := New(ctx, Options{Region: "us-east-1"}); err == nil || !strings.Contains(err.Error(), "no AWS credentials") {
		t.Errorf("without credentials: err = %v", err)
	}
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	c, err := New(ctx, Options{EndpointURL: "http://127.0.0.1:9", Concurrency: 3})
	if err != nil || c.Options().Region != DefaultRegion {
		t.Errorf("with environment credentials: %v", err)
	}
}
