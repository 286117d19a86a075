package domain_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/go-pusher/channels/domain"
)

func ExampleValidateChannelName() {
	for _, name := range []string{"private-room", "#server-to-user-10", "my room", ""} {
		err := domain.ValidateChannelName(name)
		switch {
		case err == nil:
			fmt.Printf("%q ok\n", name)
		case errors.Is(err, domain.ErrBadCharacter):
			fmt.Printf("%q has a bad character\n", name)
		case errors.Is(err, domain.ErrEmpty):
			fmt.Printf("%q is empty\n", name)
		}
	}
	// Output:
	// "private-room" ok
	// "#server-to-user-10" ok
	// "my room" has a bad character
	// "" is empty
}

func ExampleKindOf() {
	for _, name := range []string{"news", "private-room", "private-encrypted-room", "presence-room"} {
		kind := domain.KindOf(name)
		fmt.Printf("%s: %s, needs authorization: %v\n", name, kind, kind.NeedsAuthorization())
	}
	// Output:
	// news: public, needs authorization: false
	// private-room: private, needs authorization: true
	// private-encrypted-room: private-encrypted, needs authorization: true
	// presence-room: presence, needs authorization: true
}

func ExampleLimits_CheckChannelCount() {
	limits := domain.DefaultLimits()
	fmt.Println(limits.CheckChannelCount(100))

	err := limits.CheckChannelCount(101)
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Field, errors.Is(err, domain.ErrTooMany))
	}
	fmt.Println(err)
	// Output:
	// <nil>
	// channels true
	// pusher: invalid channels: too many (101 > 100 channels)
}

func ExampleUserChannel() {
	fmt.Println(domain.UserChannel("user-1"))
	// Output: #server-to-user-user-1
}

func ExampleValidateSocketID() {
	fmt.Println(domain.ValidateSocketID("1234.5678"))
	fmt.Println(domain.ValidateSocketID("1234.5678:private-other"))
	// Output:
	// <nil>
	// pusher: invalid socket_id "1234.5678:private-other": malformed (want digits "." digits)
}

func ExampleValidateEventName() {
	fmt.Println(domain.ValidateEventName("order-created"))
	fmt.Println(errors.Is(domain.ValidateEventName(""), domain.ErrEmpty))
	// Output:
	// <nil>
	// true
}

func ExampleValidateUserID() {
	err := domain.ValidateUserID("user:1")
	fmt.Println(errors.Is(err, domain.ErrInvalid), errors.Is(err, domain.ErrBadCharacter))
	// Output: true true
}

func ExampleValidateAppID() {
	fmt.Println(domain.ValidateAppID("123456"))
	fmt.Println(domain.ValidateAppID("app-id"))
	fmt.Println(domain.ValidateAppID("a/b"))
	// Output:
	// <nil>
	// <nil>
	// pusher: invalid app_id "a/b": malformed (allowed: a-z A-Z 0-9 - _ . ~)
}

func ExampleLimits_CheckDataSize() {
	limits := domain.DefaultLimits()
	fmt.Println(limits.CheckDataSize(10 * 1024))
	fmt.Println(limits.CheckDataSize(10*1024 + 1))

	dedicated := domain.Limits{MaxDataBytes: 1 << 20, MaxChannelsPerTrigger: 100, MaxEventsPerBatch: 10}
	fmt.Println(dedicated.Validate(), dedicated.CheckDataSize(10*1024+1))
	// Output:
	// <nil>
	// pusher: invalid data: too large (10241 > 10240 bytes)
	// <nil> <nil>
}

func ExampleLimits_CheckBatchSize() {
	fmt.Println(domain.DefaultLimits().CheckBatchSize(11))
	// Output: pusher: invalid batch: too many (11 > 10 events)
}

func ExampleMember() {
	m := domain.Member{UserID: "10", UserInfo: map[string]string{"name": "Ann"}}
	b, _ := json.Marshal(m)
	fmt.Println(string(b))
	b, _ = json.Marshal(domain.Member{UserID: "11"})
	fmt.Println(string(b))
	// Output:
	// {"user_id":"10","user_info":{"name":"Ann"}}
	// {"user_id":"11"}
}

func ExampleUser() {
	u := domain.User{ID: "10", Watchlist: []string{"11", "12"}}
	if err := u.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	b, _ := json.Marshal(u)
	fmt.Println(string(b))
	// Output: {"id":"10","watchlist":["11","12"]}
}

func ExampleWebhook() {
	body := []byte(`{"time_ms":1700000000000,"events":[
		{"name":"client_event","channel":"private-chat","event":"client-typing","data":"{\"on\":true}","socket_id":"1.2"}]}`)
	var wh domain.Webhook
	if err := json.Unmarshal(body, &wh); err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range wh.Events {
		fmt.Println(e.Name, e.Channel, e.Event, e.Data)
	}
	// Output: client_event private-chat client-typing {"on":true}
}

func ExampleIsPathSegment() {
	for _, s := range []string{"app-id", "123", "a/b", "..", "a b"} {
		fmt.Println(s, domain.IsPathSegment(s))
	}
	// Output:
	// app-id true
	// 123 true
	// a/b false
	// .. false
	// a b false
}
