package lint

// hardware is what one hosting instance type offers the inference components placed on
// it: accelerator devices (GPUs), vCPUs and memory in GiB, with the public AWS page
// that states them.
type hardware struct {
	Accelerators, VCPUs, MemoryGiB int
	Source                         string
}

// Sources of the hardware table. SageMaker's ml.<family>.<size> hosting instances are the
// EC2 instance types of the same name; the EC2 pages state their accelerators and memory.
const (
	srcEC2Accelerated = "https://docs.aws.amazon.com/ec2/latest/instancetypes/ac.html"
	srcBatchGPU       = "https://docs.aws.amazon.com/batch/latest/userguide/gpu-jobs.html"
	srcP3             = "https://aws.amazon.com/ec2/instance-types/p3/"
	srcP4             = "https://aws.amazon.com/ec2/instance-types/p4/"
	srcP5             = "https://aws.amazon.com/ec2/instance-types/p5/"
	srcG6e            = "https://aws.amazon.com/ec2/instance-types/g6e/"
)

// instanceHardware lists the NVIDIA GPU hosting instance types of the SDK's
// ProductionVariantInstanceType enum (accelerators_test.go checks each name against the
// SDK's Values()). A type not listed (CPU instances, AWS Inferentia and Trainium, whose
// device count SageMaker's documentation does not state per instance, and GPU families
// newer than the pages above) is not checked: the rules say nothing rather than guess.
var instanceHardware = map[string]hardware{
	"ml.g4dn.xlarge":   {1, 4, 16, srcBatchGPU},
	"ml.g4dn.2xlarge":  {1, 8, 32, srcBatchGPU},
	"ml.g4dn.4xlarge":  {1, 16, 64, srcBatchGPU},
	"ml.g4dn.8xlarge":  {1, 32, 128, srcBatchGPU},
	"ml.g4dn.12xlarge": {4, 48, 192, srcBatchGPU},
	"ml.g4dn.16xlarge": {1, 64, 256, srcBatchGPU},
	"ml.g5.xlarge":     {1, 4, 16, srcBatchGPU},
	"ml.g5.2xlarge":    {1, 8, 32, srcBatchGPU},
	"ml.g5.4xlarge":    {1, 16, 64, srcBatchGPU},
	"ml.g5.8xlarge":    {1, 32, 128, srcBatchGPU},
	"ml.g5.12xlarge":   {4, 48, 192, srcBatchGPU},
	"ml.g5.16xlarge":   {1, 64, 256, srcBatchGPU},
	"ml.g5.24xlarge":   {4, 96, 384, srcBatchGPU},
	"ml.g5.48xlarge":   {8, 192, 768, srcBatchGPU},
	"ml.g6.xlarge":     {1, 4, 16, srcBatchGPU},
	"ml.g6.2xlarge":    {1, 8, 32, srcBatchGPU},
	"ml.g6.4xlarge":    {1, 16, 64, srcBatchGPU},
	"ml.g6.8xlarge":    {1, 32, 128, srcEC2Accelerated},
	"ml.g6.12xlarge":   {4, 48, 192, srcEC2Accelerated},
	"ml.g6.16xlarge":   {1, 64, 256, srcEC2Accelerated},
	"ml.g6.24xlarge":   {4, 96, 384, srcEC2Accelerated},
	"ml.g6.48xlarge":   {8, 192, 768, srcEC2Accelerated},
	"ml.g6e.xlarge":    {1, 4, 32, srcG6e},
	"ml.g6e.2xlarge":   {1, 8, 64, srcG6e},
	"ml.g6e.4xlarge":   {1, 16, 128, srcG6e},
	"ml.g6e.8xlarge":   {1, 32, 256, srcG6e},
	"ml.g6e.12xlarge":  {4, 48, 384, srcG6e},
	"ml.g6e.16xlarge":  {1, 64, 512, srcG6e},
	"ml.g6e.24xlarge":  {4, 96, 768, srcG6e},
	"ml.g6e.48xlarge":  {8, 192, 1536, srcG6e},
	"ml.p3.2xlarge":    {1, 8, 61, srcP3},
	"ml.p3.8xlarge":    {4, 32, 244, srcP3},
	"ml.p3.16xlarge":   {8, 64, 488, srcP3},
	"ml.p4d.24xlarge":  {8, 96, 1152, srcP4},
	"ml.p4de.24xlarge": {8, 96, 1152, srcP4},
	"ml.p5.4xlarge":    {1, 16, 256, srcP5},
	"ml.p5.48xlarge":   {8, 192, 2048, srcP5},
	"ml.p5e.48xlarge":  {8, 192, 2048, srcP5},
	"ml.p5en.48xlarge": {8, 192, 2048, srcP5},
}

// hardwareSources lists the table's sources, for the rules' Source.
func hardwareSources() string {
	return "GPUs and memory of the accelerated EC2 instance types: " + srcEC2Accelerated +
		"; GPUs, vCPUs and memory of the G4dn, G5 and G6 types: " + srcBatchGPU +
		"; P3 types: " + srcP3 + "; P4d and P4de types: " + srcP4 + "; P5, P5e and P5en types: " + srcP5 + "; G6e types: " + srcG6e
}
