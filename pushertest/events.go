package pushertest

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// triggerRequest is the body of POST /apps/{id}/events.
type triggerRequest struct {
	Name     string   `json:"name"`
	Data     *string  `json:"data"`
	Channels []string `json:"channels"`
	Channel  *string  `json:"channel"`
	SocketID *string  `json:"socket_id"`
	Info     string   `json:"info"`
}

// batchRequest is the body of POST /apps/{id}/batch_events.
type batchRequest struct {
	Batch []batchEvent `json:"batch"`
}

type batchEvent struct {
	Channel  string  `json:"channel"`
	Name     string  `json:"name"`
	Data     *string `json:"data"`
	SocketID *string `json:"socket_id"`
	Info     string  `json:"info"`
}

func (h *handler) trigger(req *apiRequest) reply {
	var tr triggerRequest
	if err := json.Unmarshal(req.body, &tr); err != nil {
		return badRequest("Invalid JSON body: " + err.Error())
	}
	var channels []string
	switch {
	case tr.Channel != nil && tr.Channels != nil:
		return badRequest("Give either channel or channels, not both")
	case tr.Channel != nil:
		channels = []string{*tr.Channel}
	default:
		channels = tr.Channels
	}
	if len(channels) == 0 {
		return badRequest("Missing channels")
	}
	if len(channels) > h.cfg.limits.MaxChannelsPerTrigger {
		return badRequest(fmt.Sprintf("Too many channels: %d, at most %d allowed", len(channels), h.cfg.limits.MaxChannelsPerTrigger))
	}
	for _, c := range channels {
		if err := checkChannelName(c); err != nil {
			return badRequest("Invalid channel: " + err.Error())
		}
	}
	ev := batchEvent{Name: tr.Name, Data: tr.Data, SocketID: tr.SocketID, Info: tr.Info}
	attrs, rep, ok := h.checkEvent(&ev)
	if !ok {
		return rep
	}

	recorded := make([]Event, len(channels))
	for i, c := range channels {
		data, rep, ok := h.plaintext(c, *ev.Data)
		if !ok {
			return rep
		}
		recorded[i] = Event{Channel: c, Name: ev.Name, Data: data, SocketID: deref(ev.SocketID)}
	}
	h.st.recordEvents(recorded)

	if attrs == nil {
		return jsonReply(struct{}{})
	}
	resp := map[string]map[string]int{}
	for _, c := range channels {
		resp[c] = channelAttributes(c, attrs, h.st.occupancy(c))
	}
	return jsonReply(map[string]any{"channels": resp})
}

func (h *handler) triggerBatch(req *apiRequest) reply {
	var br batchRequest
	if err := json.Unmarshal(req.body, &br); err != nil {
		return badRequest("Invalid JSON body: " + err.Error())
	}
	switch n := len(br.Batch); {
	case n == 0:
		return badRequest("Batch must contain at least one event")
	case n > h.cfg.limits.MaxEventsPerBatch:
		return badRequest(fmt.Sprintf("Batch too large: %d events, at most %d allowed", n, h.cfg.limits.MaxEventsPerBatch))
	}
	infos := make([][]string, len(br.Batch))
	anyInfo := false
	for i := range br.Batch {
		ev := &br.Batch[i]
		if err := checkChannelName(ev.Channel); err != nil {
			return badRequest(fmt.Sprintf("batch[%d]: Invalid channel: %v", i, err))
		}
		attrs, rep, ok := h.checkEvent(ev)
		if !ok {
			rep.body = append([]byte(fmt.Sprintf("batch[%d]: ", i)), rep.body...)
			return rep
		}
		infos[i] = attrs
		anyInfo = anyInfo || attrs != nil
	}

	recorded := make([]Event, len(br.Batch))
	for i, ev := range br.Batch {
		data, rep, ok := h.plaintext(ev.Channel, *ev.Data)
		if !ok {
			rep.body = append([]byte(fmt.Sprintf("batch[%d]: ", i)), rep.body...)
			return rep
		}
		recorded[i] = Event{Channel: ev.Channel, Name: ev.Name, Data: data, SocketID: deref(ev.SocketID)}
	}
	h.st.recordEvents(recorded)

	if !anyInfo {
		return jsonReply(struct{}{})
	}
	resp := make([]map[string]int, len(br.Batch))
	for i, ev := range br.Batch {
		resp[i] = channelAttributes(ev.Channel, infos[i], h.st.occupancy(ev.Channel))
	}
	return jsonReply(map[string]any{"batch": resp})
}

// checkEvent validates what a single and a batched event share. It returns
// the info attributes requested (nil for none).
func (h *handler) checkEvent(ev *batchEvent) ([]string, reply, bool) {
	if err := checkEventName(ev.Name); err != nil {
		return nil, badRequest("Invalid event name: " + err.Error()), false
	}
	if ev.Data == nil {
		return nil, badRequest("Missing data"), false
	}
	if ev.SocketID != nil {
		if err := checkSocketID(*ev.SocketID); err != nil {
			return nil, badRequest(err.Error()), false
		}
	}
	if n := len(*ev.Data); n > h.cfg.limits.MaxDataBytes {
		return nil, textReply(http.StatusRequestEntityTooLarge,
			fmt.Sprintf("Event data too large: %d bytes, at most %d allowed", n, h.cfg.limits.MaxDataBytes)), false
	}
	attrs, msg := parseInfo(ev.Info, attrUserCount, attrSubscriptionCount)
	if msg != "" {
		return nil, badRequest(msg), false
	}
	if len(attrs) == 0 {
		attrs = nil
	}
	return attrs, reply{}, true
}

// plaintext is the data subscribers of channel read: decrypted on a
// private-encrypted- channel when the fake has the master key (data that
// does not decrypt is refused), as sent otherwise.
func (h *handler) plaintext(channel, data string) (string, reply, bool) {
	if h.masterKey == nil || !isEncrypted(channel) {
		return data, reply{}, true
	}
	plain, err := h.masterKey.Decrypt(channel, []byte(data))
	if err != nil {
		return "", badRequest("Data on " + channel + " is not an envelope sealed with the master key: " + err.Error()), false
	}
	return string(plain), reply{}, true
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
