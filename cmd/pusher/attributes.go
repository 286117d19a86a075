package main

import (
	"strconv"
	"strings"

	"github.com/go-pusher/channels/pusher"
)

// attributesText renders a channel's counts as "key=value" pairs.
func attributesText(c pusher.ChannelAttributes) string {
	var parts []string
	if c.UserCount != nil {
		parts = append(parts, "user_count="+strconv.Itoa(*c.UserCount))
	}
	if c.SubscriptionCount != nil {
		parts = append(parts, "subscription_count="+strconv.Itoa(*c.SubscriptionCount))
	}
	return strings.Join(parts, " ")
}
