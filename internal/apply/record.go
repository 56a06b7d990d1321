package apply

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/smithy-go/middleware"
)

// CallRecord is the record of one API call sagectl made (a plan.Call, or a read), with all its
// retries.
type CallRecord struct {
	Operation string // e.g. "UpdateEndpoint", as in plan.Call
	Target    string // the resource name it names, if any
	Start     time.Time
	Duration  time.Duration
	Attempts  int   // HTTP attempts: 1 plus the retries throttling or 5xx forced
	Err       error // nil when it succeeded
}

// Recorder records every call made through a client it instruments. Safe for concurrent use.
type Recorder struct {
	Clock Clock
	mu    sync.Mutex
	calls []*CallRecord
}

type callKey struct{}

// Calls returns a copy of the calls recorded so far, in the order they started.
func (r *Recorder) Calls() []CallRecord {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]CallRecord, len(r.calls))
	for i, c := range r.calls {
		out[i] = *c
	}
	return out
}

// Count returns how many calls of op were made, and how many HTTP attempts they took.
func (r *Recorder) Count(op string) (calls, attempts int) {
	for _, c := range r.Calls() {
		if c.Operation == op {
			calls++
			attempts += c.Attempts
		}
	}
	return calls, attempts
}

// Instrument returns a copy of client that records its calls in r and, when retryer is not
// nil, retries with it.
func (r *Recorder) Instrument(client *sagemaker.Client, retryer aws.Retryer) *sagemaker.Client {
	return sagemaker.New(client.Options(), func(o *sagemaker.Options) {
		if retryer != nil {
			o.Retryer = retryer
		}
		o.APIOptions = append(o.APIOptions, r.addMiddleware)
	})
}

// InstrumentAutoscaling is Instrument for the Application Auto Scaling client.
func (r *Recorder) InstrumentAutoscaling(client *aas.Client, retryer aws.Retryer) *aas.Client {
	return aas.New(client.Options(), func(o *aas.Options) {
		if retryer != nil {
			o.Retryer = retryer
		}
		o.APIOptions = append(o.APIOptions, r.addMiddleware)
	})
}

func (r *Recorder) addMiddleware(stack *middleware.Stack) error {
	err := stack.Initialize.Add(middleware.InitializeMiddlewareFunc("sagectlRecordCall",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			c := &CallRecord{Operation: middleware.GetOperationName(ctx), Target: target(in.Parameters), Start: r.Clock.Now()}
			r.mu.Lock()
			r.calls = append(r.calls, c)
			r.mu.Unlock()
			out, md, err := next.HandleInitialize(middleware.WithStackValue(ctx, callKey{}, c), in)
			r.mu.Lock()
			c.Duration, c.Err = r.Clock.Now().Sub(c.Start), err
			r.mu.Unlock()
			return out, md, err
		}), middleware.After)
	if err != nil {
		return err
	}
	// After the retry middleware, so it runs once per attempt.
	return stack.Finalize.Add(middleware.FinalizeMiddlewareFunc("sagectlCountAttempt",
		func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
			if c, ok := middleware.GetStackValue(ctx, callKey{}).(*CallRecord); ok {
				r.mu.Lock()
				c.Attempts++
				r.mu.Unlock()
			}
			return next.HandleFinalize(ctx, in)
		}), middleware.After)
}

// target returns the resource an operation input names: its name, or for an ARN the
// "type/name" part of it.
func target(params any) string {
	v := reflect.ValueOf(params)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return ""
	}
	for _, f := range []string{"EndpointName", "EndpointConfigName", "ModelName",
		"PolicyName", "ScheduledActionName", "ResourceId", "ResourceArn", "ResourceARN"} {
		fv := v.FieldByName(f)
		if !fv.IsValid() || !fv.CanInterface() {
			continue
		}
		if s, ok := fv.Interface().(*string); ok && s != nil {
			if strings.EqualFold(f, "ResourceArn") {
				if parts := strings.SplitN(*s, ":", 6); len(parts) == 6 {
					return parts[5]
				}
			}
			return *s
		}
	}
	return ""
}

// Retryer is the SDK's standard retryer tuned for apply: attempts tries per call with
// jittered exponential backoff up to maxBackoff on throttling and 5xx; validation errors are
// never retried. The client-side retry quota is off so a throttling burst cannot exhaust it.
func Retryer(attempts int, maxBackoff time.Duration) aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = attempts
		o.MaxBackoff = maxBackoff
		o.Backoff = retry.NewExponentialJitterBackoff(maxBackoff)
		o.RateLimiter = ratelimit.None
	})
}
