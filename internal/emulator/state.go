package emulator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// state is every resource the emulator holds, keyed by lower-cased name (SageMaker names are
// case-insensitive). It is what --state saves and loads.
type state struct {
	Models    map[string]*modelRecord
	Configs   map[string]*configRecord
	Endpoints map[string]*endpointRecord
	// ScalableTargets are the Application Auto Scaling targets with their policies and
	// scheduled actions, sorted (Server.aas holds them by key while the emulator runs).
	ScalableTargets []*targetRecord `json:",omitempty"`
	// InferenceComponents are the components by key (Server.ics while the emulator runs).
	InferenceComponents map[string]*componentRecord `json:",omitempty"`
	// World is the rest of the account (world.go); nil until seeded.
	World *World `json:",omitempty"`
}

func newState() *state {
	return &state{
		Models:    map[string]*modelRecord{},
		Configs:   map[string]*configRecord{},
		Endpoints: map[string]*endpointRecord{},
	}
}

// visibility is the stale-read window of a newly created resource.
type visibility struct {
	HiddenReads int
	HiddenUntil time.Time
}

type modelRecord struct {
	Input   *sagemaker.CreateModelInput
	Arn     string
	Created time.Time
	Tags    []types.Tag
	Vis     visibility
}

type configRecord struct {
	Input   *sagemaker.CreateEndpointConfigInput
	Arn     string
	Created time.Time
	Tags    []types.Tag
	Vis     visibility
}

type endpointRecord struct {
	Input    *sagemaker.CreateEndpointInput
	Arn      string
	Created  time.Time
	Modified time.Time
	Tags     []types.Tag
	Vis      visibility
	Status   types.EndpointStatus
	Failure  *string
	// Config is the config the endpoint runs; Deployed is a copy of it taken at deploy time,
	// so the endpoint still describes itself after the config is deleted.
	Config               string
	Deployed             *sagemaker.CreateEndpointConfigInput
	Variants             []types.ProductionVariantSummary
	Shadow               []types.ProductionVariantSummary
	LastDeploymentConfig *types.DeploymentConfig
	Pending              *transition
}

// transition is an endpoint operation in flight; it completes when the clock reaches Due.
type transition struct {
	Kind     string // "create", "update", "weights" or "delete"
	Due      time.Time
	Outcome  EndpointOutcome
	Reason   string
	Config   string
	Deployed *sagemaker.CreateEndpointConfigInput
	Variants []types.ProductionVariantSummary
	Shadow   []types.ProductionVariantSummary
	Deploy   *types.DeploymentConfig
}

func key(name string) string { return strings.ToLower(name) }

func sameName(a, b string) bool { return strings.EqualFold(a, b) }

// loadState reads a state file; a missing file is an empty state.
func loadState(path string) (*state, error) {
	st := newState()
	if path == "" {
		return st, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading emulator state: %v", err)
	}
	if err := decodeJSON(b, st); err != nil {
		return nil, fmt.Errorf("%s is not an emulator state file (%v); delete it or pass another --state", path, err)
	}
	return st, nil
}

// saveState writes the state atomically: a temporary file renamed over the old one.
func saveState(path string, st *state) error {
	b, err := encodeJSON(st)
	if err != nil {
		return fmt.Errorf("encoding emulator state: %v", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".emulator-state-*")
	if err != nil {
		return fmt.Errorf("saving emulator state: %v", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("saving emulator state to %s: %v", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("saving emulator state to %s: %v", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("saving emulator state to %s: %v", path, err)
	}
	return nil
}
