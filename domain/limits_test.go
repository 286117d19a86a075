package domain_test

import (
	"strings"
	"testing"

	"github.com/go-pusher/channels/domain"
)

func TestDefaultLimits(t *testing.T) {
	got := domain.DefaultLimits()
	want := domain.Limits{MaxDataBytes: 10240, MaxChannelsPerTrigger: 100, MaxEventsPerBatch: 10}
	if got != want {
		t.Fatalf("DefaultLimits() = %+v, want %+v", got, want)
	}
	if err := got.Validate(); err != nil {
		t.Fatalf("DefaultLimits().Validate() = %v, want nil", err)
	}
}

// limitCase is one call of a Limits check and what it should say.
type limitCase struct {
	name   string
	n      int
	reason error // nil: within the limit
	detail string
}

func runLimitCases(t *testing.T, check func(int) error, field string, tests []limitCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := check(tt.n)
			if tt.reason == nil {
				if err != nil {
					t.Fatalf("check(%d) = %v, want nil", tt.n, err)
				}
				return
			}
			ve := requireValidationError(t, err, field, tt.reason)
			if ve.Detail != tt.detail {
				t.Errorf("Detail = %q, want %q", ve.Detail, tt.detail)
			}
			if ve.Value != "" {
				t.Errorf("Value = %q, want nothing quoted", ve.Value)
			}
		})
	}
}

func TestLimitsCheckChannelCount(t *testing.T) {
	runLimitCases(t, domain.DefaultLimits().CheckChannelCount, "channels", []limitCase{
		{"negative", -1, domain.ErrTooFew, "at least one channel"},
		{"zero", 0, domain.ErrTooFew, "at least one channel"},
		{"one", 1, nil, ""},
		{"100", 100, nil, ""},
		{"101", 101, domain.ErrTooMany, "101 > 100 channels"},
		{"1000", 1000, domain.ErrTooMany, "1000 > 100 channels"},
	})
}

func TestLimitsCheckBatchSize(t *testing.T) {
	runLimitCases(t, domain.DefaultLimits().CheckBatchSize, "batch", []limitCase{
		{"zero", 0, domain.ErrTooFew, "at least one event"},
		{"one", 1, nil, ""},
		{"10", 10, nil, ""},
		{"11", 11, domain.ErrTooMany, "11 > 10 events"},
	})
}

func TestLimitsCheckDataSize(t *testing.T) {
	runLimitCases(t, domain.DefaultLimits().CheckDataSize, "data", []limitCase{
		{"empty", 0, nil, ""},
		{"one byte", 1, nil, ""},
		{"at the limit", 10 * 1024, nil, ""},
		{"one over", 10*1024 + 1, domain.ErrTooLarge, "10241 > 10240 bytes"},
		{"far over", 1 << 20, domain.ErrTooLarge, "1048576 > 10240 bytes"},
	})
}

func TestLimitsCustom(t *testing.T) {
	l := domain.Limits{MaxDataBytes: 1 << 20, MaxChannelsPerTrigger: 5, MaxEventsPerBatch: 2}
	if err := l.Validate(); err != nil {
		t.Fatalf("Validate() = %v, want nil", err)
	}
	t.Run("channels", func(t *testing.T) {
		runLimitCases(t, l.CheckChannelCount, "channels", []limitCase{
			{"5", 5, nil, ""},
			{"6", 6, domain.ErrTooMany, "6 > 5 channels"},
		})
	})
	t.Run("batch", func(t *testing.T) {
		runLimitCases(t, l.CheckBatchSize, "batch", []limitCase{
			{"2", 2, nil, ""},
			{"3", 3, domain.ErrTooMany, "3 > 2 events"},
		})
	})
	t.Run("data", func(t *testing.T) {
		runLimitCases(t, l.CheckDataSize, "data", []limitCase{
			{"above the default", 10*1024 + 1, nil, ""},
			{"at the custom limit", 1 << 20, nil, ""},
			{"over the custom limit", 1<<20 + 1, domain.ErrTooLarge, "1048577 > 1048576 bytes"},
		})
	})
}

func TestLimitsValidate(t *testing.T) {
	tests := []struct {
		name   string
		limits domain.Limits
		ok     bool
	}{
		{"defaults", domain.DefaultLimits(), true},
		{"all ones", domain.Limits{MaxDataBytes: 1, MaxChannelsPerTrigger: 1, MaxEventsPerBatch: 1}, true},
		{"zero value", domain.Limits{}, false},
		{"no data", domain.Limits{MaxDataBytes: 0, MaxChannelsPerTrigger: 100, MaxEventsPerBatch: 10}, false},
		{"no channels", domain.Limits{MaxDataBytes: 10240, MaxChannelsPerTrigger: 0, MaxEventsPerBatch: 10}, false},
		{"no batch", domain.Limits{MaxDataBytes: 10240, MaxChannelsPerTrigger: 100, MaxEventsPerBatch: 0}, false},
		{"negative data", domain.Limits{MaxDataBytes: -1, MaxChannelsPerTrigger: 100, MaxEventsPerBatch: 10}, false},
		{"negative channels", domain.Limits{MaxDataBytes: 10240, MaxChannelsPerTrigger: -5, MaxEventsPerBatch: 10}, false},
		{"negative batch", domain.Limits{MaxDataBytes: 10240, MaxChannelsPerTrigger: 100, MaxEventsPerBatch: -5}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.limits.Validate()
			if tt.ok {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			ve := requireValidationError(t, err, "limits", domain.ErrTooFew)
			if !strings.Contains(ve.Detail, "at least 1") {
				t.Errorf("Detail = %q, want it to say the minimum", ve.Detail)
			}
		})
	}
}
