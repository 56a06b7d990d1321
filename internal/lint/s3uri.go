package lint

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// s3URISchema is the API model's loose pattern for S3 locations, and s3URIMaxLen their length
// limit. Values they reject are the schema's to report, so the bucket checks stay quiet on them.
var s3URISchema = regexp.MustCompile(`^(?:(https|s3)://([^/])/?(.*))$`)

const s3URIMaxLen = 512

// s3PathStyleHost matches the S3 endpoints that take the bucket as the first path segment
// (https://s3.eu-west-1.amazonaws.com/BUCKET/...).
var s3PathStyleHost = regexp.MustCompile(`^s3([.-][a-z0-9-]+)*\.amazonaws\.com(\.cn)?$`)

// s3VirtualHost matches virtual-hosted S3 endpoints (https://BUCKET.s3.eu-west-1.amazonaws.com/...).
var s3VirtualHost = regexp.MustCompile(`^(.+)\.s3([.-][a-z0-9-]+)*\.amazonaws\.com(\.cn)?$`)

var ipv4Like = regexp.MustCompile(`^\d+\.\d+\.\d+\.\d+$`)

// s3URIProblem returns what is wrong with an S3 location that the schema pattern accepts:
// the URI must name a real bucket. It returns "" when the URI is fine or when the schema
// pattern already rejects it.
func s3URIProblem(uri string) string {
	if len(uri) > s3URIMaxLen || !s3URISchema.MatchString(uri) {
		return ""
	}
	if rest, ok := strings.CutPrefix(uri, "s3://"); ok {
		bucket, _, _ := strings.Cut(rest, "/")
		return bucketProblem(bucket)
	}
	u, err := url.Parse(uri)
	if err != nil {
		return fmt.Sprintf("it is not a valid URL (%v)", err)
	}
	host := strings.ToLower(u.Hostname())
	if m := s3VirtualHost.FindStringSubmatch(host); m != nil {
		return bucketProblem(m[1])
	}
	if s3PathStyleHost.MatchString(host) {
		bucket, _, _ := strings.Cut(strings.TrimPrefix(u.Path, "/"), "/")
		if bucket == "" {
			return "the URL names no bucket (expected https://s3.REGION.amazonaws.com/BUCKET/PREFIX)"
		}
		return bucketProblem(bucket)
	}
	return fmt.Sprintf("host %q is not an Amazon S3 endpoint (expected https://BUCKET.s3.REGION.amazonaws.com/PREFIX)", u.Host)
}

// bucketProblem checks the S3 general purpose bucket naming rules.
func bucketProblem(b string) string {
	bad := func(why string) string { return fmt.Sprintf("bucket name %q is not valid: %s", b, why) }
	switch {
	case b == "":
		return "it names no bucket (expected s3://BUCKET/PREFIX)"
	case len(b) < 3 || len(b) > 63:
		return bad(fmt.Sprintf("it has %d characters; bucket names have 3 to 63", len(b)))
	case strings.IndexFunc(b, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-') }) >= 0:
		return bad("only lowercase letters, digits, dots and hyphens are allowed")
	case !alnum(b[0]) || !alnum(b[len(b)-1]):
		return bad("it must begin and end with a letter or digit")
	case strings.Contains(b, ".."):
		return bad("it must not contain two adjacent dots")
	case ipv4Like.MatchString(b):
		return bad("it must not be formatted as an IP address")
	case strings.HasPrefix(b, "xn--") || strings.HasPrefix(b, "sthree-"):
		return bad(`the prefixes "xn--" and "sthree-" are reserved`)
	case strings.HasSuffix(b, "-s3alias") || strings.HasSuffix(b, "--ol-s3"):
		return bad(`the suffixes "-s3alias" and "--ol-s3" are reserved`)
	}
	return ""
}

func alnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// s3URISource cites the limits every S3-location rule relies on.
const s3URISource = "the S3 URI pattern (https|s3)://([^/])/?(.*) of DataCaptureConfig.DestinationS3Uri: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DataCaptureConfig.html; " +
	"AsyncInferenceOutputConfig.S3OutputPath and S3FailurePath: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_AsyncInferenceOutputConfig.html; " +
	"S3 bucket naming rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html"

// reportS3Location reports the S3 location at n (field names it in the message) when
// it names no real bucket; form is the expected shape for the hint (s3://BUCKET/PREFIX).
func reportS3Location(p *Pass, n *yaml.Node, field, form string) {
	uri, ok := manifest.Str(n)
	if !ok {
		return
	}
	if why := s3URIProblem(uri); why != "" {
		p.Report(n, fmt.Sprintf("%s %q is not a usable S3 location: %s", field, uri, why),
			fmt.Sprintf("write %s with the name of an existing bucket", form))
	}
}
