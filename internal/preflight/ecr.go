package preflight

import (
	"context"
	"fmt"
	"regexp"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// ECR is the ECR call the image check makes.
type ECR interface {
	DescribeImages(context.Context, *ecr.DescribeImagesInput, ...func(*ecr.Options)) (*ecr.DescribeImagesOutput, error)
}

// ecrImageRE matches an ECR image URI, ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO[:TAG|@DIGEST]
// (https://docs.aws.amazon.com/AmazonECR/latest/userguide/docker-pull-ecr-image.html).
var ecrImageRE = regexp.MustCompile(`^([0-9]{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?/([^:@]+)(?::([\w][\w.-]{0,127})|@(sha256:[0-9a-f]{64}))?$`)

// ecrImage is an image URI taken apart.
type ecrImage struct {
	registry, region, repo string
	id                     ecrtypes.ImageIdentifier
	ref                    string // ":tag" or "@digest"
}

// parseECR returns the parts of an ECR image URI; ok is false for other registries. An image
// without tag or digest is :latest, as docker pull reads it.
func parseECR(image string) (ecrImage, bool) {
	m := ecrImageRE.FindStringSubmatch(image)
	if m == nil {
		return ecrImage{}, false
	}
	img := ecrImage{registry: m[1], region: m[2], repo: m[3]}
	switch {
	case m[5] != "":
		img.id.ImageDigest, img.ref = aws.String(m[5]), "@"+m[5]
	case m[4] != "":
		img.id.ImageTag, img.ref = aws.String(m[4]), ":"+m[4]
	default:
		img.id.ImageTag, img.ref = aws.String("latest"), ":latest"
	}
	return img, true
}

// image checks that an ECR image's repository and tag or digest exist in its region.
func (r *run) image(doc *manifest.Document, ptr, image string) {
	r.once(doc, ptr, "image "+image, func() result {
		img, isECR := parseECR(image)
		if !isECR {
			return info("preflight-image-exists", "image %s is not in Amazon ECR: not checked", image)
		}
		if r.c.ECR == nil {
			return ok
		}
		client := r.c.ECR(img.region)
		_, err := client.DescribeImages(r.ctx, &ecr.DescribeImagesInput{RegistryId: aws.String(img.registry),
			RepositoryName: aws.String(img.repo), ImageIds: []ecrtypes.ImageIdentifier{img.id}})
		switch code(err) {
		case "":
			return ok
		case "RepositoryNotFoundException":
			return problem("preflight-image-exists", "push the image, or fix the repository name or region",
				"ECR repository %s does not exist in registry %s in %s: SageMaker could not pull %s", img.repo, img.registry, img.region, image)
		case "ImageNotFoundException":
			return problem("preflight-image-exists", "push the image with that tag or digest, or name one that exists (aws ecr describe-images --registry-id "+img.registry+" --region "+img.region+" --repository-name "+img.repo+")",
				"image %s%s does not exist in ECR repository %s in %s: SageMaker could not pull it", img.repo, img.ref, img.repo, img.region)
		}
		if accessDenied(err) && r.in.Account != "" && img.registry != r.in.Account {
			return result{rule: "preflight-not-checked", sev: finding.Warning, hint: "check that the execution role may pull from registry " + img.registry,
				msg: fmt.Sprintf("could not check image %s: registry %s is another account's, whose repository policy does not let this identity describe it (%s)", image, img.registry, code(err))}
		}
		return notChecked("image "+image, "ecr:DescribeImages", err)
	})
}
