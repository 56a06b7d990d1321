package apply

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

func TestGuardDeleteConfig(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(*fakeAPI)
		kind    Kind // "" means deleted (or already gone)
		message string
	}{
		{"owned and unused", func(f *fakeAPI) { f.addConfig("old", true); f.addEndpoint("ep", "new", "InService", true) }, "", ""},
		{"already gone", func(*fakeAPI) {}, "", ""},
		{"not owned", func(f *fakeAPI) { f.addConfig("old", false) }, KindNotOwned, "no sagectl:managed-by tag"},
		{"in use", func(f *fakeAPI) { f.addConfig("old", true); f.addEndpoint("ep", "old", "InService", false) }, KindInUse,
			`still used by endpoint "ep" (InService)`},
		{"target of an in-flight update", func(f *fakeAPI) {
			f.addConfig("old", true)
			f.addEndpoint("ep", "other", "Updating", true)
			f.endpoints["ep"].PendingDeploymentSummary = &types.PendingDeploymentSummary{EndpointConfigName: aws.String("old")}
		}, KindInUse, `endpoint "ep" (Updating)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI()
			tt.setup(api)
			_, existed := api.configs["old"]
			err := (&Guard{API: api}).DeleteConfig(context.Background(), "old")
			_, exists := api.configs["old"]
			if tt.kind != "" {
				var e *Error
				if !errors.As(err, &e) || e.Kind != tt.kind || !strings.Contains(err.Error(), tt.message) {
					t.Fatalf("err = %v, want %s containing %q", err, tt.kind, tt.message)
				}
				if !exists || api.count("DeleteEndpointConfig") != 0 {
					t.Fatal("a refused config was deleted")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if exists || api.count("DeleteEndpointConfig") != btoi(existed) {
				t.Errorf("DeleteEndpointConfig calls = %d, config still there = %v", api.count("DeleteEndpointConfig"), exists)
			}
		})
	}
}

func TestGuardDeleteModel(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(*fakeAPI)
		message string // "" means deleted
	}{
		{"unused", func(f *fakeAPI) {
			f.addModel("m", true)
			f.addConfig("c", true, "other")
			f.addEndpoint("ep", "c", "InService", true)
		}, ""},
		{"not owned", func(f *fakeAPI) { f.addModel("m", false) }, "no sagectl:managed-by tag"},
		{"served", func(f *fakeAPI) {
			f.addModel("m", true)
			f.addConfig("c", true, "m")
			f.addEndpoint("ep", "c", "InService", true)
		}, `endpoint config "c" still names it`},
		{"named by an unused config", func(f *fakeAPI) { f.addModel("m", true); f.addConfig("k", false, "other", "m") }, `endpoint config "k" still names it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI()
			tt.setup(api)
			err := (&Guard{API: api}).DeleteModel(context.Background(), "m")
			_, exists := api.models["m"]
			if tt.message == "" {
				if err != nil || exists {
					t.Fatalf("err = %v, model still there = %v", err, exists)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.message) || !exists {
				t.Fatalf("err = %v (want %q), model still there = %v", err, tt.message, exists)
			}
		})
	}
}

func TestGuardDeleteEndpoint(t *testing.T) {
	tests := []struct {
		name    string
		status  types.EndpointStatus
		owned   bool
		message string
	}{
		{"in service", "InService", true, ""},
		{"failed", "Failed", true, ""},
		{"updating", "Updating", true, "it is Updating (another deployment is in progress)"},
		{"not owned", "InService", false, "no sagectl:managed-by tag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI()
			api.addEndpoint("ep", "c", tt.status, tt.owned)
			err := (&Guard{API: api}).DeleteEndpoint(context.Background(), "ep")
			_, exists := api.endpoints["ep"]
			if tt.message == "" {
				if err != nil || exists {
					t.Fatalf("err = %v, endpoint still there = %v", err, exists)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.message) || !exists {
				t.Fatalf("err = %v (want %q), endpoint still there = %v", err, tt.message, exists)
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
