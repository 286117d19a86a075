package faults_test

import (
	"errors"
	"os"
	"strings"
	"sync"
)

// faultTable collects one outcome per fault and transport.
type faultTable struct {
	cases []faultCase
	trs   []transportKind
	mu    sync.Mutex
	cells [][]string
}

func newFaultTable(cases []faultCase, trs []transportKind) *faultTable {
	cells := make([][]string, len(cases))
	for i := range cells {
		cells[i] = make([]string, len(trs))
	}
	return &faultTable{cases: cases, trs: trs, cells: cells}
}

// set records the outcome of fault i on transport j; a failed check is
// marked as such.
func (ft *faultTable) set(i, j int, outcome string, passed bool) {
	if !passed {
		outcome = "**FAILED**: " + outcome
	}
	ft.mu.Lock()
	defer ft.mu.Unlock()
	ft.cells[i][j] = outcome
}

// markdown renders the table: one row per fault, one column per transport.
func (ft *faultTable) markdown() string {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	var b strings.Builder
	b.WriteString("| Fault | Expected |")
	for _, tr := range ft.trs {
		b.WriteString(" " + tr.name + " |")
	}
	b.WriteString("\n|---|---|")
	for range ft.trs {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for i, fc := range ft.cases {
		b.WriteString("| " + cell(fc.name) + " | " + cell(fc.want) + " |")
		for j := range ft.trs {
			b.WriteString(" " + cell(ft.cells[i][j]) + " |")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// cell escapes a table cell.
func cell(s string) string {
	if s == "" {
		return "(not run)"
	}
	return strings.ReplaceAll(s, "|", `\|`)
}

// Markers around the generated table in README.md.
const (
	tableBegin = "<!-- fault-table:begin -->\n"
	tableEnd   = "<!-- fault-table:end -->"
)

// rewriteTable replaces the text between the markers in the file at path.
func rewriteTable(path, md string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(b)
	i, j := strings.Index(s, tableBegin), strings.Index(s, tableEnd)
	if i < 0 || j < i {
		return errors.New(path + " lacks the fault-table markers")
	}
	s = s[:i+len(tableBegin)] + md + s[j:]
	return os.WriteFile(path, []byte(s), 0o644)
}
