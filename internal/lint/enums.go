package lint

// Enum values the rules compare against. They are the AWS SDK's own constants,
// copied here so that the lint path does not link the SDK (whose package start-up
// costs a lint process several milliseconds); enums_test.go fails if any of them
// differs from the SDK's value. Whole enum lists come from the generated schema.
const (
	routingStrategyPrefixAware = "PREFIX_AWARE"               // types.RoutingStrategyPrefixAware
	containerModeMultiModel    = "MultiModel"                 // types.ContainerModeMultiModel
	repositoryAccessModeVpc    = "Vpc"                        // types.RepositoryAccessModeVpc
	notifySuccessTopic         = "SUCCESS_NOTIFICATION_TOPIC" // types.AsyncNotificationTopicTypesSuccessNotificationTopic
	notifyErrorTopic           = "ERROR_NOTIFICATION_TOPIC"   // types.AsyncNotificationTopicTypesErrorNotificationTopic
	inferenceModeDirect        = "Direct"                     // types.InferenceExecutionModeDirect
	s3DataTypePrefix           = "S3Prefix"                   // types.S3ModelDataTypeS3Prefix
	capacityPercent            = "CAPACITY_PERCENT"           // types.CapacitySizeTypeCapacityPercent
	capacityInstanceCount      = "INSTANCE_COUNT"             // types.CapacitySizeTypeInstanceCount
	variantPropertyInstances   = "DesiredInstanceCount"       // types.VariantPropertyTypeDesiredInstanceCount
)

// managedScalingEnabled is types.ManagedInstanceScalingStatusEnabled.
const managedScalingEnabled = "ENABLED"
