// Package clitest holds the end-to-end tests of sagectl apply: the real command against the
// SageMaker emulator, with faults, prune, keep-last, and a child sagectl process interrupted
// or killed mid-apply. They live apart from package apply so its unit tests and fuzz target
// build without the whole CLI.
package clitest
