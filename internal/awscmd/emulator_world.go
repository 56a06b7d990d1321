package awscmd

import (
	"strings"

	"github.com/sagectl/sagectl/internal/emulator"
	"github.com/sagectl/sagectl/internal/lintcmd"
	"github.com/urfave/cli/v2"
)

// worldFlags seed the emulator's world (emulator.World): what preflight and the AWS CLI read
// of IAM, ECR, S3, CloudWatch and Service Quotas. A service given no flag (and no state) has everything.
func worldFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "quota", Usage: "applied quota \"TYPE for endpoint usage\", `TYPE=N` (e.g. ml.m5.large=2); repeatable"},
		&cli.StringSliceFlag{Name: "role", Usage: "IAM role `NAME` that exists and trusts SageMaker; repeatable; with any, other roles do not exist"},
		&cli.StringSliceFlag{Name: "image", Usage: "ECR image `REPO:TAG` (or REPO@sha256:...) that exists; repeatable; with any, others do not"},
		&cli.StringSliceFlag{Name: "object", Usage: "S3 object `s3://BUCKET/KEY` that exists; repeatable; with any, other buckets and objects do not"},
		&cli.StringSliceFlag{Name: "alarm", Usage: "CloudWatch alarm `NAME` that exists; repeatable; with any, other alarms do not"},
	}
}

// seedWorld reads the world flags into a World.
func seedWorld(c *cli.Context) (emulator.World, error) {
	var w emulator.World
	for _, q := range c.StringSlice("quota") {
		t, n, err := emulator.ParseQuota(q)
		if err != nil {
			return w, lintcmd.Fail(lintcmd.ExitUsage, "%v", err)
		}
		w.Quotas = addTo(w.Quotas, t, n)
	}
	for _, r := range c.StringSlice("role") {
		w.Roles = addTo(w.Roles, r, "")
	}
	for _, img := range c.StringSlice("image") {
		repo, ref, ok := strings.Cut(img, "@")
		if !ok {
			repo, ref, ok = strings.Cut(img, ":")
		}
		if !ok || repo == "" || ref == "" {
			return w, lintcmd.Fail(lintcmd.ExitUsage, "--image %q: want REPO:TAG or REPO@sha256:DIGEST", img)
		}
		w.Images = addTo(w.Images, repo, append(w.Images[repo], ref))
	}
	for _, o := range c.StringSlice("object") {
		bucket, key, ok := strings.Cut(strings.TrimPrefix(o, "s3://"), "/")
		if !ok || !strings.HasPrefix(o, "s3://") || bucket == "" || key == "" {
			return w, lintcmd.Fail(lintcmd.ExitUsage, "--object %q: want s3://BUCKET/KEY", o)
		}
		w.Objects = addTo(w.Objects, bucket, append(w.Objects[bucket], key))
	}
	w.Alarms = append(w.Alarms, c.StringSlice("alarm")...)
	return w, nil
}

func addTo[V any](m map[string]V, k string, v V) map[string]V {
	if m == nil {
		m = map[string]V{}
	}
	m[k] = v
	return m
}
