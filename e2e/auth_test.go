//go:build e2e

package e2e

import (
	"fmt"
	"strings"
	"sync"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/pusher"
)

// deniedPrefix starts the names of private channels the app refuses.
const deniedPrefix = "private-denied-"

// authCall is one request our auth handlers passed to the app's callback.
type authCall struct {
	endpoint string // "channel" or "user"
	socketID string
	channel  string // channel requests only
	kind     domain.ChannelKind
	user     string // from userHeader
}

// authLog records the callbacks' calls. It is safe for concurrent use.
type authLog struct {
	mu    sync.Mutex
	calls []authCall
}

func (l *authLog) add(c authCall) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, c)
}

// find returns the first call to endpoint from socketID (for channel
// requests, about channel).
func (l *authLog) find(endpoint, socketID, channel string) (authCall, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range l.calls {
		if c.endpoint == endpoint && c.socketID == socketID && c.channel == channel {
			return c, true
		}
	}
	return authCall{}, false
}

// errNoUser refuses requests that name no user.
var errNoUser = fmt.Errorf("no %s header: %w", userHeader, handler.ErrUnauthenticated)

// decideChannel is the app's channel policy, shared by the net/http and
// fasthttp handlers: private channels are open except deniedPrefix ones
// (403); presence and encrypted channels need a user (401 without), who
// joins a presence channel as a member named after them.
func decideChannel(calls *authLog, user string, req handler.ChannelRequest) (*pusher.Member, error) {
	calls.add(authCall{endpoint: "channel", socketID: req.SocketID, channel: req.Channel, kind: domain.KindOf(req.Channel), user: user})
	switch {
	case strings.HasPrefix(req.Channel, deniedPrefix):
		return nil, fmt.Errorf("channel %s is closed: %w", req.Channel, handler.ErrDenied)
	case req.IsPresence(), req.IsEncrypted():
		if user == "" {
			return nil, errNoUser
		}
		if req.IsEncrypted() {
			return nil, nil
		}
		return &pusher.Member{UserID: user, UserInfo: userInfo(user)}, nil
	default:
		return nil, nil
	}
}

// decideUser is the app's sign-in policy: the user the header names.
func decideUser(calls *authLog, user string, req handler.UserRequest) (pusher.User, error) {
	calls.add(authCall{endpoint: "user", socketID: req.SocketID, user: user})
	if user == "" {
		return pusher.User{}, errNoUser
	}
	return pusher.User{ID: user, UserInfo: userInfo(user)}, nil
}

// userInfo is what the app tells other members about user.
func userInfo(user string) map[string]string {
	return map[string]string{"name": strings.ToUpper(user)}
}
