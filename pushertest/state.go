package pushertest

import (
	"errors"
	"slices"
	"sync"

	"github.com/go-pusher/channels/pusher"
)

// state is everything the fake remembers; all of it is guarded by mu.
type state struct {
	mu         sync.Mutex
	channels   map[string]map[string]string // channel -> socket id -> user id ("" if none)
	socketUser map[string]string            // socket id -> user id, from any Member given
	events     []Event
	requests   []Request
	terminated []string
	queued     []reply
}

func newState() *state {
	return &state{channels: map[string]map[string]string{}, socketUser: map[string]string{}}
}

func (st *state) reset() {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.channels = map[string]map[string]string{}
	st.socketUser = map[string]string{}
	st.events, st.requests, st.terminated, st.queued = nil, nil, nil, nil
}

func (st *state) subscribe(channel, socketID string, m *pusher.Member) error {
	if err := checkChannelName(channel); err != nil {
		return err
	}
	if err := checkSocketID(socketID); err != nil {
		return err
	}
	if m != nil && m.UserID == "" {
		return errors.New("member has an empty UserID")
	}
	if isPresence(channel) && m == nil {
		return errors.New("subscribing to presence channel " + channel + " needs a Member")
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	subs := st.channels[channel]
	if subs == nil {
		subs = map[string]string{}
		st.channels[channel] = subs
	}
	userID := st.socketUser[socketID]
	if m != nil {
		userID = m.UserID
		st.socketUser[socketID] = userID
	}
	subs[socketID] = userID
	return nil
}

func (st *state) unsubscribe(channel, socketID string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.removeLocked(channel, socketID)
}

func (st *state) removeLocked(channel, socketID string) {
	subs := st.channels[channel]
	delete(subs, socketID)
	if len(subs) == 0 {
		delete(st.channels, channel)
	}
}

// terminateUser removes every socket the user is known by from every
// channel and records the call.
func (st *state) terminateUser(userID string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for socketID, u := range st.socketUser {
		if u != userID {
			continue
		}
		for channel := range st.channels {
			st.removeLocked(channel, socketID)
		}
		delete(st.socketUser, socketID)
	}
	st.terminated = append(st.terminated, userID)
}

// counts is the occupancy of one channel.
type counts struct {
	subscriptions int
	users         int
}

func (st *state) countsLocked(channel string) counts {
	subs := st.channels[channel]
	users := map[string]struct{}{}
	for _, u := range subs {
		if u != "" {
			users[u] = struct{}{}
		}
	}
	return counts{subscriptions: len(subs), users: len(users)}
}

func (st *state) occupancy(channel string) counts {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.countsLocked(channel)
}

// occupied returns the occupied channels with the given prefix, sorted,
// with their counts.
func (st *state) occupied(prefix string) ([]string, map[string]counts) {
	st.mu.Lock()
	defer st.mu.Unlock()
	var names []string
	all := map[string]counts{}
	for name := range st.channels {
		if len(name) >= len(prefix) && name[:len(prefix)] == prefix {
			names = append(names, name)
			all[name] = st.countsLocked(name)
		}
	}
	slices.Sort(names)
	return names, all
}

// userIDs returns the distinct user ids subscribed to channel, sorted.
func (st *state) userIDs(channel string) []string {
	st.mu.Lock()
	defer st.mu.Unlock()
	var ids []string
	for _, u := range st.channels[channel] {
		if u != "" && !slices.Contains(ids, u) {
			ids = append(ids, u)
		}
	}
	slices.Sort(ids)
	return ids
}

func (st *state) recordEvents(evs []Event) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.events = append(st.events, evs...)
}

func (st *state) recordRequest(r Request) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.requests = append(st.requests, r)
}

func (st *state) queue(r reply) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.queued = append(st.queued, r)
}

func (st *state) dequeue() (reply, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if len(st.queued) == 0 {
		return reply{}, false
	}
	r := st.queued[0]
	st.queued = st.queued[1:]
	return r, true
}

func (st *state) snapshotEvents() []Event {
	st.mu.Lock()
	defer st.mu.Unlock()
	return slices.Clone(st.events)
}

func (st *state) snapshotRequests() []Request {
	st.mu.Lock()
	defer st.mu.Unlock()
	return slices.Clone(st.requests)
}

func (st *state) snapshotTerminated() []string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return slices.Clone(st.terminated)
}
