package pushertest

import "strings"

// listChannels serves GET /apps/{id}/channels: the occupied channels,
// optionally filtered by prefix; info=user_count only with a presence-
// prefix.
func (h *handler) listChannels(req *apiRequest) reply {
	prefix := req.query.Get("filter_by_prefix")
	attrs, msg := parseInfo(req.query.Get("info"), attrUserCount)
	if msg != "" {
		return badRequest(msg)
	}
	if len(attrs) > 0 && !strings.HasPrefix(prefix, "presence-") {
		return badRequest("info=user_count is only allowed with filter_by_prefix=presence-")
	}
	names, all := h.st.occupied(prefix)
	resp := make(map[string]map[string]int, len(names))
	for _, name := range names {
		resp[name] = channelAttributes(name, attrs, all[name])
	}
	return jsonReply(map[string]any{"channels": resp})
}

// channel serves GET /apps/{id}/channels/{name}: occupied always, plus
// user_count (presence only) and subscription_count on request.
func (h *handler) channel(req *apiRequest) reply {
	if err := checkChannelName(req.name); err != nil {
		return badRequest("Invalid channel: " + err.Error())
	}
	attrs, msg := parseInfo(req.query.Get("info"), attrUserCount, attrSubscriptionCount)
	if msg != "" {
		return badRequest(msg)
	}
	c := h.st.occupancy(req.name)
	resp := map[string]any{"occupied": c.subscriptions > 0}
	for _, a := range attrs {
		switch a {
		case attrUserCount:
			if !isPresence(req.name) {
				return badRequest("user_count is only available for presence channels")
			}
			resp[a] = c.users
		case attrSubscriptionCount:
			resp[a] = c.subscriptions
		}
	}
	return jsonReply(resp)
}

// userEntry is one element of a users response.
type userEntry struct {
	ID string `json:"id"`
}

// users serves GET /apps/{id}/channels/{name}/users, presence only.
func (h *handler) users(req *apiRequest) reply {
	if err := checkChannelName(req.name); err != nil {
		return badRequest("Invalid channel: " + err.Error())
	}
	if !isPresence(req.name) {
		return badRequest("Users can only be retrieved for presence channels")
	}
	ids := h.st.userIDs(req.name)
	list := make([]userEntry, len(ids))
	for i, id := range ids {
		list[i] = userEntry{ID: id}
	}
	return jsonReply(map[string]any{"users": list})
}

// terminate serves POST /apps/{id}/users/{user_id}/terminate_connections.
func (h *handler) terminate(req *apiRequest) reply {
	h.st.terminateUser(req.name)
	return jsonReply(struct{}{})
}
