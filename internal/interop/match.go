package interop

// Match reports whether a Message is the one a test waits for.
type Match func(Message) bool

// OfType matches messages of type typ, e.g. "connected".
func OfType(typ string) Match {
	return func(m Message) bool { return m.Type == typ }
}

// EventOn matches the event named event on channel.
func EventOn(channel, event string) Match {
	return func(m Message) bool { return m.Type == "event" && m.Channel == channel && m.Event == event }
}

// SubscribedTo matches a successful subscription to channel.
func SubscribedTo(channel string) Match {
	return func(m Message) bool { return m.Type == "subscribed" && m.Channel == channel }
}

// SubscriptionErrorOn matches a failed subscription to channel.
func SubscriptionErrorOn(channel string) Match {
	return func(m Message) bool { return m.Type == "subscription_error" && m.Channel == channel }
}

// SubscriptionOutcome matches either outcome of subscribing to channel.
func SubscriptionOutcome(channel string) Match {
	return func(m Message) bool {
		return (m.Type == "subscribed" || m.Type == "subscription_error") && m.Channel == channel
	}
}

// UserEvent matches the event named event sent to the signed-in user.
func UserEvent(event string) Match {
	return func(m Message) bool { return m.Type == "user_event" && m.Event == event }
}
