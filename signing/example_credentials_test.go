package signing_test

import (
	"fmt"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/signing"
)

// NewSigner cannot refuse credentials: check them first, since a Signer
// built from a bad key or secret signs nothing.
func ExampleNewSigner_checkCredentials() {
	key, secret := "app-key", "app-secret\n" // read from a file, newline and all
	if err := domain.ValidateAppSecret(secret); err != nil {
		fmt.Println(err)
	}
	s := signing.NewSigner(key, secret)
	fmt.Printf("%q\n", s.ChannelAuth("1234.1234", "private-room"))
	// Output:
	// pusher: invalid secret: contains a character that is not allowed (a control character or white space)
	// ""
}
