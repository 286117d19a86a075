package domain

// Member is who a socket is in a presence channel. It marshals to the
// channel_data the service and pusher-js expect: user_id always, user_info
// only when set.
type Member struct {
	UserID   string `json:"user_id"`
	UserInfo any    `json:"user_info,omitempty"`
}

// Validate checks the member's user id.
func (m Member) Validate() error { return ValidateUserID(m.UserID) }

// User is who a signed-in connection belongs to (user authentication). It
// marshals to the user_data pusher-js expects: id always, user_info and
// watchlist only when set.
type User struct {
	ID        string   `json:"id"`
	UserInfo  any      `json:"user_info,omitempty"`
	Watchlist []string `json:"watchlist,omitempty"`
}

// Validate checks the user's id and every id on its watchlist.
func (u User) Validate() error {
	if err := ValidateUserID(u.ID); err != nil {
		return err
	}
	for _, id := range u.Watchlist {
		if err := ValidateUserID(id); err != nil {
			err.(*ValidationError).Field = "watchlist"
			return err
		}
	}
	return nil
}

// PresenceUser is one user in a presence channel, as the users endpoint
// lists it.
type PresenceUser struct {
	ID string `json:"id"`
}
