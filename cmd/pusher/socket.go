package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/coder/websocket"
	"github.com/go-pusher/channels/domain"
)

// Protocol timing: how long to wait for the server's first message and
// for a pong; the activity timeout applies until the server names its own.
const (
	establishTimeout       = 15 * time.Second
	pongTimeout            = 30 * time.Second
	defaultActivityTimeout = 120 * time.Second
)

// frame is one message read from the connection, or the read's error.
type frame struct {
	msg message
	err error
}

// message is a Pusher protocol message.
type message struct {
	Event   string          `json:"event"`
	Channel string          `json:"channel,omitempty"`
	Data    json.RawMessage `json:"data,omitempty"`
	UserID  string          `json:"user_id,omitempty"`
}

// dataString is the message's data as text: a JSON string unquoted,
// anything else as its JSON.
func (m message) dataString() string {
	var s string
	if json.Unmarshal(m.Data, &s) == nil {
		return s
	}
	return string(m.Data)
}

// decodeData decodes the data, which servers send as a JSON string holding
// JSON or as the JSON value itself.
func (m message) decodeData(v any) error {
	return json.Unmarshal([]byte(m.dataString()), v)
}

// socket is one connection of a listener.
type socket struct {
	*listener
	conn     *websocket.Conn
	frames   chan frame
	socketID string
}

// readFrames passes each message to s.frames until reading fails or ctx
// ends.
func (s *socket) readFrames(ctx context.Context) {
	for {
		_, b, err := s.conn.Read(ctx)
		var f frame
		if err != nil {
			f.err = err
		} else if jerr := json.Unmarshal(b, &f.msg); jerr != nil {
			f.err = fmt.Errorf("malformed message from server: %v", jerr)
		}
		select {
		case s.frames <- f:
		case <-ctx.Done():
			return
		}
		if f.err != nil {
			return
		}
	}
}

// serve handles messages until the connection fails or ctx ends.
func (s *socket) serve(ctx context.Context) error {
	activity := defaultActivityTimeout
	idle := time.NewTimer(establishTimeout)
	defer idle.Stop()
	pinged := false
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-idle.C:
			if s.socketID == "" {
				return errors.New("no pusher:connection_established from the server")
			}
			if pinged {
				return errors.New("no answer to pusher:ping")
			}
			if err := s.send(ctx, "pusher:ping", struct{}{}); err != nil {
				return err
			}
			pinged = true
			idle.Reset(pongTimeout)
		case f := <-s.frames:
			if f.err != nil {
				return closeReason(f.err)
			}
			pinged = false
			next, err := s.handle(ctx, f.msg)
			if err != nil {
				return err
			}
			if next > 0 {
				activity = next
			}
			idle.Reset(activity)
		}
	}
}

// closeReason turns the server closing the connection with a Pusher code
// in 4000-4099 (do not reconnect) into a fatalError.
func closeReason(err error) error {
	code := websocket.CloseStatus(err)
	if code >= 4000 && code <= 4099 {
		return &fatalError{fmt.Errorf("server closed the connection: %w", err)}
	}
	return err
}

// handle acts on one message; it returns the activity timeout when the
// message established the connection.
func (s *socket) handle(ctx context.Context, m message) (time.Duration, error) {
	switch m.Event {
	case "pusher:connection_established":
		return s.established(ctx, m)
	case "pusher:ping":
		return 0, s.send(ctx, "pusher:pong", struct{}{})
	case "pusher:pong":
		return 0, nil
	case "pusher:error":
		return 0, pusherError(m)
	case "pusher_internal:subscription_succeeded":
		s.subscribed(m)
		return 0, nil
	case "pusher:subscription_error":
		fmt.Fprintf(s.app.stderr, "pusher: subscription to %s refused: %s\n", m.Channel, oneLine(errors.New(m.dataString())))
		return 0, nil
	}
	if m.Channel == "" {
		return 0, nil // connection-level messages such as pusher:signin_success
	}
	return 0, s.print(m)
}

// subscribed reports a subscription on stderr, with the members of a
// presence channel.
func (s *socket) subscribed(m message) {
	var p struct {
		Presence *struct {
			IDs []string `json:"ids"`
		} `json:"presence"`
	}
	if m.decodeData(&p) == nil && p.Presence != nil {
		fmt.Fprintf(s.app.stderr, "pusher: subscribed to %s, members: %s\n", m.Channel, strings.Join(p.Presence.IDs, " "))
		return
	}
	fmt.Fprintf(s.app.stderr, "pusher: subscribed to %s\n", m.Channel)
}

// established records the socket id and subscribes to every channel.
func (s *socket) established(ctx context.Context, m message) (time.Duration, error) {
	var info struct {
		SocketID        string `json:"socket_id"`
		ActivityTimeout int    `json:"activity_timeout"`
	}
	if err := m.decodeData(&info); err != nil || info.SocketID == "" {
		return 0, errors.New("malformed pusher:connection_established")
	}
	s.socketID = info.SocketID
	fmt.Fprintf(s.app.stderr, "pusher: connected, socket id %s\n", s.socketID)
	for _, ch := range s.channels {
		if err := s.subscribe(ctx, ch); err != nil {
			return 0, err
		}
	}
	return time.Duration(info.ActivityTimeout) * time.Second, nil
}

// subscribe sends pusher:subscribe for ch, signed when ch needs it.
func (s *socket) subscribe(ctx context.Context, ch string) error {
	sub := struct {
		Channel     string `json:"channel"`
		Auth        string `json:"auth,omitempty"`
		ChannelData string `json:"channel_data,omitempty"`
	}{Channel: ch}
	switch {
	case strings.HasPrefix(ch, "presence-"):
		auth, err := s.client.AuthorizePresenceChannel(s.socketID, ch, s.member)
		if err != nil {
			return &fatalError{err}
		}
		sub.Auth, sub.ChannelData = auth.Auth, auth.ChannelData
	case strings.HasPrefix(ch, "private-"):
		auth, err := s.client.AuthorizeChannel(s.socketID, ch)
		if err != nil {
			return &fatalError{err}
		}
		sub.Auth = auth.Auth
	}
	return s.send(ctx, "pusher:subscribe", sub)
}

// send writes one protocol message.
func (s *socket) send(ctx context.Context, event string, data any) error {
	b, err := json.Marshal(struct {
		Event string `json:"event"`
		Data  any    `json:"data"`
	}{event, data})
	if err != nil {
		return err
	}
	writeCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return s.conn.Write(writeCtx, websocket.MessageText, b)
}

// pusherError is the error a pusher:error message reports; codes
// 4000-4099 mean "do not reconnect".
func pusherError(m message) error {
	var e struct {
		Message string `json:"message"`
		Code    int    `json:"code"`
	}
	_ = m.decodeData(&e)
	err := fmt.Errorf("server error %d: %s", e.Code, e.Message)
	if e.Code >= 4000 && e.Code <= 4099 {
		return &fatalError{err}
	}
	return err
}

// listenOutput is one event as listen --json prints it.
type listenOutput struct {
	Channel string `json:"channel"`
	Event   string `json:"event"`
	Data    string `json:"data"`
	UserID  string `json:"user_id,omitempty"`
}

// print writes one channel event, decrypted on an encrypted channel.
func (s *socket) print(m message) error {
	data := m.dataString()
	if domain.IsEncrypted(m.Channel) && !strings.HasPrefix(m.Event, "pusher_internal:") {
		plain, err := s.masterKey.Decrypt(m.Channel, []byte(data))
		if err != nil {
			fmt.Fprintf(s.app.stderr, "pusher: %s %s: cannot decrypt: %s\n", m.Channel, m.Event, oneLine(err))
			return nil
		}
		data = string(plain)
	}
	if s.app.json {
		return s.app.printJSON(listenOutput{m.Channel, m.Event, data, m.UserID})
	}
	_, err := fmt.Fprintf(s.app.stdout, "%s\t%s\t%s\n", m.Channel, m.Event, data)
	return err
}
