package load

import (
	"math"
	"slices"
)

// Paired is the ratio of one client to another in one scenario, taken
// round by round (each round measures both within moments of each other):
// Min and Max show how far single slices scatter, Median their middle.
// The figures the targets are checked against are ratios of the sums over
// every round instead: on this kind of machine a slice of 16 concurrent
// callers settles at random into a fast or a slow rhythm (client CPU per
// trigger varies by up to half between slices of the same client), so a
// median of a few slices jumps between the modes, while the sums average
// over every slice.
type Paired struct {
	Rounds           int
	Median, Min, Max float64
}

// PairedThroughput compares client's triggers per second with other's,
// round by round, in scenario.
func (r *Results) PairedThroughput(client, other, scenario string) Paired {
	return r.paired(client, other, scenario, Measurement.PerSecond)
}

// PairedCPU compares client's CPU per trigger with other's, round by
// round, in scenario.
func (r *Results) PairedCPU(client, other, scenario string) Paired {
	return r.paired(client, other, scenario, Measurement.CPUPerTrigger)
}

func (r *Results) paired(client, other, scenario string, metric func(Measurement) float64) Paired {
	byRound := map[int][2]float64{}
	for _, m := range r.Measurements {
		if m.Scenario != scenario || m.CutShort {
			continue
		}
		pair := byRound[m.Round]
		switch m.Client {
		case client:
			pair[0] = metric(m)
		case other:
			pair[1] = metric(m)
		default:
			continue
		}
		byRound[m.Round] = pair
	}
	var ratios []float64
	for _, pair := range byRound {
		if pair[0] > 0 && pair[1] > 0 {
			ratios = append(ratios, pair[0]/pair[1])
		}
	}
	if len(ratios) == 0 {
		return Paired{Median: math.NaN(), Min: math.NaN(), Max: math.NaN()}
	}
	slices.Sort(ratios)
	n := len(ratios)
	median := ratios[n/2]
	if n%2 == 0 {
		median = (ratios[n/2-1] + ratios[n/2]) / 2
	}
	return Paired{Rounds: n, Median: median, Min: ratios[0], Max: ratios[n-1]}
}
