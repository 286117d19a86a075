package main

import (
	"encoding/json"
	"fmt"
	"io"
)

// maxInputBytes caps what is read from stdin or a file as one body.
const maxInputBytes = 16 << 20

// printJSON writes v as one line of JSON.
func (a *app) printJSON(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.stdout, "%s\n", b)
	return err
}

// readInput reads all of r, up to maxInputBytes.
func readInput(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading input: %w", err)
	}
	if len(b) > maxInputBytes {
		return nil, usageErrorf("input larger than %d bytes", maxInputBytes)
	}
	return b, nil
}
