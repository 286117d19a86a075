package domain

// ChannelAttributes is what the service reports about one channel. A count
// is nil unless it was asked for (and, for user_count, the channel is a
// presence channel).
type ChannelAttributes struct {
	Occupied          bool `json:"occupied,omitempty"`
	UserCount         *int `json:"user_count,omitempty"`
	SubscriptionCount *int `json:"subscription_count,omitempty"`
}
