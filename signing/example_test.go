package signing_test

import (
	"fmt"

	"github.com/go-pusher/channels/signing"
)

// The worked example of Pusher's HTTP API reference.
func ExampleSigner_AppendQuery() {
	s := signing.NewSigner("278d425bdf160c739803", "7ad3773142a6692b25b8")
	body := []byte(`{"name":"foo","channels":["project-3"],"data":"{\"some\":\"data\"}"}`)

	url := []byte("https://api-mt1.pusher.com/apps/3/events?")
	url = s.AppendQuery(url, "POST", "/apps/3/events", nil, body, 1353088179)
	fmt.Println(string(url))
	// Output:
	// https://api-mt1.pusher.com/apps/3/events?auth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f&auth_signature=da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c
}

func ExampleSigner_StringToSign() {
	s := signing.NewSigner("278d425bdf160c739803", "7ad3773142a6692b25b8")
	fmt.Printf("%q\n", s.StringToSign("GET", "/apps/3/channels", []signing.Param{
		{Key: "info", Value: "user_count"},
		{Key: "auth_key", Value: "278d425bdf160c739803"},
		{Key: "auth_timestamp", Value: "1353088179"},
		{Key: "auth_version", Value: "1.0"},
	}))
	// Output:
	// "GET\n/apps/3/channels\nauth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0&info=user_count"
}

func ExampleSigner_ChannelAuth() {
	s := signing.NewSigner("278d425bdf160c739803", "7ad3773142a6692b25b8")
	fmt.Println(s.ChannelAuth("1234.1234", "private-foobar"))
	// Output:
	// 278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4
}

func ExampleSigner_PresenceAuth() {
	s := signing.NewSigner("278d425bdf160c739803", "7ad3773142a6692b25b8")
	channelData := `{"user_id":10,"user_info":{"name":"Mr. Channels"}}`
	fmt.Println(s.PresenceAuth("1234.1234", "presence-foobar", channelData))
	// Output:
	// 278d425bdf160c739803:31935e7d86dba64c2a90aed31fdc61869f9b22ba9d8863bba239c03ca481bc80
}

func ExampleSigner_UserAuth() {
	s := signing.NewSigner("278d425bdf160c739803", "7ad3773142a6692b25b8")
	fmt.Println(s.UserAuth("1234.1234", `{"id":"12345"}`))
	// Output:
	// 278d425bdf160c739803:4708d583dada6a56435fb8bc611c77c359a31eebde13337c16ab43aa6de336ba
}

func ExampleSigner_WebhookSignature() {
	s := signing.NewSigner("key", "secret")
	body := []byte(`{"time_ms":1,"events":[]}`)
	fmt.Println(s.VerifyWebhook(body, s.WebhookSignature(body)))
	// Output:
	// true
}

func ExampleSigner_VerifyWebhook() {
	s := signing.NewSigner("key", "secret")
	body := []byte(`{"time_ms":1,"events":[]}`)
	sig := s.WebhookSignature(body)
	fmt.Println(s.VerifyWebhook(body, sig), s.VerifyWebhook([]byte(`{"time_ms":2,"events":[]}`), sig), s.VerifyWebhook(body, "not hex"))
	// Output:
	// true false false
}

func ExampleNewSigner() {
	s := signing.NewSigner("app-key", "app-secret")
	fmt.Println(s.Key(), s)
	// Output:
	// app-key signing.Signer{key: app-key, secret: [REDACTED]}
}
