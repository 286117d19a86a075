package load

import (
	"bufio"
	"os"
	"runtime"
	"strings"
)

// Machine describes the host: logical CPUs and model from /proc/cpuinfo
// (runtime.NumCPU when it cannot be read) and the Go version.
func Machine() (cpus int, model, goVersion string) {
	cpus, model = runtime.NumCPU(), runtime.GOARCH
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return cpus, model, runtime.Version()
	}
	defer func() { _ = f.Close() }()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "processor":
			n++
		case "model name":
			model = strings.TrimSpace(v)
		}
	}
	if n > 0 {
		cpus = n
	}
	return cpus, model, runtime.Version()
}

// LoadAverage is the 1-, 5- and 15-minute load averages from /proc/loadavg, or "?".
func LoadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	if f := strings.Fields(string(b)); len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "?"
}
