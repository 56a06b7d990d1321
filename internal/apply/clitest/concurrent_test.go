package clitest_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/sagectl/sagectl/internal/emulator"
)

// instanceTypes are what the concurrent applies move the churn endpoint to: each a new
// hashed config, an UpdateEndpoint, and the delete of the config it supersedes.
var instanceTypes = []string{"ml.m5.2xlarge", "ml.m5.4xlarge", "ml.c5.xlarge", "ml.c5.2xlarge", "ml.m5.large"}

// variant writes testdata/apply/v1 with every variant on instance type it, in a new folder.
func variant(t *testing.T, it string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testdata("v1"), "churn.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "churn.yaml"), []byte(strings.ReplaceAll(string(data), "ml.m5.xlarge", it)), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// applyProcess runs sagectl apply of a saved plan as a child process (see TestMain): two
// applies at once are two processes, as in a shared account, and share no flag state.
func (c *cliEnv) applyProcess(t *testing.T, file string) (int, string) {
	cmd := exec.Command(os.Args[0], "apply", "--poll-max", "5ms", "--retry-max-backoff", "5ms", "--endpoint-url", c.url, file)
	cmd.Env = append(os.Environ(), "SAGECTL_TEST_MAIN=1")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Errorf("running sagectl apply: %v", err)
		return -1, string(out)
	}
	return cmd.ProcessState.ExitCode(), string(out)
}

// TestConcurrentApplies runs, several times with random pairs and start delays, two applies
// of plans made against the same live state, at the same time, on one endpoint: at most
// one may succeed (the other is refused: its plan is stale, or the endpoint moved before
// its step), the endpoint ends on the winner's config, and nothing is orphaned: every
// endpoint config left is the endpoint's, every model left is a config's.
func TestConcurrentApplies(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s, err := strconv.ParseUint(os.Getenv("SAGECTL_TEST_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("seed %d (SAGECTL_TEST_SEED=%[1]d repeats this run)", seed)
	rng := rand.New(rand.NewPCG(seed, seed>>7))
	c := newCLIEnv(t)
	if code, out := c.apply("--auto-approve", testdata("v1")); code != 0 {
		t.Fatalf("setup apply: exit %d\n%s", code, out)
	}
	raw := sagemaker.New(sagemaker.Options{Region: "us-east-1", BaseEndpoint: aws.String(c.url),
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
	current := "ml.m5.xlarge"
	for trial := range 6 {
		var pick []int // two instance types the endpoint is not on: both plans have changes
		for _, i := range rng.Perm(len(instanceTypes)) {
			if instanceTypes[i] != current && len(pick) < 2 {
				pick = append(pick, i)
			}
		}
		dirs := []string{variant(t, instanceTypes[pick[0]]), variant(t, instanceTypes[pick[1]])}
		files := []string{c.savePlan(dirs[0]), c.savePlan(dirs[1])}
		delays := []time.Duration{time.Duration(rng.IntN(60)) * time.Millisecond, time.Duration(rng.IntN(60)) * time.Millisecond}
		// Half the config creates are slow: an apply whose create is slow reaches its
		// endpoint step after the other one's whole deployment, past its stale check.
		c.emu.ClearFaults()
		c.emu.Inject(emulator.Fault{Kind: emulator.Latency, Op: "CreateEndpointConfig", Probability: 0.5,
			Delay: time.Duration(50+rng.IntN(100)) * time.Millisecond})
		codes, outs := make([]int, 2), make([]string, 2)
		var wg sync.WaitGroup
		for i := range 2 {
			wg.Go(func() {
				time.Sleep(delays[i])
				codes[i], outs[i] = c.applyProcess(t, files[i])
			})
		}
		wg.Wait()
		winners := 0
		for i := range 2 {
			if codes[i] == 0 {
				winners++
				if !strings.Contains(outs[i], "Apply complete") {
					t.Errorf("trial %d: apply %d exited 0 without completing:\n%s", trial, i, outs[i])
				}
			} else if strings.Contains(outs[i], "Apply complete") {
				t.Errorf("trial %d: apply %d exited %d but says it completed:\n%s", trial, i, codes[i], outs[i])
			}
		}
		if winners > 1 {
			t.Fatalf("trial %d (%s, %s, delays %v): both applies succeeded on one endpoint:\n--- 1:\n%s\n--- 2:\n%s",
				trial, instanceTypes[pick[0]], instanceTypes[pick[1]], delays, outs[0], outs[1])
		}
		c.emu.ClearFaults()
		waitInService(t, raw, "churn")
		ep, err := raw.DescribeEndpoint(context.Background(), &sagemaker.DescribeEndpointInput{EndpointName: aws.String("churn")})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			if codes[i] == 0 {
				if got := liveInstanceType(t, raw, aws.ToString(ep.EndpointConfigName)); got != instanceTypes[pick[i]] {
					t.Errorf("trial %d: the winner asked for %s, the endpoint serves %s", trial, instanceTypes[pick[i]], got)
				}
				c.converged(dirs[i])
			}
		}
		if noOrphans(t, raw, aws.ToString(ep.EndpointConfigName)) {
			t.Fatalf("trial %d left orphans:\n--- 1:\n%s\n--- 2:\n%s", trial, outs[0], outs[1])
		}
		current = liveInstanceType(t, raw, aws.ToString(ep.EndpointConfigName))
		t.Logf("trial %d: %s exit %d, %s exit %d (delays %v)", trial, instanceTypes[pick[0]], codes[0], instanceTypes[pick[1]], codes[1], delays)
	}
}

// liveInstanceType is the instance type of a config's first variant.
func liveInstanceType(t *testing.T, raw *sagemaker.Client, config string) string {
	t.Helper()
	out, err := raw.DescribeEndpointConfig(context.Background(), &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: &config})
	if err != nil {
		t.Fatal(err)
	}
	return string(out.ProductionVariants[0].InstanceType)
}

// noOrphans asserts the only endpoint config is the endpoint's and every model is used by
// it; it reports whether any was orphaned.
func noOrphans(t *testing.T, raw *sagemaker.Client, inUse string) (orphans bool) {
	t.Helper()
	ctx := context.Background()
	configs, err := raw.ListEndpointConfigs(ctx, &sagemaker.ListEndpointConfigsInput{MaxResults: aws.Int32(100)})
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, s := range configs.EndpointConfigs {
		name := aws.ToString(s.EndpointConfigName)
		if name != inUse {
			t.Errorf("endpoint config %s is orphaned: no endpoint uses it", name)
			orphans = true
			continue
		}
		out, err := raw.DescribeEndpointConfig(ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: &name})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range out.ProductionVariants {
			used[aws.ToString(v.ModelName)] = true
		}
	}
	models, err := raw.ListModels(ctx, &sagemaker.ListModelsInput{MaxResults: aws.Int32(100)})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range models.Models {
		if !used[aws.ToString(m.ModelName)] {
			t.Errorf("model %s is orphaned: no endpoint config uses it", aws.ToString(m.ModelName))
			orphans = true
		}
	}
	return orphans
}
