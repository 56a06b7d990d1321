package lintcmd

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

// reorderFlags moves flags that follow positional arguments in front of them, so
// `sagectl lint examples/ --format json` works as users expect (urfave/cli v2 stops
// parsing flags at the first positional argument). Everything after "--" is left alone.
// A flag that takes a value but is followed by another flag (`-f --fail-on warning`)
// is an error: the next flag is not its value.
func reorderFlags(app *cli.App, args []string) ([]string, error) {
	if len(args) < 3 {
		return args, nil
	}
	var cmd *cli.Command
	ci := -1
	for i := 1; i < len(args); i++ {
		if strings.HasPrefix(args[i], "-") {
			continue
		}
		for _, c := range app.Commands {
			if c.HasName(args[i]) {
				cmd, ci = c, i
			}
		}
		break
	}
	if cmd == nil || cmd.SkipFlagParsing {
		return args, nil
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var flags, pos []string
	rest := args[ci+1:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		switch {
		case a == "--":
			pos = append(pos, rest[i:]...)
			i = len(rest)
		case a == "-" || !strings.HasPrefix(a, "-"):
			pos = append(pos, a)
		default:
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && takesValue[name] && i+1 == len(rest) {
				return nil, usageErrorOf(cmd, fmt.Errorf("flag needs an argument: %s", a))
			}
			if !strings.Contains(name, "=") && takesValue[name] && i+1 < len(rest) {
				if next := rest[i+1]; strings.HasPrefix(next, "-") && next != "-" && !isNegative(next) {
					return nil, usageErrorOf(cmd, fmt.Errorf("flag %s needs a value, but %s follows it (give one: %s VALUE)", a, next, a))
				}
				i++
				flags = append(flags, rest[i])
			}
		}
	}
	out := append([]string{}, args[:ci+1]...)
	out = append(out, flags...)
	if len(pos) > 0 && pos[0] != "--" {
		out = append(out, "--")
	}
	return append(out, pos...), nil
}

// isNegative reports whether s looks like a negative number or duration (-1, -.5,
// -1s), which may be a flag's value rather than a flag.
func isNegative(s string) bool {
	return len(s) > 1 && s[0] == '-' && (s[1] >= '0' && s[1] <= '9' || s[1] == '.')
}
