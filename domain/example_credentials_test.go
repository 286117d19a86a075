package domain_test

import (
	"fmt"

	"github.com/go-pusher/channels/domain"
)

func ExampleValidateAppKey() {
	for _, key := range []string{"278d425bdf160c739803", "app-key", "key:with-colon"} {
		fmt.Println(key, domain.ValidateAppKey(key) == nil)
	}
	// Output:
	// 278d425bdf160c739803 true
	// app-key true
	// key:with-colon false
}

func ExampleValidateAppSecret() {
	// A secret read from a file often ends in a newline, which would sign
	// nothing the service accepts.
	secret := "7ad3773142a6692b25b8\n"
	if err := domain.ValidateAppSecret(secret); err != nil {
		fmt.Println(err) // the error never quotes the secret
	}
	// Output:
	// pusher: invalid secret: contains a character that is not allowed (a control character or white space)
}
