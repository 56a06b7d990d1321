package manifest

import (
	"gopkg.in/yaml.v3"
)

// CloudFormation's Application Auto Scaling resources
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-applicationautoscaling-scalabletarget.html,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-applicationautoscaling-scalingpolicy.html)
// use the API's field names, with two differences cfnAutoscaling undoes: a
// ScalableTarget lists its ScheduledActions (PutScheduledAction requests of the target),
// and a ScalingPolicy may name its target by ScalingTargetId instead of ResourceId,
// ScalableDimension and ServiceNamespace.

// cfnTargetFields are the fields a scheduled action or policy shares with its target.
var cfnTargetFields = []string{"ServiceNamespace", "ResourceId", "ScalableDimension"}

// cfnAutoscaling rewrites the body of an autoscaling resource of logical ID id into the
// API's request and returns the documents split off it (a target's scheduled actions).
// keep is false for another service's scaling (an ECS service, a DynamoDB table): sagectl
// lints SageMaker's only.
func cfnAutoscaling(f *File, index int, kind Kind, body *yaml.Node, id *yaml.Node) (more []*Document, keep bool) {
	if ns, ok := Str(Get(body, "ServiceNamespace")); ok && ns != "sagemaker" && Get(body, "ServiceNamespace").Tag != DeployTimeTag {
		return nil, false
	}
	switch kind {
	case KindScalingPolicy:
		k, v := Lookup(body, "ScalingTargetId")
		if k == nil {
			return nil, true
		}
		removeKey(body, "ScalingTargetId")
		// The target's ResourceId and the rest are known when CloudFormation resolves it.
		for _, field := range cfnTargetFields {
			if Get(body, field) == nil {
				body.Content = append(body.Content,
					&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: field, Line: k.Line, Column: k.Column},
					&yaml.Node{Kind: yaml.ScalarNode, Tag: DeployTimeTag, Value: "the ScalingTargetId's " + field, Line: v.Line, Column: v.Column})
			}
		}
	case KindScalableTarget:
		actions := Get(body, "ScheduledActions")
		if actions == nil || actions.Kind != yaml.SequenceNode {
			return nil, true // absent, or not a list: the schema reports the unknown field
		}
		removeKey(body, "ScheduledActions")
		var docs []*Document
		for _, a := range actions.Content {
			if a.Kind != yaml.MappingNode {
				continue
			}
			ab := copyNode(a, 0, nil)
			for _, field := range cfnTargetFields {
				if k, v := Lookup(body, field); k != nil && Get(ab, field) == nil {
					ab.Content = append(ab.Content, k, v)
				}
			}
			docs = append(docs, &Document{File: f, Index: index, Kind: KindScheduledAction, Body: ab, Origin: OriginCloudFormation, LogicalID: id.Value})
		}
		return docs, true
	}
	return nil, true
}

// removeKey deletes field and its value from mapping m.
func removeKey(m *yaml.Node, field string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == field {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}
