package lint

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// TestEnumsMatchTheSDK keeps the rules' enum constants equal to the AWS SDK's.
func TestEnumsMatchTheSDK(t *testing.T) {
	for got, want := range map[string]string{
		routingStrategyPrefixAware: string(types.RoutingStrategyPrefixAware),
		containerModeMultiModel:    string(types.ContainerModeMultiModel),
		repositoryAccessModeVpc:    string(types.RepositoryAccessModeVpc),
		notifySuccessTopic:         string(types.AsyncNotificationTopicTypesSuccessNotificationTopic),
		notifyErrorTopic:           string(types.AsyncNotificationTopicTypesErrorNotificationTopic),
		inferenceModeDirect:        string(types.InferenceExecutionModeDirect),
		s3DataTypePrefix:           string(types.S3ModelDataTypeS3Prefix),
		capacityPercent:            string(types.CapacitySizeTypeCapacityPercent),
		capacityInstanceCount:      string(types.CapacitySizeTypeInstanceCount),
		variantPropertyInstances:   string(types.VariantPropertyTypeDesiredInstanceCount),
		managedScalingEnabled:      string(types.ManagedInstanceScalingStatusEnabled),
	} {
		if got != want {
			t.Errorf("lint uses %q where the SDK says %q", got, want)
		}
	}
}
