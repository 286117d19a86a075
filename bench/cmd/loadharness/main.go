// Command loadharness measures the SDK's trigger path on each transport,
// and the Publisher, against hand-signed raw clients over loopback, with
// 16 steady producers, and prints a table of events per second, client
// CPU, allocations and requests per event, new connections after warm-up,
// failures, the server's CPU per request and utilisation, delivery
// latency, and each client's ratio to its raw baseline.
//
// It starts its own server (one epoll loop on 127.0.0.1, Linux only) in a
// child process that verifies every request's signature without
// allocating, so the CPU measured in this process is the clients' alone.
// By default, when pinned, the server spins rather than sleeps between
// requests, so no client request pays for waking it (a remote service
// never costs its clients that), and its CPU per request is the time it
// spent on requests; -spin=false lets it sleep and reports its process CPU. On
// Linux with taskset and at least 2 CPUs the server is pinned to the last
// CPU and the clients to the others.
//
//	go run ./bench/cmd/loadharness            # 100000 trigger events per client
//	go run ./bench/cmd/loadharness -quick     # 2000, for CI
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/go-pusher/channels/bench/internal/load"
)

// pinnedEnv marks the re-executed, pinned client process.
const pinnedEnv = "LOADHARNESS_PINNED"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "loadharness:", err)
		os.Exit(1)
	}
}

func run() error {
	n := flag.Int("n", 100000, "measured trigger events per client (10x for the Publisher)")
	quick := flag.Bool("quick", false, "CI mode: -n 2000 and 2 rounds")
	payload := flag.Int("payload", 100, "event data size in bytes")
	rounds := flag.Int("rounds", 20, "split each measurement into this many slices interleaved with the other clients'")
	pin := flag.Bool("pin", true, "pin the server child to the last CPU and the clients to the others (Linux, taskset)")
	sliceTimeout := flag.Duration("slice-timeout", 15*time.Second, "bound on one measured slice")
	timeout := flag.Duration("timeout", 200*time.Second, "bound on the whole run")
	out := flag.String("o", "", "also write the report to this file")
	diag := flag.Bool("diag", false, "add the SDK on the fasthttp adapter seen through its Do method alone (sdk/fasthttp-do): what the fast path saves")
	only := flag.String("only", "", "run just the clients whose name contains this (e.g. sdk/nethttp, to profile it alone)")
	cpuProfile := flag.String("cpuprofile", "", "write the client process's CPU profile of the whole run to this file")
	serverProfile := flag.String("server-cpuprofile", "", "write the server child's CPU profile of the whole run to this file")
	spin := flag.Bool("spin", true, "when pinned, the server polls for requests instead of sleeping, so that no request has to wake it (its CPU is then the time it spent on requests)")
	serve := flag.Bool("serve", false, "internal: run as the server child")
	flag.Parse()

	if *serve {
		if *serverProfile != "" {
			stop, err := startCPUProfile(*serverProfile)
			if err != nil {
				return err
			}
			defer stop()
		}
		return load.Serve(os.Stdin, os.Stdout, load.Payload(*payload), *spin)
	}
	if *quick {
		*n, *rounds = 2000, 2
	}
	if *n < 1 || *rounds < 1 || *rounds > *n || *payload < 16 {
		return errors.New("want -n ≥ 1, 1 ≤ -rounds ≤ -n and -payload ≥ 16")
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cpus, model, goVersion := load.Machine()
	taskset, _ := exec.LookPath("taskset")
	pinning := *pin && runtime.GOOS == "linux" && taskset != "" && cpus >= 2
	if pinning && os.Getenv(pinnedEnv) == "" {
		return reexecPinned(taskset, exe, cpus)
	}

	// A spinning server takes its CPU whole: only on a CPU of its own.
	*spin = *spin && pinning
	serveArgv := []string{exe, "-serve", "-spin=" + strconv.FormatBool(*spin), "-payload", strconv.Itoa(*payload), "-server-cpuprofile", *serverProfile}
	pinNote := "not pinned"
	if pinning {
		serveArgv = append([]string{taskset, "-c", strconv.Itoa(cpus - 1)}, serveArgv...)
		pinNote = fmt.Sprintf("server pinned to CPU %d, clients to CPU %s", cpus-1, clientCPUs(cpus))
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	loadBefore := load.LoadAverage()
	res, err := load.Run(load.Config{
		N:            *n,
		Payload:      *payload,
		Rounds:       *rounds,
		SliceTimeout: *sliceTimeout,
		Timeout:      *timeout,
		ServeArgv:    serveArgv,
		ServeEnv:     []string{"GOMAXPROCS=1"},
		Diag:         *diag,
		Only:         *only,
		Progress:     os.Stderr,
	})
	if err != nil {
		return err
	}

	var w io.Writer = os.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer func() { _ = f.Close() }()
		w = io.MultiWriter(os.Stdout, f)
	}
	fmt.Fprintf(w, "machine: %d CPUs, %s, %s, %s/%s\n", cpus, model, goVersion, runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(w, "command: go run ./bench/cmd/loadharness %s\n", strings.Join(os.Args[1:], " "))
	serverNote := "sleeping when idle (-spin=false, or not pinned)"
	if *spin {
		serverNote = "spinning when idle (-spin)"
	}
	fmt.Fprintf(w, "setup:   %s; client GOMAXPROCS %d, server GOMAXPROCS 1, %s; %d producers; %d trigger events per row after warm-up (10x for publisher/) in %d interleaved slices, %d-byte data; run took %s\n",
		pinNote, res.ClientProcs, serverNote, load.Producers, *n, *rounds, *payload, res.Elapsed.Round(time.Second))
	fmt.Fprintf(w, "load:    /proc/loadavg %s before, %s after (the run keeps ~2 busy itself; a 1-minute figure well above 1 before it means other work)\n\n",
		loadBefore, load.LoadAverage())
	res.WriteTable(w)
	fmt.Fprintln(w, "\nColumns: µs CPU and allocs per event are the client process's (the server runs in a child process);")
	fmt.Fprintln(w, "an event is a trigger for raw/ and sdk/ clients, one event of a batch for publisher/; req/event = requests the server got per event;")
	fmt.Fprintln(w, "new conns = TCP connections accepted after warm-up; refused = bad signature, method, path or body;")
	fmt.Fprintln(w, "lost or failed = events that failed or did not reach the server exactly once; srv µs/req and srv busy = the server's CPU")
	fmt.Fprintln(w, "(spinning: its time on requests) per request and share of its one CPU; p50/p99 = publish-to-delivered latency seen by")
	fmt.Fprintln(w, "the server (Publisher only);")
	fmt.Fprintln(w, "×base = client / its raw baseline, summed over all slices (range of single slices); ×rawfh = client / raw fasthttp.")
	fmt.Fprintln(w, "\nTargets (issue 12):")
	res.WriteTargets(w)
	if !res.Correct() {
		return errors.New("some requests failed, were refused by the server or went missing: see the table")
	}
	return nil
}

// clientCPUs is the taskset list of every CPU but the last.
func clientCPUs(cpus int) string {
	if cpus == 2 {
		return "0"
	}
	return fmt.Sprintf("0-%d", cpus-2)
}

// reexecPinned runs this program again under taskset on every CPU but the
// last, which the server child gets, and exits with its status.
func reexecPinned(taskset, exe string, cpus int) error {
	cmd := exec.Command(taskset, append([]string{"-c", clientCPUs(cpus), exe}, os.Args[1:]...)...)
	cmd.Env = append(os.Environ(), pinnedEnv+"=1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		os.Exit(exit.ExitCode())
	}
	return err
}

// startCPUProfile profiles the process's CPU into a new file at path until
// the returned function is called.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}, nil
}
