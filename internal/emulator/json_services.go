package emulator

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	smtypes "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// The JSON 1.1 services besides SageMaker and Application Auto Scaling: ECR, KMS and Service
// Quotas, by their X-Amz-Target prefixes. ECR's members are camelCase, KMS's and Service
// Quotas' PascalCase, so requests and answers are plain encoding/json structs, not the SDK
// types of the SageMaker codec.

// jsonAction answers one JSON 1.1 action from its request body.
type jsonAction func(s *Server, body []byte) (any, *apiError)

var jsonServices = map[string]map[string]jsonAction{
	"AmazonEC2ContainerRegistry_V20150921.": {"DescribeImages": (*Server).describeImages},
	"TrentService.":                         {"DescribeKey": (*Server).describeKey},
	"ServiceQuotasV20190624.": {"GetServiceQuota": (*Server).getServiceQuota, "GetAWSDefaultServiceQuota": (*Server).getDefaultServiceQuota,
		"ListAWSDefaultServiceQuotas": (*Server).listDefaultServiceQuotas},
}

// serveJSONServices answers a JSON 1.1 request of ECR, KMS or Service Quotas.
func serveJSONServices(s *Server, w http.ResponseWriter, r *http.Request, _ string) bool {
	target := r.Header.Get("X-Amz-Target")
	var h jsonAction
	op := ""
	for prefix, actions := range jsonServices {
		if name, ok := strings.CutPrefix(target, prefix); ok {
			op, h = name, actions[name]
			if h == nil {
				writeError(w, &apiError{Status: http.StatusBadRequest, Code: codeUnknownOp, Message: fmt.Sprintf("X-Amz-Target %q is not an operation this emulator serves", target)})
				return true
			}
		}
	}
	if h == nil {
		return false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		writeError(w, &apiError{Status: http.StatusBadRequest, Code: codeSerialization, Message: "cannot read the request body: " + err.Error()})
		return true
	}
	if ferr := s.begin(op); ferr != nil {
		writeError(w, ferr)
		return true
	}
	s.mu.Lock()
	out, aerr := h(s, body)
	s.mu.Unlock()
	if aerr != nil {
		writeError(w, aerr)
		return true
	}
	b, _ := json.Marshal(out)
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	_, _ = w.Write(b)
	return true
}

// decodeBody decodes a JSON request into in, or is a SerializationException.
func decodeBody(body []byte, in any) *apiError {
	if len(strings.TrimSpace(string(body))) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, in); err != nil {
		return &apiError{Status: http.StatusBadRequest, Code: codeSerialization, Message: "request body: " + err.Error()}
	}
	return nil
}

type imageID struct {
	ImageDigest string `json:"imageDigest,omitempty"`
	ImageTag    string `json:"imageTag,omitempty"`
}

type imageDetail struct {
	RegistryID     string   `json:"registryId"`
	RepositoryName string   `json:"repositoryName"`
	ImageDigest    string   `json:"imageDigest"`
	ImageTags      []string `json:"imageTags,omitempty"`
	ImageSize      int64    `json:"imageSizeInBytes"`
	ImagePushedAt  float64  `json:"imagePushedAt"`
	MediaType      string   `json:"imageManifestMediaType"`
}

// digestOf is the digest the emulator gives an image seeded by tag.
func digestOf(repo, tag string) string {
	return fmt.Sprintf("sha256:%x", sha256.Sum256([]byte(repo+":"+tag)))
}

// describeImages answers ECR DescribeImages for the image ids asked
// (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribeImages.html).
func (s *Server) describeImages(body []byte) (any, *apiError) {
	var in struct {
		RegistryID     string    `json:"registryId"`
		RepositoryName string    `json:"repositoryName"`
		ImageIDs       []imageID `json:"imageIds"`
	}
	if err := decodeBody(body, &in); err != nil {
		return nil, err
	}
	registry := in.RegistryID
	if registry == "" {
		registry = s.opts.Account
	}
	images := s.world().Images
	refs, found := images[in.RepositoryName]
	if images != nil && !found {
		return nil, &apiError{Status: http.StatusBadRequest, Code: "RepositoryNotFoundException",
			Message: fmt.Sprintf("The repository with name '%s' does not exist in the registry with id '%s'", in.RepositoryName, registry)}
	}
	detail := func(tag, digest string) imageDetail {
		d := imageDetail{RegistryID: registry, RepositoryName: in.RepositoryName, ImageDigest: digest, ImageSize: 1 << 20, ImagePushedAt: 1767225600,
			MediaType: "application/vnd.docker.distribution.manifest.v2+json"}
		if tag != "" {
			d.ImageTags = []string{tag}
		}
		return d
	}
	out := struct {
		ImageDetails []imageDetail `json:"imageDetails"`
	}{ImageDetails: []imageDetail{}}
	if len(in.ImageIDs) == 0 {
		for _, ref := range refs {
			if strings.HasPrefix(ref, "sha256:") {
				out.ImageDetails = append(out.ImageDetails, detail("", ref))
			} else {
				out.ImageDetails = append(out.ImageDetails, detail(ref, digestOf(in.RepositoryName, ref)))
			}
		}
		return out, nil
	}
	for _, id := range in.ImageIDs {
		ref, what := id.ImageTag, "imageTag="+id.ImageTag
		if id.ImageDigest != "" {
			ref, what = id.ImageDigest, "imageDigest="+id.ImageDigest
		}
		if images != nil && !has(refs, ref) {
			return nil, &apiError{Status: http.StatusBadRequest, Code: "ImageNotFoundException",
				Message: fmt.Sprintf("The image with imageId {%s} does not exist within the repository with name '%s' in the registry with id '%s'", what, in.RepositoryName, registry)}
		}
		if id.ImageDigest != "" {
			out.ImageDetails = append(out.ImageDetails, detail("", id.ImageDigest))
		} else {
			out.ImageDetails = append(out.ImageDetails, detail(id.ImageTag, digestOf(in.RepositoryName, id.ImageTag)))
		}
	}
	return out, nil
}

type keyMetadata struct {
	AWSAccountID          string   `json:"AWSAccountId"`
	KeyID                 string   `json:"KeyId"`
	Arn                   string   `json:"Arn"`
	CreationDate          float64  `json:"CreationDate"`
	Enabled               bool     `json:"Enabled"`
	Description           string   `json:"Description"`
	KeyUsage              string   `json:"KeyUsage"`
	KeyState              string   `json:"KeyState"`
	Origin                string   `json:"Origin"`
	KeyManager            string   `json:"KeyManager"`
	CustomerMasterKeySpec string   `json:"CustomerMasterKeySpec"`
	KeySpec               string   `json:"KeySpec"`
	EncryptionAlgorithms  []string `json:"EncryptionAlgorithms,omitempty"`
}

// describeKey answers KMS DescribeKey for a key ID, key ARN, alias name or alias ARN
// (https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html).
func (s *Server) describeKey(body []byte) (any, *apiError) {
	var in struct{ KeyId string }
	if err := decodeBody(body, &in); err != nil {
		return nil, err
	}
	id := in.KeyId
	if i := strings.Index(id, ":key/"); strings.HasPrefix(id, "arn:") && i > 0 {
		id = id[i+len(":key/"):]
	} else if i := strings.Index(id, ":alias/"); strings.HasPrefix(id, "arn:") && i > 0 {
		id = id[i+1:]
	}
	keys := s.world().Keys
	k, found := keys[id]
	if keys != nil && !found {
		return nil, &apiError{Status: http.StatusBadRequest, Code: "NotFoundException", Message: fmt.Sprintf("Key '%s' does not exist", in.KeyId)}
	}
	m := keyMetadata{AWSAccountID: s.opts.Account, KeyID: fmt.Sprintf("%x", sha256.Sum256([]byte(id)))[:32], CreationDate: 1767225600,
		KeyUsage: orDefault(k.Usage, "ENCRYPT_DECRYPT"), KeyState: orDefault(k.State, "Enabled"), KeySpec: orDefault(k.Spec, "SYMMETRIC_DEFAULT"),
		Origin: "AWS_KMS", KeyManager: "CUSTOMER", Description: "emulator key " + id}
	m.KeyID = m.KeyID[:8] + "-" + m.KeyID[8:12] + "-" + m.KeyID[12:16] + "-" + m.KeyID[16:20] + "-" + m.KeyID[20:]
	m.Arn = fmt.Sprintf("arn:aws:kms:%s:%s:key/%s", s.opts.Region, s.opts.Account, m.KeyID)
	m.Enabled, m.CustomerMasterKeySpec = m.KeyState == "Enabled", m.KeySpec
	if m.KeySpec == "SYMMETRIC_DEFAULT" {
		m.EncryptionAlgorithms = []string{"SYMMETRIC_DEFAULT"}
	}
	return map[string]any{"KeyMetadata": m}, nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

type serviceQuota struct {
	ServiceCode string  `json:"ServiceCode"`
	ServiceName string  `json:"ServiceName"`
	QuotaArn    string  `json:"QuotaArn"`
	QuotaCode   string  `json:"QuotaCode"`
	QuotaName   string  `json:"QuotaName"`
	Value       float64 `json:"Value"`
	Unit        string  `json:"Unit"`
	Adjustable  bool    `json:"Adjustable"`
	GlobalQuota bool    `json:"GlobalQuota"`
}

// endpointQuotaTypes are the instance types with an endpoint-usage quota: every SageMaker
// hosting instance type.
var endpointQuotaTypes = smtypes.ProductionVariantInstanceType("").Values()

// quotaCode is the emulator's code for a quota name (AWS's codes are opaque, L-XXXXXXXX).
func quotaCode(name string) string {
	return fmt.Sprintf("L-%X", sha256.Sum256([]byte(name)))[:10]
}

func (s *Server) quota(instanceType string, applied bool) serviceQuota {
	name := instanceType + " for endpoint usage"
	q := serviceQuota{ServiceCode: "sagemaker", ServiceName: "Amazon SageMaker", QuotaCode: quotaCode(name), QuotaName: name,
		Value: DefaultEndpointQuota, Unit: "None", Adjustable: true}
	q.QuotaArn = fmt.Sprintf("arn:aws:servicequotas:%s::sagemaker/%s", s.opts.Region, q.QuotaCode)
	if applied {
		q.Value = s.world().Quotas[instanceType]
		q.QuotaArn = fmt.Sprintf("arn:aws:servicequotas:%s:%s:sagemaker/%s", s.opts.Region, s.opts.Account, q.QuotaCode)
	}
	return q
}

// quotaRequest decodes a Get*ServiceQuota request and returns the instance type it names.
func quotaRequest(body []byte) (string, *apiError) {
	var in struct{ ServiceCode, QuotaCode string }
	if err := decodeBody(body, &in); err != nil {
		return "", err
	}
	return quotaByCode(in.ServiceCode, in.QuotaCode)
}

// quotaByCode finds the instance type of a SageMaker quota code.
func quotaByCode(service, code string) (string, *apiError) {
	if service == "sagemaker" {
		for _, t := range endpointQuotaTypes {
			if quotaCode(string(t)+" for endpoint usage") == code {
				return string(t), nil
			}
		}
	}
	return "", &apiError{Status: http.StatusBadRequest, Code: "NoSuchResourceException", Message: fmt.Sprintf("The request failed because the specified service %s or quota %s does not exist.", service, code)}
}

// getServiceQuota answers Service Quotas GetServiceQuota: the applied value seeded
// (--quota), else NoSuchResourceException, as for a quota the account never had applied
// (https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_GetServiceQuota.html).
func (s *Server) getServiceQuota(body []byte) (any, *apiError) {
	t, err := quotaRequest(body)
	if err != nil {
		return nil, err
	}
	if _, applied := s.world().Quotas[t]; !applied {
		return nil, &apiError{Status: http.StatusBadRequest, Code: "NoSuchResourceException", Message: fmt.Sprintf("The request failed because the quota of %s for endpoint usage has no applied value in this account.", t)}
	}
	return map[string]any{"Quota": s.quota(t, true)}, nil
}

// getDefaultServiceQuota answers GetAWSDefaultServiceQuota.
func (s *Server) getDefaultServiceQuota(body []byte) (any, *apiError) {
	t, err := quotaRequest(body)
	if err != nil {
		return nil, err
	}
	return map[string]any{"Quota": s.quota(t, false)}, nil
}

// listDefaultServiceQuotas answers ListAWSDefaultServiceQuotas for sagemaker, a page of
// MaxResults (default 100) at a time.
func (s *Server) listDefaultServiceQuotas(body []byte) (any, *apiError) {
	var in struct {
		ServiceCode, NextToken string
		MaxResults             int
	}
	if err := decodeBody(body, &in); err != nil {
		return nil, err
	}
	if in.ServiceCode != "sagemaker" {
		return nil, &apiError{Status: http.StatusBadRequest, Code: "NoSuchResourceException", Message: fmt.Sprintf("The request failed because the specified service %s does not exist.", in.ServiceCode)}
	}
	start, _ := strconv.Atoi(in.NextToken)
	if in.MaxResults <= 0 {
		in.MaxResults = 100
	}
	end := min(max(start, 0)+in.MaxResults, len(endpointQuotaTypes))
	out := map[string]any{}
	page := []serviceQuota{}
	for _, t := range endpointQuotaTypes[min(max(start, 0), end):end] {
		page = append(page, s.quota(string(t), false))
	}
	out["Quotas"] = page
	if end < len(endpointQuotaTypes) {
		out["NextToken"] = strconv.Itoa(end)
	}
	return out, nil
}
