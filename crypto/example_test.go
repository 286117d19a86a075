package crypto_test

import (
	"fmt"
	"log"

	"github.com/go-pusher/channels/crypto"
)

// exampleKey is a made-up master key; generate your own with
// `openssl rand -base64 32` and keep it out of source control.
const exampleKey = "zyrm8pvV2C9fJcBfhyXzvxbJVN/H7QLmbe0xJi1GhPU="

func ExampleParseMasterKey() {
	mk, err := crypto.ParseMasterKey(exampleKey)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(mk) // the key never prints
	// Output: crypto.MasterKey(REDACTED)
}

func ExampleEnvelopeLen() {
	// The data field of an encrypted event is larger than the plaintext: size
	// checks against the service's 10 KiB limit must use this figure.
	fmt.Println(crypto.EnvelopeLen(0), crypto.EnvelopeLen(1024))
	// Output: 84 1448
}

func ExampleMasterKey_SharedSecret() {
	mk, err := crypto.ParseMasterKey(exampleKey)
	if err != nil {
		log.Fatal(err)
	}
	// The shared_secret of the authorization response for this channel.
	fmt.Println(mk.SharedSecret("private-encrypted-bla"))
	// Output: nlr49ISQHz91yS3cy/yWmW8wFMNeTnNL5tNHnbPJcLQ=
}

func ExampleMasterKey_ChannelKey() {
	mk, err := crypto.ParseMasterKey(exampleKey)
	if err != nil {
		log.Fatal(err)
	}
	key := mk.ChannelKey("private-encrypted-bla")
	fmt.Printf("%x\n", key[:8])
	// Output: 9e5af8f484901f3f
}

func ExampleMasterKey_Encrypt() {
	mk, err := crypto.ParseMasterKey(exampleKey)
	if err != nil {
		log.Fatal(err)
	}
	// A nil random source means crypto/rand: every envelope gets a fresh nonce.
	envelope, err := mk.Encrypt("private-encrypted-orders", []byte(`{"id":42}`), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(envelope) == crypto.EnvelopeLen(len(`{"id":42}`)))
	// Output: true
}

func ExampleMasterKey_AppendEnvelope() {
	mk, err := crypto.ParseMasterKey(exampleKey)
	if err != nil {
		log.Fatal(err)
	}
	// Reuse one buffer across events: with enough capacity nothing is allocated.
	buf := make([]byte, 0, 4096)
	for _, msg := range []string{"first", "second"} {
		buf, err = mk.AppendEnvelope(buf[:0], "private-encrypted-chat", []byte(msg), nil)
		if err != nil {
			log.Fatal(err)
		}
		plain, err := mk.Decrypt("private-encrypted-chat", buf)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(string(plain))
	}
	// Output:
	// first
	// second
}

func ExampleMasterKey_Decrypt() {
	mk, err := crypto.ParseMasterKey(exampleKey)
	if err != nil {
		log.Fatal(err)
	}
	envelope := []byte(`{"nonce":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYX","ciphertext":"33oMbJp4jf9rt7Abv2Sc4QEidySHWH/MlDfFNmdv+bWcdikhl31YXp8="}`)
	plain, err := mk.Decrypt("private-encrypted-bla", envelope)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(plain))

	_, err = mk.Decrypt("private-encrypted-other", envelope)
	fmt.Println(err)
	// Output:
	// {"message":"hello world"}
	// crypto: cannot decrypt envelope: authentication failed: wrong key or channel, or a tampered envelope
}
