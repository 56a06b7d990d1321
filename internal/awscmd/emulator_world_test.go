package awscmd

import (
	"reflect"
	"testing"

	"github.com/sagectl/sagectl/internal/emulator"
	"github.com/urfave/cli/v2"
)

// TestSeedWorldReadsEveryFlag: each world flag lands in its part of the World, repeated flags
// accumulate, and a flag not given leaves its service unseeded (where everything exists).
func TestSeedWorldReadsEveryFlag(t *testing.T) {
	var got emulator.World
	app := &cli.App{Name: "t", Flags: worldFlags(), Action: func(c *cli.Context) (err error) {
		got, err = seedWorld(c)
		return err
	}}
	err := app.Run([]string{"t", "--quota", "ml.m5.large=2", "--role", "sm", "--image", "repo:v1", "--image", "repo@sha256:ab",
		"--object", "s3://bucket/models/m.tar.gz", "--alarm", "p99", "--alarm", "errors-5xx"})
	if err != nil {
		t.Fatal(err)
	}
	want := emulator.World{
		Quotas:  map[string]float64{"ml.m5.large": 2},
		Roles:   map[string]string{"sm": ""},
		Images:  map[string][]string{"repo": {"v1", "sha256:ab"}},
		Objects: map[string][]string{"bucket": {"models/m.tar.gz"}},
		Alarms:  []string{"p99", "errors-5xx"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("seedWorld = %+v\nwant %+v", got, want)
	}
	if err := app.Run([]string{"t", "--role", "sm"}); err != nil || got.Alarms != nil || got.Images != nil {
		t.Errorf("only --role: %+v, %v; want the other services unseeded", got, err)
	}
}
