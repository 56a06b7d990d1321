package preflight

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	smtypes "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/sagectl/sagectl/internal/manifest"
)

// S3 is the S3 calls the artifact and bucket checks make.
type S3 interface {
	GetBucketLocation(context.Context, *s3.GetBucketLocationInput, ...func(*s3.Options)) (*s3.GetBucketLocationOutput, error)
	HeadObject(context.Context, *s3.HeadObjectInput, ...func(*s3.Options)) (*s3.HeadObjectOutput, error)
	ListObjectsV2(context.Context, *s3.ListObjectsV2Input, ...func(*s3.Options)) (*s3.ListObjectsV2Output, error)
}

// container checks a container's image and model artifacts.
func (r *run) container(doc *manifest.Document, ptr string, c *smtypes.ContainerDefinition) {
	if c.Image != nil && !(c.ImageConfig != nil && c.ImageConfig.RepositoryAccessMode == smtypes.RepositoryAccessModeVpc) {
		r.image(doc, ptr+"/Image", *c.Image)
	}
	if c.ModelDataUrl != nil {
		r.artifact(doc, ptr+"/ModelDataUrl", *c.ModelDataUrl, c.Mode == smtypes.ContainerModeMultiModel)
	}
	if s := c.ModelDataSource; s != nil && s.S3DataSource != nil && s.S3DataSource.S3Uri != nil {
		r.artifact(doc, ptr+"/ModelDataSource/S3DataSource/S3Uri", *s.S3DataSource.S3Uri, s.S3DataSource.S3DataType == smtypes.S3ModelDataTypeS3Prefix)
	}
}

// splitS3 returns the bucket and key of s3://BUCKET/KEY.
func splitS3(uri string) (bucket, key string, ok bool) {
	rest, ok := strings.CutPrefix(uri, "s3://")
	if !ok {
		return "", "", false
	}
	bucket, key, _ = strings.Cut(rest, "/")
	return bucket, key, bucket != ""
}

// bucket checks that the bucket of an output URI exists in the plan's region.
func (r *run) bucket(doc *manifest.Document, ptr string, uri *string) {
	if uri == nil {
		return
	}
	b, _, isS3 := splitS3(*uri)
	if !isS3 {
		return // lint reports a URI that is not s3://
	}
	r.once(doc, ptr, "bucket "+b, func() result { return r.bucketRegion(b) })
}

// bucketRegion checks that bucket exists and is in the plan's region: SageMaker reads and
// writes S3 in the endpoint's region
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html#sagemaker-Type-ContainerDefinition-ModelDataUrl).
func (r *run) bucketRegion(bucket string) result {
	if r.c.S3 == nil {
		return ok
	}
	out, err := r.c.S3.GetBucketLocation(r.ctx, &s3.GetBucketLocationInput{Bucket: aws.String(bucket)})
	if code(err) == "NoSuchBucket" {
		return problem("preflight-s3-bucket", "create the bucket, or fix its name", "S3 bucket %s does not exist", bucket)
	}
	if err != nil {
		return notChecked("S3 bucket "+bucket, "s3:GetBucketLocation", err)
	}
	// An empty LocationConstraint is us-east-1, EU is eu-west-1
	// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html).
	region := string(out.LocationConstraint)
	switch region {
	case "":
		region = "us-east-1"
	case "EU":
		region = "eu-west-1"
	}
	if r.in.Region != "" && region != r.in.Region {
		return problem("preflight-s3-bucket", "use a bucket in "+r.in.Region+", or deploy in "+region,
			"S3 bucket %s is in %s, not %s where the endpoint runs: SageMaker cannot use it", bucket, region, r.in.Region)
	}
	return ok
}

// artifact checks that the object (or, for prefix, at least one object under the prefix) of
// a model artifact URI exists, in a bucket of the plan's region.
func (r *run) artifact(doc *manifest.Document, ptr, uri string, prefix bool) {
	b, key, isS3 := splitS3(uri)
	if !isS3 {
		return
	}
	r.once(doc, ptr, "bucket "+b, func() result { return r.bucketRegion(b) })
	if r.c.S3 == nil {
		return
	}
	r.once(doc, ptr, "artifact "+uri, func() result {
		if r.result("bucket "+b).msg != "" {
			return ok // the bucket's finding says it all
		}
		if prefix {
			out, err := r.c.S3.ListObjectsV2(r.ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b), Prefix: aws.String(key), MaxKeys: aws.Int32(1)})
			if err != nil {
				return notChecked("model artifacts "+uri, "s3:ListBucket", err)
			}
			if len(out.Contents) == 0 {
				return problem("preflight-model-artifact", "upload the model artifacts under the prefix, or fix the URI",
					"no object under %s: SageMaker would find no model artifacts", uri)
			}
			return ok
		}
		_, err := r.c.S3.HeadObject(r.ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(key)})
		switch {
		case err == nil:
			return ok
		case code(err) == "NotFound" || code(err) == "NoSuchKey":
			return problem("preflight-model-artifact", "upload the artifact (aws s3 cp model.tar.gz "+uri+"), or fix the URI",
				"model artifact %s does not exist: the model would fail to download it", uri)
		}
		return notChecked("model artifact "+uri, "s3:GetObject", err)
	})
}
