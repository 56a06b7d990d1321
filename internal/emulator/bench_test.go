package emulator_test

import (
	"testing"

	"github.com/sagectl/sagectl/internal/emulator"
)

// BenchmarkDescribeEndpoint measures one request through the handler (decode, validate,
// settle, encode) with 100 endpoints held: the emulator must not be what slows apply tests.
func BenchmarkDescribeEndpoint(b *testing.B) {
	srv, err := emulator.New(emulator.Options{Clock: emulator.NewFakeClock(epoch)})
	if err != nil {
		b.Fatal(err)
	}
	serve(srv, "CreateModel", `{"ModelName":"m","PrimaryContainer":{"Image":"i"}}`)
	serve(srv, "CreateEndpointConfig", `{"EndpointConfigName":"c","ProductionVariants":[{"VariantName":"a","ModelName":"m","InstanceType":"ml.m5.large","InitialInstanceCount":1}]}`)
	for i := range 100 {
		if code, body := serve(srv, "CreateEndpoint", `{"EndpointName":"e`+string(rune('a'+i%26))+string(rune('a'+i/26))+`","EndpointConfigName":"c"}`); code != 200 {
			b.Fatalf("CreateEndpoint: %d %s", code, body)
		}
	}
	for b.Loop() {
		if code, body := serve(srv, "DescribeEndpoint", `{"EndpointName":"eaa"}`); code != 200 {
			b.Fatalf("%d %s", code, body)
		}
	}
}
