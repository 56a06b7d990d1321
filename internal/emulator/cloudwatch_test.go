package emulator_test

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/sagectl/sagectl/internal/emulator"
)

// TestDescribeAlarmsThroughTheSDK: the Go SDK's CloudWatch client (RPC v2 CBOR) finds a
// seeded alarm and not another; unseeded, every alarm asked exists.
func TestDescribeAlarmsThroughTheSDK(t *testing.T) {
	e := newEnv(t)
	e.srv.Seed(emulator.World{Alarms: []string{"churn-5xx"}})
	ctx, cw := context.Background(), cloudwatch.NewFromConfig(sdkConfig(e.srv.URL()))
	ask := func(name string) int {
		out, err := cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{name},
			AlarmTypes: []cwtypes.AlarmType{cwtypes.AlarmTypeMetricAlarm, cwtypes.AlarmTypeCompositeAlarm}})
		if err != nil {
			t.Fatalf("DescribeAlarms %s: %v", name, err)
		}
		for _, a := range out.MetricAlarms {
			if aws.ToString(a.AlarmName) != name {
				t.Errorf("asked %s, got %s", name, aws.ToString(a.AlarmName))
			}
		}
		return len(out.MetricAlarms) + len(out.CompositeAlarms)
	}
	if n := ask("churn-5xx"); n != 1 {
		t.Errorf("seeded alarm: %d alarms, want 1", n)
	}
	if n := ask("nope"); n != 0 {
		t.Errorf("unseeded alarm: %d alarms, want 0", n)
	}
	f := newEnv(t)
	cw = cloudwatch.NewFromConfig(sdkConfig(f.srv.URL()))
	out, err := cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{"any"}})
	if err != nil || len(out.MetricAlarms) != 1 {
		t.Errorf("unseeded world: %v, %v; want the alarm to exist", out, err)
	}
}

// FuzzDescribeAlarms: any body answers, never panics the emulator.
func FuzzDescribeAlarms(f *testing.F) {
	f.Add([]byte{0xa1, 0x6a, 'A', 'l', 'a', 'r', 'm', 'N', 'a', 'm', 'e', 's', 0x81, 0x61, 'a'})
	f.Add([]byte{0xff})
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = srv.Close() })
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := http.NewRequest(http.MethodPost, srv.URL()+"/service/GraniteServiceVersion20100801/operation/DescribeAlarms", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/monitoring/aws4_request")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("status %d", resp.StatusCode)
		}
	})
}
