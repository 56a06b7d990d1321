package lint

// Registry returns every rule, in the order they run. Adding a rule means adding its
// file and one line here: there is no init() registration.
func Registry() []Rule {
	return []Rule{
		schemaUnknownField, schemaRequired, schemaType, schemaEnum, schemaRange, schemaPattern, schemaInstanceType, // the JSON Schema: rule_schema_*.go, schema_findings.go
		yamlSyntax, manifestDocument, manifestKind, // the loader's own findings, documented: rule_loader.go
		ignoreUnused, ignoreInvalid, ignoreExpired, // findings about ignore comments: rule_ignore.go
		acceleratorType{},
		variantKind{}, variantNameUnique{}, serverlessMemory{}, serverlessProvisioned{}, serverlessExclusions{}, serverlessAsync{}, serverlessKMS{}, serverlessModel{}, shadowOneToOne{}, shadowExclusions{}, shadowModel{}, weightsAllZero{}, weightsSplit{}, weightsZero{}, weightsPercent{}, weightsImplicit{}, weightsInferenceComponent{}, kmsFormat{}, kmsLocalStorage{}, kmsDefaultKey{}, volumeLocalStorage{}, managedScalingICOnly{}, managedScalingMinMax{}, routingPrefixAware{}, instancePoolsUnique{}, // variants, serverless, shadow, weights, KMS: rule_{variant,serverless,shadow,weights,kms,volume,managed_scaling,routing,instance_pools}*.go
		dataCaptureDestination{}, dataCaptureModes{}, dataCaptureSampling{}, dataCaptureContentTypes{}, // rule_data_capture_*.go
		asyncOutputPath{}, asyncResponseTopic{}, asyncS3Location{}, coreDumpDestination{}, // rule_async_*.go, rule_core_dump.go
		tagsDuplicate{}, tagsAWSPrefix{}, tagsSagectlPrefix{}, // rule_tags_*.go
		namesDuplicate{}, namesEndpointCase{}, namesVariantStable{}, // rule_names_*.go
		referenceModel{}, referenceEndpointConfig{}, // rule_reference_*.go
		deploymentOnePolicy{}, deploymentTimeout{}, deploymentWeights{}, deploymentExclude{}, // rule_deployment_*.go
		referenceVariant{}, deploymentRolling{}, // rule_reference_variant.go, rule_deployment_rolling.go
		deploymentGuardrails{}, // rule_deployment_guardrails.go

		deploymentCapacityPercent{}, deploymentCapacityInstances{}, // rule_deployment_capacity_*.go
		modelContainerForm{}, modelContainerHostnameRequired{}, modelContainerHostnameUnique{}, modelContainerHostnameIgnored{}, modelMultiModelPipeline{}, modelDataSourceMultiModel{}, modelDataSourceS3Prefix{}, modelEnvironmentSize{}, modelS3Location{}, // rule_model_*.go
		serverlessModelDataSource{},                                                                                                                        // rule_serverless_model_data_source.go
		crossRegionExclusions{},                                                                                                                            // rule_cross_region.go
		autoscalingMinMax{}, autoscalingDimension{}, autoscalingResourceID{}, autoscalingMetric{}, autoscalingPolicyValues{}, autoscalingMinAboveInitial{}, // rule_autoscaling_*.go
		icReferences{}, icEndpointReady{}, icVariant{}, icFitsInstance{}, icCopiesFit{}, // rule_ic_*.go
		smokeTestEndpoint{}, smokeTestBody{}, smokeTestExpect{}, // rule_smoke_test_*.go
	}
}

// Lookup returns the rule with the given ID, or nil.
func Lookup(id string) Rule {
	for _, r := range Registry() {
		if r.Info().ID == id {
			return r
		}
	}
	return nil
}
