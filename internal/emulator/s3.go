package emulator

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
)

// Amazon S3's REST XML API, path-style (http://HOST/BUCKET/KEY), for the reads preflight makes:
// GetBucketLocation, HeadBucket, HeadObject and ListObjectsV2
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html).
// An unseeded world (World.Objects nil) has every bucket and object.

const s3XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/"

type s3Error struct {
	XMLName    xml.Name `xml:"Error"`
	Code       string   `xml:"Code"`
	Message    string   `xml:"Message"`
	BucketName string   `xml:"BucketName,omitempty"`
	RequestID  string   `xml:"RequestId"`
}

type s3Object struct {
	Key          string `xml:"Key"`
	LastModified string `xml:"LastModified"`
	ETag         string `xml:"ETag"`
	Size         int64  `xml:"Size"`
	StorageClass string `xml:"StorageClass"`
}

type listBucketResult struct {
	XMLName     xml.Name   `xml:"ListBucketResult"`
	XMLNS       string     `xml:"xmlns,attr"`
	Name        string     `xml:"Name"`
	Prefix      string     `xml:"Prefix"`
	KeyCount    int        `xml:"KeyCount"`
	MaxKeys     int        `xml:"MaxKeys"`
	IsTruncated bool       `xml:"IsTruncated"`
	Contents    []s3Object `xml:"Contents"`
}

const s3Modified = "2026-01-01T00:00:00.000Z"

// serveS3 answers a request signed for s3.
func serveS3(s *Server, w http.ResponseWriter, r *http.Request, reqID string) bool {
	if signingService(r) != "s3" {
		return false
	}
	bucket, objKey, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	q := r.URL.Query()
	op := ""
	switch {
	case r.Method == http.MethodGet && objKey == "" && q.Has("location"):
		op = "GetBucketLocation"
	case r.Method == http.MethodGet && objKey == "" && q.Get("list-type") == "2":
		op = "ListObjectsV2"
	case r.Method == http.MethodHead && objKey == "":
		op = "HeadBucket"
	case r.Method == http.MethodHead:
		op = "HeadObject"
	default:
		writeS3Error(w, r, &apiError{Status: http.StatusNotImplemented, Code: "NotImplemented", Message: "the emulator serves only GetBucketLocation, HeadBucket, HeadObject and ListObjectsV2"}, bucket, reqID)
		return true
	}
	if ferr := s.begin(op); ferr != nil {
		writeS3Error(w, r, ferr, bucket, reqID)
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	objects, seeded := s.world().Objects, s.world().Objects != nil
	keys, exists := objects[bucket]
	if bucket == "" || (seeded && !exists) {
		writeS3Error(w, r, &apiError{Status: http.StatusNotFound, Code: "NoSuchBucket", Message: "The specified bucket does not exist"}, bucket, reqID)
		return true
	}
	w.Header().Set("X-Amz-Request-Id", reqID)
	// A bucket the world does not place is where the caller is: an unseeded emulator has
	// every bucket, in the region the request is signed for.
	region := orDefault(s.world().BucketRegions[bucket], orDefault(signingRegion(r), s.opts.Region))
	w.Header().Set("X-Amz-Bucket-Region", region)
	switch op {
	case "GetBucketLocation":
		loc := region
		if loc == "us-east-1" {
			loc = "" // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
		}
		writeXML(w, http.StatusOK, struct {
			XMLName xml.Name `xml:"LocationConstraint"`
			XMLNS   string   `xml:"xmlns,attr"`
			Value   string   `xml:",chardata"`
		}{XMLNS: s3XMLNS, Value: loc})
	case "HeadBucket":
		w.WriteHeader(http.StatusOK)
	case "HeadObject":
		if seeded && !has(keys, objKey) {
			w.WriteHeader(http.StatusNotFound) // a HEAD has no body: the SDK reads NotFound from the status
			return true
		}
		w.Header().Set("Content-Length", "1048576")
		w.Header().Set("ETag", fmt.Sprintf("%q", digestOf(bucket, objKey)[7:39]))
		w.Header().Set("Last-Modified", "Thu, 01 Jan 2026 00:00:00 GMT")
		w.Header().Set("Content-Type", "application/octet-stream")
		w.WriteHeader(http.StatusOK)
	case "ListObjectsV2":
		prefix := q.Get("prefix")
		out := listBucketResult{XMLNS: s3XMLNS, Name: bucket, Prefix: prefix, MaxKeys: 1000, Contents: []s3Object{}}
		if !seeded {
			keys = []string{prefix + "model.tar.gz"}
		}
		for _, k := range keys {
			if strings.HasPrefix(k, prefix) {
				out.Contents = append(out.Contents, s3Object{Key: k, LastModified: s3Modified, ETag: fmt.Sprintf("%q", digestOf(bucket, k)[7:39]), Size: 1 << 20, StorageClass: "STANDARD"})
			}
		}
		out.KeyCount = len(out.Contents)
		writeXML(w, http.StatusOK, out)
	}
	return true
}

func writeS3Error(w http.ResponseWriter, r *http.Request, e *apiError, bucket, reqID string) {
	if r.Method == http.MethodHead {
		w.WriteHeader(e.Status)
		return
	}
	writeXML(w, e.Status, s3Error{Code: e.Code, Message: e.Message, BucketName: bucket, RequestID: reqID})
}
