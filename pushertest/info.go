package pushertest

import (
	"slices"
	"strings"
)

const (
	attrUserCount         = "user_count"
	attrSubscriptionCount = "subscription_count"
)

// parseInfo splits a comma-separated info value and rejects attributes
// outside allowed.
func parseInfo(info string, allowed ...string) ([]string, string) {
	var attrs []string
	for a := range strings.SplitSeq(info, ",") {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		if !slices.Contains(allowed, a) {
			return nil, "unsupported info attribute: " + a
		}
		attrs = append(attrs, a)
	}
	return attrs, ""
}

// channelAttributes returns the requested attributes of one channel, as
// a trigger response reports them: user_count only for presence channels.
func channelAttributes(channel string, attrs []string, c counts) map[string]int {
	out := map[string]int{}
	for _, a := range attrs {
		switch {
		case a == attrSubscriptionCount:
			out[a] = c.subscriptions
		case a == attrUserCount && isPresence(channel):
			out[a] = c.users
		}
	}
	return out
}
